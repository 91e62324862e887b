"""The graph page, the timeline and the notebook view (kg.page), on small hand-made graphs."""

from __future__ import annotations

import html
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from kg import page
from kg.page import notebook_html, write_page, write_timeline

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "\"'><svg onload=alert(1)>",
    "</script><script>alert(2)</script>",
    "line\u2028separator",
]


def ev(sentence: str, article: str = "a1.txt", day: str = "2024-03-05") -> dict[str, str]:
    return {"sentence": sentence, "article": article, "date": day}


def story_graph() -> nx.MultiDiGraph:
    """A made-up story: a person, two organisations, a place and three events."""
    g = nx.MultiDiGraph()
    g.add_node(
        "urn:kg:p/ada",
        label="Ada Quill",
        kind="Person",
        mentions=5,
        date="2024-01-02",
        evidence=[ev("Ada Quill runs Fennel Works.")],
        family=None,
    )
    g.add_node(
        "urn:kg:o/fennel",
        label="Fennel Works",
        kind="Organisation",
        mentions=3,
        date="2024-01-02",
        evidence=[ev("Fennel Works makes kettles.")],
        family=None,
    )
    g.add_node(
        "urn:kg:o/brill",
        label="Brill & Sons",
        kind="Organisation",
        mentions=2,
        date="2024-02-10",
        evidence=[],
        family=None,
    )
    g.add_node(
        "urn:kg:pl/harbour",
        label="Harbourtown",
        kind="Place",
        mentions=1,
        date=None,
        evidence=[],
        family=None,
    )
    g.add_node(
        "urn:kg:e/1",
        label="Fennel Works signs deal",
        kind="Event",
        mentions=1,
        date="2024-03-05",
        family="Cooperate",
        evidence=[ev("Fennel Works signed a deal with Brill & Sons.")],
    )
    g.add_node(
        "urn:kg:e/2",
        label="Ada Quill visits Harbourtown",
        kind="Event",
        mentions=1,
        date="2024-03",
        family="Consult",
        evidence=[],
    )
    g.add_node(
        "urn:kg:e/3",
        label="Strike at Brill & Sons",
        kind="Event",
        mentions=1,
        date="2023",
        family="Protest",
        evidence=[],
    )
    g.add_edge("urn:kg:p/ada", "urn:kg:o/fennel", label="CEO", evidence=[ev("Ada Quill runs Fennel Works.")])
    g.add_edge("urn:kg:o/fennel", "urn:kg:o/brill", label="contract", evidence=[])
    g.add_edge("urn:kg:o/fennel", "urn:kg:o/brill", label="partner", evidence=[])
    for event, who in [
        ("urn:kg:e/1", "urn:kg:o/fennel"),
        ("urn:kg:e/1", "urn:kg:o/brill"),
        ("urn:kg:e/2", "urn:kg:p/ada"),
        ("urn:kg:e/2", "urn:kg:pl/harbour"),
        ("urn:kg:e/3", "urn:kg:o/brill"),
    ]:
        g.add_edge(event, who, label="participant", evidence=[])
    return g


def hostile_graph() -> nx.MultiDiGraph:
    """Every label, evidence field and family is an attack string."""
    g = nx.MultiDiGraph()
    for i, text in enumerate(HOSTILE):
        kind = "Event" if i % 2 else "Person"
        g.add_node(
            f"urn:kg:x/{i}",
            label=text,
            kind=kind,
            mentions=1,
            date="2024-05-0" + str(i + 1),
            family=text if kind == "Event" else None,
            evidence=[{"sentence": text, "article": text, "date": text}],
        )
    for i in range(len(HOSTILE) - 1):
        g.add_edge(
            f"urn:kg:x/{i}", f"urn:kg:x/{i + 1}", label=HOSTILE[i], evidence=[ev(HOSTILE[i + 1], HOSTILE[i])]
        )
    return g


def chain_graph(n: int, *, events_every: int = 0) -> nx.MultiDiGraph:
    """n people in a ring with a few hubs; every ``events_every``-th node is an event."""
    g = nx.MultiDiGraph()
    for i in range(n):
        kind = "Event" if events_every and i % events_every == 0 else "Person"
        g.add_node(
            f"urn:kg:n/{i:05d}",
            label=f"Node {i}",
            kind=kind,
            mentions=1 + i % 7,
            evidence=[],
            date=f"2024-{1 + i % 12:02d}",
            family="Consult" if kind == "Event" else None,
        )
    for i in range(n):
        g.add_edge(f"urn:kg:n/{i:05d}", f"urn:kg:n/{(i + 1) % n:05d}", label="knows", evidence=[])
        if i % 5 == 0:
            g.add_edge(f"urn:kg:n/{i:05d}", f"urn:kg:n/{(i * 7 + 3) % n:05d}", label="partner", evidence=[])
    return g


def data_island(text: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    assert match, "no data island"
    return json.loads(match.group(1))


class _Attributes(HTMLParser):
    """Collects every src/href/action/srcset attribute value of every element, and the tags
    (as a browser sees them: script text is not parsed for tags)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in {"src", "href", "action", "srcset", "data", "poster", "xlink:href"}:
                self.links.append((tag, name, value or ""))


def assert_self_contained(text: str) -> None:
    parser = _Attributes()
    parser.feed(text)
    outside = [link for link in parser.links if not link[2].startswith("#")]
    assert outside == [], f"links out of the page: {outside}"
    # Also in script/style text, where the parser does not look.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"@import", text, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"<(?:link|iframe|object|embed)\b", text, re.I)


# --------------------------------------------------------------------------------------------
# The page


def test_page_is_self_contained(tmp_path: Path) -> None:
    text = write_page(story_graph(), tmp_path / "g.html", title="Story", subtitle="made up").read_text(
        "utf-8"
    )
    assert_self_contained(text)
    assert "default-src 'none'" in text  # the CSP forbids loading anything else, too
    assert "<title>Story</title>" in text and "made up" in text
    parser = _Attributes()
    parser.feed(text)
    assert parser.tags.count("script") == 3  # the data island, vis-network, our code


def test_page_data_matches_graph(tmp_path: Path) -> None:
    g = story_graph()
    data = data_island(write_page(g, tmp_path / "g.html", title="T", subtitle="S").read_text("utf-8"))
    assert len(data["nodes"]) == g.number_of_nodes()
    assert len(data["edges"]) == g.number_of_edges()
    assert {e["label"] for e in data["edges"]} == {"CEO", "contract", "partner", "participant"}
    by_id = {n["id"]: (n, info) for n, info in zip(data["nodes"], data["nodeInfo"], strict=True)}
    ada, ada_info = by_id["urn:kg:p/ada"]
    assert ada["shape"] == "dot" and ada["group"] == "Person"
    assert by_id["urn:kg:e/1"][0]["shape"] == "star"
    assert ada["size"] > by_id["urn:kg:pl/harbour"][0]["size"]  # size grows with mentions
    assert ada_info["ev"] == [["Ada Quill runs Fennel Works.", "a1.txt", "2024-03-05"]]
    assert by_id["urn:kg:e/2"][1]["span"] == ["2024-03-01", "2024-03-31"]
    assert by_id["urn:kg:e/3"][1]["span"] == ["2023-01-01", "2023-12-31"]
    assert data["physics"] is True  # small graphs keep vis-network's physics
    # the two parallel edges do not draw on top of each other
    parallel = [e for e in data["edges"] if e["label"] in {"contract", "partner"}]
    assert sum("smooth" in e for e in parallel) == 1


def test_legend_lists_the_kinds_present(tmp_path: Path) -> None:
    text = write_page(story_graph(), tmp_path / "g.html", title="T", subtitle="S").read_text("utf-8")
    legend = re.findall(r'data-kind="([^"]+)"', text)
    assert legend == ["Person", "Organisation", "Place", "Event"]
    g = nx.MultiDiGraph()
    g.add_node("urn:a", label="A", kind="Law", mentions=1, evidence=[])
    g.add_node("urn:b", label="B", kind="Weird<kind>", mentions=1, evidence=[])
    text = write_page(g, tmp_path / "h.html", title="T", subtitle="S").read_text("utf-8")
    assert re.findall(r'data-kind="([^"]+)"', text) == ["Law", "Other"]


def test_hostile_strings_are_escaped_everywhere(tmp_path: Path) -> None:
    g = hostile_graph()
    title = subtitle = "<script>alert('t')</script><img src=x onerror=alert(1)>"
    text = write_page(g, tmp_path / "g.html", title=title, subtitle=subtitle).read_text("utf-8")
    for raw in [*HOSTILE, title]:
        if raw.startswith("javascript:") or "\u2028" in raw:
            continue  # not markup; checked below
        assert raw not in text
    assert "<script>alert" not in text
    assert "<img src=x" not in text and "<svg onload" not in text
    assert "\u2028" not in text  # a raw U+2028 would end a line inside JavaScript
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;" in text  # title/subtitle as text
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in text  # data as JSON escapes
    parser = _Attributes()
    parser.feed(text)
    assert not [link for link in parser.links if "javascript" in link[2].lower()]
    # only the three script elements of the page itself, and no other element from the data
    assert parser.tags.count("script") == 3
    assert "img" not in parser.tags
    assert parser.tags.count("svg") == 2  # the legend's icons for Person and Event
    data = data_island(text)
    assert {info["label"] for info in data["nodeInfo"]} == {" ".join(h.split()) for h in HOSTILE}


def test_hostile_strings_are_escaped_in_the_timeline(tmp_path: Path) -> None:
    text = write_timeline(hostile_graph(), tmp_path / "t.html", title="<b>T</b>").read_text("utf-8")
    assert_self_contained(text)
    assert "<script" not in text  # the timeline has no script at all
    for raw in HOSTILE:
        if not raw.startswith("javascript:") and "\u2028" not in raw:
            assert raw not in text
    assert "<img src=x" not in text and "<svg onload" not in text and "<b>T</b>" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_output_is_deterministic(tmp_path: Path) -> None:
    small = story_graph()
    a = write_page(small, tmp_path / "a.html", title="T", subtitle="S").read_bytes()
    b = write_page(story_graph(), tmp_path / "b.html", title="T", subtitle="S").read_bytes()
    assert a == b
    big = chain_graph(400, events_every=9)  # above the physics limit: laid out in Python
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(big.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(big.edges(keys=True, data=True))))
    c = write_page(big, tmp_path / "c.html", title="T", subtitle="S").read_bytes()
    d = write_page(shuffled, tmp_path / "d.html", title="T", subtitle="S").read_bytes()
    assert c == d
    assert (
        write_timeline(small, tmp_path / "t1.html", title="T").read_bytes()
        == write_timeline(story_graph(), tmp_path / "t2.html", title="T").read_bytes()
    )


def test_big_graphs_are_laid_out_in_python_with_physics_off(tmp_path: Path) -> None:
    g = chain_graph(400, events_every=9)
    g.add_node("urn:kg:lonely", label="Lonely", kind="Place", mentions=1, evidence=[])
    data = data_island(write_page(g, tmp_path / "g.html", title="T", subtitle="S").read_text("utf-8"))
    assert data["physics"] is False
    assert data["options"]["physics"] == {"enabled": False}
    points = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(points) == len(data["nodes"])  # nobody sits on anybody else
    lonely = next(n for n in data["nodes"] if n["id"] == "urn:kg:lonely")
    assert lonely["y"] > max(n["y"] for n in data["nodes"] if n["id"] != "urn:kg:lonely") - 1  # packed below


def test_max_nodes_keeps_the_most_connected_part(tmp_path: Path) -> None:
    g = chain_graph(60, events_every=4)
    hub = "urn:kg:n/00001"
    for i in range(10, 30):
        g.add_edge(hub, f"urn:kg:n/{i:05d}", label="knows", evidence=[])
    text = write_page(g, tmp_path / "g.html", title="T", subtitle="S", max_nodes=20).read_text("utf-8")
    data = data_island(text)
    kept = {n["id"] for n in data["nodes"]}
    assert len(kept) == 20 and hub in kept
    assert nx.is_weakly_connected(g.subgraph(kept))  # one connected part, not scattered hubs
    edges_kept = sum(1 for u, v in g.edges() if u in kept and v in kept)
    assert len(data["edges"]) == edges_kept
    message = (
        f"Showing the 20 most connected of 60 nodes: 40 nodes and "
        f"{g.number_of_edges() - edges_kept} edges left out."
    )
    assert message in text
    for node in kept:  # no event is drawn without any of its participants
        if g.nodes[node]["kind"] == "Event":
            assert set(nx.all_neighbors(g, node)) & kept
    with pytest.raises(ValueError, match="max_nodes"):
        write_page(g, tmp_path / "x.html", title="T", subtitle="S", max_nodes=0)


def test_untruncated_page_has_no_left_out_message(tmp_path: Path) -> None:
    text = write_page(story_graph(), tmp_path / "g.html", title="T", subtitle="S").read_text("utf-8")
    assert "left out" not in text


def test_evidence_is_capped_but_counted(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_node(
        "urn:a",
        label="A",
        kind="Person",
        mentions=2,
        evidence=[ev(f"Sentence {i}.") for i in range(20)] + ["not a dict", None],
    )
    g.add_node("urn:b", label=None, kind=None, mentions="many", evidence="nonsense", date="2024-02-30")
    data = data_island(write_page(g, tmp_path / "g.html", title="T", subtitle="S").read_text("utf-8"))
    info = dict(zip((n["id"] for n in data["nodes"]), data["nodeInfo"], strict=True))
    assert len(info["urn:a"]["ev"]) == page._MAX_EVIDENCE and info["urn:a"]["evn"] == 20
    assert info["urn:b"] == {
        "label": "b",
        "kind": "Other",
        "mentions": 1,
        "date": "2024-02-30",
        "span": None,
        "family": "",
        "ev": [],
        "evn": 0,
    }


def test_script_json_cannot_close_its_element() -> None:
    text = page._script_json({"a": "</script><!-- \u2028 \u2029 & >"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028 \u2029 & >"}


# --------------------------------------------------------------------------------------------
# The timeline


def test_timeline_lists_events_in_date_order(tmp_path: Path) -> None:
    g = story_graph()
    g.add_node(
        "urn:kg:e/4",
        label="Undated meeting",
        kind="Event",
        mentions=1,
        date=None,
        evidence=[],
        family="Consult",
    )
    g.add_node(
        "urn:kg:e/5",
        label="Mid-January talks",
        kind="Event",
        mentions=1,
        date="2024-01-15",
        evidence=[],
        family="Consult",
    )
    text = write_timeline(g, tmp_path / "t.html", title="Story").read_text("utf-8")
    assert_self_contained(text)
    order = [html.unescape(t) for t in re.findall(r"<h2>(.*?)<", text)]
    assert order == [
        "Strike at Brill & Sons",  # 2023
        "Mid-January talks",  # 2024-01-15
        "Ada Quill visits Harbourtown",  # 2024-03 (the month starts before the 5th)
        "Fennel Works signs deal",  # 2024-03-05
        "Undated meeting",
    ]
    assert re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', text) == [
        ("2023", "2023"),
        ("2024-01-15", "15 January 2024"),
        ("2024-03", "March 2024"),
        ("2024-03-05", "5 March 2024"),
    ]
    assert "Ada Quill visits Harbourtown" in text and 'Harbourtown <span class="kind">Place' in text
    assert "Cooperate" in text and "Protest" in text
    assert "5 events, from 2023 to 5 March 2024; 1 without a date." in text
    assert text.count('<a href="#ev-') == 4  # one mark per dated event on the axis
    assert "<rect x=" in text and "<circle cx=" in text  # ranges for year/month, dots for days


def test_timeline_without_events(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_node("urn:p", label="P", kind="Person", mentions=1, evidence=[])
    text = write_timeline(g, tmp_path / "t.html", title="Empty").read_text("utf-8")
    assert "The graph has no events." in text


def test_parse_date_precision() -> None:
    assert page._date_span("2024") == ("2024-01-01", "2024-12-31", "year")
    assert page._date_span("2024-02") == ("2024-02-01", "2024-02-29", "month")
    assert page._date_span("2024-12") == ("2024-12-01", "2024-12-31", "month")
    assert page._date_span("2024-02-03") == ("2024-02-03", "2024-02-03", "day")
    for bad in ("2024-13", "2024-02-30", "yesterday", "", None, 2024):
        assert page._date_span(bad) is None


# --------------------------------------------------------------------------------------------
# Notebook view and file writing


def test_notebook_html_is_an_inert_iframe() -> None:
    out = notebook_html(hostile_graph(), height="420px")
    assert out.startswith('<iframe srcdoc="') and out.endswith("</iframe>")
    assert 'sandbox="allow-scripts"' in out and "height:420px" in out
    assert "<script" not in out  # all of the page is inside the attribute, escaped
    inner = html.unescape(re.search(r'srcdoc="([^"]*)"', out).group(1))
    assert inner.startswith("<!DOCTYPE html>") and "kg-compact" in inner
    assert_self_contained(inner)
    assert len(data_island(inner)["nodes"]) == len(HOSTILE)
    with pytest.raises(ValueError, match="height"):
        notebook_html(hostile_graph(), height='1px;"><script>')


def test_writes_are_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out" / "g.html"
    write_page(story_graph(), target, title="First", subtitle="S")
    assert oct(target.stat().st_mode & 0o777) == "0o644"
    before = target.read_bytes()

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_page(story_graph(), target, title="Second", subtitle="S")
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["g.html"]  # no temp file left
