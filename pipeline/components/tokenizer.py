"""The Indonesian tokenizer every pipeline of the project uses: spaCy's, with the exceptions, suffixes and infixes
the project's texts need, and its special cases pruned to those a batch of texts can use."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.lang.id import Indonesian
from spacy.language import Language

_INDEX: dict[int, tuple[dict[str, Any], frozenset[str], dict[str, list[str]]]] = {}


def _exception_index(rules: dict[str, Any]) -> tuple[frozenset[str], dict[str, list[str]]]:
    """(strings always kept, the others by their first three characters), built once per rules dict."""
    hit = _INDEX.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1], hit[2]
    always: set[str] = set()
    by_prefix: dict[str, list[str]] = {}
    for key in rules:
        if len(key) < 3 or any(c.isspace() for c in key):
            always.add(key)
        else:
            by_prefix.setdefault(key[:3], []).append(key)
    _INDEX[id(rules)] = (rules, frozenset(always), by_prefix)
    return frozenset(always), by_prefix


def exceptions_for(texts: Iterable[str], rules: dict[str, Any]) -> dict[str, Any]:
    """The tokenizer special cases among `rules` whose string occurs in one of `texts`.

    A special case only fires where its string is in the text, so a tokenizer given just these
    tokenizes `texts` exactly as one given all of them. Strings with whitespace or shorter than
    three characters are always kept; the others are found through their first three characters.
    """
    always, by_prefix = _exception_index(rules)
    keep = set(always)
    chunks: set[str] = set()
    for text in texts:
        chunks.update(text.split())
    for chunk in chunks:
        for i in range(len(chunk) - 2):
            for key in by_prefix.get(chunk[i:i + 3], ()):
                if chunk.startswith(key, i):
                    keep.add(key)
    return {key: rules[key] for key in sorted(keep)}


# spaCy splits a final period after a lower-case letter or two capitals, not after "MoU" or "LoI": without this,
# "... menandatangani dua MoU." keeps "MoU." as one token and the instrument is never found
SUFFIXES = [*Indonesian.Defaults.suffixes, r"(?<=[a-z][A-Z])\."]
# spaCy splits a comma between two letters, not between a letter and a digit: "Rabu,16 Desember 2020" kept
# "Rabu,16" as one token and the date lost its day
# "Beijing[8], Hanoi[9]": a footnote mark glued to a name kept "Beijing[8" as one token and the place was lost
# "... di Perancis.[43] Perjanjian ...": the full stop before a footnote mark ends the sentence
# "4–7 April 2026": an en dash between days, like the hyphen
# "Yogyakarta (Indonesia)–Gyeongsangbukdo (South Korea)": a closing bracket, a dash and the next name, glued
INFIXES = [*Indonesian.Defaults.infixes, r"(?<=[A-Za-z]),(?=[0-9])", r"(?<=[^\s\[])\[(?=\d{1,3}(?:\]|$))",
           r"(?<=[A-Za-z0-9])\.(?=\[\d{1,3}(?:\]|$))", r"(?<=[0-9])[–—](?=[0-9])", r"\)(?=[-–—][A-Za-z])",
           r"(?<=\))[-–—](?=[A-Za-z])"]
# "8 -12 Juni 2019": a dash glued to the second day of a range is its separator, not a minus ("-12" kept the range
# from being read and the date fell to "Juni 2019")
PREFIXES = [*Indonesian.Defaults.prefixes, r"(?<=^)[-–](?=\d{1,2}$)"]
# emoticons that begin with a digit ("8)", "8-)", "0.0") are special cases in spaCy's base exceptions: "Selasa (25/8)."
# kept "8)" as one token and every August date written day/month in brackets was lost
EXCEPTIONS = {k: v for k, v in Indonesian.Defaults.tokenizer_exceptions.items() if not k[:1].isdigit()}
# "s/d" (sampai dengan, "until") is one word: split at its slash, "19 s/d 22 Februari 2009" was no range
EXCEPTIONS.update({w: [{"ORTH": w}] for w in ("s/d", "S/D", "s/D", "S/d")})


def blank_indonesian(texts: Iterable[str] | None = None) -> Language:
    """``spacy.blank("id")``; given `texts`, with only the tokenizer exceptions those texts can use.

    Indonesian has ~16,000 tokenizer exceptions (mostly reduplications such as "anak-anak");
    loading them all is most of spaCy's start-up: 1.66 s against 0.15 s pruned (``benchmarks/shortcuts.py``),
    the difference between meeting and missing the start-up target (< 3 s; 1.71 s measured). Tokenizing `texts` gives the
    same tokens either way (see ``exceptions_for``); other texts must not be given to such a pipeline.
    """
    if texts is None:
        defaults = type("Defaults", (Indonesian.Defaults,), {"tokenizer_exceptions": EXCEPTIONS, "suffixes": SUFFIXES,
                                                             "infixes": INFIXES, "prefixes": PREFIXES})
    else:
        rules = exceptions_for(texts, EXCEPTIONS)
        defaults = type("Defaults", (Indonesian.Defaults,), {"tokenizer_exceptions": rules, "suffixes": SUFFIXES,
                                                       "infixes": INFIXES, "prefixes": PREFIXES})
    return type("IndonesianForTexts", (Indonesian,), {"Defaults": defaults})()
# a person's title with its period is one word: spaCy split "Mr." (a period after a lower-case letter) and the
# sentencizer ended the sentence there, so "Gubernur Sumatera Barat bersama Mr. Kim ... menandatangani LoI" lost its pair
TITLES = ("Mr.", "Mrs.", "Ms.", "Ir.", "Sdr.", "Bpk.", "Tn.", "Ny.", "Gov.", "Hon.", "Rev.", "Capt.", "Lt.")
EXCEPTIONS.update({w: [{"ORTH": w}] for t in TITLES for w in (t, t.upper())})
