"""Deductive coding with codebooks: loading, keyword semantics, offsets, summaries, real coverage."""

import random
import re
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from hcd.errors import ConfigError, HcdError
from hcd.schemas import A11_MEASURES, CODED_SEGMENTS
from hcd.themes._keyword_scanner import literal_prefixes as _prefixes
from hcd.themes.codebooks import (
    CODE_SUMMARY,
    SHIPPED_CODEBOOKS,
    Code,
    Codebook,
    CodebookError,
    apply_codebook,
    code_matrix,
    code_summary,
    load_codebook,
)


def _book(*codes: Code) -> Codebook:
    return Codebook("test", "", "", codes)


def _code(code_id: str, keywords=(), patterns=(), parent=None) -> Code:
    return Code(code_id, code_id.title(), "", tuple(keywords), tuple(patterns), parent)


def _docs(*texts: str, **columns) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts), **columns})


def _matched(keyword: str, *texts: str) -> list[str]:
    """What a one-keyword code matches in each text ('' if nothing)."""
    book = _book(_code("k", [keyword]))
    coded = apply_codebook(book, _docs(*texts))
    found = coded.groupby("doc_id")["matched"].agg(" | ".join)
    return [found.get(f"d{i}", "") for i in range(len(texts))]


def _reference(book: Codebook, docs: pd.DataFrame) -> list[tuple]:
    """Every code's matches found with its own regex (Code.regex), as sorted tuples."""
    rows = [(d, m.start(), c.id, m.end(), m.group())
            for d, text in zip(docs["doc_id"], docs["text"], strict=True)
            for c in book.codes for m in c.regex().finditer(text)]
    return sorted(rows)


def _tuples(coded: pd.DataFrame) -> list[tuple]:
    return sorted(zip(coded["doc_id"], coded["start"], coded["code_id"], coded["end"], coded["matched"], strict=True))


@pytest.fixture(scope="module")
def cfpb(shared) -> pd.DataFrame:
    raw = pd.read_csv(shared / "cfpb_dev.csv")
    return pd.DataFrame({"doc_id": raw["Complaint ID"].astype(str), "text": raw["Consumer complaint narrative"]})


# ----------------------------------------------------------------------------- shipped codebooks


@pytest.mark.parametrize("name", SHIPPED_CODEBOOKS)
def test_shipped_codebooks_load_and_are_complete(name):
    book = load_codebook(name)
    assert book.name == name and book.description and book.source
    assert len(set(book.ids)) == len(book.ids) >= 5
    for code in book.codes:
        assert code.name and code.description, code.id
        assert 15 <= len(code.keywords) <= 40, (code.id, len(code.keywords))
        assert len(code.patterns) >= 2, code.id
        assert len(code.examples) == 2, code.id
        assert len({k.lower() for k in code.keywords}) == len(code.keywords), f"duplicate keyword in {code.id}"
    assert book == load_codebook(book.path)  # the same file by path


def test_shipped_names_match_the_resource_files():
    folder = resources.files("hcd").joinpath("resources/codebooks")
    on_disk = sorted(f.name[:-4] for f in folder.iterdir() if f.name.endswith(".yml"))
    assert on_disk == sorted(SHIPPED_CODEBOOKS)


def test_a11_codes_are_the_a11_measures():
    assert load_codebook("a11-drivers").ids == A11_MEASURES


@pytest.mark.parametrize("name", SHIPPED_CODEBOOKS)
def test_every_example_is_coded_by_its_own_code(name):
    book = load_codebook(name)
    for code in book.codes:
        docs = _docs(*code.examples)
        coded = apply_codebook(book, docs)
        for doc_id, example in zip(docs["doc_id"], code.examples, strict=True):
            got = set(coded.loc[coded["doc_id"] == doc_id, "code_id"])
            assert code.id in got, f"{name}: example of {code.id} not coded: {example!r} (got {sorted(got)})"


# ----------------------------------------------------------------------------- keyword semantics


def test_wildcard_is_a_prefix_of_a_whole_word():
    texts = ["I wait.", "We waited", "still WAITING", "she waits", "on the waitlist", "await", "a wai t"]
    assert _matched("wait*", *texts) == ["wait", "waited", "WAITING", "waits", "waitlist", "", ""]


def test_keywords_match_simple_inflections_only():
    assert _matched("document", "documents", "Documented", "documenting", "documentary", "undocumented") == \
        ["documents", "Documented", "documenting", "", ""]
    assert _matched("deny", "denied", "denies", "deny", "denying", "denim") == ["denied", "denies", "deny",
                                                                                "denying", ""]
    assert _matched("delete", "deleted", "deleting", "deletes", "delete") == ["deleted", "deleting", "deletes",
                                                                              "delete"]
    assert _matched("stop", "stopped", "stopping", "stops") == ["stopped", "stopping", "stops"]
    assert _matched("fax", "faxes", "faxed", "fax") == ["faxes", "faxed", "fax"]


def test_keywords_are_whole_words():
    assert _matched("hold", "household", "threshold", "Hold on", "(hold)") == ["", "", "Hold", "hold"]
    assert _matched("rep", "report", "reps", "a rep.") == ["", "reps", "rep"]


def test_function_words_are_not_inflected():
    assert _matched("no help", "no help", "nos help", "no helping") == ["no help", "", "no helping"]


def test_multi_word_keywords_match_across_line_breaks_and_any_whitespace():
    texts = ["put on\nhold", "ON  \r\n\t HOLD again", "onhold", "on-hold", "on, hold"]
    assert _matched("on hold", *texts) == ["on\nhold", "ON  \r\n\t HOLD", "", "", ""]
    assert _matched("put on hold", "I was put\n   on\nhold twice") == ["put\n   on\nhold"]


def test_apostrophes_match_straight_and_curly():
    assert _matched("didn't care", "They didn't care", "they didn’t care", "didnt care") == \
        ["didn't care", "didn’t care", ""]


def test_longer_keyword_wins_and_matches_of_one_code_do_not_overlap():
    book = _book(_code("k", ["wait", "wait time", "time"]))
    coded = apply_codebook(book, _docs("the wait time was long, time wasted"))
    assert coded["matched"].tolist() == ["wait time", "time"]


def test_patterns_are_case_insensitive_and_start_at_a_word():
    book = _book(_code("hours", patterns=[r"\d+ hours\b", r"ON\s+HOLD"]))
    coded = apply_codebook(book, _docs("on hold for 3 hours, (5 hours) and x3 hours", "3 Hours"))
    assert coded["matched"].tolist() == ["on hold", "3 hours", "5 hours", "3 Hours"]


def test_patterns_are_tried_before_keywords():
    book = _book(_code("wait", keywords=["on hold"], patterns=[r"on\s+hold\s+for\s+\d+\s+minutes"]))
    coded = apply_codebook(book, _docs("I was on hold for 40 minutes, then on hold again"))
    assert coded["matched"].tolist() == ["on hold for 40 minutes", "on hold"]


# ----------------------------------------------------------------------------- offsets, labels, determinism


TRICKY = [
    "Waited on\nhold. They lost my pay stubs!",
    "ÉLAN: wait… on hold — the caseworker was rude; İstanbul office wait",  # lower() changes İ's length
    "wait",
    "",
    "  \n ",
    "(on hold) [waiting] {rude} 'wait' \"hold\" on hold",
    "café wait, naïve rep; Staff and STAFFING",
]


def test_offsets_slice_back_to_the_matched_text():
    book = load_codebook("a11-drivers")
    docs = _docs(*TRICKY, "The rep was rude and I waited 3 hours on hold; the notice was confusing.")
    coded = apply_codebook(book, docs)
    text = dict(zip(docs["doc_id"], docs["text"], strict=True))
    assert list(coded.columns) == list(CODED_SEGMENTS)
    assert len(coded) > 10
    for row in coded.itertuples():
        assert text[row.doc_id][row.start:row.end] == row.matched
        assert row.end > row.start


def test_fast_matching_equals_each_codes_own_regex():
    book = _book(_code("wait", ["wait*", "on hold"], [r"\d+\s+hours"]), _code("staff", ["rep", "staff*", "rude"]),
                 _code("odd", patterns=[r"[a-z]+ment\b", r"\bx{2,}"]))
    docs = _docs(*TRICKY, "Payment department; XXXX waited 2 hours", "wait\twait  wait")
    assert _tuples(apply_codebook(book, docs)) == _reference(book, docs)


def test_multi_label_documents_and_overlapping_codes():
    book = _book(_code("staff", ["caseworker", "rude"]), _code("tone", ["rude", "yelled"]), _code("none", ["zzz"]))
    coded = apply_codebook(book, _docs("The caseworker was rude and yelled."))
    assert sorted(zip(coded["code_id"], coded["matched"], strict=True)) == [
        ("staff", "caseworker"), ("staff", "rude"), ("tone", "rude"), ("tone", "yelled")]
    assert coded["start"].is_monotonic_increasing


def test_deterministic_and_independent_of_row_order():
    book = load_codebook("servqual")
    docs = _docs(*TRICKY, "They promised a call back and never called; the website was down.",
                 "Nobody cares. I left three voicemails.")
    first = apply_codebook(book, docs)
    assert first.equals(apply_codebook(book, docs))
    shuffled = docs.sample(frac=1, random_state=3)
    before = shuffled.copy()
    assert first.equals(apply_codebook(book, shuffled))
    pd.testing.assert_frame_equal(shuffled, before)  # the caller's frame is not modified
    assert list(first.sort_values(["doc_id", "start", "code_id"]).index) == list(first.index)


def test_missing_text_codes_nothing_and_ids_must_be_unique():
    book = _book(_code("k", ["wait"]))
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["wait", None, np.nan]})
    assert apply_codebook(book, docs)["doc_id"].tolist() == ["a"]
    assert apply_codebook(book, docs.iloc[:0]).columns.tolist() == list(CODED_SEGMENTS)
    with pytest.raises(ValueError, match="duplicate doc_id"):
        apply_codebook(book, pd.DataFrame({"doc_id": ["a", "a"], "text": ["x", "y"]}))
    with pytest.raises(ValueError, match="lacks the columns text"):
        apply_codebook(book, pd.DataFrame({"doc_id": ["a"]}))


def test_random_texts_match_the_reference():
    # words from the shipped codebooks glued with random separators, so matches sit everywhere
    book = load_codebook("a11-drivers")
    words = [w for c in book.codes for k in c.keywords for w in k.replace("*", "").split()]
    words += ["3", "hours", "for", "on", "X", "é", "İ", "the", "was"]
    seps = [" ", "  ", "\n", ", ", ".", "-", "'", "(", "’", ""]
    rng = random.Random(20240611)
    texts = ["".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(0, 60))) for _ in range(300)]
    docs = _docs(*texts)
    assert _tuples(apply_codebook(book, docs)) == _reference(book, docs)


# ----------------------------------------------------------------------------- bad files


BAD = """\
name: bad
colour: blue
codes:
  - id: ok
    name: OK
    keywords: [wait*]
  - name: No id
    keywords: [x]
  - id: ok
    keywords: [y]
    comment: hi
  - id: regex
    name: Regex
    patterns: ['fine', '(unclosed', 'x*']
  - id: empty
    name: Empty
    parent: nowhere
  - id: stars
    name: Stars
    keywords: [wa*t, no]
    patterns: ['(a)\\1']
"""


def test_bad_codebook_lists_every_problem_with_field_and_fix(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_codebook(path)
    err = info.value
    assert isinstance(err, CodebookError) and isinstance(err, HcdError)
    fields = [field for field, _, _ in err.problems]
    expected = ["colour", "codes[1].id", "codes[2].id", "codes[2].name", "codes[2].comment",
                "codes[3].patterns[1]", "codes[3].patterns[2]", "codes[4]", "codes[4].parent",
                "codes[5].keywords[0]", "codes[5].keywords[1]", "codes[5].patterns[0]"]
    assert sorted(fields) == sorted(expected)
    assert all(fix for _, _, fix in err.problems)
    text = str(err)
    assert text.startswith(f"invalid codebook {path}:")
    for field in expected:
        assert f"{path}: {field}: " in text
    assert "duplicate id 'ok' (also codes[0])" in text
    assert "'nowhere' is not a code" in text
    assert "neither keywords nor patterns" in text
    assert "not a valid regular expression" in text
    assert "matches empty text" in text
    assert "back-reference" in text
    assert "unquoted yes/no/on/off" in text  # YAML read `no` as False
    assert "'*' may only end a word" in text


def test_parent_must_be_a_code_and_cycles_are_reported(tmp_path):
    path = tmp_path / "parents.yml"
    path.write_text("codes:\n"
                    "  - {id: a, name: A, keywords: [x], parent: b}\n"
                    "  - {id: b, name: B, keywords: [y], parent: a}\n"
                    "  - {id: c, name: C, keywords: [z], parent: c}\n"
                    "  - {id: d, name: D, keywords: [w], parent: e}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_codebook(path)
    problems = {field: message for field, message, _ in info.value.problems}
    assert "cycle" in problems["codes[0].parent"] and "cycle" in problems["codes[1].parent"]
    assert "its own parent" in problems["codes[2].parent"]
    assert "not a code" in problems["codes[3].parent"]
    path.write_text("codes:\n  - {id: a, name: A, keywords: [x]}\n  - {id: b, name: B, keywords: [y], parent: a}\n",
                    encoding="utf-8")
    book = load_codebook(path)
    assert book.name == "parents" and book["b"].parent == "a"  # name defaults to the file stem


def test_unreadable_files_and_unknown_names(tmp_path):
    with pytest.raises(ConfigError, match=r"no shipped codebook by that name.*a11-drivers, servqual"):
        load_codebook("a11")
    with pytest.raises(ConfigError, match="codebook file not found"):
        load_codebook(tmp_path / "missing.yml")
    broken = tmp_path / "broken.yml"
    broken.write_text("codes:\n  - id: a\n    keywords: [x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken.yml: line \d+: not valid YAML"):
        load_codebook(broken)
    broken.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="expected a mapping"):
        load_codebook(broken)
    broken.write_text("name: x\ncodes: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="codes: missing or not a list"):
        load_codebook(broken)


# ----------------------------------------------------------------------------- matrix and summary


@pytest.fixture()
def small():
    book = _book(_code("wait", ["wait*", "on hold"]), _code("staff", ["rude", "caseworker"]),
                 _code("never", ["zzz"], parent="wait"))
    docs = _docs("I waited and waited on hold.", "The caseworker was rude.", "Fine.", "Still waiting.", "Rude!",
                 agency=["UI", "UI", "SNAP", "SNAP", None])
    return book, docs, apply_codebook(book, docs)


def test_code_matrix_has_every_document_and_every_code(small):
    book, docs, coded = small
    m = code_matrix(coded, docs, book)
    assert m.index.tolist() == docs["doc_id"].tolist() and m.index.name == "doc_id"
    assert m.columns.tolist() == ["wait", "staff", "never"]
    assert m.to_numpy().tolist() == [[1, 0, 0], [0, 1, 0], [0, 0, 0], [1, 0, 0], [0, 1, 0]]
    subset = docs.iloc[[3, 0]]
    assert code_matrix(coded, subset, book).to_numpy().tolist() == [[1, 0, 0], [1, 0, 0]]


def test_code_summary_counts_documents_shares_and_mentions(small):
    book, docs, coded = small
    s = code_summary(coded, docs, book)
    assert list(s.columns) == list(CODE_SUMMARY)
    assert s["code_id"].tolist() == ["wait", "staff", "never"]
    assert s["parent"].tolist() == [None, None, "wait"]
    assert s["documents"].tolist() == [2, 2, 0]
    assert s["mentions"].tolist() == [4, 3, 0]
    assert s["share"].tolist() == pytest.approx([0.4, 0.4, 0.0])


def test_code_summary_by_group(small):
    book, docs, coded = small
    s = code_summary(coded, docs, book, by="agency")
    assert list(s.columns) == ["code_id", "code_name", "parent", "agency", "documents", "share", "mentions"]
    assert len(s) == 3 * 3  # every code x (SNAP, UI, missing)
    wait = s[s["code_id"] == "wait"]
    assert wait["agency"].tolist()[:2] == ["SNAP", "UI"] and pd.isna(wait["agency"].tolist()[2])
    assert wait["documents"].tolist() == [1, 1, 0]
    assert wait["share"].tolist() == pytest.approx([0.5, 0.5, 0.0])
    assert wait["mentions"].tolist() == [1, 3, 0]
    staff = s[s["code_id"] == "staff"]
    assert staff["documents"].tolist() == [0, 1, 1] and staff["share"].tolist() == pytest.approx([0.0, 0.5, 1.0])
    # the groups add up to the overall counts
    overall = code_summary(coded, docs, book).set_index("code_id")
    by_code = s.groupby("code_id")[["documents", "mentions"]].sum().reindex(overall.index)
    assert by_code.to_dict() == overall[["documents", "mentions"]].to_dict()


def test_code_summary_errors(small):
    book, docs, coded = small
    with pytest.raises(ValueError, match="no column 'region'"):
        code_summary(coded, docs, book, by="region")
    other = _book(_code("wait", ["wait"]))
    with pytest.raises(ValueError, match="not in codebook 'test': staff"):
        code_matrix(coded, docs, other)
    empty = code_summary(coded.iloc[:0], docs.iloc[:0], book)
    assert empty["documents"].tolist() == [0, 0, 0] and empty["share"].isna().all()


# ----------------------------------------------------------------------------- real data


@pytest.mark.parametrize("name", SHIPPED_CODEBOOKS)
def test_codebooks_on_real_complaints_are_neither_empty_nor_trivial(cfpb, name):
    book = load_codebook(name)
    coded = apply_codebook(book, cfpb)
    coverage = coded["doc_id"].nunique() / len(cfpb)
    share = code_summary(coded, cfpb, book).set_index("code_id")["share"]
    assert coverage >= 0.60, f"{name} codes only {coverage:.0%} of narratives"
    assert share.max() <= 0.70, f"{name}: {share.idxmax()} codes {share.max():.0%} of narratives"
    assert share.min() >= 0.02, f"{name}: {share.idxmin()} codes only {share.min():.1%} of narratives"


def test_fast_matching_equals_the_reference_on_real_complaints(cfpb):
    docs = cfpb.iloc[:300]
    for name in SHIPPED_CODEBOOKS:
        book = load_codebook(name)
        assert _tuples(apply_codebook(book, docs)) == _reference(book, docs), name


def test_pattern_prefixes_start_every_real_match(cfpb):
    # the scan skips a pattern where none of its prefixes starts; check that no real match starts elsewhere
    texts = cfpb["text"].tolist()
    for name in SHIPPED_CODEBOOKS:
        for code in load_codebook(name).codes:
            for pattern in code.patterns:
                prefixes = _prefixes(pattern)
                assert prefixes, f"{code.id}: {pattern} has no literal prefix (slow)"
                rx = re.compile(rf"(?<!\w)(?i:{pattern})")
                for text in texts:
                    for m in rx.finditer(text):
                        assert m.group().lower().startswith(tuple(prefixes)), (pattern, m.group())


def test_prefixes_of_common_pattern_shapes():
    assert _prefixes(r"\bfalse\s+promises?") == {"fal"}
    assert _prefixes(r"\b(?:on\s+hold|hold|wait(?:ed)?)\s+for") == {"on", "hol", "wai"}
    assert _prefixes(r"(on hold|waited) for \d+ (hours|weeks)") == {"on", "wai"}
    assert _prefixes(r"\d+\s+times") == set("0123456789")
    assert _prefixes(r"ab?c") == {"a"}
    assert _prefixes(r"a|b\w+") == {"a", "b"}
    for unsure in (r"\w+ment", r"[a-z]+", r"(?:x)?y", r"a?b", r"(?i)foo", r".*", r"(?<=a)b", r"\Bx"):
        assert _prefixes(unsure) is None, unsure
