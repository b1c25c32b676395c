"""Finding place mentions: names, triggers (Kota, Kabupaten, Provinsi...), and their contexts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.tokens import Doc

from ..gazetteer import SRC_ALIAS, SRC_ALT, SRC_PRIMARY, Candidate, Gazetteer
from ..partnerships import CITY_PROVINCES
from .common import capitals_share_at_least, doc_text, section_kind_at
from .place_rules import (
    ADMIN_SUFFIXES,
    CONNECTORS,
    CONTEXT_BEFORE_COUNTRY,
    DIRECTIONS,
    HOME_UNITS,
    HONORIFICS,
    LEVELS_FOR_KIND,
    OFFICE_AFTER,
    ORG_WORDS,
    PEOPLE_BEFORE,
    PREFIX_TRIGGERS,
    SENT_END,
    SPEECH_AFTER,
    SPEECH_VERBS,
    STREET_AFTER,
    STREET_BEFORE,
    SUFFIX_TRIGGERS,
    TRIGGER_WORDS,
    WORD_RE,
    YEAR_RE,
    PlaceMention,
    spread_by_name,
)

PERSON_TITLES = frozenset({"H.", "Hj.", "Dr.", "Drs.", "Dra.", "Prof.", "Mr.", "Mrs.", "Ms.", "Ir.", "Sdr.", "Bpk."})
NAME_PARTICLES = frozenset({"de", "do", "da", "dos", "das", "van", "von", "der", "den", "del", "della"})
UNIT_OFFICES = frozenset({"menteri", "premier", "gubernur", "bupati", "walikota", "ketua"})  # "<office> <unit> X"
LOCATIVES = frozenset({"di", "dari", "ke", "in", "at", "from"})  # before a town where someone is
FORT_BEFORE = frozenset({"benteng", "fort", "kastil", "castle"})
# a lake or a mountain named for it: "Danau Toba" (Toba, a town in Japan), "Gunung Fuji", "Lake Biwa" ("Gunung Kidul",
# "Mount Gambier", "Lake Macquarie" are places: the gazetteer's names hold the word, and are matched whole)
FEATURE_BEFORE = frozenset({"danau", "gunung", "lake", "mount", "mt"})
FUZZY_SHORTEST = 6  # letters of a name after a trigger that may be another one misspelt
FUZZY_SHORTEST_REGION = 5  # ... after a province's trigger
GLUED = re.compile(r"[a-z][A-Z]")  # two words run together by a page's layout ("Pemkab BekasiBEKASI - ...")


# ====================================================================== matching
class _Tokens:
    """Token texts and gaps of the non-space tokens of a doc (computed once per doc).

    Read through ``Doc.to_array`` and the doc text, without creating Token objects.
    """

    __slots__ = ("doc", "text", "idx", "texts", "lower", "gap", "n", "sent_start", "starts")

    def __init__(self, doc: Doc) -> None:
        text = doc_text(doc)
        # columns (one list each: fast); SENT_START is -1/0/1 stored as uint64 -> view as int64
        cols = doc.to_array([IDX, LENGTH, IS_SPACE, SENT_START]).view("int64").T.tolist() if len(doc) else [[]] * 4
        idx: list[int] = []
        texts: list[str] = []
        gap: list[str] = []
        sent: list[int] = []
        starts: list[int] = []
        prev_end = 0
        for i, (s, ln, sp, ss) in enumerate(zip(*cols)):
            if sp:
                continue
            idx.append(i)
            texts.append(text[s:s + ln])
            gap.append(text[prev_end:s])
            sent.append(ss)
            starts.append(s)
            prev_end = s + ln
        self.doc = doc
        self.text = text
        self.idx = idx  # content position -> token index
        self.texts = texts
        self.lower = [t.lower() for t in texts]
        self.gap = gap  # whitespace before each content token
        self.n = len(texts)
        # 1 = sentence start, -1 = not, 0 = no sentence annotation
        self.sent_start = sent
        self.starts = starts  # start char of each content token

    def end_char(self, k: int) -> int:
        return self.starts[k] + len(self.texts[k])

    def sep(self, k: int) -> str | None:
        """Separator to join content token k to the previous one; None across a blank line."""
        g = self.gap[k]
        if not g:
            return ""
        if g.count("\n") >= 2:
            return None
        return " "


def _match_names(tk: _Tokens, k: int, gaz: Gazetteer, *, ci: bool, after_trigger: bool,
                 levels: tuple[str, ...]) -> tuple[int, list[Candidate], str] | None:
    """Longest name (up to 8 tokens) starting at content position k with a candidate in `levels`."""
    first = tk.texts[k]
    max_len = (gaz.lower_first_words.get(_first_word(first.lower())) if ci
               else gaz.first_words.get(_first_word(first)))
    if max_len is None:
        return None
    best = None
    names, entries = gaz.names, gaz.entries
    for end, s in _runs(tk, k, 8, max_len):
        if ci:
            refs = gaz.lower_names.get(s.lower())
        else:
            refs = names.get(s)
            if refs is None and after_trigger:
                refs = gaz.trigger_names.get(s)
        if refs:
            cands = [Candidate(e, src, s) for e, src in refs if entries[e][0] in levels]
            if cands:
                best = (end, cands, s)
    return best


def _runs(tk: _Tokens, k: int, max_tokens: int, max_len: int) -> Iterator[tuple[int, str]]:
    """(end, text) of each run of tokens from content position k, as one name would be written, up to
    `max_tokens` tokens and `max_len` characters, not across a blank line."""
    s = ""
    for j in range(k, min(k + max_tokens, tk.n)):
        if j > k:
            sep = tk.sep(j)
            if sep is None:
                return
            s += sep
        s += tk.texts[j]
        if len(s) > max_len:
            return
        yield j + 1, s


def _first_word(t: str) -> str:
    if t.isalnum():
        return t
    m = WORD_RE.search(t)
    return m.group() if m else ""


def find_places(doc: Doc, gaz: Gazetteer, *, fuzzy: bool = True, home: str = "ID",
                trigger_first: set[str] | None = None) -> list[PlaceMention]:
    """Scan a doc left to right for place mentions (no linking yet)."""
    tk = _Tokens(doc)
    if trigger_first is None:
        trigger_first = {t[0][0] for t in PREFIX_TRIGGERS}
    first_words = gaz.first_words
    out: list[PlaceMention] = []
    caps_lines: dict[int, bool] = {}

    def heading(q: int) -> bool:
        """The token's line is written in capitals (a title: "PARADIPLOMASI AUSTRALIA DENGAN BANJARMASIN")."""
        lo = tk.text.rfind("\n", 0, tk.starts[q]) + 1
        if lo not in caps_lines:
            hi = tk.text.find("\n", lo)
            caps_lines[lo] = _is_caps_line(tk.text[lo:hi if hi >= 0 else len(tk.text)])
        return caps_lines[lo]

    k = 0
    n = tk.n
    while k < n:
        t = tk.texts[k]
        m: PlaceMention | None = None
        name_here = t[:1].isupper() and _first_word(t) in first_words
        if tk.lower[k] in trigger_first:
            m = _match_prefix(tk, k, gaz, fuzzy=fuzzy, name_here=name_here, home=home)
        if m is None and t[:1].isupper() and t.isalpha():
            m = _match_ward(tk, k, gaz)
        if m is None and name_here and not _in_url(t) and not _file_or_site_suffix(tk, k):
            m = _match_bare(tk, k, gaz)
        if m is None and t.isupper() and len(t) >= 4 and t.isalpha():
            m = _match_dateline(tk, k, gaz)
            if m is None and heading(k):
                m = _match_heading(tk, k, gaz)
        if m is None and t[:1].isupper() and (t in gaz.small_names or _first_word(t) in gaz.small_first_words) \
                and not _in_url(t):
            m = _match_small(tk, k, gaz)
        if m is None:
            k += 1
            continue
        out.append(m)
        k = m.end
    out = _repeats(tk, out)
    if fuzzy:
        out = _listed_misspellings(tk, out, gaz)
    # content positions -> token indices
    for m in out:
        m.start, m.end = tk.idx[m.start], tk.idx[m.end - 1] + 1
        m.name_start, m.name_end = tk.idx[m.name_start], tk.idx[m.name_end - 1] + 1
    _add_contexts(doc, tk, out, gaz, fuzzy=fuzzy)
    return out


def _repeats(tk: _Tokens, found: list[PlaceMention]) -> list[PlaceMention]:
    """Bare repeats of a name the gazetteer lacks but a trigger made a place ("Kota Pengzhou" ... "program
    kota kembar Pengzhou-Mataram"): the same capitalized tokens elsewhere are the same place."""
    names: dict[tuple[str, ...], PlaceMention] = {}
    for m in found:
        words = tuple(tk.texts[m.name_start:m.name_end])
        if m.kind is not None and m.how in ("unknown", "fuzzy") and words and words[0][:1].isupper():
            names.setdefault(words, m)
    if not names:
        return found
    # a town below the floor gives way to the name a trigger made a place ("Pengzhou, China" after "Kota Pengzhou")
    taken = {k for m in found if m.how != "small" for k in range(m.start, m.end)}
    out = list(found)
    firsts = {words[0] for words in names}
    for k in (i for i, t in enumerate(tk.texts) if t in firsts):  # one pass over the tokens, not one per name
        for words, m in names.items():
            end = k + len(words)
            if tuple(tk.texts[k:end]) == words and not any(j in taken for j in range(k, end)):
                out.append(PlaceMention(k, end, k, end, m.name, m.kind, "repeat", list(m.cands), m.how))
                taken.update(range(k, end))
    out = [m for m in out if m.how != "small" or not any(k in taken for k in range(m.start, m.end))]
    return sorted(out, key=lambda x: x.start)


LIST_JOINERS = frozenset({",", "dan", "and", "serta", "&"})
PAIR_DASHES = frozenset({"-", "–"})


def _listed_misspellings(tk: _Tokens, found: list[PlaceMention], gaz: Gazetteer) -> list[PlaceMention]:
    """A capitalized word the gazetteer lacks, one edit from a place, standing as an item of a list of places
    ("Ambon and Denpassar", "Rotterdam dan Pyongnyang") or before its country ("Khartom (Sudan)"): it only
    proposes; linking keeps it where the proposal is safe (see place_link)."""
    ends = {m.end for m in found}
    starts = {m.start: m for m in found}
    taken = {k for m in found for k in range(m.start, m.end)}
    new = []
    for k in range(1, tk.n):
        t = tk.texts[k]
        if (k in taken or len(t) < 6 or not t.isalpha() or not t[:1].isupper() or tk.sent_start[k] == 1
                or tk.lower[k] in TRIGGER_WORDS or gaz.is_stopword(t)):  # "Bandung dan Pemerintah Kota ..."
            continue
        # right after a place and a joiner ("Ambon and Denpassar"), or a comma and a joiner ("Hanoi, dan Pyongnyang")
        # (or a pair's dash: "antara Ambon - Vlisiingen dan Ambon - Darwin")
        after_item = (tk.lower[k - 1] in LIST_JOINERS | PAIR_DASHES and (k - 1) in ends) or (
            k >= 2 and tk.lower[k - 1] in LIST_JOINERS and tk.texts[k - 2] == "," and (k - 2) in ends)
        country = starts.get(k + 2) if k + 2 < tk.n and tk.texts[k + 1] in ("(", ",") else None
        before_country = country is not None and bool(country.cands) and all(
            gaz.level(c.entry) == "country" for c in country.cands)
        if not (after_item or before_country):
            continue
        cands = gaz.fuzzy(t, levels=("city", "region"))
        if cands:
            new.append(PlaceMention(k, k + 1, k, k + 1, t, None, "listed", cands, "fuzzy"))
    return sorted(found + new, key=lambda x: x.start) if new else found


def _in_url(t: str) -> bool:
    return "/" in t or "@" in t or t.startswith(("http", "www."))


def _file_or_site_suffix(tk: _Tokens, k: int) -> bool:
    """The word ends a file or site name, glued to a word by a dot: "foto.PNG", "TEMPO.CO" (no country); a longer
    word there opens a sentence its period was glued to ("... sister city.Surabaya ...")."""
    return (k >= 2 and tk.texts[k - 1] == "." and not tk.gap[k] and not tk.gap[k - 1] and tk.texts[k - 2][-1:].isalnum()
            and tk.texts[k].isupper() and len(tk.texts[k]) <= 4)


# the words of a table's header row ("No. Kota Negara Tahun Bidang")
COLUMN_WORDS = frozenset({"no", "no.", "nama", "kota", "negara", "provinsi", "tahun", "bidang", "keterangan", "mitra",
                          "status", "jenis", "tanggal", "country", "city", "year", "province", "asal"})


def _match_prefix(tk: _Tokens, k: int, gaz: Gazetteer, *, fuzzy: bool, name_here: bool,
                  home: str = "ID") -> PlaceMention | None:
    # a full name that starts with the trigger word ("Kota Kinabalu", "City of London")
    if name_here:
        full = _match_names(tk, k, gaz, ci=False, after_trigger=False, levels=LEVELS_FOR_KIND[None])
        if full is not None and full[0] > k + 1 and not _home_after_kota(tk, k, gaz, full, home):
            return _bare_from(tk, k, full)
    if tk.lower[k] == "kota" and k > 0 and tk.lower[k - 1] == "ibu":
        return None  # "ibu kota Banten": the capital of a province, not a city trigger
    if (tk.lower[k] == "kota" and k + 2 < tk.n and tk.texts[k + 1][:1].isupper()
            and tk.lower[k + 1] in COLUMN_WORDS and tk.lower[k + 2] in COLUMN_WORDS):
        return None  # "No. Kota Negara Tahun": a table's header row, not the town of Negara
    for words, kind, keep_unit, may_create in PREFIX_TRIGGERS:
        if tk.lower[k] != words[0]:
            continue
        ok = True
        for off, w in enumerate(words[1:], 1):
            j = k + off
            if j >= tk.n or tk.lower[j] != w or tk.sep(j) is None or (w == "." and tk.gap[j]):
                ok = False
                break
        if not ok:
            continue
        q = k + len(words)
        if q >= tk.n or tk.sep(q) is None:
            return None
        trig = "-".join(w for w in words if w != ".")
        trig = {"kab": "kabupaten", "kab.": "kabupaten", "prov": "provinsi", "prov.": "provinsi",
                "kota-madya": "kotamadya", "kota-administrasi": "kota"}.get(trig, trig)
        levels = LEVELS_FOR_KIND[kind]
        start = k if keep_unit else q
        if trig in HOME_UNITS:
            # a kecamatan or desa is named like its town or regency ("Kecamatan Garut Kota", "Desa Sumedang"):
            # never linked to them, it is a place of its own with no id
            end = _unknown_run(tk, q, gaz, named=True)
            if end is None:
                return None
            m = PlaceMention(start, end, q, end, _join(tk, q, end), kind, trig, [], "unknown")
            m.ctx_country = home
            return m
        hit = _match_names(tk, q, gaz, ci=False, after_trigger=True, levels=levels)
        how = "exact"
        if hit is None:
            hit = _match_names(tk, q, gaz, ci=True, after_trigger=True, levels=levels)
            how = "ci"
        if hit is None and _person_after_office(tk, k, q):
            return None
        if hit is None and may_create and kind == "city":
            # "Kota Hluboka nad Vltavou": a town below the gazetteer's floor written in full, before any one-edit
            # guess at its first word
            small = _match_small(tk, q, gaz, locator=False)
            if small is not None and small.end > q + 1:
                return PlaceMention(start, small.end, q, small.end, small.name, kind, trig, [], "unknown")
        # after "Provinsi" a name that is only a town elsewhere may still be a province one edit away ("Provinsi
        # Shichuan" is Sichuan, not the town Shichuan)
        town = None if hit is not None or kind != "region" or not may_create else _match_names(
            tk, q, gaz, ci=False, after_trigger=False, levels=("city",))
        if hit is None and fuzzy and (town is not None or _match_names(
                tk, q, gaz, ci=True, after_trigger=True, levels=LEVELS_FOR_KIND[None]) is None):
            hit = _fuzzy_after_trigger(tk, q, gaz, levels)
            how = "fuzzy"
        if hit is None and town is not None and (capital := [
                c for c in town[1] if c.entry in {gaz.entry_index(g) for r, g in CITY_PROVINCES.items() if r[:2] == home}]):
            # "Pemerintah Provinsi Jakarta" (the province's name since 2024 drops "DKI"): the province that is one
            # city is the city, as "Gubernur DKI Jakarta" is
            hit, how = (town[0], capital, town[2]), "exact"
        if hit is None and town is not None:
            # ... and otherwise a province the gazetteer lacks, with its name and no id: never the town
            return PlaceMention(start, town[0], q, town[0], town[2], kind, trig, [], "unknown")
        if hit is not None and how == "ci" and hit[2] == hit[2].lower():
            # "kota batam": lower-case names only for home-country places, curated aliases and, after "provinsi",
            # provinces ("provinsi madang di negara papua nugini")
            cands = [c for c in hit[1] if c.source == SRC_ALIAS or gaz.entries[c.entry][3] == home
                     or (kind == "region" and gaz.entries[c.entry][0] == "region")]
            hit = (hit[0], cands, hit[2]) if cands else None
            if hit is None:
                return None
        ward = _match_ward(tk, q, gaz)
        if ward is not None and (hit is None or hit[0] == q + 1):  # "Kota Mapo-gu" is a ward, not Mapo
            ward.start, ward.kind, ward.trigger = start, kind, trig
            return ward
        if hit is not None:
            end, cands, surf = hit
            m = PlaceMention(start, end, q, end, surf, kind, trig, cands, how)
            suf = _suffix(tk, end)
            if suf is not None and suf[1] == kind:  # "Mayor of Gimje City"
                m.end = suf[0]
            return m
        # office words are followed by a person's name as often as by a place ("Wali Kota
        # Ridwan Kamil", "Bupati Azwar Anas"): no unknown place after them
        # ("Sekretaris Daerah Kota Haefrey Sendoh", "Sekda Kota ...": an office too)
        office = not may_create or (words[0] == "kota" and k > 0 and (
            tk.lower[k - 1] in ("wali", "sekda") or (k > 1 and tk.lower[k - 2:k] == ["sekretaris", "daerah"])))
        # "dikenal sebagai Kota Batik, namun juga Kota Minapolitan": a city's epithet, no place of its own
        epithet = words[0] == "kota" and any(w in EPITHET_WORDS for w in tk.lower[max(0, k - EPITHET_REACH):k])
        if not office and not epithet:
            # "Kota Poix Du Nord, Perancis": a town below the gazetteer's floor, however its hyphens are written
            small = _match_small(tk, q, gaz, locator=False)
            if small is not None and small.end > q + 1:
                return PlaceMention(start, small.end, q, small.end, small.name, kind, trig, [], "unknown")
            end = _unknown_run(tk, q, gaz)
            if end is not None:
                suf = _admin_suffix(tk, end)  # "Kota Eunpyeong-gu": the suffix is part of the name
                if suf is not None:
                    end = suf[0]
                m = PlaceMention(start, end, q, end, _join(tk, q, end), kind, trig, [], "unknown")
                m.ctx_country = suf[1] if suf is not None else None
                return m
        return None
    return None


def _person_after_office(tk: _Tokens, k: int, q: int) -> bool:
    """An office's unit, then a name the gazetteer lacks and a surname: "Perdana Menteri Negara Bagian Peter Beattie",
    "Wali Kota Martha Fuchs", "Walikota Takashi Kado" are persons ("Menteri Negara Bagian Queenland dan ..." is a state
    misspelt)."""
    return ((tk.lower[k] == "walikota" or (k > 0 and (tk.lower[k - 1] in UNIT_OFFICES
                                                      or tk.lower[k - 1:k + 1] == ["wali", "kota"])))
            and q + 1 < tk.n and tk.sep(q + 1) == " " and tk.texts[q + 1][:1].isupper() and tk.texts[q + 1].isalpha()
            and tk.lower[q + 1] not in TRIGGER_WORDS)


def _admin_suffix(tk: _Tokens, e: int) -> tuple[int, str] | None:
    """A Korean or Japanese administrative suffix at content position e: (end, country)."""
    if e + 1 < tk.n and tk.texts[e] == "-" and not tk.gap[e] and not tk.gap[e + 1] and tk.lower[e + 1] in ADMIN_SUFFIXES:
        return e + 2, ADMIN_SUFFIXES[tk.lower[e + 1]]
    if e < tk.n and tk.texts[e] in ("Gu", "Gun") and tk.sep(e) == " ":  # "Kota Ganbuk Gu"
        return e + 1, ADMIN_SUFFIXES[tk.lower[e]]
    return None


EPITHET_WORDS = frozenset({"sebagai", "dijuluki", "julukan", "berjuluk", "berjulukan", "disebut", "predikat",
                           "menyandang", "known", "dubbed"})
EPITHET_REACH = 8  # tokens back, enough for "sebagai Kota Batik , namun juga Kota Minapolitan"


def _home_after_kota(tk: _Tokens, k: int, gaz: Gazetteer, full: tuple[int, list[Candidate], str], home: str) -> bool:
    """"Kota Batu" is our city Batu after its trigger, not the town of that full name in Brunei: a foreign full name
    that starts with "Kota" and whose rest names a home-country city or regency."""
    if tk.lower[k] != "kota" or any(gaz.entries[c.entry][3] == home for c in full[1]):
        return False
    rest = _match_names(tk, k + 1, gaz, ci=False, after_trigger=True, levels=("city", "regency"))
    return rest is not None and rest[0] == full[0] and any(gaz.entries[c.entry][3] == home for c in rest[1])


def _match_ward(tk: _Tokens, k: int, gaz: Gazetteer) -> PlaceMention | None:
    """'Jung-gu', 'Kamikawa-cho': a capitalized word with an administrative suffix the gazetteer lacks."""
    suf = _admin_suffix(tk, k + 1)
    if suf is None or gaz.is_stopword(tk.lower[k]):
        return None
    end, country = suf
    if (end == k + 2 and tk.sep(k + 1) == " " and k > 0 and tk.sep(k) == " " and tk.texts[k - 1].isalpha()
            and tk.texts[k - 1][:1].isupper() and tk.lower[k - 1] not in TRIGGER_WORDS):
        return None  # "Cha Dae Gun menuturkan": a person's three-part name, not a county written apart
    m = PlaceMention(k, end, k, end, _join(tk, k, end), "city", "suffix-" + tk.lower[end - 1], [], "unknown")
    if tk.lower[end - 1] == "gun":  # "Damyang-gun", "Hamyang Gun": a Korean county, a regency named without it
        m.kind, m.name = "regency", tk.texts[k]
    m.ctx_country = country
    return m


def _join(tk: _Tokens, a: int, b: int) -> str:
    s = tk.texts[a]
    for j in range(a + 1, b):
        sep = tk.sep(j)
        s += (" " if sep is None else sep) + tk.texts[j]
    return s


def _fuzzy_after_trigger(tk: _Tokens, q: int, gaz: Gazetteer, levels: tuple[str, ...]):
    t = tk.texts[q]
    if not (t[:1].isupper() and t.isalpha()) or gaz.is_stopword(t):
        return None
    options = []
    if q + 1 < tk.n and tk.texts[q + 1].isalpha() and tk.texts[q + 1][:1].isupper() and tk.sep(q + 1) == " ":
        options.append((q + 2, t + " " + tk.texts[q + 1]))
    options.append((q + 1, t))
    # a province's name may be shorter ("Provinsi Yunan" is Yunnan): the trigger and the one level make up for it
    shortest = FUZZY_SHORTEST_REGION if levels == ("region",) else FUZZY_SHORTEST
    for end, surf in options:
        if len(surf) < shortest:
            continue
        cands = gaz.fuzzy(surf, levels=levels, min_len=shortest)
        if cands:
            return end, cands, surf
    return None


def _unknown_run(tk: _Tokens, q: int, gaz: Gazetteer, named: bool = False) -> int | None:
    """End of a capitalized run (1-3 words) after a trigger that can be an unknown place name (`named`: its words
    may be place names too, "Kecamatan Garut Kota")."""
    end = q
    while end < tk.n and end - q < 3:
        t = tk.texts[end]
        if end > q and tk.sep(end) != " ":
            break
        if not (t.isalpha() and t[:1].isupper() and len(t) >= 3) or GLUED.search(t):  # "BekasiBEKASI": glued
            break
        low = t.lower()
        if named and low == "kota" and end > q and not (end + 1 < tk.n and tk.texts[end + 1][:1].isupper()):
            return end + 1  # "Kecamatan Garut Kota": the town's own kecamatan, not "Kota ..." after it
        if low in TRIGGER_WORDS or gaz.is_stopword(low) or (
                not named and (gaz.lookup(t) or gaz.lookup(t, case_sensitive=False))):
            break
        end += 1
    return end if end > q else None


def _bare_from(tk: _Tokens, k: int, hit: tuple[int, list[Candidate], str]) -> PlaceMention:
    end, cands, surf = hit
    return PlaceMention(k, end, k, end, surf, None, "", cands, "exact")


DATELINE_AFTER = frozenset({"-", "–", "—", "(", ",", ":"})
DASHES = re.compile(r"[-–—]{1,3}")


def _match_dateline(tk: _Tokens, k: int, gaz: Gazetteer) -> PlaceMention | None:
    """A news item's dateline in capitals: "JAKARTA –", "TIMESINDONESIA, PADANG –", "SIBU (Feb 18)".

    Only primary, official and alias names (case-insensitive), and only before a dash or at a line start:
    capitals elsewhere are headings.
    """
    def line_start(q: int) -> bool:
        return q == 0 or "\n" in tk.gap[q]
    hit = _match_names(tk, k, gaz, ci=True, after_trigger=False, levels=("city", "regency", "region"))
    if hit is not None and hit[0] + 1 < tk.n and tk.texts[hit[0]] == "CITY" and tk.sep(hit[0]) == " ":
        hit = (hit[0] + 1, hit[1], hit[2])  # "DAVAO CITY, Philippines –"
    # (a run of dashes is one too: "POS-KUPANG.COM| ATAMBUA---Perbatasan ...")
    if hit is None or hit[0] + 1 >= tk.n or (tk.texts[hit[0]] not in DATELINE_AFTER and not DASHES.fullmatch(tk.texts[hit[0]])) \
            or not all(x.isupper() for x in tk.texts[k:hit[0]] if x.isalpha()):
        return None
    # a dash and a capitalized word after it mark a dateline wherever ingest put it ("A A MEDAN - Pemerintah
    # Provinsi", "bakabar.com, JAKARTA - Pemerintah Kota"); a comma or a bracket only at a line start
    dash = DASHES.fullmatch(tk.texts[hit[0]]) is not None and tk.texts[hit[0] + 1][:1].isupper()
    if not (dash or line_start(k) or (k >= 2 and tk.texts[k - 1] == "," and tk.texts[k - 2].isupper()
                                      and line_start(k - 2))):
        return None
    return PlaceMention(k, hit[0], k, hit[0], hit[2], None, "dateline", hit[1], "exact")


def _is_caps_line(line: str) -> bool:
    """A line of at least three words whose letters are (almost) all capitals."""
    return len(line.split()) >= 3 and capitals_share_at_least(line, 0.9, 12)


def _match_heading(tk: _Tokens, k: int, gaz: Gazetteer) -> PlaceMention | None:
    """A place named in a title in capitals: primary, official and alias names only, every word in capitals
    ("KERJA SAMA DENGAN MALANG", "COOPERATION WITH KITAKYUSHU CITY JAPAN")."""
    hit = _match_names(tk, k, gaz, ci=True, after_trigger=False, levels=LEVELS_FOR_KIND[None])
    if hit is None or not all(x.isupper() for x in tk.texts[k:hit[0]] if x.isalpha()):
        return None
    m = PlaceMention(k, hit[0], k, hit[0], hit[2], None, "heading", hit[1], "ci")
    m.ambiguous = gaz.is_ambiguous(hit[2].title())
    return m


def _match_bare(tk: _Tokens, k: int, gaz: Gazetteer) -> PlaceMention | None:
    hit = _match_names(tk, k, gaz, ci=False, after_trigger=False, levels=LEVELS_FOR_KIND[None])
    if hit is None:
        return None
    m = _bare_from(tk, k, hit)
    m.ambiguous = gaz.is_ambiguous(m.name)
    # suffix trigger: "Batam City", "Busan Metropolitan City", "Gyeonggi Province"
    suf = _suffix(tk, m.end)
    if suf is not None:
        end, kind, words = suf
        allowed = [c for c in m.cands if gaz.level(c.entry) in LEVELS_FOR_KIND[kind]]
        if allowed:
            m.cands = allowed
            m.kind = kind
            m.trigger = "suffix-" + words[-1]
            m.end = end
            m.ambiguous = False
    return m


SMALL_LOCATOR = frozenset({",", "("})


def _match_small(tk: _Tokens, k: int, gaz: Gazetteer, locator: bool = True) -> PlaceMention | None:
    """A town below the gazetteer's floor, followed by a comma or a bracket where a locator may stand
    ("Gayndah, Queensland", "Poix-du-Nord (Prancis)"); linking keeps it only where one places it."""
    max_len = max(gaz.small_first_words.get(_first_word(tk.texts[k]), 0), len(tk.texts[k]))
    best = None
    for end, s in _runs(tk, k, 8, max_len):
        name = gaz.small_name(s)
        if name is not None:
            best = (end, name)
    if best is None or (locator and (best[0] >= tk.n or tk.texts[best[0]] not in SMALL_LOCATOR)):
        return None
    end, surf = best
    return PlaceMention(k, end, k, end, surf, None, "", [Candidate(i, SRC_PRIMARY, surf) for i in gaz.small_towns(surf)],
                        "small")


def _suffix(tk: _Tokens, e: int) -> tuple[int, str, tuple[str, ...]] | None:
    """A suffix trigger starting at content position e: (end, kind, words)."""
    for words, kind in SUFFIX_TRIGGERS:
        if e + len(words) > tk.n:
            continue
        if all(tk.lower[e + off] == w and tk.sep(e + off) == " " for off, w in enumerate(words)):
            return e + len(words), kind, words
    return None


# ====================================================================== context
def _add_contexts(doc: Doc, tk: _Tokens, mentions: list[PlaceMention], gaz: Gazetteer, *, fuzzy: bool) -> None:
    """Sentence starts, organisation / street / citation / person-name contexts, country context."""
    pos = {tok_i: k for k, tok_i in enumerate(tk.idx)}  # token index -> content position
    by_start = {m.name_start: m for m in mentions}
    text = tk.text
    new: list[PlaceMention] = []
    for m in mentions:
        k0 = pos[m.start]
        k1 = pos[m.end - 1] + 1
        # sentence-initial (only matters for ambiguous names)
        prev = k0 - 1
        m.sent_initial = (prev < 0 or tk.texts[prev] in SENT_END or tk.gap[k0].count("\n") >= 2
                          or tk.sent_start[k0] == 1
                          or tk.texts[prev] in {"•", "*", "-", "–", "—", ":", "\"", "“", "(", "‘", "'"})
        m.before_direction = k1 < tk.n and tk.texts[k1] in DIRECTIONS and tk.sep(k1) == " "
        m.office_after = k1 < tk.n and tk.lower[k1] in OFFICE_AFTER and tk.sep(k1) == " "
        if m.kind is None and ((prev >= 0 and tk.lower[prev] in SPEECH_VERBS)
                               or (k1 < tk.n and tk.lower[k1] in SPEECH_AFTER and tk.sep(k1) == " "
                                   and not (prev >= 0 and tk.lower[prev] in LOCATIVES))):
            # "puji Mihara saat diterima", "Manggar menjelaskan": who speaks is a person, not a town ("Atase
            # Kebudayaan RI di Bonn mengemukakan": the one who speaks is in the town)
            m.in_name = True
        kind_at = section_kind_at(doc, tk.starts[k0])
        if kind_at in ("references", "bibliography"):
            m.context = "citation"
        elif m.kind is None or m.trigger.startswith("suffix-"):
            _org_street_citation(doc, tk, m, k0, k1, gaz, text)
        # country context right after the name: "di Inggris", "(Korea Selatan)", ", Jepang", "-Korsel"; a regency is
        # Indonesian ("Pemkab Bekasi-Korea Selatan" names the pair, not where Bekasi lies) unless Indonesia has no
        # regency of its name and a locator follows it: "Kabupaten Gurye, Provinsi Jeollanam-do, Korea Selatan"
        if m.kind == "regency" and (m.cands or k1 >= tk.n or tk.texts[k1] not in (",", "(", "di", "in")):
            continue
        # "Australia Selatan, Provinsi Sichuan": in a list of provinces no province locates another
        area = bool(m.cands) and all(gaz.level(c.entry) in ("region", "country") for c in m.cands)
        j = k1
        steps = 0
        located = _located_in(tk, k1)
        if located is not None:
            j, steps = located, 2
            # "... terletak di Provinsi Gyeongsang Utara, Korea Selatan": a locator the gazetteer lacks, then its
            # country
            if not getattr(by_start.get(tk.idx[j]), "cands", None):
                q = j
                while q < min(tk.n, j + 8) and tk.texts[q] not in SENT_END:
                    o = by_start.get(tk.idx[q])
                    if o is not None and o.cands and {gaz.level(c.entry) for c in o.cands} == {"country"}:
                        j = q
                        break
                    q += 1
        while j < tk.n and steps < 2 and tk.texts[j] in CONTEXT_BEFORE_COUNTRY and tk.sep(j) is not None:
            j += 1
            steps += 1
        if (steps or (m.kind is not None and j == k1 and j < tk.n and tk.sep(j) == " ")) and j + 1 < tk.n \
                and tk.lower[j] in REGION_WORDS and tk.sep(j + 1) == " ":
            # ", Provinsi Jeollanam-do": the locator is named with its trigger (right after a name with its own
            # trigger too: "Kota Higashimatshima Prefektur Miyagi")
            j += 1
        if j < tk.n:
            tok_i = tk.idx[j]
            other = by_start.get(tok_i)
            # "Georgetown Penang Malaysia": a region or country right beside the name counts too
            if other is not None and other.cands and (steps or tk.sep(j) == " "):
                # a country's name, or a name that can be nothing but a region: "Surabaya-Busan" is a pair,
                # not Surabaya in the province of Busan; right beside the name (no "di", ","), only a region
                # counts ("Busan Indonesia Center" is an organisation)
                # by its own names: "Missouri" is the state, not the town that has it for an alternate name (but
                # "New York" is the city of millions too)
                own = [c for c in other.cands if c.source != SRC_ALT or gaz.entries[c.entry][8] >= 1_000_000] \
                    or other.cands
                levels = {gaz.level(c.entry) for c in own}
                if area and levels == {"region"}:
                    continue
                if levels == {"region"} and m.cands and not any(
                        gaz.entries[c.entry][3] == gaz.entries[o.entry][3] for c in m.cands for o in own) and not any(
                        gaz.small_towns(m.name, gaz.entries[o.entry][3]) for o in own):
                    # "In Harbin, West Java Has Completed ...": a province of a country where the name has no town
                    # locates nothing ("Altona, Manitoba" does: a small Altona lies there)
                    continue
                countries = {gaz.entries[c.entry][3] for c in own if gaz.level(c.entry) == "country"}
                nxt = pos.get(other.end)
                if countries and steps and nxt is not None and nxt + 1 < tk.n and tk.lower[nxt] in ("dan", "and", "&"):
                    pair_country = by_start.get(tk.idx[nxt + 1])
                    if pair_country is not None and pair_country.cands and {
                            gaz.level(c.entry) for c in pair_country.cands} == {"country"}:
                        continue  # "Antara Jakarta dan Casablanca, Indonesia dan Maroko": two countries, respectively
                # ("Jakarta-Casablanca Settat": after a dash a region is the partner, only a country locates)
                dashed = tk.texts[k1:j] == ["-"]
                # ... but a country right after a name with its trigger, ending the phrase, locates it: "Kota
                # Pyeongyang Korsel yang ..." (not "Busan Indonesia Center")
                ends = pos.get(other.end)
                beside = (not steps and m.kind is not None and not dashed and countries
                          and (ends is None or ends >= tk.n or not tk.texts[ends][:1].isupper()))
                codes = (countries if countries and (steps or beside)
                         else {gaz.entries[c.entry][3] for c in own} if levels == {"region"} and not dashed
                         else set())
                regions = {gaz.entries[c.entry][4] for c in own if levels == {"region"} and not dashed}
                if steps and len(regions) == 1:
                    m.ctx_region = next(iter(regions))
                elif steps and "region" in levels and not m.ctx_region:
                    # "Kota Osaki, Kagoshima, Jepang": a name that is a city and a prefecture is the locator when
                    # the place before it has a namesake inside that prefecture; it is the region, not a partner
                    inside = {gaz.entries[c.entry][4] for c in other.cands if gaz.level(c.entry) == "region"} & \
                        {gaz.province_of(c.entry) for c in m.cands}
                    # ... of the name's own country: "Los Angeles, Madrid, Mexico City" is a list, though Spain
                    # has a small Los Angeles in the region of Madrid
                    top = max(m.cands, key=lambda c: (gaz.prior(c), -c.entry)) if m.cands else None
                    if len(inside) == 1 and top is not None and gaz.entries[top.entry][3] == next(iter(inside))[:2]:
                        m.ctx_region = next(iter(inside))
                        other.cands = [c for c in other.cands if gaz.level(c.entry) == "region"]
                if not codes and "-" not in tk.texts[k1:j]:  # "Georgetown Penang Malaysia": the country after the
                    # locator ("Pemkot Tangsel - Miri Malaysia" is a pair, not Tangsel in Malaysia)
                    after = pos.get(other.end)
                    if after is not None and after < tk.n and tk.texts[after] == ",":
                        after += 1
                    third = by_start.get(tk.idx[after]) if after is not None and after < tk.n else None
                    if third is not None and third.cands and {gaz.level(c.entry) for c in third.cands} == {"country"}:
                        codes = {gaz.entries[c.entry][3] for c in third.cands}
                if len(codes) == 1:
                    m.ctx_country = codes.pop()
            elif (fuzzy and tk.texts[j - 1] == "-" and not tk.gap[j] and not tk.gap[j - 1]
                  and tk.texts[j].isalpha() and len(tk.texts[j]) >= 5 and tk.texts[j][:1].isupper()
                  and not gaz.is_stopword(tk.texts[j])):  # "TAWAU-PULAU NUNUKAN": an island, not Palau
                cands = gaz.fuzzy(tk.texts[j], levels=("country",), min_len=5)
                if cands:
                    cm = PlaceMention(tok_i, tok_i + 1, tok_i, tok_i + 1, tk.texts[j], None,
                                      "compound", cands, "fuzzy")
                    cm.context = m.context
                    new.append(cm)
                    by_start[tok_i] = cm
                    m.ctx_country = gaz.entries[cands[0].entry][3]
    if new:
        mentions.extend(new)
        mentions.sort(key=lambda x: x.start)
    # a name the gazetteer lacks is one place throughout: where one mention of it is located abroad ("Kabupaten
    # Gurye, Provinsi Jeollanam-do"), its other mentions ("Bupati Gurye") are there too
    spread_by_name(mentions, "ctx_country", only=lambda m: m.how == "unknown")


REGION_WORDS = frozenset({"provinsi", "prefektur", "province", "prefecture"})
LOCATED_VERBS = frozenset({"terletak", "berada", "berlokasi", "located", "situated"})
APPOSITION_MAX = 4  # words of a short apposition before the verb: ", wilayah pesisir yang terletak di"


def _located_in(tk: _Tokens, k1: int) -> int | None:
    """Position after "terletak di" / "located in" that follows the name at k1, through a short apposition
    ("Kabupaten Yeongdeok, wilayah pesisir yang terletak di Provinsi ..."), else None."""
    j = k1 + 1 if k1 < tk.n and tk.texts[k1] == "," else k1
    words = 0
    while j < tk.n and tk.lower[j] not in LOCATED_VERBS:
        if not tk.texts[j].isalpha() or tk.texts[j][:1].isupper() or words >= APPOSITION_MAX:
            return None
        j += 1
        words += 1
    # the verb says where the name lies only right after it or after "yang" / "which is" ("... ketika berada di
    # Jawa Tengah" tells where the speaker was)
    tied = j == k1 or tk.texts[j - 1] == "," or tk.lower[j - 1] in ("yang", "is", "are")
    if tied and j + 2 < tk.n and tk.lower[j + 1] in ("di", "in") and tk.sep(j + 2) is not None:
        return j + 2
    return None


def _people_word(tk: _Tokens, k0: int) -> int | None:
    """Position of "suku" / "bahasa" / "nasi" governing the name at k0, directly or through a list ("suku Bima dan
    Sumbawa"), or of a person's title right before it ("Bapak Medan Sitompul")."""
    q = k0 - 1
    if q >= 0 and tk.lower[q] in HONORIFICS and tk.texts[q][:1].isupper() and tk.sep(k0) == " ":
        return q
    while q >= 0 and k0 - q <= 6 and tk.sep(q + 1) is not None:
        if tk.lower[q] in PEOPLE_BEFORE:
            return q
        if tk.lower[q] not in (",", "dan", "serta") and not tk.texts[q][:1].isupper():
            return None
        q -= 1
    return None


def _name_like(t: str) -> bool:
    return t[:1].isupper() or t.isdigit() or t in CONNECTORS


# "Townsville City Council", "Wodonga Council", "Broome Shire": the place's own government, no longer name
COUNCIL_AFTER = frozenset({"Council", "Shire", "Municipal", "Historic"})  # ("Malacca Historic City Council")
# a group from a place, capitalized where it opens a sentence: "Delegasi Brisbane yang dipimpin ..." names the city
GROUP_BEFORE = frozenset({"delegasi", "rombongan", "delegation", "utusan", "warga", "masyarakat", "investor",
                          "pengusaha", "pelajar", "mahasiswa", "siswa", "seniman"})


def _org_street_citation(doc: Doc, tk: _Tokens, m: PlaceMention, k0: int, k1: int, gaz: Gazetteer,
                         text: str) -> None:
    # street: "Jalan Gwangju", "Jl. Surabaya", "Surabaya Street"
    p = k0 - 1
    if p >= 0 and tk.texts[p] == "." and tk.gap[k0] and not tk.gap[p]:
        p -= 1
    if p >= 0 and tk.lower[p] in STREET_BEFORE and tk.sep(k0) is not None:
        m.context, m.org = "street", text[tk.starts[p]: tk.end_char(k1 - 1)]
        return
    # a fort named for it: "benteng Amsterdam Hila", "Fort Rotterdam" in Makassar
    if p >= 0 and tk.lower[p] in FORT_BEFORE and tk.sep(k0) == " ":
        m.context, m.org = "org", text[tk.starts[p]: tk.end_char(k1 - 1)]
        return
    if p >= 0 and tk.lower[p] in FEATURE_BEFORE and tk.sep(k0) == " " and tk.texts[p][:1].isupper():
        m.context, m.org = "street", text[tk.starts[p]: tk.end_char(k1 - 1)]
        return
    # a country's epithet: "negeri Sakura" (Japan), not the town Sakura ("Negeri Sembilan" is matched whole)
    if (p >= 0 and tk.texts[p] == "negeri" and tk.sep(k0) == " " and m.cands
            and all(gaz.entries[c.entry][0] == "city" for c in m.cands)):
        m.context, m.org = "people", text[tk.starts[p]: tk.end_char(k1 - 1)]
        return
    # a strait named for it: "the Straits of Malacca", "Selat Malaka"
    if p >= 0 and (tk.lower[p] == "selat" or (p >= 1 and tk.lower[p] == "of" and tk.lower[p - 1] in ("strait", "straits"))):
        m.context, m.org = "street", text[tk.starts[p]: tk.end_char(k1 - 1)]
        return
    # a people or a language, not the place: "suku Bima dan Sumbawa", "bahasa Jawa"
    q = _people_word(tk, k0)
    if q is not None:
        m.context, m.org = "people", text[tk.starts[q]: tk.end_char(k1 - 1)]
        return
    if k1 < tk.n and tk.texts[k1] in STREET_AFTER and tk.sep(k1) == " ":
        m.context = "street"
        m.org = text[tk.starts[k0]: tk.end_char(k1)]
        return
    # organisation: the capitalized run around the name holds an organisation word
    a = k0
    while a - 1 >= 0 and k0 - a < 8 and tk.sep(a) is not None and _name_like(tk.texts[a - 1]) \
            and tk.texts[a - 1] not in SENT_END:
        a -= 1
    b = k1
    while b < tk.n and b - k1 < 8 and tk.sep(b) is not None and _name_like(tk.texts[b]):
        b += 1
    while a < k0 and tk.texts[a] in CONNECTORS:
        a += 1
    while b > k1 and tk.texts[b - 1] in CONNECTORS:
        b -= 1
    outside = tk.texts[a:k0] + tk.texts[k1:b]
    if a == k0 and k0 >= 3 and tk.texts[k0 - 3] == "(" and tk.texts[k0 - 1] == ")":
        outside.append(tk.texts[k0 - 2])  # "Konsulat Jendral Republik Indonesia (KJRI) Los Angeles"
        # ... and the name the acronym stands for: "dengan Future Cities laboratory (FCL) Singapura" is a laboratory
        # in Singapore, not the city
        outside += [w.capitalize() for w in tk.texts[max(0, k0 - 7):k0 - 3]]
    # in a title in capitals too: "UNIVERSITAS MATARAM" is a university
    if any(w in ORG_WORDS or (w.isupper() and len(w) > 3 and w.capitalize() in ORG_WORDS) for w in outside):
        m.context = "org"
        m.org = text[tk.starts[a]: tk.end_char(b - 1)]
        return
    # citation: "Jakarta: Departemen Luar Negeri, 2006", "(Yogyakarta:The Phinsi Press,2013"
    # ("Manado: Zamboanga and Davao", a place after the colon, is a list of partners, not a publisher)
    if k1 + 1 < tk.n and tk.texts[k1] == ":" and tk.texts[k1 + 1][:1].isupper() \
            and not gaz.lookup(tk.texts[k1 + 1], levels=("city", "region")):
        s = tk.starts[k0]
        window = text[max(0, s - 200): s + 120]
        if YEAR_RE.search(window):
            m.context = "citation"
            return
    # a name after a person's title or after a particle of a person's name: "Walikota Dumai H. Paisal", "Gregorio do
    # Santos", "Kippen de Alba Chu"
    if k0 >= 1 and (tk.texts[k0 - 1] in PERSON_TITLES or (
            k0 >= 2 and tk.texts[k0 - 1] in NAME_PARTICLES and tk.sep(k0 - 1) == " " and tk.sep(k0) == " "
            and tk.texts[k0 - 2].isalpha() and tk.texts[k0 - 2][:1].isupper() and tk.texts[k0 - 2] not in gaz.names)):
        m.in_name = True
        return
    # part of a longer proper name ("Donal Bell Souder", "Dinasti Silla"): neighbours that are
    # capitalized words, not stopwords, triggers or places
    for j in (k0 - 1, k1):
        if j < 0 or j >= tk.n:
            continue
        if tk.sep(j if j >= k1 else k0) != " ":
            continue
        t = tk.texts[j]
        if (t.isalpha() and t[:1].isupper() and not t.isupper() and not gaz.is_stopword(t)
                and t.lower() not in TRIGGER_WORDS and t not in gaz.names
                and not (j == k1 and t in COUNCIL_AFTER) and not (j < k0 and t.lower() in GROUP_BEFORE)):
            m.in_name = True
            break
    # the second half of a hyphenated given name: "Kim Kwan-Young", "Park Won-Soon" ("Surabaya-Busan", where the
    # first half is a place, is a pair)
    if (k0 >= 3 and tk.texts[k0 - 1] == "-" and not tk.gap[k0] and not tk.gap[k0 - 1]
            and tk.texts[k0 - 2].isalpha() and tk.texts[k0 - 2][:1].isupper() and tk.texts[k0 - 2] not in gaz.names
            and tk.lower[k0 - 2] not in TRIGGER_WORDS and not gaz.is_stopword(tk.texts[k0 - 2])  # "Magelang City-Tula"
            and tk.texts[k0 - 3].isalpha() and tk.texts[k0 - 3][:1].isupper() and tk.gap[k0 - 2] == " "):
        m.in_name = True
