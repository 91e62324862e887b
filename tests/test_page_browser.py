"""The graph page in a real browser: Debian's headless Chromium driven by Playwright.

Skipped only when /usr/bin/chromium is absent (CI installs it). Playwright's own browser
download is never used.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.page import notebook_html, write_page, write_timeline

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]

XSS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "javascript:window.__xss=1",
    "</script><script>window.__xss=1</script>",
    "\"'><svg onload=window.__xss=1>",
]


def ev(sentence: str, article: str = "a1.txt", day: str = "2024-03-05") -> dict[str, str]:
    return {"sentence": sentence, "article": article, "date": day}


def story_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    people = [("ada", "Ada Quill", "Person"), ("fen", "Fennel Works", "Organisation"),
              ("bri", "Brill & Sons", "Organisation"), ("har", "Harbourtown", "Place"),
              ("ket", "Kettle Nine", "Product"), ("act", "Kettle Safety Act", "Law")]  # fmt: skip
    for key, label, kind in people:
        g.add_node(f"urn:kg:{key}", label=label, kind=kind, mentions=3, date="2024-01-02", family=None,
                   evidence=[ev(f"{label} was in the news.")])  # fmt: skip
    g.add_node("urn:kg:e1", label="Fennel Works signs deal", kind="Event", mentions=1, date="2024-03-05",
               family="Cooperate", evidence=[ev("Fennel Works signed a deal with Brill & Sons.")])  # fmt: skip
    g.add_node("urn:kg:e2", label="Strike in Harbourtown", kind="Event", mentions=1, date="2023",
               family="Protest", evidence=[])  # fmt: skip
    g.add_edge("urn:kg:ada", "urn:kg:fen", label="CEO", evidence=[ev("Ada Quill runs Fennel Works.")])
    g.add_edge("urn:kg:fen", "urn:kg:ket", label="makes", evidence=[])
    g.add_edge("urn:kg:act", "urn:kg:ket", label="regulates", evidence=[])
    for event, who in [("e1", "fen"), ("e1", "bri"), ("e2", "har"), ("e2", "bri")]:
        g.add_edge(f"urn:kg:{event}", f"urn:kg:{who}", label="participant", evidence=[])
    return g


def xss_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i, text in enumerate(XSS):
        g.add_node(f"urn:kg:x{i}", label=text, kind="Event" if i % 2 else "Person", mentions=2, date=text,
                   family=text, evidence=[{"sentence": text, "article": text, "date": text}])  # fmt: skip
    for i in range(len(XSS) - 1):
        g.add_edge(
            f"urn:kg:x{i}", f"urn:kg:x{i + 1}", label=XSS[i], evidence=[ev(XSS[i + 1], XSS[i], XSS[i])]
        )
    return g


def ring_graph(n: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(f"urn:kg:n{i}", label=f"Member {i}", kind="Person", mentions=1, evidence=[], date=None)
    for i in range(n):
        g.add_edge(f"urn:kg:n{i}", f"urn:kg:n{(i + 1) % n}", label="knows", evidence=[])
        g.add_edge(f"urn:kg:n{i}", f"urn:kg:n{(i * 7 + 3) % n}", label="partner", evidence=[])
    return g


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # launch() (not launch_persistent_context) runs on a fresh temporary profile every time.
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Opened:
    """A page with its console errors, uncaught exceptions, dialogs and outside requests."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: None if r.url.startswith("file:") else self.requests.append(r.url))
        self.page.goto(path.resolve().as_uri())

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def wait_drawn(self) -> None:
        self.page.wait_for_function("() => window.network !== undefined && window.kgDrawn === true")

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Where a node is on the screen (page coordinates)."""
        return self.page.evaluate(
            """(id) => {
                const p = network.canvasToDOM(network.getPosition(id));
                const box = document.getElementById('kg-network').getBoundingClientRect();
                return [box.left + p.x, box.top + p.y];
            }""",
            node_id,
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser: Any) -> Iterator[Any]:
    pages: list[Opened] = []

    def open_(path: Path) -> Opened:
        pages.append(Opened(browser, path))
        return pages[-1]

    yield open_
    for p in pages:
        p.close()


def test_page_draws_offline_without_errors(opened: Any, tmp_path: Path) -> None:
    g = story_graph()
    page = opened(write_page(g, tmp_path / "g.html", title="Story", subtitle="from 3 made-up articles"))
    page.wait_drawn()
    assert page.page.evaluate("network.body.data.nodes.length") == g.number_of_nodes()
    assert page.page.evaluate("network.body.data.edges.length") == g.number_of_edges()
    assert page.page.title() == "Story"
    shot = tmp_path / "story.png"
    page.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert page.errors == []
    assert page.requests == []  # nothing fetched from outside the file


def test_search_box_selects_the_node(opened: Any, tmp_path: Path) -> None:
    page = opened(write_page(story_graph(), tmp_path / "g.html", title="T", subtitle="S"))
    page.wait_drawn()
    page.page.fill("#kg-search", "Brill & Sons")
    page.page.press("#kg-search", "Enter")
    assert page.page.evaluate("network.getSelectedNodes()") == ["urn:kg:bri"]
    assert "Brill & Sons" in page.page.inner_text("#kg-details")
    page.page.fill("#kg-search", "kettle safe")  # part of a name, any case
    page.page.press("#kg-search", "Enter")
    assert page.page.evaluate("network.getSelectedNodes()") == ["urn:kg:act"]
    page.page.fill("#kg-search", "nobody at all")
    page.page.press("#kg-search", "Enter")
    assert page.page.inner_text("#kg-search-status") == "No node matches."
    assert page.errors == []


def test_tooltip_shows_evidence_as_text(opened: Any, tmp_path: Path) -> None:
    page = opened(write_page(story_graph(), tmp_path / "g.html", title="T", subtitle="S"))
    page.wait_drawn()
    x, y = page.node_point("urn:kg:ada")
    page.page.mouse.move(x - 40, y - 40)
    page.page.mouse.move(x, y)
    page.page.wait_for_selector("#kg-tip:not([hidden])")
    tip = page.page.inner_text("#kg-tip")
    assert "Ada Quill" in tip and "Ada Quill was in the news." in tip and "a1.txt, 2024-03-05" in tip
    assert page.errors == []


def test_filters_by_kind_and_date(opened: Any, tmp_path: Path) -> None:
    page = opened(write_page(story_graph(), tmp_path / "g.html", title="T", subtitle="S"))
    page.wait_drawn()
    hidden = "() => network.body.data.nodes.get({filter: n => n.hidden}).map(n => n.id).sort()"
    page.page.uncheck('#kg-legend input[data-kind="Organisation"]')
    assert page.page.evaluate(hidden) == ["urn:kg:bri", "urn:kg:fen"]
    assert page.page.evaluate("network.body.data.edges.get({filter: e => e.hidden}).length") == 5
    page.page.click("#kg-reset")
    assert page.page.evaluate(hidden) == []
    page.page.fill("#kg-from", "2024-03-01")
    page.page.dispatch_event("#kg-from", "change")
    # only the event of 5 March 2024 is on or after 1 March 2024; the 2023 strike is not
    assert "urn:kg:e1" not in page.page.evaluate(hidden)
    assert "urn:kg:e2" in page.page.evaluate(hidden) and "urn:kg:ada" in page.page.evaluate(hidden)
    assert page.errors == []


def test_hostile_strings_never_run(opened: Any, tmp_path: Path) -> None:
    g = xss_graph()
    page = opened(write_page(g, tmp_path / "x.html", title=XSS[0], subtitle=XSS[1]))
    page.wait_drawn()
    for node in sorted(g.nodes):
        x, y = page.node_point(node)
        page.page.mouse.move(x - 30, y - 30)
        page.page.mouse.move(x, y)  # tooltip
        page.page.wait_for_selector("#kg-tip:not([hidden])")
        page.page.mouse.click(x, y)  # details panel
    page.page.evaluate("network.selectEdges(network.body.data.edges.getIds())")
    for text in XSS:  # search for every hostile name: the datalist and the details
        page.page.fill("#kg-search", text)
        page.page.press("#kg-search", "Enter")
    page.page.wait_for_timeout(300)
    assert page.page.evaluate("window.__xss") is None
    assert page.dialogs == []
    # it is all there, as text
    assert XSS[-1] in page.page.inner_text("#kg-details")  # the last one searched for
    assert page.page.inner_text("h1") == XSS[0]
    assert page.page.evaluate("document.querySelectorAll('img, svg[onload], #kg-details script').length") == 0
    assert page.errors == []
    assert page.requests == []


def test_big_graph_draws_with_layout_from_python(opened: Any, tmp_path: Path) -> None:
    g = ring_graph(600)
    path = write_page(g, tmp_path / "big.html", title="Ring", subtitle="600 nodes", max_nodes=500)
    page = opened(path)
    page.wait_drawn()
    assert page.page.evaluate("network.body.data.nodes.length") == 500
    assert page.page.evaluate("network.physics.options.enabled") is False
    assert "100 nodes and" in page.page.inner_text("#kg-note")
    page.page.fill("#kg-search", "Member 17")
    page.page.press("#kg-search", "Enter")
    selected = page.page.evaluate("network.getSelectedNodes()")
    assert len(selected) == 1 and selected[0].startswith("urn:kg:n")
    page.page.screenshot(path=str(tmp_path / "big.png"))
    assert (tmp_path / "big.png").stat().st_size > 10_000
    assert page.errors == []


def test_timeline_renders(opened: Any, tmp_path: Path) -> None:
    g = story_graph()
    g.add_nodes_from(xss_graph().nodes(data=True))
    page = opened(write_timeline(g, tmp_path / "t.html", title="Story timeline"))
    page.page.wait_for_load_state("load")
    titles = page.page.locator("li.event h2").all_inner_texts()
    assert titles[:2] == ["Strike in HarbourtownProtest", "Fennel Works signs dealCooperate"]
    assert page.page.locator("svg.axis a").count() == 2
    page.page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)
    assert (tmp_path / "timeline.png").stat().st_size > 5_000
    assert page.page.evaluate("window.__xss") is None
    assert page.errors == [] and page.requests == []


def test_notebook_iframe_renders(opened: Any, tmp_path: Path) -> None:
    g = story_graph()
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><html><body>{notebook_html(g, height='500px')}</body></html>", "utf-8")
    page = opened(host)
    frame = page.page.frame_locator("iframe")
    frame.locator("#kg-network canvas").wait_for()
    inner = page.page.frames[1]
    inner.wait_for_function("() => window.kgDrawn === true")
    assert inner.evaluate("network.body.data.nodes.length") == g.number_of_nodes()
    assert page.errors == []
