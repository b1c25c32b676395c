"""Linking place mentions: candidates scored, one sense per document, no guess; spans for the kept ones."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from spacy.tokens import Doc, Span

from ..gazetteer import SRC_ALIAS, SRC_ALT, SRC_PRIMARY, Candidate, Gazetteer, fold, within_one_edit
from ..partnerships import AGENCY_DATELINE, CITY_PROVINCES, WITH_BEFORE
from .common import doc_text, line_bounds, section_language_at, set_attrs
from .place_rules import (
    AMBIGUOUS_IN_ENGLISH,
    LABELS,
    PAIRING,
    PROVINCE_CUE,
    REGION_NOUNS,
    SMALL_TOWN,
    SPEECH_AFTER,
    SPEECH_VERBS,
    TRIGGER_WORDS,
    PlaceMention,
    spread_by_name,
)

# ====================================================================== linking
LIST_REACH = 60  # characters between two items of a list of provinces
# what may stand between two items of such a list: a locator in brackets, a comma or "dan", unit words
PROVINCE_LIST_GAP = re.compile(r"\s*(\([^()\n]{0,30}\))?\s*(,|dan|and|serta|&)\s*"
                               r"((Kota|Provinsi|Prefektur|Daerah|Metropolitan|Otonom|City|Province|Municipality)\s+)*")
DOMINANT_MIN = 5  # unambiguous names of one foreign country that make it the document's own ...
DOMINANT_SHARE = 0.6  # ... when they are this share of all its unambiguous foreign names
# a sentence on a sister-city relationship
CITY_CUE = re.compile(r"\b(sister[ -]cit(y|ies)|kota kembar|kota bersaudara|twin(ned)?[ -]?(cit(y|ies)|towns?)|"
                      r"friendship[ -]cit(y|ies))\b", re.I)
# ... or a mayor's, a governor's: "Walikota Kochi, Okazaki Seiya", "Walikota Misato, Jepang, Takashi Kado"
ENVOY_BEFORE = re.compile(r"\b(duta besar|dubes|konsul jenderal|konsul jendral|konjen|ambassador|consul general|"
                          r"wali ?kota|mayor|gubernur|governor|bupati|regent|sekretaris daerah|sekda)\b[^.\n]*\Z", re.I)
ENVOY_REACH = 60  # characters back: "Duta Besar Turki untuk Indonesia, " before the envoy's name
# verbs of saying before and after a name, as regex alternations ("ujar Agustina", "Manggar menjelaskan")
_SAYS = f"(?i:{'|'.join(sorted(SPEECH_VERBS))})"
_SAYS_AFTER = f"(?i:{'|'.join(sorted(SPEECH_AFTER))})"
GOVERNMENT_WORDS = frozenset({"government", "the", "city", "council", "municipality", "pemerintah"})
SISTER_CUE = re.compile(r"\b(sister[ -](cit(y|ies)|provinces?|states?)|twin(ned)?[ -]?(cit(y|ies)|towns?)?|kota kembar|"
                        r"kota bersaudara|friendship cit(y|ies)|kota persahabatan|kota sahabat)\b", re.I)
BRACKETED = re.compile(r"\([^()\n]{0,40}\)")  # "Mungyeong (LoI 2011) dan ...": a list item's note
# between two items of a list, perhaps after an item's footnote mark ("Tokyo[15], Athena[16]")
LIST_JOIN = re.compile(r"\s*(\[\d{1,3}\]\s*)*(,|;|dan|and|serta|&)?\s*(,|dan|and|serta)?\s*")
# "kota Taipei, Tiongkok": texts that put Taiwan, Hong Kong or Macau under China name no other country
CHINA_AS_WRITTEN = frozenset({("CN", "TW"), ("CN", "HK"), ("CN", "MO")})
METROPOLIS = 5_000_000  # people: a city this big is its name's first sense, even by an alternate name
MISSPELT_CITY = 1_000_000  # people: a listed word one edit from a city this big is that city misspelled
SHORTEST_BARE = 2  # letters: a bare name this short abroad is a place only in a country the text names
MISSPELT_MIN_LEN = 6  # letters: "Kota Yokomaha" beside "Yokohama" is that city; shorter names swap into others
MISSPELT_FAR_LEN = 12  # letters: a name this long may be two edits off (each edit a fifth as likely to hit another)
MISSPELT_NAMED = 100_000  # people: "Kota X (Country)", "X (Country)" in a list: one edit from a city this big of that
# country, it is that city misspelled


def _agency_dateline(doc: Doc, text: str, m: PlaceMention) -> bool:
    """The mention opens its line and a news agency's dateline follows it ("Jambi (ANTARA) - DPRD Provinsi Jambi")."""
    start = doc[m.start].idx
    return (start == 0 or text[start - 1] == "\n") and AGENCY_DATELINE.match(text, doc[m.end - 1].idx
                                                                            + len(doc[m.end - 1])) is not None


def link_places(doc: Doc, mentions: list[PlaceMention], gaz: Gazetteer, *, home_country: str = "ID") -> None:
    """Doc-level linking: score candidates, one sense per document, drop unsupported guesses.

    Sets on each mention: chosen (entry index or None), level, label, keep, score_margin.
    """
    # "Medan is the third largest city": in English text an Indonesian common word is the town's name only
    for m in mentions:
        if m.ambiguous and m.name not in AMBIGUOUS_IN_ENGLISH and section_language_at(doc, doc[m.start].idx) == "en":
            m.ambiguous = False
    # a town below the gazetteer's floor takes no part in the document's countries and senses; it is read last
    small = [m for m in mentions if m.how == "small"]
    if small:
        mentions = [m for m in mentions if m.how != "small"]
    # 1. countries named in the document (not inside organisations / citations)
    doc_countries: set[str] = set()
    for m in mentions:
        lv = {gaz.level(c.entry) for c in m.cands}
        if m.cands and lv == {"country"} and m.context == "story":
            doc_countries.add(gaz.entries[m.cands[0].entry][3])
    # countries of places that can only be one thing and carry a trigger or a curated alias
    for m in mentions:
        ents = {c.entry for c in m.cands}
        if (len(ents) == 1 and m.how != "fuzzy" and (m.kind is not None or m.cands[0].source == SRC_ALIAS)
                and m.kind != "regency" and m.context == "story"  # a kabupaten vouches for no foreign country
                and not _after_office(doc, m)):  # ... nor a mayor's name ("Walikota Bambang DH")
            e = gaz.entries[next(iter(ents))]
            if e[0] != "country":
                doc_countries.add(e[3])

    # provinces, prefectures and states the document names, by country
    doc_regions: dict[str, set[str]] = {}
    for m in mentions:
        if m.cands and m.context == "story" and {gaz.level(c.entry) for c in m.cands} == {"region"}:
            for c in m.cands:
                doc_regions.setdefault(gaz.entries[c.entry][3], set()).add(gaz.entries[c.entry][4])

    def placed(m: PlaceMention, hits: list[int]) -> list[int]:
        """The towns of `hits` where the context puts `m`: in the province beside it, else in a province of their
        country the document names, where it names one."""
        if m.ctx_region:
            return [h for h in hits if gaz.province_of(h) == m.ctx_region]
        named = doc_regions.get(gaz.entries[hits[0]][3]) if hits else None
        return [h for h in hits if gaz.province_of(h) in named] if named else hits

    # the document's own foreign country: where most of its unambiguous foreign names lie ("List of twin towns in
    # Australia": Ballarat, Bundaberg, Cairns ... make "Albany" and "Orange" the Australian ones)
    votes: Counter[str] = Counter()
    for m in mentions:
        countries = {gaz.entries[c.entry][3] for c in m.cands}
        if len(countries) == 1 and m.context == "story" and m.how != "fuzzy" and m.kind != "regency":
            votes[next(iter(countries))] += 1
    votes.pop(home_country, None)
    top_country = ""
    if votes:
        top_country, top_votes = max(sorted(votes.items()), key=lambda kv: kv[1])
        if top_votes < DOMINANT_MIN or top_votes < DOMINANT_SHARE * sum(votes.values()):
            top_country = ""

    # the country each other name most plausibly lies in ("Melbourne", "Tasmania": Australia), for a bare name
    # torn between a city abroad and a state of that country ("Victoria dan Tasmania" is the state, not Hong Kong's)
    likely: dict[str, set[str]] = {}
    for m in mentions:
        # (a name inside a person's name lends no country: "Premier Daniel Andrews" is no town in Texas)
        if m.cands and m.context == "story" and m.how != "fuzzy" and not m.in_name:
            top = max(m.cands, key=lambda c: (gaz.prior(c), -c.entry))
            likely.setdefault(gaz.entries[top.entry][3], set()).add(m.key)

    def elsewhere(country: str, key: str) -> bool:
        return bool(likely.get(country, set()) - {key})

    # a name one edit away only proposes: it may not carry the place into a foreign country that neither
    # the context nor the document names ("Kota Vanimo" in a text on Papua New Guinea is not Vanino, RU);
    # vetoed, it stays a place with its readable name and no id
    foreign = sorted(doc_countries - {home_country})
    # Abroad it links only to a place the document also names exactly ("Kitakyushi" beside "Kitakyushu");
    # otherwise ("Pengzhou" is not Pingzhou) it keeps the name as written and no id, with the country the
    # proposal and the document agree on.
    named = {c.entry for m in mentions if m.how != "fuzzy" for c in m.cands}
    for m in mentions:
        if m.how != "fuzzy" or m.trigger == "compound":  # "Gimje-Korsei": a country, no id at stake
            continue
        allowed = ({m.ctx_country, home_country} | doc_countries) - {None}
        proposed = {gaz.entries[c.entry][3] for c in m.cands if gaz.entries[c.entry][3] in allowed}
        # ... or, after "Provinsi", a province of a country the document names ("Provinsi Shichuan ... Cina")
        also_region = any(gaz.entries[c.entry][0] == "region" for c in m.cands)
        m.cands = [c for c in m.cands if gaz.entries[c.entry][3] == home_country or c.entry in named
                   or (m.kind == "region" and gaz.entries[c.entry][3] in doc_countries)
                   # ... or of a country other names of the document most likely lie in ("Negara Bagian Queenland"
                   # beside Brisbane)
                   or (m.kind == "region" and m.trigger is not None and gaz.entries[c.entry][0] == "region"
                       and elsewhere(gaz.entries[c.entry][3], m.key))
                   # a list item one edit from a city of millions is that city misspelled ("Rotterdam dan
                   # Pyongnyang"), in the country beside it if one is named; not where the name is a state's too
                   # ("Khartom (Sudan)" beside sister provinces may be the state of Khartoum); with its country beside
                   # it a large city will do ("Kanzawa (Jepang)")
                   or (m.trigger == "listed" and gaz.entries[c.entry][0] == "city" and not also_region
                       and m.ctx_country in (None, gaz.entries[c.entry][3]) and gaz.entries[c.entry][8] >= (
                           MISSPELT_NAMED if m.ctx_country == gaz.entries[c.entry][3] else MISSPELT_CITY))]
        if not m.cands and m.trigger == "listed":
            m.how = "vetoed"  # a bare word with no safe proposal is no place
        elif not m.cands:
            m.how = "unknown"
            if m.ctx_country is None and m.kind != "regency":
                abroad = proposed - {home_country}
                agreed = abroad if len(abroad) == 1 else set(foreign) if len(foreign) == 1 else set()
                m.ctx_country = next(iter(agreed), None)

    # in a sentence on a sister province, a bare "Kyoto" or "Queensland" is the prefecture or state
    text = doc_text(doc)
    sentences = doc.has_annotation("SENT_START")

    def provincial(m: PlaceMention) -> bool:
        """The mention's sentence (or line) speaks of sister provinces."""
        return PROVINCE_CUE.search(text, *_around(doc, text, sentences, m.start)) is not None

    # ... and so is one paired with an Indonesian province: "between the Special Region of Yogyakarta and Kyoto"
    home_regions = [m for m in mentions if m.cands and m.context == "story" and (
        (lambda e: e[0] == "region" and e[3] == home_country)(gaz.entries[max(m.cands, key=lambda c: c.source).entry]))]

    def paired_with_province(m: PlaceMention) -> bool:
        return any(0 < m.start - r.end <= 3 + (r.end - r.start) and PAIRING.search(doc[r.end:m.start].text)
                   for r in home_regions)

    # a name said once in such a sentence is the region in all its bare mentions (one sense per document)
    # ... and so is one listed beside a foreign province: "Australia Selatan, Kota Metropolitan Chongqing, Guangxi",
    # "kerjasama dengan Incheon (Korea Selatan) dan Bashkortostan (Rusia)"
    provinces_abroad = [r for r in mentions if r.cands and r.context == "story"
                        and {gaz.level(c.entry) for c in r.cands} == {"region"}
                        and gaz.entries[r.cands[0].entry][3] != home_country]

    def listed_with_province(m: PlaceMention) -> bool:
        for r in provinces_abroad:
            lo, hi = (r, m) if r.end <= m.start else (m, r)
            if r is not m and 0 <= doc[hi.start].idx - doc[lo.end - 1].idx <= LIST_REACH \
                    and PROVINCE_LIST_GAP.fullmatch(text, doc[lo.end - 1].idx + len(doc[lo.end - 1]), doc[hi.start].idx):
                return True
        return False

    # a bare name in a sentence on sister cities (and none on provinces) is the city before a region of its name:
    # "Surakarta dan Montana sudah lama menjalin sister city" is the town in Bulgaria, not its province
    civic_names = set()
    for m in mentions:
        if m.kind is None and m.cands and m.key not in civic_names:
            lo, hi = _around(doc, text, sentences, m.start)
            if CITY_CUE.search(text, lo, hi) and not PROVINCE_CUE.search(text, lo, hi):
                civic_names.add(m.key)
    listed_names = {m.key for m in mentions if m.kind is None and listed_with_province(m)}
    provincial_names = {m.key for m in mentions if m.kind is None and (provincial(m) or paired_with_province(m))}
    provincial_names |= listed_names
    # "Angeles City in Pampanga; San Jose del Monte City in Bulacan": a bare name after "X City in", where X is a
    # city of the name's country, locates that city (read below)
    ordered = sorted(mentions, key=lambda x: x.start)
    city_located = set()
    for prev, m in zip(ordered, ordered[1:]):
        gap = CITY_IN.fullmatch(text, doc[prev.end - 1].idx + len(doc[prev.end - 1]), doc[m.start].idx)
        if m.kind is None and m.cands and gap and (gap.group(1) or doc[prev.end - 1].text == "City"):
            countries = {gaz.entries[c.entry][3] for c in prev.cands if gaz.entries[c.entry][0] == "city"}
            if any(gaz.entries[c.entry][3] in countries for c in m.cands if gaz.entries[c.entry][0] == "city"):
                city_located.add(id(m))

    def score(m: PlaceMention, c: Candidate) -> float:
        e = gaz.entries[c.entry]
        s = gaz.prior(c)
        if m.kind is None and e[0] == "region" and e[3] != home_country and m.key in provincial_names:
            s += 3.5  # above the alias of a city of 600,000 ("Melaka", the city, in a sentence on sister states)
        if (m.kind is None and e[0] == "city" and m.key in civic_names - provincial_names
                and not any(gaz.entries[o.entry][0] == "country" for o in m.cands)):  # "China", the country
            s += 1.5
        if c.source == SRC_ALT and e[8] < METROPOLIS and any(o.source > SRC_ALT and gaz.entries[o.entry][3] == e[3]
                                       and (gaz.entries[o.entry][0] != "city" or gaz.entries[o.entry][8] * 10 >= e[8])
                                       for o in m.cands):
            # "Johor" is the state's own name before it is an alternate name of Johor Bahru; but "Saint Louis",
            # the own name of a town of 7,000, is St. Louis (Missouri) before it is that town; a metropolis of
            # millions is its name's first sense ("Los Angeles dan New York" is New York City, not the state)
            s -= 2.5
        if m.ctx_country and e[3] == m.ctx_country:
            s += 6.0
        elif e[3] == top_country:
            s += 4.0
        elif e[3] in doc_countries:
            s += 1.0
        if e[3] == home_country:
            s += 0.5
        if e[0] == "city" and e[3] != home_country and e[3] not in doc_countries and e[8] < 100_000:
            s -= 1.0
        if (m.kind is None and e[0] == "region" and e[3] != home_country and elsewhere(e[3], m.key)
                and not any(gaz.entries[o.entry][0] == "city" and elsewhere(gaz.entries[o.entry][3], m.key)
                            for o in m.cands)):
            s += 1.5
        return s

    # 2. groups for one sense per document
    groups: dict[tuple[str, str], list[PlaceMention]] = {}
    for m in mentions:
        if m.cands:
            groups.setdefault((m.key, m.kind or "bare"), []).append(m)
    choice: dict[tuple[str, str], int] = {}
    for gk, ms in groups.items():
        total: dict[int, float] = {}
        for m in ms:
            per: dict[int, float] = {}
            for c in m.cands:
                per[c.entry] = max(per.get(c.entry, -1e9), score(m, c))
            for ent, sc in per.items():
                total[ent] = total.get(ent, 0.0) + sc
            ranked = sorted(per.values(), reverse=True)
            m.score_margin = ranked[0] - ranked[1] if len(ranked) > 1 else 99.0
        choice[gk] = max(sorted(total), key=lambda ent: total[ent])
    # bare mentions follow the triggered ones when a name has one kind of trigger in the doc
    kinds_by_name: dict[str, set[str]] = {}
    for key, kind in groups:
        if kind != "bare":
            kinds_by_name.setdefault(key, set()).add(kind)
    for (key, kind), ms in groups.items():
        ent = choice[(key, kind)]
        if kind == "bare" and len(kinds_by_name.get(key, ())) == 1:
            other = choice[(key, next(iter(kinds_by_name[key])))]
            if any(c.entry == other for c in ms[0].cands):
                ent = other
        for m in ms:
            own = {c.entry for c in m.cands}
            m.chosen = ent if ent in own else max(sorted(own), key=lambda x: max(
                score(m, c) for c in m.cands if c.entry == x))
            if kind == "bare" and gaz.entries[m.chosen][0] == "region" and _agency_dateline(doc, text, m):
                cities = sorted(c.entry for c in m.cands if gaz.entries[c.entry][0] == "city"
                                and gaz.entries[c.entry][3] == gaz.entries[m.chosen][3])
                if cities:  # the province's namesake city, not the province the story is about
                    m.chosen = cities[0]

    # 3. which mentions are supported ("X City" is a weaker cue than "Kota X": "Green City")
    by_trigger = {m.key for m in mentions if m.kind is not None and not m.trigger.startswith("suffix-")
                  and m.chosen is not None}
    confirmed = set(by_trigger)
    for m in mentions:
        if ((m.kind is None or m.trigger.startswith("suffix-")) and m.chosen is not None
                and not (m.ambiguous and m.sent_initial)
                and not m.in_name and m.context == "story"
                and _strong(m, gaz.entries[m.chosen], gaz, doc_countries, home_country)):
            confirmed.add(m.key)
    confirmed |= {m.key for m in mentions if m.office_after and m.context == "story"}
    # "Padang, Surabaya, Denpasar, Ambon, dan Bandung memiliki kota kembar": a name opening a sentence is a place
    # where a comma list of places follows it
    heads_list = {id(m) for m, n in zip(mentions, mentions[1:]) if m.sent_initial and n.chosen is not None
                  and not n.ambiguous and doc[m.end:n.start].text.strip() == ","}
    # "Jayapura and Vanimo have been sister cities": a name joined to a home place in a sentence on sister cities is
    # its partner, a place, however small
    # the foreign provinces the document names with a province trigger, by name
    foreign_regions = {m.key: m.chosen for m in mentions if m.kind == "region" and m.chosen is not None
                       and gaz.entries[m.chosen][0] == "region" and gaz.entries[m.chosen][3] != home_country}
    paired = _paired_with_home(doc, mentions, gaz, home_country, text, sentences, doc_countries)
    paired_keys = {m.key for m in mentions if id(m) in paired}
    paired |= _listed_partners(doc, mentions, gaz, home_country, text, sentences)
    # "Medan is twinned with Ichikawa": a home city opening a sentence on sister cities that names a place abroad
    cue_subjects = _cue_subjects(doc, mentions, gaz, home_country, text, sentences)
    # an Indonesian city the document names without a foreign country beside it stays Indonesian where it has one:
    # "rombongan Pemerintah Kota Bogor di Azerbaijan" is Bogor's delegation abroad, not a Bogor in Azerbaijan
    home_linked = {m.chosen for m in mentions if m.chosen is not None and m.ctx_country in (None, home_country)
                   and gaz.entries[m.chosen][3] == home_country}
    # the foreign cities the document names, by their letters: "Kota Yokomaha" beside "Kota Yokohama" is that city
    # with two letters swapped (one edit away is fuzzy matching's; this is two, so only a name the text also writes)
    by_letters: dict[str, set[int]] = {}
    for m in mentions:
        if m.chosen is not None and m.how != "fuzzy" and gaz.entries[m.chosen][0] == "city" \
                and gaz.entries[m.chosen][3] != home_country and len(m.key) >= MISSPELT_MIN_LEN:
            by_letters.setdefault(m.key[:1] + "".join(sorted(m.key)), set()).add(m.chosen)
    # ... and by their names: "Yanjiang" beside "Kota Yangjiang" is that city one letter short, not the place that
    # has "Yanjiang" only among its other names (Ziyang)
    by_name = {m.key: m.chosen for m in mentions if m.chosen is not None and m.how != "fuzzy"
               and _best_source(m) != SRC_ALT and gaz.entries[m.chosen][0] == "city"
               and gaz.entries[m.chosen][3] != home_country and len(m.key) >= MISSPELT_MIN_LEN}
    # one sense per document: "Kota Nanjing" in the title is the Nanjing the text places in Fujian
    spread_by_name(mentions, "ctx_region")
    for m in mentions:
        if (m.chosen is not None and m.ctx_region and gaz.province_of(m.chosen) not in (None, m.ctx_region)
                and _best_source(m) != SRC_ALIAS):
            # the province beside it vetoes a city of another province ("Nanjing, Provinsi Fujian" is not the
            # Nanjing of Jiangsu): one of the name's places in that province, else the name and no id
            inside = [c.entry for c in m.cands if gaz.province_of(c.entry) == m.ctx_region]
            if inside:
                m.chosen = inside[0]
            else:
                m.ctx_country = m.ctx_country or m.ctx_region.split("-")[0]
                m.chosen, m.cands, m.how = None, [], "unknown"
        if m.chosen is not None and m.ctx_country and gaz.entries[m.chosen][0] == "city" \
                and gaz.entries[m.chosen][3] != m.ctx_country and _best_source(m) != SRC_ALIAS \
                and (m.ctx_country, gaz.entries[m.chosen][3]) not in CHINA_AS_WRITTEN \
                and not (gaz.entries[m.chosen][3] == home_country and m.chosen in home_linked):
            # the country beside it vetoes a link into another one ("Georgetown Penang Malaysia" is not
            # Georgetown, Guyana), unless the name is a curated alias ("Shen Zen (Hongkong)" is Shenzhen,
            # the author's wording): a place with its readable name and no id where a trigger or the
            # document supports it as a place ("Lee Seung Ha, di Gyeongju" is a person: dropped)
            supported = m.kind is not None or m.key in confirmed
            m.chosen, m.cands, m.how = None, [], "unknown" if supported else "vetoed"
        if (m.chosen is not None and m.kind == "city" and _after_office(doc, m) and not m.ctx_country
                and gaz.entries[m.chosen][0] == "city" and gaz.entries[m.chosen][8] < 100_000
                and gaz.entries[m.chosen][3] != home_country and _best_source(m) != SRC_ALIAS
                and (gaz.entries[m.chosen][3] not in doc_countries or _surname_after(doc, m, gaz))
                and m.key not in paired_keys):
            # "Walikota Bambang DH memastikan ...": after a mayor's title, a small town of a country the text never
            # names is the mayor's name; so is one a surname follows ("Wali Kota Martha Fuchs"); not a town the text
            # pairs with ours on sister cities ("antara Ambon dan Vlissingen ... Wali Kota Vlissingen")
            m.chosen, m.cands, m.how = None, [], "vetoed"
        elif (m.chosen is not None and m.kind is None and not m.ctx_country and _best_source(m) != SRC_ALIAS
              and gaz.entries[m.chosen][0] in ("city", "region")
              and gaz.entries[m.chosen][3] not in doc_countries | {home_country} and _surname_after(doc, m, gaz)
              and not (m.end + 1 < len(doc) and doc[m.end + 1].text[:1].isupper())):
            # "serta Nelson Simanjuntak dari Kementerian": a bare name abroad, in a country the text never names,
            # with a surname after it is a person's given name (a longer capitalized run is a name of its own:
            # "Malacca Historic City Council")
            m.chosen, m.cands, m.how = None, [], "vetoed"
        if (m.chosen is not None and top_country and m.kind is None and not m.ctx_country
                and gaz.entries[m.chosen][0] == "city"
                and gaz.entries[m.chosen][3] not in ({home_country, top_country} | doc_countries)
                and gaz.entries[m.chosen][8] < MISSPELT_CITY  # (not London among Belgian towns: "Antara London")
                and _among(mentions, m, top_country, gaz)):
            # "... Inner West, Ipswich, Isaac, Joondalup ..." in a list of Australian councils: the name among
            # the document's own country's places is that country's place the gazetteer lacks, not a namesake
            # in a country the text never names
            m.ctx_country = top_country
            m.chosen, m.cands, m.how = None, [], "unknown" if m.key in confirmed else "vetoed"
        if (m.chosen is not None and m.kind == "regency" and gaz.entries[m.chosen][0] == "city"
                and gaz.entries[m.chosen][3] not in ({home_country, m.ctx_country} | doc_countries)
                and _best_source(m) != SRC_ALIAS):
            # "Kabupaten Lima Pulu[h Kota]" is no town in Peru: a kabupaten is Indonesian unless a locator or the
            # document names the foreign country it would lie in
            m.chosen, m.cands, m.how = None, [], "unknown"
        elif (m.chosen is not None and m.kind == "regency" and gaz.entries[m.chosen][3] != home_country
              and m.ctx_country in (None, home_country) and m.name in gaz.regencies):
            # "Kabupaten Kampar" in a text that names Malaysia is still our regency, not the town in Perak
            m.chosen = gaz.regencies[m.name]
        elif (m.chosen is not None and m.kind == "regency" and gaz.entries[m.chosen][0] == "city"
              and gaz.entries[m.chosen][3] == home_country and gaz.regency_named(m.name) is not None
              and fold(gaz.entries[m.chosen][2]) != fold(m.name)):
            # "Kabupaten Karangasem" is the regency of that name, not its seat Amlapura (a town GeoNames also
            # calls "Karangasem")
            m.chosen = gaz.regency_named(m.name)
        elif (m.chosen is not None and m.kind == "regency" and gaz.entries[m.chosen][3] != home_country
              and m.key in foreign_regions):
            # "Propinsi Ibaraki ... Kabupaten Ibaraki": the prefecture the text also calls a kabupaten, not the
            # city of Osaka prefecture
            m.chosen = foreign_regions[m.key]
        if (m.chosen is None and not m.cands and m.how == "unknown" and m.kind == "city" and m.ctx_country is None
                and len(towns := {gaz.entries[t][3] for t in gaz.small_towns(m.name)}) == 1 and towns <= doc_countries):
            # "Kota Hluboka nad Vltavou dari South Bohemian Region": a small town of the one country the document
            # names that has a town of the name
            m.ctx_country = next(iter(towns))
        if m.chosen is None and not m.cands and m.how in ("unknown", "vetoed") and m.kind in (None, "city") \
                and m.ctx_country not in (None, home_country):
            # "Kota Wewak (Papua Nugini)", "Ipswich" among Australian councils: a town below the gazetteer's floor
            # of that name in the country the context names, and in a province of it the document names if it
            # names any ("Kota Pengzhou" in a text on Sichuan is not the Pengzhou of Jiangxi)
            if (not _small_town(m, placed(m, gaz.small_towns(m.name, m.ctx_country)), gaz) and m.kind == "city"
                    and not gaz.lookup(m.name)):  # (a name the gazetteer knows as written is not misspelled)
                # "Kota Monterry (Meksiko)": a city with its trigger and its country, one edit from a large city of
                # that country and from no other name there, is that city misspelled
                near = gaz.fuzzy(m.name, levels=("city",), country=m.ctx_country, min_population=MISSPELT_NAMED)
                if len({c.entry for c in near}) != 1 and len(m.name) >= MISSPELT_FAR_LEN:
                    # "Kota Higashimatshima Prefektur Miyagi": a long name two edits from the one town of any size
                    # of its country
                    near = gaz.fuzzy_far(m.name, country=m.ctx_country, levels=("city",))
                if len({c.entry for c in near}) == 1:
                    m.chosen, m.cands, m.how = near[0].entry, near[:1], "fuzzy"
                    m.level, m.label = "city", LABELS["city"]
        if m.chosen is not None and _best_source(m) == SRC_ALT and m.key not in by_name:
            near = {c for k, c in by_name.items() if c != m.chosen and gaz.entries[c][3] == gaz.entries[m.chosen][3]
                    and within_one_edit(m.key, k)}
            if len(near) == 1:
                m.chosen = next(iter(near))
                m.cands, m.how = [Candidate(m.chosen, SRC_PRIMARY, m.name)], "fuzzy"
        if (m.chosen is None and not m.cands and m.how == "unknown" and m.kind == "city" and m.ctx_country is None
                and len(same := by_letters.get(m.key[:1] + "".join(sorted(m.key)), ())) == 1):
            m.chosen = next(iter(same))
            m.cands, m.how = [Candidate(m.chosen, SRC_PRIMARY, m.name)], "fuzzy"
        if m.chosen is None and not m.cands and m.how == "unknown" and m.kind in ("city", None):
            # "Kota Hluboká" after "Kota Hluboká nad Vltavou": a town's name cut short is that town (in the country
            # the text names beside it, if any: "kota Hluboka, Ceko")
            longer = {o.chosen for o in mentions if o.chosen is not None and o.name.startswith(m.name + " ")
                      and gaz.entries[o.chosen][0] == "city" and m.ctx_country in (None, gaz.entries[o.chosen][3])}
            if len(longer) == 1:
                m.chosen = next(iter(longer))
                m.cands, m.how = [Candidate(m.chosen, SRC_PRIMARY, m.name)], "fuzzy"
        if m.chosen is None:
            if not m.cands and m.how == "unknown":
                m.level = m.kind or "city"
                m.label = LABELS[m.level]
            else:
                m.keep = False
            continue
        e = gaz.entries[m.chosen]
        if (m.kind is None and e[0] == "city" and e[3] != home_country and e[3] != m.ctx_country
                and e[8] < 100_000 and m.name in gaz.regencies):
            # a bare "Kampar" in a text on Riau: a small foreign town named like one of our regencies is
            # too uncertain to link; it reads as the regency (no id, never a wrong one)
            m.chosen = gaz.regencies[m.name]
            e = gaz.entries[m.chosen]
        elif (m.kind is None and e[0] == "city" and e[3] == home_country and e[2] in gaz.regencies
              and e[2] not in gaz.kota and " " not in e[2]
              and not _agency_dateline(doc, text, m)):  # ("Mamuju (ANTARA) -": where it was filed, the town)
            # "Purbalingga", "Sumedang": a GeoNames town that is a regency's seat, with no kota of the name, is
            # named for its regency in a text on local governments; read as the regency it carries no id
            m.chosen = gaz.regencies[e[2]]
            e = gaz.entries[m.chosen]
        elif (e[0] == "region" and gaz.entry_index(CITY_PROVINCES.get(e[4])) is not None
              and (e[3] == home_country or (m.trigger not in REGION_NOUNS and not provincial(m)
                                            and m.key not in listed_names))):
            # "Gubernur DKI Jakarta", "Gubernur Tokyo": the province that is one city is the city; abroad not
            # where it is named a province, or among sister provinces ("Guangxi, Chongqing, Sichuan")
            m.chosen = gaz.entry_index(CITY_PROVINCES[e[4]])
            e = gaz.entries[m.chosen]
        m.level = e[0]
        if m.kind is None or m.trigger.startswith("suffix-"):
            # an entry of a list of the document's own foreign country's places, one name per line ("Albany [2]" in a
            # list of Australian councils), is a place
            listed = e[3] == top_country and _alone_on_its_line(text, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]))
            if e[0] == "country" and m.before_direction:
                m.keep = False  # "Amerika Latin", "Amerika Selatan", "Jerman Barat"
            elif m.ambiguous and m.sent_initial:
                m.keep = (m.key in confirmed or id(m) in heads_list or listed or id(m) in paired
                          or id(m) in cue_subjects)
            elif m.in_name and e[0] == "city":  # "Donal Bell Souder", "Bima Arya": curated or confirmed only
                # (an Indonesian city of millions is no one's name: "1 - 20 of 23 Posts Jakarta's Sister Cities")
                m.keep = (_best_source(m) == SRC_ALIAS or e[3] == m.ctx_country or m.key in by_trigger
                          or (e[3] == home_country and e[8] >= 1_000_000))
            elif not _strong(m, e, gaz, doc_countries, home_country):
                m.keep = m.key in confirmed or listed or id(m) in paired
        if m.kind == "regency" and e[0] == "city" and e[3] == home_country:
            m.level = "regency"
        m.label = LABELS[m.level]
    # "Bupati Tiwi" beside "Kabupaten Purbalingga": a name BPS lists as no regency, only ever after the regent's title
    # (and repeated), in a text on one of our regencies is the regent's (nick)name, there and in its repeats
    if any(o.keep and o.chosen is not None and o.kind == "regency" and gaz.entries[o.chosen][3] == home_country
           for o in mentions):
        regents = {m.key for m in mentions if m.trigger == "bupati" and m.chosen is None and m.how == "unknown"
                   and m.ctx_country is None and gaz.regency_named(m.name) is None
                   and all(o.trigger in ("bupati", "repeat") for o in mentions if o.key == m.key)}
        for m in mentions:
            if m.key in regents and m.chosen is None:
                m.keep = False
    # "Wali Kota Agustina" where the text also says "ujar Agustina": a name the gazetteer lacks, found only after a
    # title, that the text has speak is the officeholder's name, not a town
    unknown = {m.key: m.name for m in mentions if m.chosen is None and not m.cands and m.how == "unknown"}
    for key, name in unknown.items():
        said = re.search(rf"\b{_SAYS}\s+{re.escape(name)}\b|\b{re.escape(name)}\s+{_SAYS_AFTER}\b", text)
        if said:
            for m in mentions:
                if m.key == key and (m.chosen is None or m.kind is None):
                    m.keep = False  # ... and so is the bare name elsewhere ("Tiwi juga berharap", not a Philippine town)
    # two bare names of small towns abroad side by side, in two countries, are a person's names: "Lord Mayor of York
    # City David Taylor" (David in Panama, Taylor in Texas)
    for a, b in zip(mentions, mentions[1:]):
        if (a.kind is None and b.kind is None and a.chosen is not None and b.chosen is not None and a.end == b.start
                and doc[a.end - 1].whitespace_ == " " and not a.ctx_country and not b.ctx_country
                and all(gaz.entries[x.chosen][0] == "city" and gaz.entries[x.chosen][3] != home_country
                        and gaz.entries[x.chosen][8] < 100_000 for x in (a, b))
                and gaz.entries[a.chosen][3] != gaz.entries[b.chosen][3]):
            a.keep = b.keep = False
    # "San Jose del Monte City in Bulacan": a province the gazetteer lacks, locating a city, is no town of its name
    for m in mentions:
        if id(m) in city_located and m.chosen is not None and gaz.entries[m.chosen][0] == "city":
            m.keep = False
    # ... and the mayor's name again, bare: "Bambang menceritakan ..."
    # (not a name the document also makes a city with a trigger: "Wali Kota Vlissingen, Bas Van Den Tillaar")
    persons = {m.name for m in mentions if m.how == "vetoed" and m.kind == "city" and _after_office(doc, m)}
    # ... and an envoy's, named in full after the title: "Duta Besar Turki untuk Indonesia, Zekeriya Akcam" ...
    # "Illiza dan Zekeriya berbicara"
    # (not "Konsul Jenderal RI di Osaka Diana ...")
    persons |= {m.name for m in mentions if m.kind is None and _surname_after(doc, m, gaz)
                and _after_title_and_comma(text, doc[m.start].idx)}
    # ... and a surname after an official's given name, written after the title and a comma: "Gubernur Prefektur
    # Kyoto, Takatoshi Nishiwaki", "Sekretaris Daerah MTB, Matias Malaka"
    persons |= {m.name for m in mentions if m.kind is None and _given_name_before(doc, m, gaz)
                and _after_title_and_comma(text, doc[m.start - 1].idx)}
    persons -= {m.name for m in mentions if m.keep and m.kind == "city" and m.chosen is not None}
    for m in mentions:
        if m.kind is None and m.name in persons and not m.ctx_country:
            m.keep = False
    # one sense per document for the level too: a bare "Sumedang" beside "Bupati Sumedang" is the
    # regency, unless the document also names the city ("Kota Sumedang")
    as_regency = {m.chosen for m in mentions if m.keep and m.level == "regency" and m.chosen is not None}
    as_city = {m.chosen for m in mentions if m.keep and m.kind == "city" and m.chosen is not None}
    for m in mentions:
        if m.keep and m.kind is None and m.level == "city" and m.chosen in as_regency - as_city:
            m.level = "regency"
    # ... and a bare name the document also gives as a regency ("Kabupaten Kampar", "Damyang-gun") is that regency,
    # not a town abroad of the name ("Malaka dengan Kampar" is no town in Perak)
    # (by folded name: the dateline "KARO –" beside "Kabupaten Karo" is the regency, not Kāro in India)
    regencies = {fold(m.name).casefold(): m for m in mentions if m.keep and m.level == "regency" and m.kind == "regency"}
    for m in mentions:
        r = regencies.get(fold(m.name).casefold())
        # ("Bupati Damyang" too: a foreign town after a regency's office word)
        # ("Karangasem" bare after "Kabupaten Karangasem": not its seat Amlapura, which GeoNames also calls so)
        # ("Kota Sidoarjo" beside "Pemkab Sidoarjo": a regency's seat, with no kota of the name, in a text on the
        # regency's cooperation is the regency too)
        if (r is not None and r is not m and m.keep and m.level == "city" and m.chosen is not None and (
                (m.kind in (None, "regency") and (gaz.entries[m.chosen][3] != home_country
                                                  or fold(gaz.entries[m.chosen][2]) != fold(m.name)))
                or (m.kind == "city" and gaz.entries[m.chosen][3] == home_country and m.name not in gaz.kota
                    and m.name in gaz.regencies))):
            m.chosen, m.level, m.label = r.chosen, "regency", LABELS["regency"]
            if r.chosen is None:
                # (the regency's name as its trigger gave it, and Indonesian as a regency is: "KARO" is Karo)
                m.cands, m.how, m.ctx_country, m.name, m.kind = [], "unknown", r.ctx_country, r.name, "regency"
    for m in small:
        # "Gayndah, Queensland", "Poix-du-Nord, Prancis": the province or country after it places the town
        located = [c.entry for c in m.cands if m.ctx_region or (m.ctx_country and gaz.entries[c.entry][3] == m.ctx_country)]
        m.keep = m.context == "story" and _small_town(m, placed(m, located), gaz)


COMPASS_ONLY = re.compile(r"(?i:(north|south|east|west|central|centre|northern|southern|eastern|western)"
                          r"([ -](north|south|east|west|central|centre))?)")
CITY_IN = re.compile(r"[ \t]+(City[ \t]+)?in[ \t]+")  # "Malolos City in Bulacan", "Davao City in Mindanao"
LINE_REST = re.compile(r"[ \t]*(\[\d{1,3}\][ \t]*)*")  # what may stand beside a name alone on its line: footnote marks


def _after_office(doc: Doc, m: PlaceMention) -> bool:
    """The name follows a mayor's title: "Walikota X", "Wali Kota X"."""
    before = [t.lower_ for t in doc[max(0, m.start - 2):m.start]]
    return before[-1:] == ["walikota"] or before[-2:] == ["wali", "kota"] or (
        doc[m.start].lower_ == "kota" and before[-1:] == ["wali"])


def _name_word(t: str, gaz: Gazetteer) -> bool:
    """A capitalized word (not all capitals) that names no place and is no common word or trigger: part of a name."""
    return (t[:1].isupper() and t.isalpha() and not t.isupper() and not gaz.is_stopword(t) and t not in gaz.names
            and t.lower() not in TRIGGER_WORDS)


def _surname_after(doc: Doc, m: PlaceMention, gaz: Gazetteer) -> bool:
    """A capitalized word that names no place follows the name: "Martha Fuchs", "Bambang Priyo"."""
    return m.end < len(doc) and bool(doc[m.end - 1].whitespace_) and _name_word(doc[m.end].text, gaz)


def _given_name_before(doc: Doc, m: PlaceMention, gaz: Gazetteer) -> bool:
    """A capitalized word that names no place stands right before the name: "Takatoshi Nishiwaki", "Masashi Mori"."""
    if m.start == 0 or not doc[m.start - 1].whitespace_:
        return False
    t = doc[m.start - 1].text
    return _name_word(t, gaz) and not NOUN_OF_PLACE.fullmatch(t)


def _after_title_and_comma(text: str, idx: int) -> bool:
    """An official's title, then a comma, stand before text[idx]: "Duta Besar Turki untuk Indonesia, " (a window, not
    the whole text before: it runs for every candidate name)."""
    before = text[max(0, idx - ENVOY_REACH):idx]
    return ENVOY_BEFORE.search(before) is not None and before.rstrip().endswith(",")


# "Kesultanan Trengganu", "Kerajaan Johor", "Pelabuhan Malaka": an Indonesian noun of the ke-...-an or pe-...-an form
# before a name is no one's given name
NOUN_OF_PLACE = re.compile(r"(?:Ke|Pe)[a-z]{3,}an")


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    """The name at text[start:end] is its line's only word, but for footnote marks ("Albany [2]")."""
    lo, hi = line_bounds(text, start, end)
    return LINE_REST.fullmatch(text, lo, start) is not None and LINE_REST.fullmatch(text, end, hi) is not None


def _paired_with_home(doc: Doc, mentions: list[PlaceMention], gaz: Gazetteer, home: str, text: str,
                      sentences: bool, doc_countries: set[str]) -> set[int]:
    """ids of the bare foreign towns joined by "dan", "and", "dengan" or a dash to a home place, in a sentence (or
    line) on sister cities: by their own name (not an alternate one: "Sere" cut short is no Seraing), not in
    capitals (a title's "SIDNEY" is Sydney misspelt), in a country the document names if it names any abroad."""
    abroad = doc_countries - {home}
    out: set[int] = set()
    for a, b in zip(mentions, mentions[1:]):
        # ("between the Denpasar City Government and the Mossel Bay Government": each side with its government)
        between = [t.text for t in doc[a.end:b.start] if t.lower_ not in GOVERNMENT_WORDS]
        if not (a.chosen is not None and b.chosen is not None and PAIRING.search(" ".join(between))
                and len(between) <= 2):
            continue
        for home_m, other in ((a, b), (b, a)):
            e = gaz.entries[other.chosen]
            if (gaz.entries[home_m.chosen][3] == home and other.kind is None and e[0] == "city" and e[3] != home
                    and not other.in_name and other.context == "story" and _best_source(other) != SRC_ALT
                    and not other.name.isupper() and (not abroad or e[3] in abroad)):
                if SISTER_CUE.search(text, *_around(doc, text, sentences, other.start)):
                    out.add(id(other))
    # ... and "Kota Salatiga memiliki sister city dengan Mungyeong dan Palmerston North": the towns of some size right
    # after "dengan" / "with" (and the list they open) in a sentence on sister cities that names a home place first
    for i, m in enumerate(mentions):
        if not (m.chosen is not None and WITH_BEFORE.search(text, max(0, doc[m.start].idx - 20), doc[m.start].idx)):
            continue
        lo, hi = _around(doc, text, sentences, m.start)
        if not (SISTER_CUE.search(text, lo, hi) and any(
                h.chosen is not None and gaz.entries[h.chosen][3] == home and lo <= doc[h.start].idx < doc[m.start].idx
                for h in mentions[:i])):
            continue
        run = [m]
        for n in mentions[i + 1:]:
            if n.chosen is None or not LIST_JOIN.fullmatch(BRACKETED.sub("", doc[run[-1].end:n.start].text)):
                break
            run.append(n)
        for other in run:
            e = gaz.entries[other.chosen]
            if (other.kind is None and e[0] == "city" and e[3] != home and e[8] >= SMALL_TOWN and not other.in_name
                    and other.context == "story" and _best_source(other) != SRC_ALT and not other.name.isupper()
                    and (not abroad or e[3] in abroad)):
                out.add(id(other))
    return out


def _around(doc: Doc, text: str, sentences: bool, tok: int) -> tuple[int, int]:
    """(start, end) characters of the sentence holding token `tok`, or of its line where the doc has no sentences."""
    if sentences:
        sent = doc[tok].sent
        return sent.start_char, sent.end_char
    return line_bounds(text, doc[tok].idx)


def _cue_subjects(doc: Doc, mentions: list[PlaceMention], gaz: Gazetteer, home: str, text: str,
                  sentences: bool) -> set[int]:
    """ids of the home cities opening a sentence on sister cities that also names a place abroad."""
    out: set[int] = set()
    for m in mentions:
        if not (m.sent_initial and m.chosen is not None and m.kind is None and gaz.entries[m.chosen][3] == home
                and gaz.entries[m.chosen][0] == "city" and m.context == "story"):
            continue
        lo, hi = _around(doc, text, sentences, m.start)
        abroad = any(o is not m and o.chosen is not None and lo <= doc[o.start].idx < hi and o.context == "story"
                     and gaz.entries[o.chosen][3] not in (home, "") and gaz.entries[o.chosen][0] in ("city", "region")
                     for o in mentions)
        if abroad and SISTER_CUE.search(text, lo, hi):
            out.add(id(m))
    return out


def _listed_partners(doc: Doc, mentions: list[PlaceMention], gaz: Gazetteer, home: str, text: str,
                     sentences: bool) -> set[int]:
    """ids of the bare foreign towns (not below SMALL_TOWN) of a list of three or more foreign towns in a sentence on
    sister cities or just after one: "Ketiga kota itu adalah Fuqing, Yanai dan Uiwang"."""
    runs: list[list[PlaceMention]] = []
    for m in mentions:
        if m.chosen is None or m.context != "story" or m.in_name:
            runs.append([])
            continue
        e = gaz.entries[m.chosen]
        if e[0] != "city" or e[3] == home or (m.kind is None and e[8] < SMALL_TOWN and _best_source(m) != SRC_ALIAS):
            runs.append([])
            continue
        if runs and runs[-1] and LIST_JOIN.fullmatch(doc[runs[-1][-1].end:m.start].text):
            runs[-1].append(m)
        else:
            runs.append([m])
    out: set[int] = set()
    for run in runs:
        if len(run) < 3:
            continue
        lo, hi = _around(doc, text, sentences, run[0].start)
        first = doc[run[0].start]
        # ... or in the sentence just before it
        before = doc[first.sent.start - 1].sent.start_char if sentences and first.sent.start > 0 else lo
        if SISTER_CUE.search(text, before, hi):
            out.update(id(m) for m in run if m.kind is None)
    return out


def _small_town(m: PlaceMention, hits: list[int], gaz: Gazetteer) -> bool:
    """Link `m` to the one town of `hits`, if there is exactly one."""
    if len(hits) != 1:
        return False
    m.chosen, m.cands, m.how = hits[0], [Candidate(hits[0], SRC_PRIMARY, m.name)], "small"
    m.ctx_country = gaz.entries[hits[0]][3]
    m.level, m.label = "city", LABELS["city"]
    return True


def _among(mentions: list[PlaceMention], m: PlaceMention, country: str, gaz: Gazetteer) -> bool:
    """True when most of the linked names around `m` (two before, two after) lie in `country`."""
    linked = [x for x in mentions if x.chosen is not None and x.context == "story"]
    if m not in linked:
        return False
    i = linked.index(m)
    near = linked[max(0, i - 2):i] + linked[i + 1:i + 3]
    return len(near) >= 3 and sum(gaz.entries[x.chosen][3] == country for x in near) >= len(near) - 1


def _best_source(m: PlaceMention) -> int:
    return max((c.source for c in m.cands if c.entry == m.chosen), default=SRC_ALT)


def _strong(m: PlaceMention, e: list[Any], gaz: Gazetteer, doc_countries: set[str], home: str) -> bool:
    """Enough support to link a bare name without a trigger word."""
    if e[0] == "region" and COMPASS_ONLY.fullmatch(e[2]) and e[3] not in (home, m.ctx_country) \
            and e[3] not in doc_countries:
        return False  # "South-West" (a region of Cameroon) in a text that never names Cameroon: a direction
    if e[0] in ("country", "region", "regency"):
        return True
    src = _best_source(m)
    pop = e[8]
    if m.chosen is not None and gaz.is_capital(m.chosen) and src != SRC_ALT:
        return True  # a country's capital, however small: "Honiara", "Bandar Seri Begawan"
    if len(m.name) <= SHORTEST_BARE and e[3] not in (home, m.ctx_country) and e[3] not in doc_countries \
            and src != SRC_ALIAS:
        return False  # "diberikan oleh Bo dan Lindsey Wharton": two letters abroad, in a country never named, are a name
    if pop < SMALL_TOWN and e[3] != home:  # a small foreign town needs its own country beside it
        return src == SRC_ALIAS or e[3] == m.ctx_country
    return (src == SRC_ALIAS or e[3] == home or e[3] == m.ctx_country or e[3] in doc_countries
            or (pop >= 100_000 and src != SRC_ALT) or pop >= 1_000_000)


INDONESIAN_GOVERNMENTS = frozenset({"pemkot", "pemko", "pemkab", "pemprov"})


def to_span(doc: Doc, m: PlaceMention, gaz: Gazetteer) -> Span:
    """The span for a linked mention with its attribute dict."""
    span = Span(doc, m.start, m.end, label=m.label)
    trig = m.trigger
    if m.how == "unknown":
        method = f"unknown:{trig}" if trig == "repeat" or trig.startswith("suffix-") else f"unknown:prefix-{trig}"
        conf = 0.5
    else:
        base = "gazetteer:" + (f"prefix-{trig}" if trig and not trig.startswith(("suffix-", "compound", "dateline", "heading"))
                               else trig if trig else "name")
        if m.how == "fuzzy":
            base += "-fuzzy"
        elif m.how == "small":
            base += "-small-town"
        elif m.how == "ci":
            base += "-ci"
        method = base
        src = _best_source(m)
        if m.how == "fuzzy":
            conf = 0.7
        elif m.kind is not None:
            conf = 0.95 if m.how == "exact" else 0.9
        else:
            conf = {SRC_ALIAS: 0.9, SRC_ALT: 0.7}.get(src, 0.85)
            if src == SRC_ALIAS:
                method = "gazetteer:alias"
        if m.ambiguous:
            conf = min(conf, 0.8)
        if m.in_name:
            conf *= 0.8
        if m.score_margin < 1.0:
            conf *= 0.9
    attrs: dict[str, Any]
    if m.chosen is None:
        # a regency, and a place an Indonesian local government is named for ("Pemkot Tangsel"), are Indonesian
        country = m.ctx_country or ("ID" if m.kind == "regency" or m.trigger in INDONESIAN_GOVERNMENTS else None)
        attrs = {"name": m.name, "country": country, "geonames_id": None, "level": m.level,
                 "iso3166_2": None, "admin1": None, "latitude": None, "longitude": None}
    else:
        e = gaz.entries[m.chosen]
        from_city = m.level == "regency" and e[0] == "city"
        if from_city:
            method = method.replace("gazetteer:", "gazetteer:regency-from-city:", 1)
        attrs = {
            "name": e[2], "country": e[3] or None,
            "geonames_id": None if from_city or e[1] is None else int(e[1]),
            "level": m.level, "iso3166_2": e[4] or None, "admin1": e[5] or None,
            "latitude": None if from_city else e[6], "longitude": None if from_city else e[7],
        }
    attrs.update({
        "in_org": m.context != "story",
        "method": method,
        "confidence": round(conf, 3),
        "context": m.context,
        "org": m.org,
        "matched": m.name,
    })
    return set_attrs(span, attrs)
