"""The real-text corpus (gold/real): build the dev/test split, check restored texts, score agreement.

The texts are other people's writing and live only in a git-ignored folder; the gold keeps the
url, query and sha256 that restore them (gold/README.md).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.evaluate import (
    METRICS,
    Agreement,
    Counts,
    Place,
    Prediction,
    load_gold,
    norm_country,
    norm_id,
    norm_iso,
    norm_text,
    score_document,
)
from pipeline.io import atomic_write_text

GOLD_DIR = Path("gold/real")
TEXTS = "texts"
SPLITS = ("dev", "test")
TEST_SHARE = 0.45  # share of the url-hash space that goes to test
RESERVED = Path("../shared/reserved_urls.txt")
RESTORE_HINT = ("restore them as gold/README.md says (search corpus `pages` with each line's query, "
                "save the excerpt whose url matches as gold/real/texts/<id>.txt)")
_WS = re.compile(r"\s+")


def sha256_text(text: str) -> str:
    """SHA-256 of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_folded(text: str) -> str:
    """SHA-256 of the text with white space folded (a restore whose line breaks differ still checks)."""
    return sha256_text(_WS.sub(" ", text).strip())


def split_of(url: str) -> str:
    """`test` or `dev`, fixed by the url's SHA-256 (stable when documents are added)."""
    return "test" if int(sha256_text(url)[:8], 16) < TEST_SHARE * 16**8 else "dev"


def reserved_urls(path: Path = RESERVED) -> set[str]:
    """The urls kept for independent evaluation (empty when the file is absent)."""
    if not path.is_file():
        return set()
    return {ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")}


# the annotators' notes stay in their part files (gold/real/parts/): without them each split stays under the
# repository's 1 MB a file
SPLIT_DROPS = ("notes",)
# a split is a folder of shards of this many documents: about 1.6 KB a document keeps each shard near 500 KB, under
# the repository's 1 MB a file however many documents the corpus gains (one file of 637 dev documents reached 997 KB)
SHARD_DOCS = 300


def _ordered(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A gold line of a split: its restore fields first, as the README's table lists them, and no notes."""
    head = ("id", "file", "url", "query", "sha256", "sha256_folded", "chars", "genre", "language",
            "annotator", "reviewer")
    out = {k: doc[k] for k in head if k in doc}
    out.update({k: v for k, v in doc.items() if k not in out and k not in SPLIT_DROPS})
    return out


def build(parts: Iterable[Path], texts_dir: Path, out_dir: Path, reserved: set[str]) -> dict[str, int]:
    """Merge annotators' part files into the dev/ and test/ splits (folders of shards) with each text's digests.

    Refuses (ValueError) a reserved url, a url or id used twice, or a missing text.
    """
    docs: list[dict[str, Any]] = []
    for part in sorted(parts):
        docs.extend(load_gold(part))
    problems: list[str] = []
    seen_urls: dict[str, str] = {}
    seen_ids: set[str] = set()
    for doc in docs:
        gid, url = str(doc.get("id")), str(doc.get("url") or "")
        if url in reserved:
            problems.append(f"{gid}: {url} is reserved for independent evaluation")
        if url in seen_urls:
            problems.append(f"{gid}: url already used by {seen_urls[url]}")
        if gid in seen_ids:
            problems.append(f"{gid}: id used twice")
        seen_urls[url] = gid
        seen_ids.add(gid)
        text_path = texts_dir / str(doc.get("file"))
        if not text_path.is_file():
            problems.append(f"{gid}: text {text_path} not found")
            continue
        text = text_path.read_text(encoding="utf-8")
        doc.update(sha256=sha256_text(text), sha256_folded=sha256_folded(text), chars=len(text))
    if problems:
        raise ValueError("\n".join(problems))
    counts = {}
    for split in SPLITS:
        chosen = sorted((d for d in docs if split_of(str(d["url"])) == split), key=lambda d: str(d["id"]))
        write_split(out_dir / split, chosen)
        counts[split] = len(chosen)
    return counts


def write_split(folder: Path, docs: list[dict[str, Any]]) -> list[Path]:
    """Write a split as a folder of shards of SHARD_DOCS documents each (001.jsonl, ...), removing stale shards."""
    folder.mkdir(parents=True, exist_ok=True)
    shards = [docs[i:i + SHARD_DOCS] for i in range(0, len(docs), SHARD_DOCS)] or [[]]
    written = []
    for n, shard in enumerate(shards, 1):
        path = folder / f"{n:03d}.jsonl"
        # compact separators: the splits are read by programs (637 documents: 1,103 KB with spaces, 997 KB without)
        atomic_write_text(path, "".join(json.dumps(_ordered(d), ensure_ascii=False, separators=(",", ":")) + "\n"
                                        for d in shard))
        written.append(path)
    for stale in sorted(set(folder.glob("*.jsonl")) - set(written)):
        stale.unlink()
    return written


def split_path(gold_dir: Path, split: str) -> Path:
    """The folder of a split's shards (gold/real/dev/, gold/real/test/), or the one file of a gold made before them."""
    folder = gold_dir / split
    single = gold_dir / f"{split}.jsonl"
    return single if single.is_file() and not folder.is_dir() else folder


@dataclass
class CheckResult:
    """What `check` found: texts missing, texts whose digests differ, reserved urls."""

    present: int
    missing: list[str]
    changed: list[str]
    reserved: list[str]

    @property
    def ok(self) -> bool:
        """True when every text is present and unchanged and no reserved url is named."""
        return not (self.missing or self.changed or self.reserved)


def check(gold_files: Iterable[Path], texts_dir: Path, reserved: set[str]) -> CheckResult:
    """Check every gold line's text against its recorded sha256 (or folded sha256)."""
    result = CheckResult(0, [], [], [])
    for path in gold_files:
        for doc in load_gold(path):
            gid = str(doc.get("id"))
            if str(doc.get("url")) in reserved:
                result.reserved.append(gid)
            text_path = texts_dir / str(doc.get("file"))
            if not text_path.is_file():
                result.missing.append(gid)
                continue
            text = text_path.read_text(encoding="utf-8")
            if doc.get("sha256") not in (sha256_text(text), None) and doc.get("sha256_folded") != sha256_folded(text):
                result.changed.append(gid)
            else:
                result.present += 1
    return result


def texts_of(gold_file: Path, texts_dir: Path) -> list[Path]:
    """The text files a gold file names, in its order (FileNotFoundError naming the missing ones)."""
    paths = [texts_dir / str(d.get("file")) for d in load_gold(gold_file)]
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"{len(missing)} of {len(paths)} texts of {gold_file} are not in {texts_dir} "
                                f"({', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}): {RESTORE_HINT}")
    return paths


def gold_as_prediction(doc: Mapping[str, Any]) -> Prediction:
    """A gold document read as if the pipeline had predicted it (for agreement between annotators)."""
    pred = Prediction(doc_id=str(doc.get("id")), file=str(doc.get("file") or ""))
    for c in doc.get("cities") or []:
        pred.places.append(Place(name=str(c.get("name") or ""), country=norm_country(c.get("country")),
                                 geonames_id=norm_id(c.get("geonames_id")), iso3166_2=norm_iso(c.get("iso3166_2")),
                                 level=str(c.get("level") or ("region" if c.get("iso3166_2") else "city")),
                                 surfaces=tuple(c.get("surfaces") or ())))
    for p in doc.get("partnerships") or []:
        sides = [Place(name=str(p.get(s) or ""), country=norm_country(p.get(f"{s}_country")),
                       geonames_id=norm_id(p.get(f"{s}_geonames_id")), iso3166_2=norm_iso(p.get(f"{s}_iso3166_2")),
                       level=str(p.get(f"{s}_level") or "")) for s in ("a", "b")]
        sectors = tuple(str(x).strip().lower() for x in p.get("sectors") or [])
        instruments = [i for i in p.get("instruments") or [] if norm_text(i.get("type"))]
        rows = [(str(i["type"]).strip().lower(), norm_text(i.get("date"))) for i in instruments] or [(None, None)]
        for itype, date in rows:
            pred.agreements.append(Agreement(sides[0], sides[1], norm_text(p.get("relationship")), itype, date, sectors))
    for d in doc.get("dates") or []:
        if norm_text(d.get("value")):
            pred.dates.append((str(d["value"]).strip(), str(d.get("role") or "").strip().lower()))
    return pred


def agreement(first: Path, second: Path) -> tuple[dict[str, Counts], list[str]]:
    """Score the second annotation against the first (F1 is symmetric) over the documents both hold."""
    one = {str(d.get("id")): d for d in load_gold(first)}
    totals = {m: Counts() for m in METRICS}
    ids = []
    for doc in load_gold(second):
        gid = str(doc.get("id"))
        if gid not in one:
            continue
        ids.append(gid)
        result, _m, _f = score_document(one[gid], gold_as_prediction(doc))
        for m in METRICS:
            totals[m].add(result.counts[m])
    return totals, ids
