"""``kg eval``: score a built graph against gold annotations, through SPARQL.

The rules are those of the gold format's README: names compared after accent
and case folding, white-space collapsing and dropping a leading "the";
duplicates and forbidden strings are false positives; facts are scored by
recall, an event needing its family, date, participants and every source.

>>> norm("The  Pentágon")
'pentagon'
>>> within("2026-02-24", "2026-02"), within("2026", "2026-02")
(True, False)
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .queries import internal
from .store import GraphStore

TYPES = ("Person", "Organisation", "Place", "Product", "Law")
KINDS = ("role", "age", "product", "partner", "contract", "event", "statement")


def norm(name: object) -> str:
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.casefold().split())
    return text[4:] if text.startswith("the ") else text


def within(system: str | None, gold: object) -> bool:
    """A system date matches when it lies inside the gold period (and is not coarser)."""
    if system is None:
        return False
    g = str(gold)
    return len(system) >= len(g) and system.startswith(g)


@dataclass
class Gold:
    documents: dict[str, date]
    entities: list[dict[str, Any]]
    forbidden: list[str]
    facts: list[dict[str, Any]]

    @classmethod
    def load(cls, paths: Sequence[Path]) -> Gold:
        docs: dict[str, date] = {}
        ents: list[dict[str, Any]] = []
        forbidden: list[str] = []
        facts: list[dict[str, Any]] = []
        for p in paths:
            try:
                data = yaml.safe_load(Path(p).read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as e:
                raise InputError(
                    f"{p}: cannot read the gold file ({e}); give a YAML file in the gold format"
                ) from None
            for d in data.get("documents", []):
                value = d["date"]
                docs[str(d["id"])] = value if isinstance(value, date) else date.fromisoformat(str(value))
            ents += data.get("entities", []) or []
            forbidden += [str(f) for f in data.get("forbidden", []) or []]
            facts += data.get("facts", []) or []
        return cls(docs, ents, forbidden, facts)


@dataclass
class SystemEntity:
    iri: str
    label: str
    type: str
    aliases: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)

    @property
    def names(self) -> set[str]:
        return {norm(self.label)} | {norm(a) for a in self.aliases}


@dataclass
class Score:
    """Per-type entity counts, fact recall per kind, and the misses."""

    tp: dict[str, int]
    fp: dict[str, int]
    fn: dict[str, int]
    facts_found: dict[str, int]
    facts_total: dict[str, int]
    false_positives: list[str]
    missed_entities: list[str]
    missed_facts: list[str]

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def overall(self) -> tuple[float, float, float]:
        return self._prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    def fact_recall(self) -> float:
        total = sum(self.facts_total.values())
        return sum(self.facts_found.values()) / total if total else 0.0

    def report(self) -> str:
        lines = ["entities            P      R      F1    tp  fp  fn"]
        for t in TYPES:
            p, r, f = self._prf(self.tp[t], self.fp[t], self.fn[t])
            lines.append(
                f"  {t:<16} {p:6.3f} {r:6.3f} {f:6.3f} {self.tp[t]:4d} {self.fp[t]:3d} {self.fn[t]:3d}"
            )
        lines.append("facts (recall)")
        for k in KINDS:
            if self.facts_total[k]:
                lines.append(
                    f"  {k:<16} {self.facts_found[k] / self.facts_total[k]:6.3f}  {self.facts_found[k]}/{self.facts_total[k]}"
                )
        if self.missed_entities:
            lines.append("missed entities: " + "; ".join(self.missed_entities))
        if self.false_positives:
            lines.append("false positives: " + "; ".join(self.false_positives))
        for m in self.missed_facts:
            lines.append(f"missed fact: {m}")
        p, r, f = self.overall()
        lines.append(f"entity F1 {f:.3f} P {p:.3f} R {r:.3f} | facts recall {self.fact_recall():.3f}")
        return "\n".join(lines)


def system_entities(store: GraphStore) -> dict[str, SystemEntity]:
    out: dict[str, SystemEntity] = {}
    for node, label, kind, alias, article in store.select(internal("eval_entities")).rows:
        assert node is not None and label is not None and kind is not None
        e = out.setdefault(node, SystemEntity(node, label, kind))
        if alias:
            e.aliases.add(alias)
        if article:
            e.documents.add(article)
    return out


def score(store: GraphStore, gold: Gold) -> Score:
    """Score the graph in ``store`` against ``gold``."""
    ents = system_entities(store)
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    fps: list[str] = []
    forbidden = {norm(f) for f in gold.forbidden}
    gold_names = [
        ({norm(g["name"])} | {norm(a) for a in g.get("aliases", []) or []}, g) for g in gold.entities
    ]
    matched: set[int] = set()
    # Which system IRIs stand for each gold entity name (for the facts).
    stands_for: dict[str, set[str]] = defaultdict(set)
    for e in sorted(ents.values(), key=lambda e: (e.type, e.label)):
        if e.names & forbidden:
            fp[e.type] += 1
            fps.append(f"{e.label} ({e.type}, forbidden)")
            continue
        hit = None
        for i, (names, g) in enumerate(gold_names):
            if e.names & names and g["type"] == e.type:
                hit = i
                break
        if hit is None:
            fp[e.type] += 1
            fps.append(f"{e.label} ({e.type})")
            continue
        g = gold_names[hit][1]
        for n in gold_names[hit][0]:
            stands_for[n].add(e.iri)
        if g.get("optional"):
            continue
        if hit in matched:
            fp[e.type] += 1
            fps.append(f"{e.label} ({e.type}, duplicate of {g['name']})")
        else:
            matched.add(hit)
            tp[e.type] += 1
    missed = []
    for i, (_, g) in enumerate(gold_names):
        if not g.get("optional") and i not in matched:
            fn[g["type"]] += 1
            missed.append(f"{g['name']} ({g['type']})")
    # Names of gold facts that are not gold entities still resolve by label.
    for e in ents.values():
        for n in e.names:
            if n not in stands_for:
                stands_for.setdefault(f"label:{n}", set()).add(e.iri)

    def iris(name: object) -> set[str]:
        n = norm(name)
        for names, _g in gold_names:
            if n in names:
                return set().union(*(stands_for.get(x, set()) for x in names))
        return stands_for.get(f"label:{n}", set())

    facts = _system_facts(store)
    found: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    missed_facts: list[str] = []
    for f in gold.facts:
        kind = f.get("kind", "")
        total[kind] += 1
        if _answered(f, facts, iris):
            found[kind] += 1
        else:
            missed_facts.append(_describe(f))
    return Score(
        {t: tp[t] for t in TYPES},
        {t: fp[t] for t in TYPES},
        {t: fn[t] for t in TYPES},
        {k: found[k] for k in KINDS},
        {k: total[k] for k in KINDS},
        fps,
        missed,
        missed_facts,
    )


def _describe(f: dict[str, Any]) -> str:
    body = ", ".join(
        f"{k}={v}" for k, v in f.items() if k not in {"kind", "accept_participants", "accept_dates"}
    )
    return f"{f.get('kind')}: {body}"


def _system_facts(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    def grouped(query: str, multi: Iterable[str]) -> list[dict[str, Any]]:
        rows = store.select(internal(query))
        by: dict[str, dict[str, Any]] = {}
        for row in rows.rows:
            rec = dict(zip(rows.columns, row, strict=True))
            cur = by.setdefault(str(rec["fact"]), {k: (set() if k in multi else v) for k, v in rec.items()})
            for k in multi:
                if rec.get(k) is not None:
                    cur[k].add(rec[k])
        return list(by.values())

    return {
        "role": grouped("eval_roles", ()),
        "age": grouped("eval_ages", ()),
        "product": grouped("eval_products", ()),
        "partner": grouped("eval_partners", ("a", "b")),
        "contract": grouped("eval_contracts", ("party", "article")),
        "event": grouped("eval_events", ("participant", "article")),
        "statement": grouped("eval_statements", ("article",)),
    }


def _title_match(gold: str, system: str) -> bool:
    g = set(re.findall(r"\w+", norm(gold)))
    s = set(re.findall(r"\w+", norm(system))) - {"former", "ex"}
    return bool(g) and (g <= s or s <= g) and bool(s)


def _answered(f: dict[str, Any], facts: dict[str, list[dict[str, Any]]], iris: Any) -> bool:
    kind = f.get("kind")

    def accept(key: str) -> list[Any]:
        return [*(f.get(f"accept_{key}") or [])]

    if kind == "role":
        for r in facts["role"]:
            if r["person"] not in iris(f["person"]) or not _title_match(str(f["role"]), str(r["title"])):
                continue
            if f.get("organisation") and r.get("org") not in iris(f["organisation"]):
                continue
            if f.get("former") and r.get("former") != "true":
                continue
            return True
        return False
    if kind == "age":
        return any(
            r["person"] in iris(f["person"])
            and int(r["age"]) == int(f["age"])
            and (not f.get("as_of") or within(r["asOf"], f["as_of"]))
            for r in facts["age"]
        )
    if kind == "product":
        makers = iris(f["maker"]) | set().union(*(iris(x) for x in accept("makers")))
        return any(r["product"] in iris(f["product"]) and r["maker"] in makers for r in facts["product"])
    if kind == "partner":
        a, b = iris(f["a"]), iris(f["b"])
        return any((r["a"] & a and r["b"] & b) for r in facts["partner"])
    if kind == "contract":
        for r in facts["contract"]:
            if not all(
                r["party"] & (iris(p) | set().union(*(iris(x) for x in accept("parties"))))
                for p in f.get("parties", [])
            ):
                continue
            if f.get("value") is not None:
                values = [f["value"], *accept("values")]
                if r.get("value") is None or not any(
                    abs(float(r["value"]) - float(v)) <= 0.005 * float(v) for v in values
                ):
                    continue
                if f.get("currency") and r.get("currency") != f["currency"]:
                    continue
            if f.get("date") and not within(r.get("date"), f["date"]):
                continue
            if not set(map(str, f.get("sources", []))) <= r["article"]:
                continue
            return True
        return False
    if kind == "event":
        families = {f["type"], *(f.get("accept") or [])}
        dates = [f["date"], *accept("dates")] if f.get("date") else []
        alt = set().union(*(iris(x) for x in accept("participants")))
        for r in facts["event"]:
            if r["family"] not in families:
                continue
            if dates and not any(within(r.get("date"), d) for d in dates):
                continue
            if not all(r["participant"] & (iris(p) | alt) for p in f.get("participants", [])):
                continue
            if not set(map(str, f.get("sources", []))) <= r["article"]:
                continue
            return True
        return False
    if kind == "statement":
        for r in facts["statement"]:
            if r["speaker"] not in iris(f["speaker"]):
                continue
            if f.get("outlet") and r.get("outlet") not in iris(f["outlet"]):
                continue
            if not set(map(str, f.get("sources", []))) <= r["article"]:
                continue
            return True
        return False
    return False


def find_documents(gold: Gold, corpora: Sequence[Path]) -> list[Path]:
    """The article file of every gold document, searched by id in the corpus folders."""
    wanted = set(gold.documents)
    found: dict[str, Path] = {}
    for folder in corpora:
        if not Path(folder).is_dir():
            raise InputError(f"{folder}: no such corpus folder; pass --corpus DIR with the gold documents")
        for p in sorted(Path(folder).rglob("*")):
            if p.is_file() and p.stem in wanted and p.stem not in found:
                found[p.stem] = p
    missing = sorted(wanted - set(found))
    if missing:
        raise InputError(
            f"gold documents not found: {', '.join(missing[:10])}; pass the folder that holds them with --corpus DIR"
        )
    return [found[d] for d in sorted(found)]


def evaluate(
    gold_files: Sequence[Path], corpora: Sequence[Path], workdir: Path | None = None
) -> tuple[Score, GraphStore]:
    """Build the gold documents into a temporary folder and score the graph."""
    from .pipeline import build

    gold = Gold.load(gold_files)
    docs = find_documents(gold, corpora)
    out = workdir or Path(tempfile.mkdtemp(prefix="kg-eval-"))
    build(docs, out, dates=gold.documents, page=False)
    store = GraphStore.open(out / "store")
    return score(store, gold), store


def to_json(store: GraphStore) -> dict[str, Any]:
    """The graph in the gold format's terms, for ``--json``."""
    ents = system_entities(store)
    names = {e.iri: e.label for e in ents.values()}
    facts = _system_facts(store)
    out_facts: list[dict[str, Any]] = []
    for r in facts["role"]:
        out_facts.append(
            {
                "kind": "role",
                "person": names.get(r["person"]),
                "role": r["title"],
                "organisation": names.get(r.get("org") or ""),
                "former": r["former"] == "true",
            }
        )
    for r in facts["age"]:
        out_facts.append(
            {"kind": "age", "person": names.get(r["person"]), "age": int(r["age"]), "as_of": r["asOf"]}
        )
    for r in facts["product"]:
        out_facts.append(
            {"kind": "product", "product": names.get(r["product"]), "maker": names.get(r["maker"])}
        )
    for r in facts["partner"]:
        a, b = sorted(names.get(x, x) for x in r["a"] | r["b"])[:2]
        out_facts.append({"kind": "partner", "a": a, "b": b})
    for r in facts["contract"]:
        out_facts.append(
            {
                "kind": "contract",
                "parties": sorted(names.get(p, p) for p in r["party"]),
                "value": float(r["value"]) if r.get("value") else None,
                "currency": r.get("currency"),
                "date": r.get("date"),
                "sources": sorted(r["article"]),
            }
        )
    for r in facts["event"]:
        out_facts.append(
            {
                "kind": "event",
                "type": r["family"],
                "date": r.get("date"),
                "participants": sorted(names.get(p, p) for p in r["participant"]),
                "sources": sorted(r["article"]),
            }
        )
    for r in facts["statement"]:
        out_facts.append(
            {
                "kind": "statement",
                "speaker": names.get(r["speaker"]),
                "outlet": names.get(r.get("outlet") or ""),
                "sources": sorted(r["article"]),
            }
        )
    return {
        "entities": [
            {"label": e.label, "aliases": sorted(e.aliases), "type": e.type, "documents": sorted(e.documents)}
            for e in sorted(ents.values(), key=lambda e: (e.type, e.label))
        ],
        "facts": out_facts,
    }
