"""Match windows (pipeline/components/windows.py) and the tokenizer built for given texts (pipeline/nlp.py).

Both are speed-ups that must not change a single output: each is checked against the plain way
on our own sample corpus, the shared seeds (when present) and generated text.
"""

from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.lang.id import Indonesian
from spacy.matcher import Matcher

from benchmarks.corpus import make_text
from pipeline.components.dates import DateRecognizer
from pipeline.components.windows import MatchWindows
from pipeline.nlp import blank_indonesian, exceptions_for

from .conftest import REPO, SHARED


def _texts() -> list[str]:
    files = sorted((REPO / "raw").glob("*.md")) + sorted((REPO / "raw").glob("*.txt"))
    if (SHARED / "seeds").is_dir():
        files += sorted((SHARED / "seeds").iterdir())
    return [p.read_text(encoding="utf-8") for p in files] + [make_text(k, 400) for k in range(5)]


@pytest.fixture(scope="module")
def recognizer() -> DateRecognizer:
    return DateRecognizer(spacy.blank("id"), "dates_for_windows")


def _dates(rec: DateRecognizer, text: str, windows: bool) -> list[tuple]:
    rec.match_windows = windows
    doc = rec.nlp.make_doc(text)
    return [(s.start, s.end, s.label_, sorted(s._.kk.items())) for s in rec.find(doc)]


def test_windows_give_the_same_dates_on_real_texts(recognizer):
    assert recognizer._windows is not None  # the packaged rules can all be windowed
    texts = _texts()
    for text in texts:
        assert _dates(recognizer, text, True) == _dates(recognizer, text, False)
    doc = recognizer.nlp.make_doc(texts[0])
    covered = sum(e - s for s, e in recognizer._windows.runs(doc))
    assert 0 < covered < 0.5 * len(doc)  # the point: most tokens are never matched


_pieces = st.sampled_from([
    "pada", "tahun", "2015", "17", "Agustus", "Agt.", "1990-an", "(", ")", "Suryo,", "dkk.,", "2019a", "Mei",
    "sejak", "hingga", "s/d", "selama", "lima", "belas", "setahun", "UU", "No.", "23", "/", "\n", "Festival",
    "Kota", "kerja", "sama", ",", ".", "antara", "dan", "12/05/2016", "17.08.2013", "©", "bulan", "tanggal",
])


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_pieces, max_size=30).map(" ".join))
def test_windows_give_the_same_dates_on_any_text(recognizer, text):
    assert _dates(recognizer, text, True) == _dates(recognizer, text, False)


def test_windows_refuse_patterns_they_cannot_bound():
    assert MatchWindows.build([[{"LOWER": "pada"}, {"OP": "?"}]]) is None  # a spec any token satisfies
    assert MatchWindows.build([[{"LOWER": "pada", "OP": "?"}]]) is None  # nothing required
    assert MatchWindows.build([[{"_": {"x": 1}}]]) is None  # untestable attribute
    assert MatchWindows.build([[{"LOWER": "pada"}, {"LOWER": "tahun", "OP": "!"}]]) is None  # a negation
    assert MatchWindows.build([[{"LOWER": "pada", "OP": "{0,2}"}]]) is None  # a count that may be zero
    assert MatchWindows.build([[{"LOWER": "pada", "OP": "{1,2}"}]]) is not None
    w = MatchWindows.build([[{"LOWER": "pada"}, {"TEXT": {"REGEX": r"^\d{4}$"}}]])
    assert w is not None and w.classify("Pada") == (True, True) and w.classify("kota") == (False, False)


def test_windows_match_like_the_matcher_with_greedy_free_patterns():
    nlp = spacy.blank("en")
    patterns = [[{"LOWER": "b"}, {"LOWER": "c", "OP": "+"}], [{"IS_TITLE": True}, {"LOWER": "x"}]]
    m = Matcher(nlp.vocab)
    for i, p in enumerate(patterns):
        m.add(str(i), [p])
    w = MatchWindows.build(patterns)
    doc = nlp("a b c c d b c Q x z b")
    assert w.matches(m, doc) == sorted(m(doc), key=lambda t: (t[1], t[2], t[0])) or \
        sorted(w.matches(m, doc)) == sorted(m(doc))


# ---------------------------------------------------------------------- tokenizer for given texts


def test_exceptions_for_keeps_what_the_texts_can_use():
    rules = {"anak-anak": [{"ORTH": "anak-anak"}], "dll.": [{"ORTH": "dll."}], "a.": [{"ORTH": "a."}],
             "x y": [{"ORTH": "x y"}]}
    kept = exceptions_for(["(anak-anak), dsb."], rules)
    assert set(kept) == {"anak-anak", "a.", "x y"}  # short and spaced strings are always kept


def test_tokenizer_for_texts_tokenizes_them_like_the_full_one():
    texts = _texts() + ["Anak-anak (kupu-kupu) dll. 'kerja-sama' Jum'at, s.d. tgl. 5 Jan."]
    full = blank_indonesian()
    some = blank_indonesian(texts)
    assert some.lang == "id" and len(some.tokenizer.rules) < len(Indonesian.Defaults.tokenizer_exceptions) / 2
    for text in texts:
        assert [(t.text, t.whitespace_, t.norm_) for t in some(text)] == \
            [(t.text, t.whitespace_, t.norm_) for t in full(text)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["anak-anak", "Anak-Anak", "kupu-kupu,", "(dll.)", "dsb", "s.d.", "a.n.", "Jum'at",
                                 "kerja", "-", "sama", "2019-2020", "hal.", "tgl.", "\n", "ke-2", "di-"]),
                max_size=20).map(" ".join))
def test_tokenizer_for_texts_on_any_text(text):
    if "nlp" not in _FULL:
        _FULL["nlp"] = blank_indonesian()
    full = _FULL["nlp"]
    assert [t.text for t in blank_indonesian([text])(text)] == [t.text for t in full(text)]


_FULL: dict[str, object] = {}


@pytest.mark.parametrize("text,tokens", [
    # spaCy's emoticon "8)" swallowed the bracket of every August date written day/month
    ("Selasa (25/8).", ["Selasa", "(", "25", "/", "8", ")", "."]),
    # a comma glued between a weekday and its day
    ("Rabu,16 Desember", ["Rabu", ",", "16", "Desember"]),
    # a decimal comma stays inside its number
    ("Rp 1,5 juta", ["Rp", "1,5", "juta"]),
    ("dua MoU.", ["dua", "MoU", "."]),
    # "sampai dengan" abbreviated is one separator
    ("19 s/d 22 Februari", ["19", "s/d", "22", "Februari"]),
])
def test_tokenizer_cases(text, tokens):
    assert [t.text for t in blank_indonesian()(text)] == tokens
    assert [t.text for t in blank_indonesian([text])(text)] == tokens


# ---------------------------------------------------------------------- sentence bounds


def _two_pipes():
    import pipeline.nlp  # noqa: F401  (registers kotakembar_line_sentences)

    old = spacy.blank("id")
    old.add_pipe("kotakembar_line_sentences")
    old.add_pipe("sentencizer")
    return old, None


def test_sentence_bounds_match_spacy_spans():
    from pipeline.annotate import _SentenceBounds

    old, _new = _two_pipes()
    for text in _texts()[:6] + ["Satu. Dua!\nTiga", "x"]:
        doc = old(text)
        bounds = _SentenceBounds(doc)
        assert bounds.sentences() == [(s.start_char, s.end_char) for s in doc.sents]
        for tok in list(doc)[::7]:
            for width in (1, 3, 9):
                span = doc[tok.i:min(len(doc), tok.i + width)]
                if span.text.strip():
                    sent = doc.char_span(span.start_char, span.end_char, alignment_mode="expand").sent
                    assert bounds.around(span.start_char, span.end_char) == (sent.start_char, sent.end_char)
