"""The interactive graph page, the event timeline and the notebook view, as self-contained HTML.

The graph is drawn with pyvis 0.3.2 and the vis-network build that ships inside it; everything
(JavaScript, CSS, data) is inlined so the files work offline and from ``file://``. Every string
that came from an article is escaped: HTML text by Jinja's autoescape, the data as JSON inside a
``<script type="application/json">`` island with ``<``, ``>``, ``&`` and U+2028/9 escaped, and
the tooltips are built in the browser with ``textContent`` only.

>>> import tempfile, networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("urn:p", label="Ada <b>", kind="Person", mentions=3, evidence=[], date="2024")
>>> g.add_node("urn:o", label="Acme", kind="Organisation", mentions=1, evidence=[], date=None)
>>> g.add_edge("urn:p", "urn:o", label="CEO", evidence=[])
0
>>> out = write_page(g, Path(tempfile.mkdtemp()) / "graph.html", title="Demo", subtitle="2 nodes")
>>> text = out.read_text(encoding="utf-8")
>>> "Ada <b>" in text, "Ada \\\\u003cb\\\\u003e" in text
(False, True)
"""

from __future__ import annotations

import functools
import html
import importlib.resources
import json
import math
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2
    import networkx
    import numpy as np
    import numpy.typing as npt

__all__ = ["KIND_STYLES", "notebook_html", "write_page", "write_timeline"]

#: Shape and colour of each kind (Okabe-Ito colours, distinguishable with colour-blindness).
KIND_STYLES: dict[str, tuple[str, str]] = {
    "Person": ("dot", "#0072B2"),
    "Organisation": ("square", "#E69F00"),
    "Place": ("triangle", "#009E73"),
    "Product": ("diamond", "#CC79A7"),
    "Law": ("hexagon", "#56B4E9"),
    "Event": ("star", "#D55E00"),
}
_OTHER_STYLE = ("dot", "#8C8C8C")

MAX_NODES = 1500  # drawn by default; above, the most connected part
_PHYSICS_MAX_NODES = 300  # up to this, vis-network's physics polishes our layout; above, it is off
_MAX_EVIDENCE = 8  # evidence items carried per node/edge; the count of the rest is shown
_MAX_SENTENCE = 600
_MAX_DRAWN_LABEL = 40
_LAYOUT_SEED = 7
_SMALL_COMPONENT = 12  # components up to this size are packed, not force-laid
_MIN_SIZE = 12.0
_PIXELS_PER_NODE = 90.0  # side of the square each node gets in a big layout
_FAMILY_COLOURS = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8E6C8A", "#5D8A3A")
_NO_FAMILY_COLOUR = "#7b8794"
_CSS_LENGTH = re.compile(r"^\d+(\.\d+)?(px|em|rem|vh|%)$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# ---------------------------------------------------------------------------------------------
# Public API


def write_page(
    graph: networkx.MultiDiGraph,
    path: Path,
    *,
    title: str,
    subtitle: str,
    max_nodes: int = MAX_NODES,
) -> Path:
    """Write the interactive graph page to ``path`` (atomically) and return ``path``.

    Above ``max_nodes`` only the most connected part is drawn and the header says how much
    was left out. The same graph always gives the same bytes.

    >>> import tempfile, networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for i in range(5):
    ...     g.add_node(f"urn:n{i}", label=f"N{i}", kind="Place", mentions=1, evidence=[])
    >>> _ = g.add_edge("urn:n0", "urn:n1", label="near", evidence=[])
    >>> p = write_page(g, Path(tempfile.mkdtemp()) / "g.html", title="T", subtitle="S", max_nodes=2)
    >>> "3 nodes and 0 edges left out" in p.read_text(encoding="utf-8")
    True
    """
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    page = _render_page(graph, title=title, subtitle=subtitle, max_nodes=max_nodes, compact=False)
    return _write_atomic(Path(path), page)


def write_timeline(graph: networkx.MultiDiGraph, path: Path, *, title: str) -> Path:
    """Write the timeline of the graph's events to ``path`` (atomically) and return ``path``.

    Events sit on a date axis at their own precision (a year, a month or a day) and are listed
    in date order with their CAMEO family and their participants (the event's neighbours).
    Plain HTML, CSS and SVG: no script at all.

    >>> import tempfile, networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("urn:e1", label="Talks", kind="Event", mentions=1, evidence=[], date="2024-03",
    ...            family="Consult")
    >>> p = write_timeline(g, Path(tempfile.mkdtemp()) / "t.html", title="Story")
    >>> "March 2024" in p.read_text(encoding="utf-8")
    True
    """
    return _write_atomic(Path(path), _render_timeline(graph, title=title))


def notebook_html(graph: networkx.MultiDiGraph, *, height: str = "600px") -> str:
    """The graph page as an ``<iframe srcdoc=...>`` that renders inline in Jupyter or VS Code.

    Offline like the page; the iframe is sandboxed (scripts only, no same-origin access).
    Display it with ``IPython.display.HTML(notebook_html(g))``.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("urn:x", label="X", kind="Law", mentions=1, evidence=[])
    >>> notebook_html(g, height="400px").startswith("<iframe")
    True
    """
    if not _CSS_LENGTH.match(height):
        raise ValueError(f"height must be a CSS length such as '600px' or '80vh', not {height!r}")
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    page = _render_page(
        graph,
        title="Knowledge graph",
        subtitle=f"{n:,} nodes, {m:,} edges",
        max_nodes=MAX_NODES,
        compact=True,
    )
    # srcdoc is an attribute: escaping quotes and & is all it needs; the page is inert text here.
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width:100%;height:{height};border:1px solid #ddd" title="Knowledge graph"></iframe>'
    )


# ---------------------------------------------------------------------------------------------
# The graph page


def _render_page(
    graph: networkx.MultiDiGraph, *, title: str, subtitle: str, max_nodes: int, compact: bool
) -> str:
    from markupsafe import Markup

    kept = _select(graph, max_nodes)
    kept_set = set(kept)
    edge_list = _sorted_edges(graph, kept_set)
    left_nodes = graph.number_of_nodes() - len(kept)
    left_edges = graph.number_of_edges() - len(edge_list)
    physics = len(kept) <= _PHYSICS_MAX_NODES
    sizes = [_node_size(graph.nodes[n]) for n in kept]
    positions = _positions(kept, edge_list, sizes)  # also the start for physics: it settles sooner
    net = _network(graph, kept, edge_list, positions, sizes, physics=physics)

    kinds_present = sorted({_kind(graph.nodes[n]) for n in kept}, key=_kind_order)
    # The evidence and full labels travel beside the vis items, not in them: vis-network copies
    # every property of an item, which costs a third of the load time on big graphs.
    node_info = [n.pop("kg") for n in net.nodes]
    edge_info = [e.pop("kg") for e in net.edges]
    spans = [info["span"] for info in node_info if info["span"]]
    payload = {
        "nodes": net.nodes,
        "edges": net.edges,
        "nodeInfo": node_info,
        "edgeInfo": edge_info,
        "options": net.options,
        "physics": physics,
    }
    note = ""
    if left_nodes:
        note = (
            f"Showing the {len(kept):,} most connected of {graph.number_of_nodes():,} nodes: "
            f"{left_nodes:,} nodes and {left_edges:,} edges left out."
        )
    js, css = _vis_assets()
    return _valid_unicode(
        _env()
        .get_template("graph.html")
        .render(
            title=title,
            subtitle=subtitle,
            note=note,
            compact=compact,
            legend=[
                {
                    "kind": k,
                    "icon": Markup(_legend_icon(k)),
                    "count": sum(1 for n in kept if _kind(graph.nodes[n]) == k),
                }
                for k in kinds_present
            ],
            node_count=len(kept),
            edge_count=len(edge_list),
            date_min=min((s[0] for s in spans), default=""),
            date_max=max((s[1] for s in spans), default=""),
            vis_js=Markup(_inline(js, "script")),
            vis_css=Markup(_inline(css, "style")),
            page_js=Markup(_inline(_template_text("graph.js"), "script")),
            page_css=Markup(_inline(_template_text("graph.css"), "style")),
            data_json=Markup(_script_json(payload)),
        )
    )


def drawn(graph: networkx.MultiDiGraph, max_nodes: int = MAX_NODES) -> list[Any]:
    """The nodes ``write_page`` draws of ``graph``: all, or its most connected part.

    >>> import networkx as nx
    >>> drawn(nx.MultiDiGraph([(1, 2), (2, 3), (4, 5)]), max_nodes=3)
    [1, 2, 3]
    """
    return _select(graph, max_nodes)


def _select(graph: networkx.MultiDiGraph, max_nodes: int) -> list[Any]:
    """The nodes to draw: all of them, or the most connected part of ``max_nodes`` nodes.

    The part is grown from the node of highest degree, always adding the node with the most
    edges into what is already taken (ties: higher degree, then id), and from the next highest
    degree when a component runs out. So it is dense and connected rather than a scatter of
    hubs whose links all lead out of it. An event comes with its participants (as many as
    still fit) and is dropped rather than drawn without any.
    """
    import heapq

    if graph.number_of_nodes() <= max_nodes:
        return sorted(graph.nodes, key=str)
    degree = dict(graph.degree())
    seeds = iter(sorted(graph.nodes, key=lambda n: (-degree[n], str(n))))
    links: dict[Any, int] = {}
    heap: list[tuple[int, int, str, int, Any]] = []
    kept: set[Any] = set()
    skipped: set[Any] = set()

    def neighbours(node: Any) -> set[Any]:
        return (set(graph.predecessors(node)) | set(graph.successors(node))) - {node}

    def take(node: Any) -> None:
        kept.add(node)
        for other in neighbours(node) - kept:
            links[other] = (
                links.get(other, 0) + graph.number_of_edges(node, other) + graph.number_of_edges(other, node)
            )
            heapq.heappush(heap, (-links[other], -degree[other], str(other), len(heap), other))

    while len(kept) < max_nodes:
        node = None
        while heap:
            count, *_, candidate = heapq.heappop(heap)
            if candidate not in kept and candidate not in skipped and -count == links[candidate]:
                node = candidate
                break
        if node is None:
            node = next((n for n in seeds if n not in kept and n not in skipped), None)
            if node is None:
                break
        if _kind(graph.nodes[node]) != "Event":
            take(node)
            continue
        others = neighbours(node)
        room = max_nodes - len(kept) - 1
        if not (others & kept) and (room < 1 or not others):
            skipped.add(node)
            continue
        take(node)
        for other in sorted(others - kept, key=lambda n: (-degree[n], str(n)))[:room]:
            take(other)
    return sorted(kept, key=str)


def _sorted_edges(graph: networkx.MultiDiGraph, kept: set[Any]) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
    edges = [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if u in kept and v in kept]
    edges.sort(key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    return edges


def _network(
    graph: networkx.MultiDiGraph,
    kept: list[Any],
    edge_list: list[tuple[Any, Any, Any, dict[str, Any]]],
    positions: dict[Any, tuple[float, float]],
    sizes: list[float],
    *,
    physics: bool,
) -> Any:
    """The pyvis ``Network`` holding vis-network's node and edge items and options."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    labels = {n: _text(graph.nodes[n].get("label"), _local_name(n)) for n in kept}
    for n, size in zip(kept, sizes, strict=True):
        attrs = graph.nodes[n]
        kind = _kind(attrs)
        mentions = _int(attrs.get("mentions"), 1)
        span = _date_span(attrs.get("date"))
        evidence, total = _evidence(attrs.get("evidence"))
        # add_node does a linear membership test per call; fine at the sizes drawn (<= max_nodes).
        net.add_node(
            str(n),
            label=_shorten(labels[n], _MAX_DRAWN_LABEL),
            shape=KIND_STYLES.get(kind, _OTHER_STYLE)[0],  # add_node would set "dot" over the group's
            group=kind,
            size=size,
            x=positions[n][0],
            y=positions[n][1],
            kg={
                "label": labels[n],
                "kind": kind,
                "mentions": mentions,
                "date": _date_text(attrs.get("date")),
                "span": list(span[:2]) if span else None,
                "family": _text(attrs.get("family"), ""),
                "ev": evidence,
                "evn": total,
            },
        )
    # Parallel edges between the same two nodes get increasing curvature so all stay visible.
    seen_pairs: dict[frozenset[Any], int] = {}
    for i, (u, v, _key, attrs) in enumerate(edge_list):
        pair = frozenset((u, v))
        nth = seen_pairs.get(pair, 0)
        seen_pairs[pair] = nth + 1
        relation = _text(attrs.get("label"), "related")
        evidence, total = _evidence(attrs.get("evidence"))
        options: dict[str, Any] = {
            "id": f"e{i}",
            "label": _shorten(relation, _MAX_DRAWN_LABEL),
            "kg": {"label": relation, "from": labels[u], "to": labels[v], "ev": evidence, "evn": total},
        }
        if nth:
            options["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.2 * nth, 2)}
        # Edge() directly: Network.add_edge scans the node list for both ends on every call.
        # directed=False only keeps pyvis from repeating `arrows` on every edge: the options
        # draw the arrow once for all, which vis-network parses much faster.
        net.edges.append(Edge(str(u), str(v), directed=False, **options).options)
    net.options = _vis_options(physics=physics, big=len(kept) > 1000)
    return net


def _node_size(attrs: Mapping[str, Any]) -> float:
    """Radius in pixels: grows with the log of the mentions, capped."""
    return round(min(_MIN_SIZE + 6 * math.log(max(_int(attrs.get("mentions"), 1), 1)), 36.0), 1)


def _vis_options(*, physics: bool, big: bool) -> dict[str, Any]:
    groups = {k: _group_style(k) for k in KIND_STYLES}
    groups["Other"] = _group_style("Other")
    options: dict[str, Any] = {
        "autoResize": True,
        "groups": groups,
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa5b1", "highlight": "#1f2933", "hover": "#52606d", "inherit": False},
            "font": {"size": 10, "align": "middle", "color": "#52606d", "strokeWidth": 3},
            "smooth": {"enabled": True, "type": "continuous"} if physics else False,
            "width": 1,
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "keyboard": False,
        },
        "layout": {"randomSeed": _LAYOUT_SEED, "improvedLayout": False},  # positions come from Python
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": 60, "fit": True},
        }
    else:
        options["physics"] = {"enabled": False}
    return options


def _group_style(kind: str) -> dict[str, Any]:
    shape, colour = KIND_STYLES.get(kind, _OTHER_STYLE)
    border = _darker(colour)
    return {
        "shape": shape,
        "color": {
            "background": colour,
            "border": border,
            "highlight": {"background": colour, "border": "#111111"},
            "hover": {"background": colour, "border": "#111111"},
        },
    }


def _legend_icon(kind: str) -> str:
    """A small SVG of the kind's shape and colour (only constants from KIND_STYLES go in)."""
    shape, colour = KIND_STYLES.get(kind, _OTHER_STYLE)
    paint = f'fill="{colour}" stroke="{_darker(colour)}"'
    body = {
        "dot": f'<circle cx="8" cy="8" r="6" {paint}/>',
        "square": f'<rect x="2.5" y="2.5" width="11" height="11" {paint}/>',
        "triangle": f'<polygon points="8,1.5 14.5,14 1.5,14" {paint}/>',
        "diamond": f'<polygon points="8,1 15,8 8,15 1,8" {paint}/>',
        "hexagon": f'<polygon points="8,1.5 14,4.8 14,11.2 8,14.5 2,11.2 2,4.8" {paint}/>',
        "star": f'<polygon points="{_star_points(8, 8, 7.5, 3.2)}" {paint}/>',
    }[shape]
    return f'<svg class="kg-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">{body}</svg>'


def _star_points(cx: float, cy: float, outer: float, inner: float) -> str:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 5 * i - math.pi / 2
        points.append(f"{cx + radius * math.cos(angle):.1f},{cy + radius * math.sin(angle):.1f}")
    return " ".join(points)


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"#{int(r * 0.7):02x}{int(g * 0.7):02x}{int(b * 0.7):02x}"


# ---------------------------------------------------------------------------------------------
# Layout


def _positions(
    kept: list[Any], edge_list: list[tuple[Any, Any, Any, dict[str, Any]]], sizes: list[float]
) -> dict[Any, tuple[float, float]]:
    """Pixel positions for vis-network, rounded so that the page text is stable.

    Components of more than ``_SMALL_COMPONENT`` nodes get a force layout together; the small
    ones (pairs, little stars, isolated nodes) are packed in rows below it. In a force layout
    they would be pushed far out by the core and shrink the whole drawing when it is fitted.
    """
    import networkx as nx
    import numpy as np

    index = {n: i for i, n in enumerate(kept)}
    pairs = sorted(
        {(min(a, b), max(a, b)) for a, b in ((index[u], index[v]) for u, v, _, _ in edge_list) if a != b}
    )
    links = nx.Graph()
    links.add_nodes_from(range(len(kept)))
    links.add_edges_from(pairs)
    components = sorted((sorted(c) for c in nx.connected_components(links)), key=lambda c: (-len(c), c[0]))
    core = sorted(i for c in components if len(c) > _SMALL_COMPONENT for i in c)
    xy = np.zeros((len(kept), 2))
    step = _PIXELS_PER_NODE
    width, bottom = 0.0, 0.0
    if core:
        local = {g: i for i, g in enumerate(core)}
        arr = np.array([(local[a], local[b]) for a, b in pairs if a in local], dtype=np.intp)
        # Hubs and big nodes push harder (as in ForceAtlas2), so they do not pile up in the middle.
        degree = np.bincount(arr.ravel(), minlength=len(core)).astype(np.float64)
        radius = np.array([sizes[i] for i in core]) / _MIN_SIZE
        pos = _force_layout(len(core), arr, mass=np.sqrt(degree + 1) * radius)
        pos -= pos.mean(axis=0)
        # Scale by the room each node gets (area of the disc over n), not by edge length: edges
        # to hubs are long, and a dense core would end up with overlapping nodes.
        rms = math.sqrt(float((pos * pos).sum(axis=1).mean())) or 1.0
        pos *= step / math.sqrt(2 * math.pi * rms * rms / len(core))
        xy[core] = pos
        width = float(np.ptp(pos[:, 0]))
        bottom = float(pos[:, 1].max()) + 2 * step
    small = [c for c in components if len(c) <= _SMALL_COMPONENT]
    if small:
        area = sum((len(c) + 1) * step * step for c in small)
        row_width = max(width, 1.5 * math.sqrt(area), step)
        x, y, row_height = -row_width / 2, bottom, 0.0
        for component in small:
            shape = _small_layout(component, links, step)
            w = float(np.ptp(shape[:, 0])) + step
            h = float(np.ptp(shape[:, 1])) + step
            if x + w > row_width / 2 and row_height:
                x, y, row_height = -row_width / 2, y + row_height, 0.0
            xy[component] = shape - shape.min(axis=0) + (x + step / 2, y)
            x += w
            row_height = max(row_height, h)
    return {n: (round(float(xy[i, 0]), 1), round(float(xy[i, 1]), 1)) for n, i in index.items()}


def _small_layout(component: list[int], links: Any, step: float) -> npt.NDArray[np.float64]:
    """A star (hub in the middle) or a ring, with neighbours about ``step`` apart."""
    import numpy as np

    k = len(component)
    if k == 1:
        return np.zeros((1, 2))
    hub = max(component, key=lambda i: (links.degree(i), -i))
    centred = k > 2 and links.degree(hub) == k - 1
    ring = [i for i in component if not (centred and i == hub)]
    radius = step * max(0.5, len(ring) / (2 * math.pi))
    angles = np.arange(len(ring)) * (2 * math.pi / len(ring))
    where = {i: (radius * math.cos(a), radius * math.sin(a)) for i, a in zip(ring, angles, strict=True)}
    if centred:
        where[hub] = (0.0, 0.0)
    return np.array([where[i] for i in component])


def _force_layout(
    n: int,
    pairs: npt.NDArray[np.intp],
    *,
    mass: npt.NDArray[np.float64] | None = None,
    iterations: int = 150,
    grid: int = 0,
    gravity: float = 0.7,
) -> npt.NDArray[np.float64]:
    """Fruchterman-Reingold with the repulsion of all pairs approximated on a grid.

    networkx's spring_layout is O(n²) per iteration (and needs SciPy from 500 nodes on); here
    the node density is spread on a ``grid``² mesh (cloud-in-cell) and convolved with the 1/r
    force kernel by FFT, so an iteration costs O(n + grid² log grid): ~0.5 s for 5000 nodes.
    Seeded, so the same graph always gets the same layout.
    """
    import numpy as np

    rng = np.random.default_rng(_LAYOUT_SEED)
    grid = grid or (64 if n <= 1500 else 128)  # about one node per cell or fewer
    side = math.sqrt(n)
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    if n < 2:
        return pos * 0
    size = 1 << (2 * grid - 2).bit_length()  # >= 2*grid-1: the wanted outputs never wrap around
    offsets = np.arange(-(grid - 1), grid, dtype=np.float64)
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = dx * dx + dy * dy + 0.5  # softened so that neighbouring cells do not explode
    kernel_x = np.fft.rfft2(dx / r2, s=(size, size))
    kernel_y = np.fft.rfft2(dy / r2, s=(size, size))
    inner = slice(grid - 1, 2 * grid - 1)
    m = np.ones(n) if mass is None else mass
    u, v = pairs[:, 0], pairs[:, 1]
    start = side / 6
    for step in range(iterations):
        temperature = start * (1 - step / iterations) + 0.01
        low = pos.min(axis=0)
        cell = (float((pos.max(axis=0) - low).max()) + 1e-9) / (grid - 1.001)
        g = (pos - low) / cell
        corner = np.clip(np.floor(g).astype(np.intp), 0, grid - 2)
        fx, fy = (g - corner).T
        weights = ((1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy)
        base = corner[:, 0] * grid + corner[:, 1]
        cells = (base, base + grid, base + 1, base + grid + 1)
        density = np.zeros(grid * grid)
        for c, w in zip(cells, weights, strict=True):
            density += np.bincount(c, weights=w * m, minlength=grid * grid)
        spectrum = np.fft.rfft2(density.reshape(grid, grid), s=(size, size))
        field_x = np.fft.irfft2(spectrum * kernel_x, s=(size, size))[inner, inner].ravel()
        field_y = np.fft.irfft2(spectrum * kernel_y, s=(size, size))[inner, inner].ravel()
        force = np.zeros((n, 2))
        for c, w in zip(cells, weights, strict=True):
            force[:, 0] += w * field_x[c]
            force[:, 1] += w * field_y[c]
        force *= (m / cell)[:, None]
        delta = pos[v] - pos[u]
        dist = np.hypot(delta[:, 0], delta[:, 1]) + 1e-9
        # Spring d² minus the exact 1/d repulsion of the two ends: the grid smooths repulsion
        # away below a cell, and without this linked nodes collapse onto each other.
        pull = delta * (dist - 1 / (dist * dist))[:, None]
        for axis in (0, 1):
            force[:, axis] += np.bincount(u, weights=pull[:, axis], minlength=n)
            force[:, axis] -= np.bincount(v, weights=pull[:, axis], minlength=n)
        force -= (gravity * m)[:, None] * (pos - pos.mean(axis=0))  # keeps loose parts near the core
        length = np.hypot(force[:, 0], force[:, 1]) + 1e-12
        pos += force * (np.minimum(length, temperature) / length)[:, None]
    return pos


# ---------------------------------------------------------------------------------------------
# The timeline


@dataclass(frozen=True)
class _Span:
    start: date
    end: date
    precision: str  # "year", "month" or "day"


def _render_timeline(graph: networkx.MultiDiGraph, *, title: str) -> str:
    from markupsafe import Markup

    events: list[dict[str, Any]] = []
    for node in sorted(graph.nodes, key=str):
        attrs = graph.nodes[node]
        if _kind(attrs) != "Event":
            continue
        span = _parse_date(attrs.get("date"))
        participants = []
        for other, relation in _participants(graph, node):
            participants.append(
                {
                    "label": _text(graph.nodes[other].get("label"), _local_name(other)),
                    "kind": _kind(graph.nodes[other]),
                    "relation": relation,
                }
            )
        evidence, total = _evidence(attrs.get("evidence"))
        events.append(
            {
                "label": _text(attrs.get("label"), _local_name(node)),
                "family": _text(attrs.get("family"), ""),
                "span": span,
                "raw_date": _text(attrs.get("date"), ""),
                "participants": participants,
                "evidence": evidence,
                "more": total - len(evidence),
            }
        )
    precision_order = {"year": 0, "month": 1, "day": 2}
    events.sort(
        key=lambda e: (
            e["span"] is None,
            (e["span"].start, precision_order[e["span"].precision]) if e["span"] else (date.min, 0),
            e["label"],
        )
    )
    families = sorted({e["family"] for e in events if e["family"]})
    colours = {f: _FAMILY_COLOURS[i % len(_FAMILY_COLOURS)] for i, f in enumerate(families)}
    for i, event in enumerate(events):
        event["anchor"] = f"ev-{i + 1}"
        event["colour"] = colours.get(event["family"], _NO_FAMILY_COLOUR)
        event["when"] = _span_text(event["span"]) if event["span"] else ""
        event["iso"] = _span_iso(event["span"]) if event["span"] else ""
    dated = [e for e in events if e["span"]]
    return _valid_unicode(
        _env()
        .get_template("timeline.html")
        .render(
            title=title,
            events=events,
            dated=len(dated),
            undated=len(events) - len(dated),
            first=dated[0]["when"] if dated else "",
            last=dated[-1]["when"] if dated else "",
            families=[{"name": f, "colour": colours[f]} for f in families],
            axis=Markup(_axis_svg(dated)) if dated else "",
        )
    )


def _participants(graph: networkx.MultiDiGraph, node: Any) -> list[tuple[Any, str]]:
    found: dict[Any, set[str]] = {}
    for _, other, attrs in graph.out_edges(node, data=True):
        found.setdefault(other, set()).add(_text(attrs.get("label"), "related"))
    for other, _, attrs in graph.in_edges(node, data=True):
        found.setdefault(other, set()).add(_text(attrs.get("label"), "related"))
    found.pop(node, None)
    ordered = sorted(
        found, key=lambda o: (_text(graph.nodes[o].get("label"), _local_name(o)).lower(), str(o))
    )
    return [(o, ", ".join(sorted(found[o]))) for o in ordered]


def _axis_svg(events: list[dict[str, Any]]) -> str:
    """The date axis: a bar per year- or month-precise event, a dot per day-precise one,
    stacked in lanes so they do not overlap. Text goes in only through ``html.escape``."""
    width, left, right, lane_h, top = 1000.0, 20.0, 20.0, 14.0, 28.0
    spans: list[_Span] = [e["span"] for e in events]
    lo = min(s.start for s in spans).toordinal()
    hi = max(s.end for s in spans).toordinal() + 1
    if hi - lo < 30:
        lo, hi = lo - 15, hi + 15
    scale = (width - left - right) / (hi - lo)

    def x(day: int) -> float:
        return left + (day - lo) * scale

    lanes: list[float] = []
    marks = []
    for e in events:
        span: _Span = e["span"]
        x0, x1 = x(span.start.toordinal()), x(span.end.toordinal() + 1)
        x1 = max(x1, x0 + 6)
        lane = next((i for i, end in enumerate(lanes) if end + 3 < x0), None)
        if lane is None:
            lane = len(lanes) if len(lanes) < 24 else len(lanes) - 1
            if lane == len(lanes):
                lanes.append(0.0)
        lanes[lane] = max(lanes[lane], x1)
        y = top + lane * lane_h
        tip = html.escape(f"{e['when']}: {e['label']}" + (f" ({e['family']})" if e["family"] else ""))
        colour = e["colour"]
        if span.precision == "day":
            shape = f'<circle cx="{x0 + 3:.1f}" cy="{y + 5:.1f}" r="4" fill="{colour}"/>'
        else:
            shape = (
                f'<rect x="{x0:.1f}" y="{y:.1f}" width="{x1 - x0:.1f}" height="10" rx="3" '
                f'fill="{colour}" fill-opacity="0.55" stroke="{colour}"/>'
            )
        marks.append(f'<a href="#{e["anchor"]}"><title>{tip}</title>{shape}</a>')
    height = top + max(len(lanes), 1) * lane_h + 8
    ticks = []
    for day, text in _ticks(lo, hi):
        tx = x(day)
        near_end = tx > width - 70  # keep the last labels inside the picture
        anchor = ' text-anchor="end"' if near_end else ""
        ticks.append(
            f'<line x1="{tx:.1f}" y1="16" x2="{tx:.1f}" y2="{height:.1f}" class="tick"/>'
            f'<text x="{tx - 3 if near_end else tx + 3:.1f}" y="12" class="tick-label"{anchor}>'
            f"{html.escape(text)}</text>"
        )
    return (
        f'<svg class="axis" viewBox="0 0 {width:.0f} {height:.0f}" width="100%" role="img" '
        f'aria-label="Events on a date axis">{"".join(ticks)}{"".join(marks)}</svg>'
    )


def _ticks(lo: int, hi: int) -> list[tuple[int, str]]:
    first, last = date.fromordinal(lo), date.fromordinal(hi)
    years = last.year - first.year
    if years >= 2:
        every = max(1, math.ceil(years / 12))
        return [
            (date(y, 1, 1).toordinal(), str(y))
            for y in range(first.year, last.year + 1)
            if y % every == 0 and lo <= date(y, 1, 1).toordinal() <= hi
        ]
    ticks = []
    y, m = first.year, first.month
    months = (last.year - y) * 12 + last.month - m
    every = max(1, math.ceil(months / 12))
    while (y, m) <= (last.year, last.month):
        d = date(y, m, 1).toordinal()
        if lo <= d <= hi and (m - 1) % every == 0:
            ticks.append((d, f"{_MONTHS[m - 1][:3]} {y}"))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return ticks


# ---------------------------------------------------------------------------------------------
# Dates


def _parse_date(value: object) -> _Span | None:
    """``"2024"``, ``"2024-03"`` or ``"2024-03-05"`` as the span of days it covers."""
    if not isinstance(value, str):
        return None
    m = _DATE.match(value.strip())
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    try:
        if month is None:
            return _Span(date(year, 1, 1), date(year, 12, 31), "year")
        if day is None:
            following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
            return _Span(date(year, month, 1), date.fromordinal(following.toordinal() - 1), "month")
        return _Span(date(year, month, day), date(year, month, day), "day")
    except ValueError:
        return None


def _date_span(value: object) -> tuple[str, str, str] | None:
    span = _parse_date(value)
    return (span.start.isoformat(), span.end.isoformat(), span.precision) if span else None


def _span_text(span: _Span) -> str:
    if span.precision == "year":
        return str(span.start.year)
    if span.precision == "month":
        return f"{_MONTHS[span.start.month - 1]} {span.start.year}"
    return f"{span.start.day} {_MONTHS[span.start.month - 1]} {span.start.year}"


def _span_iso(span: _Span) -> str:
    return span.start.isoformat()[: {"year": 4, "month": 7, "day": 10}[span.precision]]


def _date_text(value: object) -> str:
    span = _parse_date(value)
    return _span_text(span) if span else _text(value, "")


# ---------------------------------------------------------------------------------------------
# Untrusted attribute values


def _kind(attrs: Mapping[str, Any]) -> str:
    kind = attrs.get("kind")
    return kind if isinstance(kind, str) and kind in KIND_STYLES else "Other"


def _kind_order(kind: str) -> int:
    order = list(KIND_STYLES)
    return order.index(kind) if kind in order else len(order)


def _text(value: object, default: str) -> str:
    if value is None:
        return default
    text = value if isinstance(value, str) else str(value)
    text = " ".join(text.split())
    return text or default


def _int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError, OverflowError):
        return default


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _local_name(node: object) -> str:
    text = str(node)
    return re.split(r"[/#:]", text.rstrip("/#"))[-1] or text


def _evidence(value: object) -> tuple[list[list[str]], int]:
    """Up to ``_MAX_EVIDENCE`` evidence items as ``[sentence, article, date]``, and how many
    there were in all."""
    if not isinstance(value, Iterable) or isinstance(value, str | bytes | Mapping):
        return [], 0
    items = [v for v in value if isinstance(v, Mapping)]
    out = [
        [
            _shorten(_text(item.get("sentence"), ""), _MAX_SENTENCE),
            _shorten(_text(item.get("article"), ""), 200),
            _shorten(_text(item.get("date"), ""), 20),
        ]
        for item in items[:_MAX_EVIDENCE]
    ]
    return out, len(items)


# ---------------------------------------------------------------------------------------------
# Assembly and output


def _script_json(value: object) -> str:
    """JSON that is safe inside ``<script>``: nothing in it can close the element or start
    markup, and the two line terminators JavaScript treats specially are escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _valid_unicode(page: str) -> str:
    """The page with lone surrogates (text decoded with ``surrogateescape``, say) replaced,
    so that it can be written as UTF-8 and shown in a notebook."""
    return page.encode("utf-8", "replace").decode("utf-8")


def _inline(code: str, element: str) -> str:
    """Our own or vendored code placed inside ``<script>``/``<style>``: make sure it cannot
    close its element early."""
    return re.sub(rf"</({element})", r"<\\/\1", code, flags=re.IGNORECASE)


@functools.cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside pyvis 0.3.2 (the build its in_line mode uses)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(
        encoding="utf-8"
    )


@functools.cache
def _template_text(name: str) -> str:
    return (importlib.resources.files("kg") / "templates" / name).read_text(encoding="utf-8")


@functools.cache
def _env() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_text),
        autoescape=True,  # every {{ }} is HTML-escaped unless it is our own Markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _write_atomic(path: Path, text: str) -> Path:
    """Write ``text`` to a temporary file beside ``path`` and move it into place, so a reader
    never sees half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a page is meant to be read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
