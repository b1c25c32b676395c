"""Scanned-looking pages and image-only PDFs, for the OCR tests and `benchmarks/ocr_bench.py`.

Text is drawn with a DejaVu font (Debian's fonts-dejavu-core) at 200-300 dpi on off-white paper in
grey ink, then degraded like a scan: a round purple stamp and a blue signature over the text, a
slight rotation, sensor noise with a few specks, a little blur and JPEG compression. Layouts:
paragraphs flowed over pages (with a running header and a page number), a letterhead, centred
titles and two columns side by side (a bilingual Letter of Intent: Indonesian | English).

The output is deterministic: the same text, style and seed give the same PDF bytes.

    .venv/bin/python scripts/make_scans.py TEXT.txt OUT.pdf [--dpi 300] [--seed 0]
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import typer
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"serif": "DejaVuSerif.ttf", "serif-bold": "DejaVuSerif-Bold.ttf", "sans": "DejaVuSans.ttf",
              "sans-bold": "DejaVuSans-Bold.ttf"}
FONT_HINT = "apt-get install -y fonts-dejavu-core"
A4_INCHES = (8.27, 11.69)


def fonts_missing() -> str:
    """Why the fonts cannot be used ('' when they can)."""
    missing = [n for n in FONT_FILES.values() if not (FONT_DIR / n).is_file()]
    return f"DejaVu fonts missing ({', '.join(missing)}): {FONT_HINT}" if missing else ""


def font(kind: str, points: float, dpi: int) -> ImageFont.FreeTypeFont:
    """A DejaVu font at `points` for a page rendered at `dpi`."""
    return ImageFont.truetype(str(FONT_DIR / FONT_FILES[kind]), round(points * dpi / 72))


@dataclass(frozen=True)
class Block:
    """A piece of page layout: para, title, letterhead, columns (left and right paragraphs) or gap."""

    kind: str
    text: str = ""
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScanStyle:
    """How a page is drawn and how badly it is scanned."""

    dpi: int = 300
    points: float = 11.0
    margin_in: float = 1.0
    paper: int = 236  # grey level of the paper (a scan is never white)
    ink: int = 45  # grey level of the ink (nor black)
    skew: float = 0.8  # degrees, rotated counter-clockwise
    noise: float = 9.0  # standard deviation of the sensor noise, in grey levels
    specks: float = 0.0004  # share of pixels turned into dark specks
    blur: float = 0.6
    stamp: bool = True
    signature: bool = True
    header: str = "Dokumen hasil pindaian"
    page_numbers: bool = True
    jpeg_quality: int = 80
    seed: int = 0
    extra: dict[str, str] = field(default_factory=dict)


def text_blocks(text: str) -> list[Block]:
    """A plain text (one paragraph a line) as paragraph blocks."""
    return [Block("para", " ".join(line.split())) for line in text.splitlines() if line.strip()]


def _wrap(draw: ImageDraw.ImageDraw, text: str, fnt: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}" if cur else word
        if cur and draw.textlength(trial, font=fnt) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


class _Pages:
    """Clean pages being filled top to bottom."""

    def __init__(self, style: ScanStyle) -> None:
        self.style = style
        self.w, self.h = round(A4_INCHES[0] * style.dpi), round(A4_INCHES[1] * style.dpi)
        self.margin = round(style.margin_in * style.dpi)
        self.body = font("serif", style.points, style.dpi)
        self.line_h = round(style.points * 1.45 * style.dpi / 72)
        self.pages: list[Image.Image] = []
        self.new_page()

    def new_page(self) -> None:
        self.page = Image.new("L", (self.w, self.h), 255)
        self.draw = ImageDraw.Draw(self.page)
        self.pages.append(self.page)
        self.y = self.margin
        n = len(self.pages)
        small = font("sans", self.style.points * 0.8, self.style.dpi)
        if self.style.header:
            self.draw.text((self.margin, self.margin * 0.55), self.style.header, font=small, fill=0)
        if self.style.page_numbers:
            label = f"- {n} -"
            x = (self.w - self.draw.textlength(label, font=small)) / 2
            self.draw.text((x, self.h - self.margin * 0.6), label, font=small, fill=0)

    def room(self, height: int) -> None:
        if self.y + height > self.h - self.margin:
            self.new_page()

    def lines(self, lines: list[str], fnt: ImageFont.FreeTypeFont, x0: int, width: int, centred: bool = False) -> None:
        for ln in lines:
            self.room(self.line_h)
            x = x0 + (width - self.draw.textlength(ln, font=fnt)) / 2 if centred else x0
            self.draw.text((x, self.y), ln, font=fnt, fill=0)
            self.y += self.line_h

    def add(self, block: Block) -> None:
        width = self.w - 2 * self.margin
        dpi, pts = self.style.dpi, self.style.points
        if block.kind == "para":
            self.lines(_wrap(self.draw, block.text, self.body, width), self.body, self.margin, width)
            self.y += self.line_h // 2
        elif block.kind == "title":
            bold = font("serif-bold", pts * 1.15, dpi)
            self.lines(_wrap(self.draw, block.text, bold, width), bold, self.margin, width, centred=True)
            self.y += self.line_h // 2
        elif block.kind == "letterhead":
            big = font("sans-bold", pts * 1.6, dpi)
            self.lines(_wrap(self.draw, block.text, big, width), big, self.margin, width, centred=True)
            self.y += self.line_h // 4
            self.draw.rectangle([self.margin, self.y, self.w - self.margin, self.y + max(3, dpi // 60)], fill=0)
            self.y += self.line_h
        elif block.kind == "columns":
            gutter = round(0.35 * dpi)
            col_w = (width - gutter) // 2
            top = self.y
            bottoms = []
            for k, paras in enumerate((block.left, block.right)):
                self.y = top
                x0 = self.margin + k * (col_w + gutter)
                for p in paras:
                    for ln in _wrap(self.draw, p, self.body, col_w):
                        self.draw.text((x0, self.y), ln, font=self.body, fill=0)
                        self.y += self.line_h
                    self.y += self.line_h // 2
                bottoms.append(self.y)
            self.y = max(bottoms)
        elif block.kind == "gap":
            self.y += self.line_h * 2


def render_pages(blocks: list[Block], style: ScanStyle = ScanStyle()) -> list[Image.Image]:
    """The blocks laid out on clean A4 pages (grey level images; 255 paper, 0 ink)."""
    missing = fonts_missing()
    if missing:
        raise FileNotFoundError(missing)
    pages = _Pages(style)
    for b in blocks:
        pages.add(b)
    return pages.pages


def _stamp(w: int, h: int, dpi: int, rng: random.Random, text: str) -> Image.Image:
    """A round stamp (two rings, text round the edge, a star) as an alpha mask of its ink."""
    r = round(0.75 * dpi)
    size = 2 * r + 8
    mask = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(mask)
    c = size / 2
    d.ellipse([c - r, c - r, c + r, c + r], outline=255, width=max(3, dpi // 50))
    d.ellipse([c - 0.68 * r, c - 0.68 * r, c + 0.68 * r, c + 0.68 * r], outline=255, width=max(2, dpi // 90))
    fnt = font("sans-bold", 9, dpi)
    letters = f" {text} * "
    for k, ch in enumerate(letters):
        a = 2 * math.pi * k / len(letters) - math.pi / 2
        glyph = Image.new("L", (fnt.size * 2, fnt.size * 2), 0)
        ImageDraw.Draw(glyph).text((fnt.size // 2, fnt.size // 2), ch, font=fnt, fill=255)
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        gx, gy = c + 0.84 * r * math.cos(a) - glyph.width / 2, c + 0.84 * r * math.sin(a) - glyph.height / 2
        mask.paste(255, (round(gx), round(gy)), glyph)
    star = [(c + (0.3 if k % 2 == 0 else 0.12) * r * math.cos(math.pi * k / 5 - math.pi / 2),
             c + (0.3 if k % 2 == 0 else 0.12) * r * math.sin(math.pi * k / 5 - math.pi / 2)) for k in range(10)]
    d.polygon(star, fill=255)
    # stamps print unevenly: drop a random share of the ink
    arr = np.asarray(mask, dtype=np.float32) * np.asarray(
        [[0.55 + 0.45 * rng.random() for _ in range(size)] for _ in range(1)], dtype=np.float32)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8)).rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)


def _signature(dpi: int, rng: random.Random) -> Image.Image:
    """A scribbled signature as an alpha mask."""
    w, h = round(1.8 * dpi), round(0.6 * dpi)
    mask = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(mask)
    pts = []
    for k in range(140):
        t = k / 139
        x = 0.05 * w + 0.9 * w * t
        y = h / 2 + 0.3 * h * math.sin(9 * math.pi * t + rng.uniform(0, 0.4)) * math.cos(2.1 * t)
        pts.append((x, y))
    d.line(pts, fill=255, width=max(2, dpi // 70), joint="curve")
    return mask


def degrade(page: Image.Image, style: ScanStyle, page_no: int = 0) -> Image.Image:
    """A clean page scanned: grey paper and ink, stamp and signature over the text, skew, noise, specks, blur."""
    rng = random.Random(style.seed * 1000 + page_no)
    clean = np.asarray(page, dtype=np.float32) / 255.0
    grey = style.ink + (style.paper - style.ink) * clean
    rgb = np.stack([grey, grey, grey], axis=-1)
    w, h = page.size
    if style.stamp and page_no == 0:
        mask = _stamp(w, h, style.dpi, rng, style.extra.get("stamp", "PEMERINTAH KOTA"))
        x = round(w * rng.uniform(0.45, 0.6))
        y = round(h * rng.uniform(0.25, 0.55))
        _ink(rgb, mask, x, y, (110, 40, 150), 0.8)
    if style.signature and page_no == 0:
        mask = _signature(style.dpi, rng)
        _ink(rgb, mask, round(w * 0.15), round(h * rng.uniform(0.3, 0.6)), (20, 50, 170), 0.9)
    img = Image.fromarray(rgb.clip(0, 255).astype(np.uint8), "RGB")
    img = img.rotate(style.skew, resample=Image.BICUBIC, fillcolor=(style.paper,) * 3)
    arr = np.asarray(img, dtype=np.float32)
    noise = np.random.default_rng(style.seed * 1000 + page_no)
    arr = arr + noise.normal(0, style.noise, arr.shape[:2])[..., None]
    specks = noise.random(arr.shape[:2]) < style.specks
    arr[specks] = style.ink
    img = Image.fromarray(arr.clip(0, 255).astype(np.uint8), "RGB")
    return img.filter(ImageFilter.GaussianBlur(style.blur)) if style.blur else img


def _ink(rgb: np.ndarray, mask: Image.Image, x: int, y: int, colour: tuple[int, int, int], strength: float) -> None:
    """Print `mask` in `colour` over the page at (x, y), multiplied like ink on paper."""
    m = np.asarray(mask, dtype=np.float32)[..., None] / 255.0 * strength
    h, w = m.shape[:2]
    y1, x1 = min(rgb.shape[0], y + h), min(rgb.shape[1], x + w)
    m = m[: y1 - y, : x1 - x]
    region = rgb[y:y1, x:x1]
    ink = np.asarray(colour, dtype=np.float32) / 255.0
    rgb[y:y1, x:x1] = region * (1 - m + m * ink)


def scan(blocks: list[Block], style: ScanStyle = ScanStyle()) -> list[Image.Image]:
    """The blocks rendered and scanned: one RGB image per page."""
    return [degrade(p, style, k) for k, p in enumerate(render_pages(blocks, style))]


def write_pdf(images: list[Image.Image], path: Path, dpi: int, quality: int = 80) -> Path:
    """An image-only PDF (one JPEG per page, no text layer), with fixed dates so the bytes repeat."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    epoch = time.gmtime(0)
    images[0].save(path, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:], quality=quality,
                   title=path.stem, creationDate=epoch, modDate=epoch)
    return path


def scan_text_to_pdf(text: str, path: Path, style: ScanStyle = ScanStyle()) -> Path:
    """A plain text (one paragraph a line) as a scanned, image-only PDF."""
    return write_pdf(scan(text_blocks(text), style), path, style.dpi, style.jpeg_quality)


def main(text: Path = typer.Argument(..., help="A plain text file (one paragraph a line)"),
         out: Path = typer.Argument(..., help="The image-only PDF to write"),
         dpi: int = typer.Option(300, help="Scan resolution"),
         seed: int = typer.Option(0, help="Seed of the noise, skew and stamp")) -> None:
    """Draw a text as a scanned, image-only PDF."""
    style = replace(ScanStyle(), dpi=dpi, seed=seed)
    print(scan_text_to_pdf(text.read_text(encoding="utf-8"), out, style))


if __name__ == "__main__":
    typer.run(main)
