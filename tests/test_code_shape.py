"""Checks on the code itself that ruff and mypy do not make."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"


def _bound_twice(path: Path) -> list[str]:
    """Names a module binds more than once at its top level (a later constant hides an earlier one)."""
    names: Counter[str] = Counter()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    return sorted(n for n, k in names.items() if k > 1 and n != "__all__")


@pytest.mark.parametrize("path", sorted(KG.rglob("*.py")), ids=lambda p: str(p.relative_to(KG)))
def test_no_module_constant_is_bound_twice(path: Path) -> None:
    assert _bound_twice(path) == []


def test_the_check_sees_a_constant_bound_twice(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('WORDS = frozenset(["a"])\n\ndef f():\n    return WORDS\n\nWORDS = frozenset(["b"])\n')
    assert _bound_twice(module) == ["WORDS"]
