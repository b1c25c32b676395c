"""The index page's figures, laid out here and drawn by their SVG templates: a map of the places, a timeline of
signed instruments and a network of partnerships."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.io import read_json
from pipeline.review.markup import INSTRUMENT_COLOURS, RELATIONSHIP_COLOURS, as_float, coord
from pipeline.types import place_key


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
        key = place_key(c.get("geonames_id"), c.get("iso3166_2", ""), c.get("name", ""), c.get("country", ""))
        p = places.setdefault(key, Place(c.get("name", ""), c.get("country", "")))
        lat, lon = as_float(c.get("latitude")), as_float(c.get("longitude"))
        if p.lat is None and lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
            p.lat, p.lon = lat, lon
        if c.get("role") == "partner":
            p.partner = True
    return places


def _side(p: dict[str, str], s: str) -> tuple[str, str, str]:
    """(key, name, country) of side `s` ('a' or 'b') of a partnership or agreement row."""
    return (place_key(p.get(f"geonames_{s}"), p.get(f"iso3166_2_{s}", ""), p.get(f"city_{s}", ""),
                       p.get(f"country_{s}", "")),
            p.get(f"city_{s}", ""), p.get(f"country_{s}", ""))


def pair_label(p: dict[str, str]) -> str:
    """"City A (AA) – City B (BB)" of a partnership or agreement row."""
    return f"{p.get('city_a', '')} ({p.get('country_a', '')}) – {p.get('city_b', '')} ({p.get('country_b', '')})"


def _grid_step(extent: float) -> int:
    return next(step for step in (5, 10, 15, 30, 60) if extent / step <= 8)


# Natural Earth's 1:110m land polygons (public domain), rounded to 0.01°: the coastlines under the places
LAND = Path(__file__).resolve().parents[1] / "data" / "ne_110m_land.json"
# with more places than this the map merges those closer than CLUSTER_PX into one marker (a count in its title)
CLUSTER_ABOVE = 60
CLUSTER_PX = 11.0
MAX_TITLE_PAIRS = 12


@cache
def land_rings() -> tuple[tuple[float, ...], ...]:
    """The land polygons' rings as flat (lon, lat, lon, lat, ...) tuples."""
    return tuple(tuple(r) for r in read_json(LAND)["rings"])


@dataclass
class Link:
    """A line or curve between the two sides of a partnership (or of several, between two clusters)."""

    x0: float
    y0: float
    x1: float
    y1: float
    colour: str
    dashed: bool  # the documents disagree
    title: str
    cx: float = 0.0  # control point of the map's arc
    cy: float = 0.0
    width: float = 1.8
    count: int = 1


@dataclass
class Marker:
    """A place on the map, or a cluster of nearby places when the map is crowded."""

    x: float
    y: float
    r: float
    fill: str
    title: str
    partner: bool
    count: int = 1


@dataclass
class MapFigure:
    """An equirectangular map: land, the grid (degrees and their position), arcs between partners, places, labels."""

    width: int = 0
    height: int = 0
    meridians: list[tuple[int, float, float, float]] = field(default_factory=list)  # lon, x, top, bottom
    parallels: list[tuple[int, float, float, float]] = field(default_factory=list)  # lat, y, left, right
    land: list[str] = field(default_factory=list)  # SVG path data of the land in view
    links: list[Link] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    labels: list[tuple[float, float, str]] = field(default_factory=list)  # x, y, name
    missing: list[str] = field(default_factory=list)  # partnerships left off for want of coordinates
    clustered: bool = False  # nearby places share a marker


def _land_paths(xy: Any, box: tuple[float, float, float, float]) -> list[str]:
    """SVG path data of the land rings that reach into the view `box` (lon0, lat0, lon1, lat1), a point per ~0.7 px."""
    lon0, lat0, lon1, lat1 = box
    out = []
    for ring in land_rings():
        lons, lats = ring[0::2], ring[1::2]
        if max(lons) < lon0 or min(lons) > lon1 or max(lats) < lat0 or min(lats) > lat1:
            continue
        pts: list[tuple[float, float]] = []
        for lon, lat in zip(lons, lats):
            x, y = xy(lat, lon)
            if not pts or abs(x - pts[-1][0]) + abs(y - pts[-1][1]) >= 0.7:
                pts.append((x, y))
        if len(pts) >= 3:
            out.append("M" + " L".join(f"{coord(x)},{coord(y)}" for x, y in pts) + "Z")
    return out


def _arc(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float]:
    """The control point of a quadratic arc from (x0, y0) to (x1, y1): bent to one side by a fifth of its length."""
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = x1 - x0, y1 - y0
    return mx + dy * 0.2, my - dx * 0.2


def _clusters(places: list[Place], degree: dict[int, int], radius: float) -> tuple[list[list[Place]], dict[int, int]]:
    """Places greedily grouped around the most connected one within `radius` px; and each place's group (by id())."""
    groups: list[list[Place]] = []
    member: dict[int, int] = {}
    order = sorted(places, key=lambda pl: (not pl.partner, -degree.get(id(pl), 0), pl.name, pl.country, pl.x, pl.y))
    if radius <= 0:
        return [[pl] for pl in order], {id(pl): i for i, pl in enumerate(order)}
    for pl in order:
        for gi, g in enumerate(groups):
            if (g[0].x - pl.x) ** 2 + (g[0].y - pl.y) ** 2 <= radius * radius:
                g.append(pl)
                member[id(pl)] = gi
                break
        else:
            member[id(pl)] = len(groups)
            groups.append([pl])
    return groups, member


def _free_label(x: float, y: float, width: float, boxes: list[tuple[float, float, float, float]],
                force: bool) -> tuple[float, tuple[float, float, float, float]] | None:
    """A label's y offset and box beside (x, y) that overlaps no box already placed; None when none is free (unless `force`)."""
    for dy in (4, -8, 16, -20, 28, -32):
        box = (x + 7, y + dy - 10, x + 7 + width, y + dy + 2)
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            return dy, box
    return (4, (x + 7, y - 6, x + 7 + width, y + 6)) if force else None


def map_figure(cities: list[dict[str, str]], partnerships: list[dict[str, str]]) -> MapFigure:
    """The map of the places on Natural Earth's land: a lat/lon grid, points, partners joined by arcs.

    The view is the box around the places with coordinates (padded, at least 40° by 20°), so
    neighbouring cities stay apart; labels move down or up when they would overlap. A crowded map
    (over CLUSTER_ABOVE places) merges places closer than CLUSTER_PX into one marker sized by its
    count, draws one arc per pair of markers (wider for more partnerships) and labels the markers
    that have room, most connected first.
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
    # the land of the whole frame, not only of the box: the frame is wider than the box when the height was fitted
    half = (w - 2 * m) / scale / 2
    fig.land = _land_paths(xy, ((lon0 + lon1) / 2 - half, lat0 - 1, (lon0 + lon1) / 2 + half, lat1 + 1))
    step = _grid_step(max(lon1 - lon0, lat1 - lat0))
    for lon in (v for v in range(-180, 181, step) if lon0 <= v <= lon1):
        (x, top), (_, bottom) = xy(lat1, lon), xy(lat0, lon)
        fig.meridians.append((lon, x, top, bottom))
    for lat in (v for v in range(-90, 91, step) if lat0 <= v <= lat1):
        (left, y), (right, _) = xy(lat, lon0), xy(lat, lon1)
        fig.parallels.append((lat, y, left, right))
    for pl in located:
        pl.x, pl.y = xy(pl.lat, pl.lon)  # type: ignore[arg-type]
    drawn: list[tuple[Place, Place, dict[str, str]]] = []
    missing = []
    degree: dict[int, int] = defaultdict(int)
    for p in partnerships:
        (ka, _, _), (kb, _, _) = _side(p, "a"), _side(p, "b")
        a, b = places[ka], places[kb]
        if a.lat is None or b.lat is None:
            missing.append(pair_label(p))
            continue
        drawn.append((a, b, p))
        degree[id(a)] += 1
        degree[id(b)] += 1
    fig.missing = sorted(set(missing))
    fig.clustered = len(located) > CLUSTER_ABOVE
    groups, member = _clusters(located, degree, CLUSTER_PX if fig.clustered else 0.0)
    # one arc per pair of markers, in the order of the partnerships
    bundles: dict[tuple[int, int], list[dict[str, str]]] = {}
    for a, b, p in drawn:
        ga, gb = member[id(a)], member[id(b)]
        if ga != gb or not fig.clustered:
            bundles.setdefault((ga, gb), []).append(p)
    for (ga, gb), ps in bundles.items():
        a, b = groups[ga][0], groups[gb][0]
        rels = sorted({str(p.get("relationship") or "") for p in ps}, key=lambda r: (-sum(
            1 for p in ps if (p.get("relationship") or "") == r), r))
        if len(ps) == 1:
            rel = ps[0].get("relationship")
            title = f"{pair_label(ps[0])}: {'' if rel is None else rel}"
        else:
            shown = "; ".join(pair_label(p) for p in ps[:MAX_TITLE_PAIRS])
            more = f"; and {len(ps) - MAX_TITLE_PAIRS} more" if len(ps) > MAX_TITLE_PAIRS else ""
            title = f"{len(ps)} partnerships: {shown}{more}"
        cx, cy = _arc(a.x, a.y, b.x, b.y)
        fig.links.append(Link(a.x, a.y, b.x, b.y, RELATIONSHIP_COLOURS.get(rels[0], "#546e7a"),
                              any(p.get("conflicts") for p in ps), title, cx, cy,
                              round((1.0 if fig.clustered else 1.8) + 1.2 * math.log2(len(ps)), 1), len(ps)))
    boxes: list[tuple[float, float, float, float]] = []
    ranked = sorted(range(len(groups)), key=lambda gi: (not groups[gi][0].partner, -sum(degree[id(pl)] for pl in groups[gi]),
                                                         groups[gi][0].name, gi))
    for gi in ranked:
        g = groups[gi]
        lead = g[0]
        fig.places.extend(g)
        partner = any(pl.partner for pl in g)
        names = sorted({f"{pl.name} ({pl.country})" for pl in g})
        if len(g) == 1:
            title = f"{lead.name} ({lead.country}) {lead.lat:.4f}, {lead.lon:.4f}"
        else:
            title = f"{len(g)} places: " + ", ".join(names[:MAX_TITLE_PAIRS]) + (
                f" and {len(names) - MAX_TITLE_PAIRS} more" if len(names) > MAX_TITLE_PAIRS else "")
        fill = ("#d32f2f" if lead.country == "ID" else "#1565c0") if partner else "#90a4ae"
        radius = (4.5 if partner else 3.0) + (min(9.0, 1.6 * math.sqrt(len(g) - 1)) if len(g) > 1 else 0.0)
        fig.markers.append(Marker(lead.x, lead.y, radius, fill, title, partner, len(g)))
        if not partner:
            continue
        label = lead.name if len(g) == 1 else f"{lead.name} +{len(g) - 1}"
        found = _free_label(lead.x + radius - 4.5, lead.y, 6.2 * len(label) + 4, boxes, force=not fig.clustered)
        if found is None:
            continue
        dy, box = found
        boxes.append(box)
        fig.labels.append((box[0], lead.y + dy, label))
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
    grouped: bool = False  # partners by country


# with more partner places than this, the network shows one partner node per country (its count beside it),
# the largest MAX_COUNTRIES - 1 countries by name and the others together
GROUP_ABOVE = 60
MAX_COUNTRIES = 30


def network_figure(partnerships: list[dict[str, str]]) -> NetworkFigure:
    """Indonesian side on the left, partners on the right, one edge per partnership.

    Over GROUP_ABOVE partner places, the right side is one node per country and the edges between
    a place and a country are one, as wide as their count, so 500 partnerships stay on one screen.
    """
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
    grouped = len(right) > GROUP_ABOVE
    group = {k: (f"country:{c}" if grouped else k) for k, (_, c) in right.items()}
    if grouped:
        counts: dict[str, int] = defaultdict(int)
        for k in right:
            counts[group[k]] += 1
        # the countries past the largest MAX_COUNTRIES - 1 share one node
        big = set(sorted(counts, key=lambda g: (-counts[g], g))[:MAX_COUNTRIES - 1]) if len(counts) > MAX_COUNTRIES \
            else set(counts)
        group = {k: (g if g in big else "country:~") for k, g in group.items()}
        merged: dict[str, list[str]] = defaultdict(list)
        for g in counts:
            merged[g if g in big else "country:~"].append(g)
        right = {g: ((g.partition(":")[2] if g != "country:~" else f"{len(parts)} other countries"),
                     f"{sum(counts[x] for x in parts)} places") for g, parts in merged.items()}
    lorder = sorted(left, key=lambda k: (left[k], k))
    rorder = sorted(right, key=lambda k: (right[k][1], right[k][0], k)) if not grouped else \
        sorted(right, key=lambda k: (k == "country:~", right[k][0], k))
    gap, top, w = 26, 30, 900
    fig = NetworkFigure(width=w, height=top * 2 + gap * max(len(lorder), len(rorder), 1), grouped=grouped)
    lx, rx = 260, w - 260
    nodes = {k: Node(*left[k], lx, top + gap * i + gap / 2, True) for i, k in enumerate(lorder)}
    nodes.update({k: Node(*right[k], rx, top + gap * i + gap / 2, False) for i, k in enumerate(rorder)})
    bundles: dict[tuple[str, str], list[dict[str, str]]] = {}

    def target(p: dict[str, str]) -> str:
        kb = _side(p, "b")[0]
        return group.get(kb, kb)

    for p in sorted(partnerships, key=lambda p: (_side(p, "a")[0], _side(p, "b")[0], p.get("partnership_id", ""))):
        bundles.setdefault((_side(p, "a")[0], target(p)), []).append(p)
    for (ka, kb), ps in bundles.items():
        a, b = nodes[ka], nodes[kb]
        a.degree += len(ps)
        b.degree += len(ps)
        if len(ps) == 1:
            p = ps[0]
            title = f"{pair_label(p)}: {p.get('relationship', '')}"
            if p.get("instruments"):
                title += f" [{p['instruments']}]"
            if p.get("conflicts"):
                title += f" CONFLICT: {p['conflicts']}"
        else:
            shown = "; ".join(pair_label(p) for p in ps[:MAX_TITLE_PAIRS])
            title = f"{len(ps)} partnerships: {shown}" + (f"; and {len(ps) - MAX_TITLE_PAIRS} more"
                                                          if len(ps) > MAX_TITLE_PAIRS else "")
        rels = sorted({str(p.get("relationship") or "") for p in ps},
                      key=lambda r: (-sum(1 for p in ps if (p.get("relationship") or "") == r), r))
        fig.edges.append(Link(a.x, a.y, b.x, b.y, RELATIONSHIP_COLOURS.get(rels[0], "#546e7a"),
                              any(p.get("conflicts") for p in ps), title,
                              width=2.0 if len(ps) == 1 else round(2.0 + 1.5 * math.log2(len(ps)), 1), count=len(ps)))
    fig.nodes = [nodes[k] for k in lorder + rorder]
    return fig
