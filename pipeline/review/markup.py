"""What every review page shares: the colours, escaping, number and id forms, and the Jinja2 templates."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

TEMPLATES = Path(__file__).with_name("templates")

TYPE_COLOURS: dict[str, str] = {
    "CITY": "#ffd54f", "REGION": "#ffb74d", "COUNTRY": "#c5e1a5", "DATE": "#81d4fa", "DURATION": "#b39ddb",
    "SECTOR": "#a5d6a7", "INSTRUMENT": "#f48fb1", "RELATIONSHIP": "#ef9a9a", "ORG": "#bcaaa4", "PERSON": "#e6ee9c",
}
OTHER_COLOUR = "#e0e0e0"
RELATIONSHIP_COLOURS: dict[str, str] = {
    "sister_city": "#1565c0", "sister_province": "#6a1b9a", "friendship_city": "#2e7d32", "cooperation": "#ef6c00",
}
INSTRUMENT_COLOURS: dict[str, str] = {
    "letter_of_intent": "#00838f", "memorandum_of_understanding": "#c2185b", "cooperation_agreement": "#5d4037",
}
# Content-Security-Policy: nothing may be fetched, whatever a page holds.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def esc(value: Any) -> str:
    """HTML-escape any cell (None as empty)."""
    return html.escape("" if value is None else str(value), quote=True)


def fragment(value: str) -> str:
    """A URL fragment for an id."""
    return quote(value, safe="-_.")


def slug(value: str) -> str:
    """A class-name / file-name safe form."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", value) or "_"


def as_int(value: Any) -> int | None:
    """A cell as an integer ("3", " 3 ", "3.0"), else None."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        try:
            f = float(str(value).strip())
        except (TypeError, ValueError):
            return None
        return int(f) if f.is_integer() else None


def as_float(value: Any) -> float | None:
    """A cell as a finite float, else None."""
    try:
        f = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return f if f == f and abs(f) != float("inf") else None


def coord(x: float) -> str:
    """Deterministic SVG coordinate."""
    s = f"{x:.1f}"
    return "0.0" if s == "-0.0" else s


@cache
def environment() -> jinja2.Environment:
    """The templates under `templates/`, loaded once per process.

    Autoescaping is off and every value goes through the `esc` filter instead: Jinja2's escape
    writes `&#34;` and `&#39;` where `html.escape` writes `&quot;` and `&#x27;`, and the pages
    keep the bytes they had. Whitespace: a block tag takes the newline after it (`trim_blocks`),
    and a template file's last newline is part of its output (`keep_trailing_newline`).
    """
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False, auto_reload=False,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(esc=esc, fragment=fragment, slug=slug, coord=coord, quote=quote)
    env.globals.update(csp=CSP, type_colours=TYPE_COLOURS, other_colour=OTHER_COLOUR,
                       relationship_colours=RELATIONSHIP_COLOURS, instrument_colours=INSTRUMENT_COLOURS)
    return env


def render(template: str, /, **context: Any) -> str:
    """Render one template of `templates/`."""
    return environment().get_template(template).render(**context)
