"""The index page's figures, laid out here and drawn by their SVG templates: a map of the places, a timeline of
signed instruments and a network of partnerships."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pipeline.review.markup import INSTRUMENT_COLOURS, RELATIONSHIP_COLOURS, as_float, as_int, coord


def _place_key(geonames: Any, iso: str, name: str, country: str) -> str:
    gid = as_int(geonames)
    if gid is not None:
        return f"gn:{gid}"
    if iso:
        return f"iso:{iso}"
    return f"name:{(name or '').casefold()}|{country or ''}"


@dataclass
class Place:
    """A place on the map: partners get a label."""

    name: str
    country: str
    lat: float | None = None
    lon: float | None = None
    partner: bool = False
    x: float = 0.0
    y: float = 0.0


def _places(cities: list[dict[str, str]]) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for c in cities:
        key = _place_key(c.get("geonames_id"), c.get("iso3166_2", ""), c.get("name", ""), c.get("country", ""))
        p = places.setdefault(key, Place(c.get("name", ""), c.get("country", "")))
        lat, lon = as_float(c.get("latitude")), as_float(c.get("longitude"))
        if p.lat is None and lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
            p.lat, p.lon = lat, lon
        if c.get("role") == "partner":
            p.partner = True
    return places


def _side(p: dict[str, str], s: str) -> tuple[str, str, str]:
    """(key, name, country) of side `s` ('a' or 'b') of a partnership or agreement row."""
    return (_place_key(p.get(f"geonames_{s}"), p.get(f"iso3166_2_{s}", ""), p.get(f"city_{s}", ""),
                       p.get(f"country_{s}", "")),
            p.get(f"city_{s}", ""), p.get(f"country_{s}", ""))


def pair_label(p: dict[str, str]) -> str:
    """"City A (AA) – City B (BB)" of a partnership or agreement row."""
    return f"{p.get('city_a', '')} ({p.get('country_a', '')}) – {p.get('city_b', '')} ({p.get('country_b', '')})"


def _grid_step(extent: float) -> int:
    return next(step for step in (5, 10, 15, 30, 60) if extent / step <= 8)


@dataclass
class Link:
    """A line or curve between the two sides of a partnership."""

    x0: float
    y0: float
    x1: float
    y1: float
    colour: str
    dashed: bool  # the documents disagree
    title: str


@dataclass
class MapFigure:
    """An equirectangular map: the grid (degrees and their position), places, partnership lines, partners' labels."""

    width: int = 0
    height: int = 0
    meridians: list[tuple[int, float, float, float]] = field(default_factory=list)  # lon, x, top, bottom
    parallels: list[tuple[int, float, float, float]] = field(default_factory=list)  # lat, y, left, right
    links: list[Link] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    labels: list[tuple[float, float, str]] = field(default_factory=list)  # x, y, name
    missing: list[str] = field(default_factory=list)  # partnerships left off for want of coordinates


def map_figure(cities: list[dict[str, str]], partnerships: list[dict[str, str]]) -> MapFigure:
    """The map of the places: a lat/lon grid, points, partners joined by lines.

    The view is the box around the places with coordinates (padded, at least 40° by 20°), so
    neighbouring cities stay apart; labels move down or up when they would overlap.
    """
    places = _places(cities)
    for p in partnerships:
        for s in "ab":
            key, name, country = _side(p, s)
            places.setdefault(key, Place(name, country)).partner = True
    located = [pl for pl in places.values() if pl.lat is not None]
    if not located:
        return MapFigure(missing=sorted({pair_label(p) for p in partnerships}))
    lats = [pl.lat for pl in located]
    lons = [pl.lon for pl in located]
    lat0, lat1 = min(lats), max(lats)  # type: ignore[type-var]
    lon0, lon1 = min(lons), max(lons)  # type: ignore[type-var]
    pad_lat, pad_lon = max(10.0, (lat1 - lat0) / 2 + 5), max(20.0, (lon1 - lon0) / 2 + 10)  # type: ignore[operator]
    clat, clon = (lat0 + lat1) / 2, (lon0 + lon1) / 2  # type: ignore[operator]
    lat0, lat1 = max(-90.0, clat - pad_lat), min(90.0, clat + pad_lat)
    lon0, lon1 = max(-180.0, clon - pad_lon), min(180.0, clon + pad_lon)
    w, m = 1000, 34
    scale = (w - 2 * m) / (lon1 - lon0)
    h = int(round((lat1 - lat0) * scale)) + 2 * m
    if h > 700:  # a tall box: fit the height instead
        scale = (700 - 2 * m) / (lat1 - lat0)
        h = 700
    width_used = (lon1 - lon0) * scale

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return m + (w - 2 * m - width_used) / 2 + (lon - lon0) * scale, m + (lat1 - lat) * scale

    fig = MapFigure(width=w, height=h)
    step = _grid_step(max(lon1 - lon0, lat1 - lat0))
    for lon in (v for v in range(-180, 181, step) if lon0 <= v <= lon1):
        (x, top), (_, bottom) = xy(lat1, lon), xy(lat0, lon)
        fig.meridians.append((lon, x, top, bottom))
    for lat in (v for v in range(-90, 91, step) if lat0 <= v <= lat1):
        (left, y), (right, _) = xy(lat, lon0), xy(lat, lon1)
        fig.parallels.append((lat, y, left, right))
    missing = []
    for p in partnerships:
        (ka, _, _), (kb, _, _) = _side(p, "a"), _side(p, "b")
        a, b = places[ka], places[kb]
        if a.lat is None or b.lat is None:
            missing.append(pair_label(p))
            continue
        x0, y0 = xy(a.lat, a.lon)  # type: ignore[arg-type]
        x1, y1 = xy(b.lat, b.lon)  # type: ignore[arg-type]
        rel = p.get("relationship")
        fig.links.append(Link(x0, y0, x1, y1, RELATIONSHIP_COLOURS.get(p.get("relationship", ""), "#546e7a"),
                              bool(p.get("conflicts")), f"{pair_label(p)}: {'' if rel is None else rel}"))
    fig.missing = sorted(set(missing))
    boxes: list[tuple[float, float, float, float]] = []
    for key in sorted(places, key=lambda k: (not places[k].partner, places[k].name, k)):
        pl = places[key]
        if pl.lat is None:
            continue
        pl.x, pl.y = xy(pl.lat, pl.lon)  # type: ignore[arg-type]
        fig.places.append(pl)
        if not pl.partner:
            continue
        width = 6.2 * len(pl.name) + 4
        for dy in (4, -8, 16, -20, 28, -32):
            box = (pl.x + 7, pl.y + dy - 10, pl.x + 7 + width, pl.y + dy + 2)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
                break
        else:
            dy = 4
            box = (pl.x + 7, pl.y - 6, pl.x + 7 + width, pl.y + 6)
        boxes.append(box)
        fig.labels.append((pl.x + 7, pl.y + dy, pl.name))
    return fig


_YEAR = re.compile(r"^(\d{3})([\dX])")


def edtf_year(value: str) -> int | None:
    """The (first) year of an EDTF date: 2013-08-17 → 2013, 197X → 1970, 2007/.. → 2007."""
    mt = _YEAR.match((value or "").strip())
    if not mt:
        return None
    return int(mt.group(1) + ("0" if mt.group(2) == "X" else mt.group(2)))


@dataclass
class TimelineFigure:
    """Signed instruments on a year axis: the ticks (year, x) and the events (x, y, colour, title)."""

    width: int = 0
    height: int = 0
    margin: int = 0
    axis: int = 0  # y of the axis
    ticks: list[tuple[int, str]] = field(default_factory=list)
    events: list[tuple[str, float, str, str]] = field(default_factory=list)


def timeline_figure(agreements: list[dict[str, str]]) -> TimelineFigure:
    """Signed instruments on a year axis, stacked when they share a year."""
    events: dict[tuple[int, str, str, str], set[str]] = defaultdict(set)
    years: dict[str, int | None] = {}  # a corpus repeats its signing dates: each parsed once
    for a in agreements:
        inst, signed = a.get("instrument"), a.get("signed", "")
        if not inst:
            continue
        year = years[signed] if signed in years else years.setdefault(signed, edtf_year(signed))
        if year is not None:
            events[(year, signed, inst, pair_label(a))].add(a.get("doc_id", ""))
    if not events:
        return TimelineFigure()
    y0, y1 = min(k[0] for k in events) - 1, max(k[0] for k in events) + 1
    span = y1 - y0
    step = 1 if span <= 15 else 5 if span <= 60 else 10
    stacks: dict[int, int] = defaultdict(int)
    for k in events:
        stacks[k[0]] += 1
    w, m, row = 1000, 40, 16
    h = 60 + max(stacks.values()) * row
    fig = TimelineFigure(width=w, height=h, margin=m, axis=h - 34)

    def x(year: int) -> str:
        return coord(m + (year - y0) / span * (w - 2 * m))

    fig.ticks = [(year, x(year)) for year in range(y0 - y0 % step + (step if y0 % step else 0), y1 + 1, step)]
    level: dict[int, int] = defaultdict(int)
    xs = {year: x(year) for year in stacks}
    for key in sorted(events):
        year, signed, inst, pair = key
        cy = fig.axis - 10 - level[year] * row
        level[year] += 1
        found = events[key]
        docs = ", ".join(sorted(found)) if len(found) > 1 else next(iter(found))
        fig.events.append((xs[year], cy, INSTRUMENT_COLOURS.get(inst, "#546e7a"), f"{signed} {inst}: {pair} [{docs}]"))
    return fig


@dataclass
class Node:
    """A place of the network: Indonesian side left, partners right."""

    name: str
    country: str
    x: float
    y: float
    left: bool
    degree: int = 0


@dataclass
class NetworkFigure:
    """Partnerships as edges between their two sides."""

    width: int = 0
    height: int = 0
    edges: list[Link] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)


def network_figure(partnerships: list[dict[str, str]]) -> NetworkFigure:
    """Indonesian side on the left, partners on the right, one edge per partnership."""
    if not partnerships:
        return NetworkFigure()
    left: dict[str, tuple[str, str]] = {}
    right: dict[str, tuple[str, str]] = {}
    for p in partnerships:
        ka, na, ca = _side(p, "a")
        left[ka] = (na, ca)
    for p in partnerships:
        kb, nb, cb = _side(p, "b")
        if kb not in left:
            right[kb] = (nb, cb)
    lorder = sorted(left, key=lambda k: (left[k], k))
    rorder = sorted(right, key=lambda k: (right[k][1], right[k][0], k))
    gap, top, w = 26, 30, 900
    fig = NetworkFigure(width=w, height=top * 2 + gap * max(len(lorder), len(rorder), 1))
    lx, rx = 260, w - 260
    nodes = {k: Node(*left[k], lx, top + gap * i + gap / 2, True) for i, k in enumerate(lorder)}
    nodes.update({k: Node(*right[k], rx, top + gap * i + gap / 2, False) for i, k in enumerate(rorder)})
    for p in sorted(partnerships, key=lambda p: (_side(p, "a")[0], _side(p, "b")[0], p.get("partnership_id", ""))):
        a, b = nodes[_side(p, "a")[0]], nodes[_side(p, "b")[0]]
        a.degree += 1
        b.degree += 1
        title = f"{pair_label(p)}: {p.get('relationship', '')}"
        if p.get("instruments"):
            title += f" [{p['instruments']}]"
        if p.get("conflicts"):
            title += f" CONFLICT: {p['conflicts']}"
        fig.edges.append(Link(a.x, a.y, b.x, b.y, RELATIONSHIP_COLOURS.get(p.get("relationship", ""), "#546e7a"),
                              bool(p.get("conflicts")), title))
    fig.nodes = [nodes[k] for k in lorder + rorder]
    return fig
