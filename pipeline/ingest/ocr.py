"""OCR of scanned pages: Tesseract (Indonesian + English) on pages rendered by pdfium, cached by content.

`pdf.py` hands over the pages (or image regions) without a text layer; each is rendered at
`DPI`, cleaned up (`scan.prepare`) and read by the `tesseract` command in its own process, several
at once, while the next page renders. A page's result (its lines with boxes and word confidences)
and a small image for the review pages are kept in the cache folder under a key made of the
rendered pixels, the Tesseract version, languages, settings and the OCR code: the same page
is never read twice. Tesseract comes from Debian (`TESSERACT_INSTALL`); without it the caller
says so in the document's row and the batch goes on.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

TESSERACT_INSTALL = "apt-get install -y tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng"
# English first: on the dev texts as scans it reads 99.28 % of the words against 99.03 % for ind+eng (better on
# 20 documents, worse on 4; "Oueensland" for Queensland, even in Indonesian text); both models are used either way
LANGS = ("eng", "ind")
DPI = 300
PSM = 3  # automatic page segmentation: finds columns, letterheads and signature blocks
# the instruments' abbreviations, which Tesseract's English dictionary turns into words: "Letter of Intent
# (Lol)" loses the LoI and its date (real dev j01); as user words, 2 of its 3 are read right
USER_WORDS = ("LoI", "LoIs", "MoU", "MoUs", "MoA", "PKS")
# words Tesseract itself doubts this much are dropped (stamp rings, signature strokes, specks)
MIN_WORD_CONF = 25
# the page image kept for the review pages: this wide, in this many grey levels
REVIEW_WIDTH = 900
REVIEW_GREYS = 8
_LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"}
_BBOX_RE = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_XSIZE_RE = re.compile(r"x_size ([\d.]+)")
_WCONF_RE = re.compile(r"x_wconf (\d+)")


class OcrUnavailable(Exception):
    """Tesseract or one of its language models is missing; the message says how to install it."""


@dataclass(frozen=True)
class Engine:
    """The `tesseract` command found on PATH, its version and the languages used."""

    path: str
    version: str

    @property
    def ident(self) -> str:
        """Everything that decides what a page reads as (part of every cache key and document fingerprint).

        The code is this module and the clean-up's: a change there reads the pages again.
        """
        return f"tesseract {self.version} {'+'.join(LANGS)} psm{PSM} dpi{DPI} code {_code()}"


@lru_cache(maxsize=1)
def _code() -> str:
    """Digest of the OCR code (this module, the clean-up)."""
    from pipeline.cache import code_digest

    return code_digest(["ingest/ocr.py", "ingest/scan.py"])[:16]


@lru_cache(maxsize=8)
def _find_engine(search_path: str) -> Engine | str:
    """The engine on this PATH, or why there is none (worded for a data person)."""
    exe = shutil.which("tesseract", path=search_path)
    if exe is None:
        return f"Tesseract is not installed (no `tesseract` on PATH); install it with: {TESSERACT_INSTALL}"
    try:
        ver = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as e:
        return f"Tesseract ({exe}) does not run ({e}); reinstall it with: {TESSERACT_INSTALL}"
    m = re.search(r"tesseract v?(\d[\w.\-]*)", ver.stdout + ver.stderr)
    have = {ln.strip() for ln in (langs.stdout + langs.stderr).splitlines()}
    missing = [lang for lang in LANGS if lang not in have]
    if missing:
        pkgs = " ".join(f"tesseract-ocr-{lang}" for lang in missing)
        return f"Tesseract has no {' and '.join(missing)} language model; install it with: apt-get install -y {pkgs}"
    return Engine(exe, m.group(1) if m else "unknown")


def engine() -> Engine:
    """The Tesseract engine of this environment; OcrUnavailable (with the install command) when absent."""
    found = _find_engine(os.environ.get("PATH", os.defpath))
    if isinstance(found, str):
        raise OcrUnavailable(found)
    return found


def engine_id() -> str:
    """The engine's identity for fingerprints: a file read without Tesseract is read again once it is installed."""
    try:
        return engine().ident
    except OcrUnavailable:
        return "no tesseract"


@dataclass(frozen=True)
class OcrOptions:
    """Where results are cached ('' = nowhere), how many Tesseract processes run at once, and progress on stderr."""

    cache_dir: str = ""
    jobs: int = 1
    progress: bool = False
    label: str = ""


@dataclass(frozen=True)
class OcrTarget:
    """A page to read (0-based), whole or cropped to an image's box (PDF points: left, bottom, right, top)."""

    page: int
    box: tuple[float, float, float, float] | None = None


@dataclass
class OcrLine:
    """A text line found by Tesseract: its words, box (pixels, origin top left), type size (pixels) and confidence."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    conf: float


@dataclass
class OcrPage:
    """What one target reads as, and how it was read."""

    target: OcrTarget
    key: str
    lines: list[OcrLine]
    confidence: float  # mean word confidence, 0-1
    words: int
    angle: float  # degrees the scan was turned to straighten it
    scale: float  # pixels per PDF point
    seconds: float = 0.0
    cached: bool = False
    review_image: str = ""  # file name of the page image in the cache folder ('' when not cached)
    error: str = ""

    def record(self) -> dict[str, Any]:
        """What the ingested document keeps of it (no lines: those are in its text)."""
        out: dict[str, Any] = {"page": self.target.page + 1, "region": self.target.box is not None,
                               "confidence": self.confidence, "words": self.words, "angle": self.angle,
                               "key": self.key}
        if self.review_image:
            out["image"] = self.review_image
        return out


@dataclass
class _Running:
    """Tesseract processes in flight, so a document that runs out of time can stop them."""

    procs: set[subprocess.Popen[bytes]] = field(default_factory=set)
    stopped: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def stop(self) -> None:
        """Start no more processes, and kill (and reap) the running ones."""
        self.stopped.set()
        with self.lock:
            procs = list(self.procs)
        for p in procs:
            if p.poll() is None:
                p.kill()
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass


def ocr_pages(pdf: Any, targets: list[OcrTarget], options: OcrOptions, time_up: Callable[[], bool]
              ) -> tuple[list[OcrPage], int]:
    """Read the targets of an open pypdfium2 document, in order; (pages read, targets left when `time_up()`).

    Rendering stays in this thread (pdfium is not thread-safe); clean-up and Tesseract run in
    `options.jobs` threads, each driving one `tesseract` process. OcrUnavailable when Tesseract
    is missing.
    """
    eng = engine()
    cache = Path(options.cache_dir) if options.cache_dir else None
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    running = _Running()
    jobs = max(1, options.jobs)
    pool = ThreadPoolExecutor(max_workers=jobs) if jobs > 1 else None
    futures: list[Future[OcrPage] | OcrPage] = []
    left = 0
    started = time.monotonic()
    try:
        for k, target in enumerate(targets):
            if k and time_up():
                left = len(targets) - k
                break
            img, scale = _render(pdf, target)
            key = hashlib.sha256(f"{eng.ident}\0{img.mode}\0{img.size}\0".encode() + img.tobytes()).hexdigest()[:40]
            hit = _cached(cache, key, target, scale)
            if hit is not None:
                futures.append(hit)
            elif pool is None:
                futures.append(_read(eng, img, key, target, scale, cache, running))
            else:
                # keep at most one page waiting per worker: a rendered page is 26 MB
                while sum(1 for f in futures if isinstance(f, Future) and not f.done()) > jobs:
                    next(f for f in futures if isinstance(f, Future) and not f.done()).result()
                futures.append(pool.submit(_read, eng, img, key, target, scale, cache, running))
            del img
            if options.progress:
                _progress(options.label, futures, len(targets), started)
        pages = [f.result() if isinstance(f, Future) else f for f in futures]
    except BaseException:
        running.stop()  # the document's deadline: no Tesseract outlives it
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    if options.progress:
        _progress(options.label, pages, len(targets), started, final=True)
    return pages, left


def _render(pdf: Any, target: OcrTarget) -> tuple[Any, float]:
    """The target rendered at DPI (RGB; a crop is given as margins to cut, as pdfium wants it)."""
    page = pdf[target.page]
    try:
        scale = DPI / 72
        crop = (0, 0, 0, 0)
        if target.box is not None:
            w, h = page.get_size()
            x0, y0, x1, y1 = target.box
            crop = (max(0.0, x0), max(0.0, y0), max(0.0, w - x1), max(0.0, h - y1))
        bitmap = page.render(scale=scale, crop=crop, may_draw_forms=False)
        img = bitmap.to_pil().convert("RGB")
        bitmap.close()
        return img, scale
    finally:
        page.close()


def _cached(cache: Path | None, key: str, target: OcrTarget, scale: float) -> OcrPage | None:
    """The stored result of a page with these pixels and this engine, if any."""
    if cache is None:
        return None
    try:
        data = json.loads((cache / f"{key}.json").read_text(encoding="utf-8"))
        lines = [OcrLine(**ln) for ln in data["lines"]]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    image = f"{key}.png" if (cache / f"{key}.png").is_file() else ""
    return OcrPage(target, key, lines, data["confidence"], data["words"], data["angle"], scale, cached=True,
                   review_image=image)


def _read(eng: Engine, img: Any, key: str, target: OcrTarget, scale: float, cache: Path | None,
          running: _Running) -> OcrPage:
    """Clean up one rendered page, run Tesseract on it and store the result (runs in a worker thread)."""
    from pipeline.ingest.scan import prepare

    t0 = time.monotonic()
    prepared, angle = prepare(img)
    buf = io.BytesIO()
    prepared.save(buf, "PPM")  # raw grey pixels: no compression to spend time on
    cmd = [eng.path, "stdin", "stdout", "-l", "+".join(LANGS), "--psm", str(PSM), "--dpi", str(DPI),
           "--user-words", _user_words(), "hocr"]
    # one thread per process: the pages are the parallel work, and OpenMP threads would fight over the cores
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    if running.stopped.is_set():
        raise RuntimeError("stopped")
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    with running.lock:
        running.procs.add(proc)
    try:
        out, err = proc.communicate(buf.getvalue())
    except BaseException:  # the deadline struck while this thread waited: the process goes with it
        proc.kill()
        proc.wait()
        raise
    finally:
        with running.lock:
            running.procs.discard(proc)
    seconds = time.monotonic() - t0
    if proc.returncode != 0:
        reason = (err.decode("utf-8", "replace").strip().splitlines() or [f"exit code {proc.returncode}"])[-1]
        return OcrPage(target, key, [], 0.0, 0, angle, scale, seconds=seconds, error=reason[:200])
    lines = parse_hocr(out)
    words = [w for ln in lines for w in [ln.conf] * len(ln.text.split())]
    conf = round(sum(words) / len(words), 3) if words else 0.0
    page = OcrPage(target, key, lines, conf, len(words), angle, scale, seconds=seconds)
    if cache is not None:
        _store(cache, page, img)
    return page


@lru_cache(maxsize=1)
def _user_words() -> str:
    """The file of USER_WORDS for `tesseract --user-words`: one per content in the temp folder, shared by every run."""
    import tempfile

    from pipeline.io import atomic_write_text

    text = "\n".join(USER_WORDS) + "\n"
    path = Path(tempfile.gettempdir()) / f"kotakembar-ocr-{hashlib.sha256(text.encode()).hexdigest()[:12]}.words"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        atomic_write_text(path, text)
    return str(path)


def parse_hocr(data: bytes) -> list[OcrLine]:
    """Tesseract's hOCR → lines in reading order, without words it doubts and lines of stray marks."""
    root = ET.fromstring(data)
    lines: list[OcrLine] = []
    for el in root.iter():
        if not el.tag.endswith("span") or el.get("class") not in _LINE_CLASSES:
            continue
        title = el.get("title", "")
        box, size = _BBOX_RE.search(title), _XSIZE_RE.search(title)
        if not box:
            continue
        words: list[tuple[str, int]] = []
        for w in el.iter():
            if w.tag.endswith("span") and w.get("class") == "ocrx_word":
                text = "".join(w.itertext()).strip()
                conf = _WCONF_RE.search(w.get("title", ""))
                c = int(conf.group(1)) if conf else 0
                if text and c >= MIN_WORD_CONF:
                    words.append((text, c))
        text = " ".join(t for t, _c in words)
        if not words or _stray(text, sum(c for _t, c in words) / len(words)):
            continue
        x0, top, x1, bottom = (float(v) for v in box.groups())
        lines.append(OcrLine(text, x0, top, x1, bottom, float(size.group(1)) if size else bottom - top,
                             round(sum(c for _t, c in words) / len(words) / 100, 3)))
    return lines


# letter shapes Tesseract mistakes for each other ("Oueensland", "Lol", "rn" for "m"), both ways
CONFUSIONS = (("O", "Q"), ("rn", "m"), ("l", "I"), ("cl", "d"), ("vv", "w"))
_WORD_RE = re.compile(r"[^\W\d_]{3,}")


def harmonise(text: str, vocab: Mapping[str, int]) -> str:
    """OCR'd words put right by the document itself: a word one confusion (CONFUSIONS) away from a spelling
    the document uses more often takes that spelling ("Oueensland" where "Queensland" is written more)."""

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        best, seen = word, vocab.get(word, 0)
        for a, b in CONFUSIONS:
            for x, y in ((a, b), (b, a)):
                start = word.find(x)
                while start >= 0:
                    alt = word[:start] + y + word[start + len(x):]
                    if vocab.get(alt, 0) > seen:
                        best, seen = alt, vocab[alt]
                    start = word.find(x, start + 1)
        return best

    return _WORD_RE.sub(fix, text)


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """How often the document writes each word (of three letters or more), for `harmonise`."""
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(_WORD_RE.findall(t))
    return counts


def _stray(text: str, conf: float) -> bool:
    """Is a line only marks (a stamp's ring, a signature's strokes read as '| = \\ ES')?"""
    chars = text.replace(" ", "")
    letters = sum(ch.isalnum() for ch in chars)
    return letters < 2 or (letters <= 0.5 * len(chars) and conf < 70)


def _store(cache: Path, page: OcrPage, img: Any) -> None:
    """Write a page's result and its review image into the cache (atomically: workers share the folder)."""
    import numpy as np
    from PIL import Image

    from pipeline.ingest.scan import stretch_contrast
    from pipeline.io import atomic_write_bytes, atomic_write_text

    small = img.convert("L")
    if small.width > REVIEW_WIDTH:
        small = small.resize((REVIEW_WIDTH, round(small.height * REVIEW_WIDTH / small.width)), Image.LANCZOS)
    # paper to white, then a few even grey levels: the paper's noise falls into one level and compresses away
    # (50-90 KB a page where 16 adaptive levels kept the noise: 150-300 KB)
    step = 256 // REVIEW_GREYS
    levels = (np.arange(256) // step * 255 // (REVIEW_GREYS - 1)).clip(0, 255).astype(np.uint8)
    small = Image.fromarray(levels[stretch_contrast(np.asarray(small))], "L")
    buf = io.BytesIO()
    small.save(buf, "PNG", optimize=True)
    atomic_write_bytes(cache / f"{page.key}.png", buf.getvalue())
    data = {"lines": [asdict(ln) for ln in page.lines], "confidence": page.confidence, "words": page.words,
            "angle": page.angle}
    atomic_write_text(cache / f"{page.key}.json", json.dumps(data, ensure_ascii=False, sort_keys=True))
    page.review_image = f"{page.key}.png"


def _progress(label: str, done: list[Any], total: int, started: float, final: bool = False) -> None:
    """One line on stderr: how far the OCR of a document is."""
    ready = sum(1 for f in done if not isinstance(f, Future) or f.done())
    if final:
        cached = sum(1 for p in done if p.cached)
        sys.stderr.write(f"OCR {label}: {len(done)} of {total} pages read in {time.monotonic() - started:.1f} s"
                         f"{f' ({cached} from the cache)' if cached else ''}\n")
    else:
        sys.stderr.write(f"OCR {label}: page {len(done)} of {total} rendered, {ready} read\n")
    sys.stderr.flush()


def page_list(pages: list[int]) -> str:
    """0-based page indexes as 1-based ranges: [0, 1, 2, 6] → '1-3, 7'."""
    out: list[str] = []
    for p in sorted(set(pages)):
        if out and out[-1].split("-")[-1] == str(p):
            out[-1] = f"{out[-1].split('-')[0]}-{p + 1}"
        else:
            out.append(str(p + 1))
    return ", ".join(out)


def summary(records: list[dict[str, Any]]) -> str:
    """The note a document's row carries when OCR read some of it."""
    words = sum(r["words"] for r in records)
    mean = sum(r["confidence"] * r["words"] for r in records) / words if words else 0.0
    regions = [r["page"] - 1 for r in records if r["region"]]
    return (f"OCR: pages {page_list([r['page'] - 1 for r in records])} read by tesseract {engine().version} "
            f"({'+'.join(LANGS)}), mean word confidence {mean:.2f}"
            + (f" (on pages {page_list(regions)} only a scanned image)" if regions else ""))
