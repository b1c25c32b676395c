"""Place candidates for a reviewer's fix: the gazetteer searched by name, and a candidate's reference resolved back."""

from __future__ import annotations

import bisect
import threading
from pathlib import Path
from typing import Any

from pipeline.gazetteer import Gazetteer, fold, norm_space

LEVELS = ("city", "regency", "region")
LIMIT = 20


def ref_of(entry: dict[str, Any]) -> str:
    """A stable reference to a gazetteer entry: gn:<GeoNames id>, iso:<ISO 3166-2 code> or regency:<name>."""
    if entry.get("geonames_id") is not None:
        return f"gn:{entry['geonames_id']}"
    if entry.get("iso3166_2"):
        return f"iso:{entry['iso3166_2']}"
    return f"{entry['level']}:{entry['name']}"


class PlaceIndex:
    """The gazetteer artifact (models/gazetteer), loaded on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._gaz: Gazetteer | None = None
        self._keys: list[str] = []

    def gazetteer(self) -> Gazetteer:
        """The loaded gazetteer (FileNotFoundError naming the build command when it is absent)."""
        with self._lock:
            if self._gaz is None:
                self._gaz = Gazetteer.load(self.path)
                self._keys = sorted(self._gaz.lower_names)
            return self._gaz

    def search(self, query: str, limit: int = LIMIT) -> list[dict[str, Any]]:
        """Cities, regencies and regions whose name is `query` or starts with it (case and accents folded), best first."""
        gaz = self.gazetteer()
        q = norm_space(fold(query)).lower()
        if len(q) < 2:
            return []
        found: dict[int, tuple[int, float]] = {}
        for variant in dict.fromkeys((q, norm_space(query).lower())):
            at = bisect.bisect_left(self._keys, variant)
            while at < len(self._keys) and self._keys[at].startswith(variant):
                name = self._keys[at]
                exact = 0 if name == variant else 1
                for idx, _src in gaz.lower_names[name]:
                    e = gaz.entries[idx]
                    if e[0] in LEVELS:
                        rank = (exact, -float(e[8] or 0))
                        found[idx] = min(found.get(idx, rank), rank)
                at += 1
                if len(found) > 50 * limit:  # a one-letter-like prefix: enough to rank
                    break
        best = sorted(found, key=lambda i: (found[i], gaz.entries[i][2], gaz.entries[i][3], i))[:limit]
        return [self.describe(gaz.entry(i)) for i in best]

    @staticmethod
    def describe(entry: dict[str, Any]) -> dict[str, Any]:
        """A candidate as the page lists it."""
        return {"ref": ref_of(entry), "name": entry["name"], "country": entry["country"], "level": entry["level"],
                "geonames_id": entry["geonames_id"], "iso3166_2": entry["iso3166_2"] or "", "admin1": entry["admin1"] or "",
                "latitude": entry["latitude"], "longitude": entry["longitude"], "population": entry["population"] or 0}

    def resolve(self, ref: str) -> dict[str, Any] | None:
        """The candidate a reference names, or None when the gazetteer lacks it."""
        gaz = self.gazetteer()
        kind, _, value = str(ref).partition(":")
        entry: dict[str, Any] | None = None
        if kind == "gn" and value.isdigit():
            entry = gaz.by_geonames_id(int(value))
        elif kind == "iso":
            entry = gaz.region(value)
        elif kind == "regency" and value in gaz.regencies:
            entry = gaz.entry(gaz.regencies[value])
        return None if entry is None or entry["level"] not in LEVELS else self.describe(entry)
