"""The notebooks in notebooks/: stored without outputs, and each runs from top to bottom.

Each notebook is executed with nbclient in a fresh kernel, from its own folder (as Jupyter and
VS Code run it). A check cell, appended here and not stored, then asserts that the answers the
notebook shows are not empty.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from nbclient import NotebookClient

NOTEBOOKS = ROOT / "notebooks"
CELL_TIMEOUT = 600  # seconds for one cell: the corpus build is the longest (about a minute)

# Run in the notebook's kernel after its last cell; the names are the notebook's own variables.
CHECKS = {
    "01-the-story.ipynb": """
assert len(actors) >= 5, actors
for name, df in [("timeline", timeline), ("roles", roles), ("contracts", contracts),
                 ("evidence", evidence), ("statements", statements), ("events", events)]:
    assert len(df) > 0, f"{name} is empty on the seeds"
assert neighbourhood.number_of_nodes() > 1
""",
    "02-a-corpus.ipynb": """
assert len(entities) > 0 and len(organisations) > 0 and len(people) > 0
assert len(pairs) > 0 and network.number_of_edges() > 0
if sources[0] != ROOT / "seeds":
    assert story.result.articles >= 100, story.result.articles
""",
}


def _notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def _run(nb: nbformat.NotebookNode, check: str) -> nbformat.NotebookNode:
    nb.cells.append(nbformat.v4.new_code_cell(check))
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    return client.execute()


def _text(nb: nbformat.NotebookNode) -> str:
    """Everything the notebook printed (stream outputs)."""
    return "".join(
        out.get("text", "") for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
    )


def test_every_notebook_has_its_checks() -> None:
    assert {p.name for p in _notebooks()} == set(CHECKS)


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    stored = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not stored, (
        f"{path.name}: cells {stored} have stored outputs or execution counts; clear them before "
        f"committing (Jupyter: Edit > Clear Outputs of All Cells; VS Code: Clear All Outputs)"
    )


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_notebook_runs(path: Path) -> None:
    nb = _run(nbformat.read(path, as_version=4), CHECKS.get(path.name, ""))
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors


def test_corpus_notebook_falls_back_to_the_seeds() -> None:
    nb = nbformat.read(NOTEBOOKS / "02-a-corpus.ipynb", as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell('REUTERS = Path("/nonexistent/reuters21578")'))
    ran = _run(nb, 'assert sources == [ROOT / "seeds"] and story.result.articles == 2')
    assert "builds seeds/ instead" in _text(ran)
