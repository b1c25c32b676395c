"""The output contract: the seven tables' columns and types, the sector labels, datapackage.json, and pandas.

The tables stage writes to it, corrections check against it, and data teams read the tables
back with `read_tables`, typed from the `datapackage.json` it generates.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.io import read_json, unsafe_cell

if TYPE_CHECKING:
    import pandas as pd

COLUMNS: dict[str, list[str]] = {
    "documents": ["doc_id", "file", "sha256", "format", "title", "author", "student_id", "institution",
                  "year", "language", "pages", "chars", "status", "message", "study_programme"],
    "mentions": ["doc_id", "mention_id", "type", "text", "start", "end", "page", "section", "sentence",
                 "value", "method", "confidence", "attrs"],
    "cities": ["doc_id", "name", "country", "level", "geonames_id", "iso3166_2", "admin1", "latitude",
               "longitude", "mentions", "surfaces", "role", "method"],
    "dates": ["doc_id", "text", "value", "precision", "role", "start", "end", "sentence", "page", "mention_id",
              "method"],
    "sectors": ["doc_id", "sector", "label_id", "label_en", "mentions", "surfaces", "in_cooperation", "method"],
    "agreements": ["doc_id", "agreement_id", "relationship", "instrument", "city_a", "country_a", "geonames_a",
                   "iso3166_2_a", "city_b", "country_b", "geonames_b", "iso3166_2_b", "signed", "place",
                   "duration", "expires", "sectors", "status", "evidence", "start", "end", "confidence", "page",
                   "method"],
    "partnerships": ["partnership_id", "city_a", "country_a", "geonames_a", "iso3166_2_a", "city_b", "country_b",
                     "geonames_b", "iso3166_2_b", "relationship", "first_date", "instruments", "sectors",
                     "documents", "conflicts", "statuses"],
}

SECTOR_LABELS: dict[str, tuple[str, str]] = {
    "economy": ("ekonomi", "economy"), "trade": ("perdagangan", "trade"), "investment": ("investasi", "investment"),
    "industry": ("industri", "industry"), "tourism": ("pariwisata", "tourism"), "culture": ("budaya", "culture"),
    "education": ("pendidikan", "education"), "agriculture": ("pertanian", "agriculture"),
    "fisheries_marine": ("perikanan dan kelautan", "fisheries and marine"),
    "ports_maritime": ("pelabuhan dan maritim", "ports and maritime"),
    "creative_economy": ("ekonomi kreatif", "creative economy"), "smart_city": ("kota pintar", "smart city"),
    "human_resources": ("sumber daya manusia", "human resources"),
    "science_technology": ("ilmu pengetahuan dan teknologi", "science and technology"),
    "health": ("kesehatan", "health"), "environment": ("lingkungan hidup", "environment"),
    "urban_planning": ("tata kota", "urban planning"), "transport": ("transportasi", "transport"),
    "youth_sports": ("pemuda dan olahraga", "youth and sports"), "governance": ("tata pemerintahan", "governance"),
    "social": ("sosial", "social"), "information_exchange": ("pertukaran informasi", "information exchange"),
}

DESCRIPTIONS: dict[str, str] = {
    "doc_id": "Stable document id: first 16 hex digits of the SHA-256 of the file's bytes",
    "start": "Character offset (inclusive) into the document's normalized text (interim/docs/<doc_id>.txt)",
    "end": "Character offset (exclusive) into the document's normalized text",
    "page": "1-based page of the evidence where known",
    "sentence": "The sentence that holds the evidence",
    "value": "Normalized value: GeoNames name, EDTF date, ISO 8601 duration or code",
    "method": "Rule or model that produced the value (reviewer when corrected)",
    "geonames_id": "GeoNames id (empty when the gazetteer lacks the place)",
    "iso3166_2": "ISO 3166-2 subdivision code for regions",
    "signed": "Signing date (EDTF)", "expires": "Expiry date (EDTF)", "duration": "ISO 8601 duration, e.g. P5Y",
    "sectors": "Pipe-joined sector codes in cooperation", "surfaces": "Pipe-joined surface forms as written",
    "conflicts": "Disagreements between documents about this pair",
    "attrs": "JSON of the remaining attributes of the mention",
}
# column types by name (every other column is text): a name has one type in every table
INTEGER = {"start", "end", "page", "pages", "chars", "mentions", "geonames_id", "geonames_a", "geonames_b"}
NUMBER = {"confidence", "latitude", "longitude"}
BOOLEAN = {"in_cooperation"}

# Table Schema field type -> pandas dtype: the nullable integer and boolean dtypes keep an empty
# cell missing without turning ids into floats; EDTF dates and codes stay text
PANDAS_DTYPES = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string"}


def field_type(name: str) -> str:
    """The Table Schema type of a column."""
    if name in INTEGER:
        return "integer"
    if name in NUMBER:
        return "number"
    if name in BOOLEAN:
        return "boolean"
    return "string"


def datapackage() -> dict[str, Any]:
    """Frictionless Data Package descriptor of the seven tables."""
    resources = []
    for name, cols in COLUMNS.items():
        fields = []
        for c in cols:
            f: dict[str, Any] = {"name": c, "type": field_type(c)}
            if c in DESCRIPTIONS:
                f["description"] = DESCRIPTIONS[c]
            if f["type"] == "boolean":
                f["trueValues"], f["falseValues"] = ["true"], ["false"]
            fields.append(f)
        resources.append({
            "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
            "schema": {"fields": fields, "missingValues": [""]},
        })
    return {
        "name": "kotakembar", "title": "Sister-city cooperation extracted from Indonesian theses",
        "profile": "tabular-data-package",
        "description": "Cells that begin with = + - @ are prefixed with an apostrophe (') so spreadsheets do "
                       "not run them as formulas; pipeline.io.read_csv removes it.",
        "resources": resources,
    }


def read_tables(directory: Path | str) -> dict[str, pd.DataFrame]:
    """One DataFrame per table of a tables folder, typed from its datapackage.json.

    Integers (offsets, counts, GeoNames ids) are ``Int64``, numbers ``float64``, booleans
    ``boolean`` and everything else, EDTF dates included, ``string``; an empty cell is missing
    (the schema's missingValues). The formula guard's apostrophe is removed, as `read_csv` does.
    """
    import pandas as pd

    directory = Path(directory)
    out: dict[str, pd.DataFrame] = {}
    for resource in read_json(directory / "datapackage.json")["resources"]:
        schema = resource["schema"]
        fields = schema["fields"]
        frame = pd.read_csv(directory / resource["path"], encoding=resource["encoding"],
                            dtype={f["name"]: PANDAS_DTYPES[f["type"]] for f in fields},
                            keep_default_na=False, na_values=schema["missingValues"],
                            true_values=[v for f in fields for v in f.get("trueValues", [])] or None,
                            false_values=[v for f in fields for v in f.get("falseValues", [])] or None)
        for f in fields:
            if f["type"] == "string":
                col = frame[f["name"]]
                guarded = col.str.startswith("'", na=False)  # few cells: undo the guard on those only
                if guarded.any():
                    frame.loc[guarded, f["name"]] = col[guarded].map(unsafe_cell)
        out[resource["name"]] = frame
    return out
