"""Normalization of date spans to EDTF values: calendar dates, numeric dates, years, decades, centuries,
durations and relative expressions (the latter valued later by `doctime`).

`DateValues` is a mixin of `DateRecognizer`: its word maps (months, weekdays, number words, units...) are
set from `dates_lexicon.jsonl` by `DateRecognizer._set_rules`.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from typing import Any

YEAR_RE = re.compile(r"^(1[0-9]\d\d|20\d\d)$")
CITE_YEAR_RE = re.compile(r"^(1[0-9]\d\d|20\d\d)[a-z]?$")
DAY_RE = re.compile(r"^(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?$", re.I)
NUM_RE = re.compile(r"^\d+([.,]\d+)?$")
DECADE_RE = re.compile(r"^(\d{2}|\d{4})(s|an|-an|'s)?$", re.I)


ROMAN = {"i": 1, "v": 5, "x": 10}


def roman_or_int(word: str) -> int:
    """8 from "8" or "VIII"; 0 when it is neither."""
    if word.isdigit():
        return int(word)
    values = [ROMAN.get(c, 0) for c in word.lower()]
    if not values or 0 in values:
        return 0
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


class DateValues:
    """EDTF values of matched date spans (a mixin: the lexicon maps come from the recognizer)."""

    def _interpret(self, kind: str, words: list[str]) -> tuple[str, str, float] | None:
        try:
            if kind == "calendar":
                return self._calendar(words)
            if kind in ("numeric_dmy", "numeric_ymd", "numeric_dm"):
                return self._numeric(kind, words)
            if kind == "numeric_dm_range":  # "Senin (13/1) hingga Jumat (17/1)"
                cut = next(i for i in range(words.index(")") + 1, len(words)) if words[i].lower() in self._sep)
                a, b = self._numeric("numeric_dm", words[:cut]), self._numeric("numeric_dm", words[cut + 1:])
                if a is None or b is None or a[0] >= b[0]:
                    return None
                return f"{a[0]}/{b[0]}", "interval", min(a[2], b[2])
            if kind == "numeric_dmy_range":  # "Kamis-Sabtu (10-12/10/2019)"
                d1, d2, month, year = [w for w in words if w.isdigit()]
                a, b = self._numeric("numeric_dmy", [d1, month, year]), self._numeric("numeric_dmy", [d2, month, year])
                if a is None or b is None or a[0] >= b[0]:
                    return None
                return f"{a[0]}/{b[0]}", "interval", min(a[2], b[2])
            if kind == "numeric_ddm_range":  # "(5-7/12)": the year comes from the document's time
                d1, d2, month = [w for w in words if w.isdigit()]
                a, b = self._numeric("numeric_dm", [d1, month]), self._numeric("numeric_dm", [d2, month])
                if a is None or b is None or int(d1) >= int(d2) or int(month) > 12:
                    return None
                return f"{a[0]}/{b[0]}", "interval", min(a[2], b[2])
            if kind == "year":
                return self._year(words)
            if kind == "decade":
                return self._decade(words)
            if kind == "duration":
                return self._duration(words)
            if kind == "century":  # "abad ke-8": the years 0700-0799 (EDTF unspecified digits)
                n = roman_or_int(words[-1] if words[-1].lower() not in ("m", "masehi") else words[-2])
                return (f"{n - 1:02d}XX", "century", 1.0) if 1 <= n <= 21 else None
            if kind in ("short_year", "short_range"):  # "tahun 750", "antara 750 dan 1100 M"
                years = [int(w) for w in words if w.isdigit()]
                if not all(100 <= y <= 2099 for y in years) or years != sorted(years):
                    return None
                value = "/".join(f"{y:04d}" for y in years)
                return value, "interval" if len(years) > 1 else "year", 1.0
            if kind == "relative":  # "tahun lalu", "3 bulan lalu": valued by doctime.anchor
                return "REL", "day", 1.0
            if kind == "weekday":  # "pada Selasa": the day comes from doctime.anchor
                return f"WD{self._weekdays[words[0].lower()]}", "day", 1.0
            if kind == "month_relative":  # "Oktober mendatang": the year comes from doctime.anchor
                month = next(self._months[w.lower()] for w in words if w.lower() in self._months)
                day = next((int(w[:2].rstrip("snrt")) for w in words if DAY_RE.match(w)), None)
                return self._fmt(None, month, day) if day else (f"XXXX-{month:02d}", "month", 1.0)
        except (StopIteration, ValueError, KeyError, IndexError, OverflowError):
            return None
        return None

    def _year(self, words: list[str]) -> tuple[str, str, float] | None:
        for w in reversed(words):
            if CITE_YEAR_RE.match(w):
                return w[:4], "year", 1.0
        return None

    def _decade(self, words: list[str]) -> tuple[str, str, float] | None:
        lows = [w.lower() for w in words]
        lead = any(w in self._decade_leads for w in lows)
        for i, w in enumerate(lows):
            m = DECADE_RE.match(w.replace("’", "'"))
            if not m:
                continue
            digits, suffix = m.group(1), m.group(2)
            if not suffix and not (i + 2 < len(lows) and lows[i + 1] == "-" and lows[i + 2] == "an"):
                continue
            if not digits.endswith("0"):
                return None
            if len(digits) == 2:
                if not lead:
                    return None
                digits = "19" + digits
            if not (1000 <= int(digits) <= 2090):
                return None
            return digits[:3] + "X", "decade", 1.0
        return None

    def _duration(self, words: list[str]) -> tuple[str, str, float] | None:
        lows = [w.lower() for w in words]
        for w in lows:
            if w in self._se:
                return self._se[w], "interval", 1.0
        unit = None
        for w in reversed(lows):
            if w in self._units:
                unit = self._units[w]
                break
        if unit is None:
            return None
        n: float | None = None
        total, last, seen = 0, 0, False
        for w in lows:
            if NUM_RE.match(w):
                n = float(w.replace(",", "."))
                break
            if w in self._numwords:
                total += last
                last = int(self._numwords[w])
                seen = True
            elif w in self._mult and seen:
                m = self._mult[w]
                last = last + 10 if m == "teen" else last * int(m)
                total += last
                last = 0
        if n is None:
            if not seen:
                return None
            n = float(total + last)
        if n <= 0 or n >= 1000:
            return None
        mult = re.match(r"^(\d*)([YMWD])$", unit)
        if not mult:
            return None
        n *= int(mult.group(1) or 1)
        num = str(int(n)) if n == int(n) else f"{n:g}"
        return f"P{num}{mult.group(2)}", "interval", 1.0

    def _numeric(self, kind: str, words: list[str]) -> tuple[str, str, float] | None:
        nums: list[int] = []
        weekday = None
        for w in words:
            lw = w.lower()
            if lw in self._weekdays:
                weekday = int(self._weekdays[lw])
            elif re.fullmatch(r"\d+(\.\d+)*", w):
                nums.extend(int(x) for x in w.split("."))
        factor = 1.0
        if kind == "numeric_dm":
            if len(nums) != 2:
                return None
            d, m = nums
            if m > 12 and d <= 12:  # "Monday (3/19)" in English news: month first
                d, m = m, d
            return self._fmt(None, m, d, weekday)
        if len(nums) != 3:
            return None
        if kind == "numeric_ymd":
            y, m, d = nums
        else:
            d, m, y = nums
            if y < 100:  # "Rabu (17/12/25)": the rule asks for a weekday; the weekday check below confirms the century
                y += 2000 if y < 70 else 1900
            if m > 12 and d <= 12:  # 7/24/2019: month first
                d, m = m, d
                factor = 0.8
        res = self._fmt(y, m, d, weekday)
        if res is None:
            return None
        return res[0], res[1], res[2] * factor

    def _fmt(self, y: int | None, m: int | None, d: int | None, weekday: int | None = None):
        """Format one calendar point; validates the day; returns (value, precision, factor)."""
        if m is not None and not 1 <= m <= 12:
            return None
        if d is not None:
            if m is None:
                return None
            days = calendar.monthrange(y if y is not None else 2000, m)[1]
            if not 1 <= d <= days:
                return None
        factor = 1.0
        if y is None:
            if m is None or d is None:
                return None
            return f"XXXX-{m:02d}-{d:02d}", "day", factor
        if d is not None:
            if weekday is not None and _dt.date(y, m, d).weekday() != weekday:
                factor = 0.7
            return f"{y:04d}-{m:02d}-{d:02d}", "day", factor
        if m is not None:
            return f"{y:04d}-{m:02d}", "month", factor
        return f"{y:04d}", "year", factor

    def _calendar(self, words: list[str]) -> tuple[str, str, float] | None:
        # merge "s / d" into one separator
        merged: list[str] = []
        i = 0
        while i < len(words):
            if words[i].lower() == "s" and i + 2 < len(words) and words[i + 1] == "/" and words[i + 2].lower() == "d":
                merged.append("s/d")
                i += 3
                continue
            merged.append(words[i])
            i += 1
        classes: list[tuple[str, Any]] = []
        prev_word = ""
        for w in merged:
            lw = w.lower()
            if YEAR_RE.match(w):
                classes.append(("Y", int(w)))
            elif lw in self._months:
                classes.append(("M", int(self._months[lw])))
            elif DAY_RE.match(w):
                classes.append(("D", int(re.match(r"\d+", w).group())))
            elif lw in self._weekdays:
                classes.append(("WD", int(self._weekdays[lw])))
            elif lw in self._open:
                classes.append(("OPEN", lw))
            elif lw in self._sep or lw in self._until:
                classes.append(("SEP", lw))
            elif lw in self._between:
                classes.append(("BETWEEN", lw))
            elif lw in self._and:
                classes.append(("AND", lw))
            elif w == "." and prev_word.lower() in self._months and len(prev_word) > self._abbr_max:
                return None  # "Agustus." ends a sentence; only abbreviations take a dot
            prev_word = w
        first = next((k for k, (c, _) in enumerate(classes) if c in ("Y", "M", "D")), None)
        if first is None:
            return None
        prefix = [c for c, _ in classes[:first]]
        open_ = "OPEN" in prefix
        until = "SEP" in prefix
        between = "BETWEEN" in prefix
        weekday = next((v for c, v in classes[:first] if c == "WD"), None)
        rest = classes[first:]
        split = None
        for k, (c, _) in enumerate(rest):
            # ("26 dan 27 Mei 2006": two days joined by "and" are a span of days too)
            two_days = c == "AND" and k == 1 and rest[0][0] == "D" and len(rest) > 2 and rest[2][0] == "D"
            if c == "SEP" or (between and c == "AND") or two_days:
                split = k
                break
        parts = [rest] if split is None else [rest[:split], rest[split + 1:]]
        parsed = []
        for part in parts:
            d = m = y = None
            for c, v in part:
                if c == "D":
                    if d is not None or (m is not None and y is not None):
                        return None
                    d = v
                elif c == "M":
                    if m is not None:
                        return None
                    m = v
                elif c == "Y":
                    if y is not None:
                        return None
                    y = v
                elif c in ("SEP", "OPEN", "BETWEEN"):
                    return None
            if d is None and m is None and y is None:
                return None
            parsed.append([y, m, d])
        if len(parsed) == 2:
            (y1, m1, d1), (y2, m2, d2) = parsed
            if y1 is None:
                y1 = y2
            if m1 is None and d1 is not None:
                m1 = m2
            if m2 is None and d2 is not None:
                m2 = m1
            if y2 is None:
                y2 = y1
            if y1 is None and y2 is None and d1 and d2 and m1 and m2 and (m1, d1) < (m2, d2):
                # "9-11 Agustus", "Nov 9 to 12": a span without its year, given one by doctime
                a, b = self._fmt(None, m1, d1), self._fmt(None, m2, d2)
                return (f"{a[0]}/{b[0]}", "interval", 0.9) if a and b else None
            if y1 is None or y2 is None:
                return None
            a = self._fmt(y1, m1, d1)
            b = self._fmt(y2, m2, d2)
            if a is None or b is None:
                return None
            if (y1, m1 or 1, d1 or 1) >= (y2, m2 or 1, d2 or 1):
                return None
            return f"{a[0]}/{b[0]}", "interval", 1.0
        y, m, d = parsed[0]
        if y is None and d is None:
            return None
        res = self._fmt(y, m, d, weekday)
        if res is None:
            return None
        if open_ and y is not None:
            return f"{res[0]}/..", "interval", res[2]
        if until and y is not None:
            return f"../{res[0]}", "interval", res[2]
        return res
