"""Places found by the trained NER (models/ner), linked through the same gazetteer as the rules."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.components.common import PLACES_KEY, register_extensions, set_attrs

LEVEL_LABEL = {"city": "CITY", "regency": "CITY", "region": "REGION", "country": "COUNTRY"}
# Unit words the NER keeps in its span but the gazetteer does not know ("Kota Kochi" → "Kochi").
UNIT_WORDS = ("Kota ", "Kabupaten ", "Kab. ", "Provinsi ", "Prefektur ", "Negara Bagian ")


@Language.factory(
    "kotakembar_model_places",
    default_config={"mode": "combined", "labels": ["GPE", "LOC"], "places_pipe": "kotakembar_places"},
)
def make_model_places(nlp: Language, name: str, mode: str, labels: list[str], places_pipe: str) -> ModelPlaces:
    """Construct the component; the gazetteer comes from the rule places pipe at first call."""
    register_extensions()
    return ModelPlaces(nlp, name, mode=mode, labels=labels, places_pipe=places_pipe)


class ModelPlaces:
    """Turn NER entities into place spans: added beside the rule spans ('combined') or instead ('model')."""

    def __init__(self, nlp: Language, name: str, *, mode: str, labels: list[str], places_pipe: str) -> None:
        if mode not in ("combined", "model"):
            raise ValueError(f"mode must be 'combined' or 'model', not {mode!r}")
        self.nlp, self.name, self.mode, self.labels, self.places_pipe = nlp, name, mode, set(labels), places_pipe

    def _gazetteer(self) -> Any:
        return self.nlp.get_pipe(self.places_pipe)._ensure()

    def __call__(self, doc: Doc) -> Doc:
        """Add (or substitute) model places in doc.spans[PLACES_KEY]."""
        gaz = self._gazetteer()
        rule = list(doc.spans.get(PLACES_KEY, []))
        kept = [s for s in rule if s.label_ not in ("CITY", "REGION", "COUNTRY")] if self.mode == "model" else rule
        taken = {i for s in kept for i in range(s.start, s.end)}
        for ent in doc.ents:
            if ent.label_ not in self.labels or any(i in taken for i in range(ent.start, ent.end)):
                continue
            span = self._link(doc, ent, gaz)
            if span._.kk["geonames_id"] is None and span._.kk["iso3166_2"] is None and not _place_context(ent):
                continue
            kept.append(span)
        doc.spans[PLACES_KEY] = sorted(kept, key=lambda s: (s.start, s.end))
        return doc

    def _link(self, doc: Doc, ent: Span, gaz: Any) -> Span:
        """Link an entity by its best-known gazetteer reading; unknown names keep their text and no id."""
        surface = ent.text
        for unit in UNIT_WORDS:
            if surface.startswith(unit):
                surface = surface[len(unit):]
        cands = gaz.lookup(surface) or gaz.lookup(surface, case_sensitive=False)
        if cands:
            best = max(cands, key=gaz.prior)
            e = gaz.entry(best.entry)
            level = e.get("level") or gaz.level(best.entry)
            attrs = {"name": e.get("name"), "country": e.get("country") or None,
                     "geonames_id": int(e["geonames_id"]) if e.get("geonames_id") else None, "level": level,
                     "iso3166_2": e.get("iso3166_2") or None, "admin1": e.get("admin1") or None,
                     "latitude": e.get("latitude"), "longitude": e.get("longitude")}
            label, conf = LEVEL_LABEL.get(level, "CITY"), 0.75
        else:
            attrs = {"name": surface, "country": None, "geonames_id": None, "level": "city", "iso3166_2": None,
                     "admin1": None, "latitude": None, "longitude": None}
            label, conf = "CITY", 0.5
        attrs.update({"in_org": False, "method": f"model:ner-{ent.label_.lower()}", "confidence": conf,
                      "context": "story"})
        return set_attrs(Span(doc, ent.start, ent.end, label=label), attrs)


# Words before a name that make it a place in Indonesian prose ("di Kesawan", "ke Pematang Siantar").
PLACE_PREPOSITIONS = {"di", "ke", "dari", "kota", "kabupaten", "kecamatan", "kelurahan", "daerah", "kawasan", "desa"}


def _place_context(ent: Span) -> bool:
    """An unlinked entity is kept only as a title-case name right after a place preposition."""
    if ent.start == 0 or ent.text.isupper() or not ent.text[:1].isupper():
        return False
    return ent.doc[ent.start - 1].lower_ in PLACE_PREPOSITIONS
