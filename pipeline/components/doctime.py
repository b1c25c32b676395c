"""Document time: year-less and relative dates take their year from the document itself (SPEC).

As HeidelTime does for news and narratives: a news item's dateline (a full date at the top of
the text) anchors "Kamis (19/12)", "21 Maret", "Oktober mendatang" and "tahun lalu"; without a
dateline the nearest full date before the expression does. Nothing is ever taken from the day the
pipeline runs: with no anchor a day and month stay `XXXX-MM-DD` and a relative expression is
dropped. The anchor used is recorded in the span's method (`+anchor:dateline`,
`+anchor:previous-date`, `+anchor:named-year` for "Pameran 2019 berlangsung pada 24-30 Oktober",
`+anchor:weekday-year` for "Kamis (5/4)" near "2018" and "2019" when only 2018 has a Thursday 5 April).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import Any

DATELINE_CHARS = 300  # a dateline sits in the first lines of a news item
WEEKDAY_YEAR_NEAR = 400  # characters from a year to a day and weekday whose year it may be (either side)
YEAR_NEAR = 120  # characters from a bare year to a day and weekday it may anchor (same line too)
DATELINE_REST = 40  # what else a dateline holds: a place, a time, "WIB", "Diposting:"
_SENTENCE = re.compile(r"\b(pada|di|yang|dan|telah|akan|diteken|ditandatangani|menandatangani|signed|on)\b", re.I)
# what may stand before a date that opens the text: a label ("date", "Diposting:") or a place ("JAKARTA,")
_OPENING_LABEL = re.compile(r"^((date|tanggal|tgl\.?|posted|published|diposting|dipublikasikan|diterbitkan)\s*:?|"
                            r"(?-i:[A-Z][\w.]*(\s[A-Z][\w.]*)?)\s*,)$", re.I)
_FULL = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_MONTH_OR_FINER = re.compile(r"^\d{4}-\d\d")
_YEARS = re.compile(r"^\d{4}/\d{4}$")
_HAS_YEAR = re.compile(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?(?:/|$)")
PAST = {"lalu", "silam", "kemarin", "last", "ago"}  # ("yang" is no sign: "yang lalu", "yang akan datang")
FUTURE = {"mendatang", "depan", "nanti", "datang", "next", "besok", "akan"}
UNIT_PRECISION = {"tahun": "year", "thn": "year", "year": "year", "bulan": "month", "month": "month",
                  "hari": "day", "day": "day", "kemarin": "day", "besok": "day", "yesterday": "day",
                  "tomorrow": "day", "setahun": "year", "sebulan": "month"}
# "hari ini", "tahun ini", "this year": the anchor's own day, month or year (English "today" is mostly "nowadays":
# "the cooperation remains active today", so it is no date)
THIS = {"ini", "this"}
# "Pameran Lukis DIY-Kyoto 2019 berlangsung pada 24-30 Oktober": the year in the event's name, right before the verb
# that holds it, is the year of the day and month that follow
HELD_IN_YEAR = re.compile(r"\b((?:19|20)\d\d)[\s\"”')]*\s(?:akan\s+|telah\s+|sudah\s+)?(?:berlangsung|digelar|diadakan|"
                          r"dilaksanakan|diselenggarakan|dihelat|is held|was held|will be held|takes place|took place)"
                          # ... and where: "IJFD 2023 was held in Hamamatsu City, Shizuoka Prefecture on January 28-29"
                          r"(?:\s+(?:di|in|at)\s+[^.;\n]{1,60}?)?"
                          r"(?:\s+(?:pada|on|mulai|from|selama))?(?:\s+(?:tanggal|tgl\.?))?\s*\Z", re.I)


def _point(value: str) -> _dt.date | None:
    """The first day a value with a year names (2013 → 2013-01-01), else None."""
    m = _HAS_YEAR.match(value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        return _dt.date(y, mo, d)
    except ValueError:
        return None


def dateline(spans: list[Any], text: str) -> tuple[Any, _dt.date] | None:
    """A news item's own date (its span and day): a full date on a short line in the first lines of the text."""
    for s in spans:
        if s.start_char > DATELINE_CHARS:
            break
        m = _FULL.match(s._.kk["value"])
        if not m:
            continue
        opening = text[:s.start_char].strip()
        # a full date that opens the text is the item's own date, after a short label at most ("date 2023-02-18")
        if not opening or _OPENING_LABEL.match(opening):
            return s, _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        lo = text.rfind("\n", 0, s.start_char) + 1
        hi = text.find("\n", s.end_char)
        line = text[lo:hi if hi >= 0 else len(text)]
        rest = line[:s.start_char - lo] + line[s.end_char - lo:]
        if hi >= 0 and len(text) - hi >= 200 and len(rest.strip()) <= DATELINE_REST and not _SENTENCE.search(rest):
            return s, _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def closest_year(month: int, day: int, base: _dt.date, direction: str = "", month_only: bool = False) -> int | None:
    """The year that puts month/day closest to `base` (after it for the future, before it for the past).

    month_only: a month without its day ("Juni nanti" on 22 June is this June, not the next)."""
    if month_only:
        base = base.replace(day=1)
    best = None
    for y in (base.year - 1, base.year, base.year + 1):
        try:
            when = _dt.date(y, month, day)
        except ValueError:
            continue
        if direction == "past" and when > base + _dt.timedelta(days=1):
            continue
        if direction == "future" and when < base:
            continue
        gap = abs((when - base).days)
        if best is None or gap < best[0]:
            best = (gap, y)
    return best[1] if best else None


def direction_of(words: list[str]) -> str:
    """"past", "future" or "" from the words of an expression."""
    low = {w.lower() for w in words}
    if low & PAST:
        return "past"
    if low & FUTURE:
        return "future"
    return ""


NUMBER_WORDS = {"dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
                "sepuluh": 10}


def relative(text: str, base: _dt.date) -> tuple[str, str] | None:
    """(EDTF value, precision) of a relative expression ("tahun lalu", "3 bulan lalu") from `base`.

    The arithmetic is dateparser's (Indonesian and English) with RELATIVE_BASE set to the anchor;
    which expressions reach it is decided by our own patterns (dates.jsonl, kind `relative`).
    """
    import dateparser

    words = re.findall(r"\w+", text.lower())
    unit = next((UNIT_PRECISION[w] for w in words if w in UNIT_PRECISION), None)
    if unit is None:
        return None
    if THIS & set(words):
        return {"year": f"{base.year:04d}", "month": f"{base.year:04d}-{base.month:02d}",
                "day": base.isoformat()}[unit], unit
    # dateparser counts in digits and says "lalu": "dua tahun silam" is read as "2 tahun lalu"
    said = " ".join(str(NUMBER_WORDS.get(w, w)) for w in words).replace("silam", "lalu")
    said = said.replace("setahun", "1 tahun").replace("sebulan", "1 bulan")  # "setahun lalu": one year ago
    said = re.sub(r"\byang\s+", "", said)  # "tahun yang lalu" is "tahun lalu" to dateparser
    found = dateparser.parse(said, languages=["id", "en"],
                             settings={"RELATIVE_BASE": _dt.datetime(base.year, base.month, base.day),
                                       "PREFER_DATES_FROM": "current_period"})
    if found is None:
        return None
    value = {"year": f"{found.year:04d}", "month": f"{found.year:04d}-{found.month:02d}",
             "day": f"{found.year:04d}-{found.month:02d}-{found.day:02d}"}[unit]
    return value, unit


def weekday_near(weekday: int, base: _dt.date, direction: str = "") -> _dt.date:
    """The day of `weekday` a news item dated `base` means: the last one up to that day, the next for the future."""
    if direction == "future":
        return base + _dt.timedelta(days=(weekday - base.weekday()) % 7 or 7)
    return base - _dt.timedelta(days=(base.weekday() - weekday) % 7)


def _weekday(words: list[str], weekdays: Mapping[str, Any] | None) -> int | None:
    """The weekday (Python's number) the first weekday word of `words` names, None without one."""
    said = [int(weekdays[w]) for w in (x.lower().strip("(),.") for x in words) if weekdays and w in weekdays]
    return said[0] if said else None


def _weekday_year(value: str, said: int | None, spans: list[Any], at: int) -> int | None:
    """The one year named in the document on which day `value` (XXXX-MM-DD) falls on weekday `said`."""
    if said is None:
        return None
    years = {int(m.group(1)) for t in spans if abs(t.start_char - at) <= WEEKDAY_YEAR_NEAR
             and (m := _HAS_YEAR.match(t._.kk["value"]))}
    fits = set()
    for year in years:
        try:
            if _dt.date(year, int(value[5:7]), int(value[8:10])).weekday() == said:
                fits.add(year)
        except ValueError:
            continue
    return fits.pop() if len(fits) == 1 else None


def anchor(spans: list[Any], text: str, weekdays: Mapping[str, Any] | None = None) -> list[Any]:
    """Give year-less and relative spans the document's year; drop relative spans nothing anchors.

    `weekdays` (word -> Python weekday): a year whose calendar contradicts the weekday written beside the date
    ("Kamis (30/3)" anchored to 2019, a Saturday) is not its year; the date keeps XXXX.
    """
    found = dateline(spans, text)
    top = found[1] if found else None
    # last resort: the year of the item's own date anywhere in it ("Copyright © ANTARA 2018")
    own = next((_point(s._.kk["value"]) for s in spans if s._.kk.get("role") == "publication"
                and _point(s._.kk["value"]) is not None), None)
    own_day = next((_point(s._.kk["value"]) for s in spans if s._.kk.get("role") == "publication"
                    and _FULL.match(s._.kk["value"])), None)  # a full date of its own, wherever the page put it
    previous: _dt.date | None = None
    last_year: int | None = None  # the last bare year on the line ("Festival Remo & Yosakoi 2023 ... Minggu (16/7)")
    year_end = 0
    kept = []
    for s in spans:
        kk = dict(s._.kk)
        value = kk["value"]
        base, how = (top, "dateline") if top else (previous, "previous-date")
        if (base is None and last_year is not None and len(value) == 10 and value.startswith("XXXX-")
                and s.start_char - year_end <= YEAR_NEAR and "\n" not in text[year_end:s.start_char]):
            # with nothing else to anchor it, a weekday written beside the day confirms a year named just before it
            # on its line: the calendar repeats a weekday and day only every few years ("Minggu (16/7)" after
            # "2023": a Sunday); a year further back is background ("Tahun 1995, ... pernah" before "Kamis (1/6)")
            said = _weekday(s.text.split(), weekdays)
            try:
                agrees = said is not None and _dt.date(last_year, int(value[5:7]), int(value[8:10])).weekday() == said
            except ValueError:
                agrees = False
            if agrees:
                kk["value"] = value.replace("XXXX", f"{last_year:04d}")
                kk["method"] += "+anchor:previous-year-weekday"
                s._.kk = kk
                kept.append(s)
                continue
        held = HELD_IN_YEAR.search(text, max(0, s.start_char - 80), s.start_char) if value.startswith("XXXX-") else None
        if held:
            kk["value"] = value.replace("XXXX", held.group(1))  # both ends of "XXXX-10-24/XXXX-10-30"
            kk["method"] += "+anchor:named-year"
            s._.kk = kk
            kept.append(s)
            if previous is None and top is None:
                previous = _point(kk["value"])  # the nearest full date before what follows
            continue
        if re.fullmatch(r"\d{4}", value) and kk.get("role") in ("event", "other"):
            last_year, year_end = int(value), s.end_char
        if base is None and own_day is not None and value.startswith("XXXX") and len(value) >= 10:
            # no date before it, in a page with a full date of its own ("Kompas.com - 18/07/2019" under a title's
            # "21-25 Juli"): the page's own time, not the next date the text tells (a photo caption's of last year)
            base, how = own_day, "publication-date"
        if base is None and value.startswith("XXXX"):  # no date before it: the next full date's year
            # (a span of days counts by its first: "27-28 Juli 2024" after "hari ini (27/7)")
            later = next((_point(t._.kk["value"]) for t in spans if t.start_char > s.start_char
                          and t._.kk.get("role") not in ("citation_access", "legal_reference", "publication")
                          and _FULL.match(t._.kk["value"].split("/")[0])), None)
            if later is None and len(value) == 10 and _weekday(s.text.split(), weekdays) is not None:
                # ... or of the next month named with its year, where the weekday written beside the day
                # confirms it ("Selasa (25/8)" before "mulai bulan September 2015")
                later = next((_point(t._.kk["value"][:7] + "-01") for t in spans if t.start_char > s.start_char
                              and t._.kk.get("role") not in ("citation_access", "legal_reference", "publication")
                              and _MONTH_OR_FINER.match(t._.kk["value"])), None)
            if later is not None:
                base, how = _dt.date(later.year, 7, 1), "next-date"
        if base is None and len(value) == 10 and value.startswith("XXXX-"):
            # ... or the one year the document names whose calendar has that day on the weekday written beside it
            # ("Kamis (5/4)" ... "menjelang Pilgub Jateng 2018 dan Pemilu 2019": 5 April was a Thursday in 2018 only)
            year = _weekday_year(value, _weekday(s.text.split(), weekdays), spans, s.start_char)
            if year is not None:
                kk["value"] = value.replace("XXXX", f"{year:04d}")
                kk["method"] += "+anchor:weekday-year"
                s._.kk = kk
                kept.append(s)
                if previous is None and top is None:
                    previous = _point(kk["value"])
                continue
        if base is None and own is not None and value.startswith("XXXX"):
            kk["value"] = value.replace("XXXX", f"{own.year:04d}")
            kk["method"] += "+anchor:publication-year"
            s._.kk = kk
            kept.append(s)
            continue
        words = s.text.split()
        if value.startswith("WD"):  # a bare weekday: that day nearest the item's own date
            base = top or own_day
            day = weekday_near(int(value[2:]), base, direction_of(words)) if base else None
            if day is None:
                continue  # "Selasa" alone in a text with no date of its own says nothing a table can hold
            kk["value"] = day.isoformat()
            kk["method"] += "+anchor:dateline" if top else "+anchor:publication-date"
            s._.kk = kk
            kept.append(s)
            continue
        if value == "REL":
            said = re.findall(r"\w+", s.text.lower())
            if THIS & set(said):
                # "hari ini" is the day a news item was filed or published, never a date the text tells before
                base = top or own_day or own
                how = "dateline" if top else "publication-date"
                if base is not None and base is own and own_day is None:
                    # known only by its year ("Copyright © ANTARA 2025"): "hari ini" is a day of that year, not
                    # its first day
                    unit = next((UNIT_PRECISION[w] for w in said if w in UNIT_PRECISION), "year")
                    kk["value"] = f"{own.year:04d}" + {"year": "", "month": "-XX", "day": "-XX-XX"}[unit]
                    kk["precision"] = unit
                    kk["method"] += "+anchor:publication-year"
                    s._.kk = kk
                    kept.append(s)
                    continue
            elif base is None and own is not None and {UNIT_PRECISION[w] for w in said if w in UNIT_PRECISION} == {"year"}:
                base, how = own, "publication-year"  # "tahun lalu" in a text dated only by its year
            found = relative(s.text, base) if base else None
            if found is None:
                continue
            kk["value"], kk["precision"] = found
            kk["method"] += f"+anchor:{how}"
        elif value.startswith("XXXX") and base is not None:
            month = int(value[5:7])
            day = int(value[8:10]) if len(value) >= 10 else 1
            year = closest_year(month, day, base, direction_of(words), month_only=len(value) < 10)
            said = _weekday(words, weekdays)
            if year is not None and said is not None and len(value) == 10 and _dt.date(year, month, day).weekday() != said:
                year = None
            if year is not None:
                kk["value"] = value.replace("XXXX", f"{year:04d}")  # both ends of "XXXX-08-09/XXXX-08-11"
                kk["method"] += f"+anchor:{how}"
        elif kk.get("role") not in ("citation_access", "legal_reference") and _MONTH_OR_FINER.match(value):
            # the nearest full date before (SPEC), or month ("Agustus 1942 ... tanggal 23 Agustus"); a bare year
            # anchors nothing ("Rabu (13/2/2019) ... tahun 2020 mendatang ... Juni nanti" is June 2019, and
            # "LoI-nya pada 2016 ... Sabtu (6/5)" stays XXXX-05-06)
            previous = _point(value)
        if found and s is found[0] and kk.get("role") in ("event", "other"):
            kk["role"] = "publication"  # the dateline is the item's own date, not an event it reports
        s._.kk = kk
        kept.append(s)
    # one period, one role: a span of years a study covers ("from 2015 to 2018") is no event where it is repeated
    periods = {s._.kk["value"] for s in kept if s._.kk.get("role") == "other" and _YEARS.match(s._.kk["value"])}
    for s in kept:
        if s._.kk.get("role") == "event" and s._.kk["value"] in periods:
            s._.kk = {**s._.kk, "role": "other"}
    return kept
