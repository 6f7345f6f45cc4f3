"""The fast label candidates (hcd.themes.phrase_counts, phrase_spans' ASCII path, label_themes) against
straightforward references: item by item, word by word, with Counters, on real complaints and awkward strings."""

import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from hcd.text import stopword_set
from hcd.themes import labels as labels_module
from hcd.themes import phrase_counts
from hcd.themes.labels import LABEL_CHARS, MAX_WORDS, label_themes, label_words, phrase_contexts, phrase_spans
from hcd.themes.phrase_counts import PHRASE_PAIRS, count_in_groups, is_content_word, phrase_occurrences
from hcd.themes.speech import FILLERS

AWKWARD = [
    "",
    "XXXX",
    "x-ray xxxx XXXX-abc abc-XXXX 'xxxx' x x1 1x _x xx'x XX/XX/XXXX {$200.00}",
    "Uh-huh uh-uh-uh mm-hmm huh uhm, um. Uh Um | the bank | hung up hung up on hold",
    "a--b a-'b don't can't won’t it’s O'Brien's co-signer re-re-sent",
    "line\nbreak\r\nand\ttab\x1cfs\x0bvt\x0cff  double  space",
    "[NAME] and [CASE_ID] x [X] [name] [] [A1]",
    "Café niño São Paulo ŞİRKET İstanbul straße ΣΊΣΥΦΟΣ ſtolen Kelvin",
    "Der Kredit wurde nicht bezahlt; el préstamo no fue pagado.",
    "😀 emoji 👍🏽 then words ‘quoted’ “double” — em dash – en dash … ellipsis",
    "reached reached the the credit credit report report",
    "on hold on hold on hold for hours on hold",
    "no one no one called back called back in person",
    "I I I was was told told that that",
    "A" * 50 + " " + "x" * 80 + " " + "X" * 65 + " end",
    "to be or not to be",
    "Late payment on my credit report. " * 200,
]


def _reference_spans(text):
    """phrase_spans read token by token, for any text: each token that is no word of a label a break ("|")."""
    marked = []
    for token in labels_module._TOKEN.findall(labels_module._PLACEHOLDER.sub(" . ", (text or "")[:LABEL_CHARS])):
        word = token.lower().replace("\u2019", "'")
        marked.append(word if word[0].isalpha() and word.strip("x") and word not in FILLERS else "|")
    return [part.split() for part in " ".join(marked).split("|") if part.split()]


def _reference_contexts(text, stopwords, max_words=MAX_WORDS):
    """Every candidate phrase of one item with the words around its first occurrence, word by word."""
    out = {}
    for span in _reference_spans(text):
        for i in range(len(span)):
            for j in range(i, min(len(span), i + max_words)):
                key = tuple(span[i:j + 1])
                first = is_content_word(span[i], stopwords) or (j > i and (span[i], span[i + 1]) in PHRASE_PAIRS)
                last = (is_content_word(span[j], stopwords) or (j > i and (span[j - 1], span[j]) in PHRASE_PAIRS))
                if j == i and not is_content_word(span[i], stopwords):
                    continue
                if j > i and not (first and last and span[j] != span[j - 1]):
                    continue
                out.setdefault(key, (span[i - 1] if i else "", span[j + 1] if j + 1 < len(span) else ""))
    return out


def _reference_label_themes(texts, labels, theme_ids, *, stopwords, stem=str, eligible=None, similarity=None,
                            exclude=frozenset(), names=None, min_support=3, per_theme=150, lam=0.7):
    """label_themes as first written: a dict of phrases per item, Counters per theme, every taken label compared."""
    labels = np.asarray(labels)
    ok = np.ones(len(texts), dtype=bool) if eligible is None else np.asarray(eligible, dtype=bool)
    sim = np.zeros(len(texts)) if similarity is None else np.asarray(similarity, dtype=float)
    names = dict(names or {})
    pools = {}
    for j in theme_ids:
        members = np.flatnonzero((labels == j) & ok)
        pools[j] = members[np.lexsort((members, -sim[members]))][:per_theme]

    def banned(p):
        return any(p[a:b] in exclude for a in range(len(p)) for b in range(a + 1, len(p) + 1))

    def phrases(i):
        return {p: c for p, c in _reference_contexts(texts[i], stopwords).items() if not banned(p)}

    found = {int(i): phrases(int(i)) for pool in pools.values() for i in pool}
    overall = Counter(key for item in found.values() for key in item)
    stems = lambda key: frozenset(stem(w) for w in key if w not in stopwords)  # noqa: E731

    def fragment(neighbours, items):
        word, count = max(((w, c) for w, c in neighbours.items() if w), key=lambda wc: (wc[1], wc[0]),
                          default=("", 0))
        return bool(word) and count >= 0.8 * items

    taken = [stems(tuple(label_words(n))) for n in names.values()]
    taken_text = {" ".join(label_words(n)) for n in names.values()}
    out = {}
    for j in sorted((j for j in theme_ids if j not in names), key=lambda j: (-len(pools[j]), j)):
        found_in = [found[int(i)] for i in pools[j]]
        counts = Counter(key for item in found_in for key in item)
        n = max(1, len(pools[j]))
        top, chosen = min(min_support, n), None
        for support, words in ((top, "phrase"), (min(2, top), "phrase"), (top, "word"), (1, "phrase"), (1, "word")):
            scored = []
            for key, df in counts.items():
                if df < support or (len(key) == 1) != (words == "word"):
                    continue
                content = sum(1 for w in key if w not in stopwords)
                score = (df / n) * (df / overall[key]) * (1 + 0.2 * (min(content, 3) - 1))
                around = [item[key] for item in found_in if key in item]
                if fragment(Counter(b for b, _ in around), df) or fragment(Counter(a for _, a in around), df):
                    score *= 0.5
                scored.append((score, key))
            first60 = sorted(scored, key=lambda sk: (-sk[0], -len(sk[1]), sk[1]))[:60]
            free = [(score, key, stems(key)) for score, key in first60]
            free = [(sc, key, s) for sc, key, s in free if s and s not in taken and " ".join(key) not in taken_text]
            if free:  # maximal marginal relevance against every label taken
                mmr = {key: lam * score / first60[0][0] - (1 - lam) * max([len(s & t) / len(s | t) for t in taken if t],
                                                                          default=0.0) for score, key, s in free}
                chosen = min(mmr, key=lambda k: (-mmr[k], -len(k), k))
                taken.append(stems(chosen))
                taken_text.add(" ".join(chosen))
                break
        out[j] = _reference_surface(chosen, [texts[int(i)] for i in pools[j]]) if chosen else f"theme {j}"
    return {j: names.get(j) or out.get(j, f"theme {j}") for j in theme_ids}


def _reference_surface(key, texts):
    """The most common way ``key`` is written in ``texts``, the look-behind tested at every character."""
    words = r"\s+".join(re.escape(w).replace("'", "['\u2019]") for w in key)
    pattern = re.compile(r"(?<![\w'\u2019-])" + words + r"(?![\w'\u2019-])", re.I)
    seen = Counter(" ".join(m.group(0).split()) for t in texts for m in pattern.finditer(t[:LABEL_CHARS]))
    return min(seen.items(), key=lambda kv: (-kv[1], kv[0]))[0] if seen else " ".join(key)


def _per_item(occ, n_items):
    """The occurrences as phrase_contexts' dicts, one per item."""
    out = [{} for _ in range(n_items)]
    for o in range(len(occ.item)):
        assert occ.key(o) not in out[occ.item[o]]  # one occurrence per item and phrase
        out[occ.item[o]][occ.key(o)] = occ.context(o)
    return out


@pytest.fixture(scope="module")
def narratives(shared):
    data = pd.read_csv(shared / "cfpb_dev.csv", dtype=str, keep_default_na=False)
    return data["Consumer complaint narrative"].tolist(), data["Issue"].tolist()


@pytest.fixture(scope="module")
def stop():
    return stopword_set("english")


def test_the_references_can_fail():
    assert _reference_spans("Uh, the XXXX bank") == [["the"], ["bank"]] != [["the", "xxxx", "bank"]]
    assert _reference_contexts("I was on hold for hours", {"i", "was", "on", "for"}) == {
        ("hold",): ("on", "for"), ("hours",): ("for", ""), ("hold", "for", "hours"): ("on", ""),
        ("on", "hold"): ("was", "for"), ("on", "hold", "for", "hours"): ("was", "")}
    assert _reference_contexts("reached reached", set()) == {("reached",): ("", "reached")}


def test_phrase_spans_equal_the_token_by_token_reading(narratives):
    texts = narratives[0] + AWKWARD + [t.upper() for t in AWKWARD] + [t.replace(" ", "\n") for t in narratives[0][:50]]
    assert sum(t.isascii() for t in texts) > 600  # the fast path is what is compared
    for text in texts:
        assert phrase_spans(text) == _reference_spans(text), text[:80]


def test_phrase_contexts_equal_the_word_by_word_reference(narratives, stop):
    for text in narratives[0] + AWKWARD:
        assert phrase_contexts(text, stop) == _reference_contexts(text, stop), text[:80]


@pytest.mark.parametrize("max_words", [1, 2, MAX_WORDS, 9])
def test_phrase_occurrences_are_each_items_phrase_contexts(narratives, stop, max_words):
    texts = narratives[0][:300] + AWKWARD
    occ = phrase_occurrences([phrase_spans(t) for t in texts], stop, max_words)
    assert _per_item(occ, len(texts)) == [_reference_contexts(t, stop, max_words) for t in texts]
    assert occ.n_phrases >= len(occ.vocabulary) > 1000


def test_phrase_occurrences_renumbering_before_overflow_changes_nothing(narratives, stop, monkeypatch):
    texts = narratives[0][:200] + AWKWARD
    spans = [phrase_spans(t) for t in texts]
    expected = _per_item(phrase_occurrences(spans, stop, MAX_WORDS), len(texts))
    monkeypatch.setattr(phrase_counts, "_CODE_LIMIT", 1000)  # renumber before every word added
    assert _per_item(phrase_occurrences(spans, stop, MAX_WORDS), len(texts)) == expected


def test_phrase_occurrences_of_no_words():
    for spans in ([], [[]], [[], []]):
        occ = phrase_occurrences(spans, set(), MAX_WORDS)
        assert len(occ.item) == 0 and occ.words == []
        counted = count_in_groups(occ, np.zeros(len(spans), dtype=int), 2)
        assert len(counted.items) == 0 and counted.bounds.tolist() == [0, 0, 0]


def test_count_in_groups_equal_counters(narratives, stop):
    texts, issues = narratives
    groups = pd.factorize(pd.Series(issues))[0]
    occ = phrase_occurrences([phrase_spans(t) for t in texts], stop, MAX_WORDS)
    counted = count_in_groups(occ, groups, groups.max() + 1)
    found = [_reference_contexts(t, stop) for t in texts]
    overall = Counter(key for item in found for key in item)
    rows = 0
    for g in range(groups.max() + 1):
        items = [found[i] for i in np.flatnonzero(groups == g)]
        counts = Counter(key for item in items for key in item)
        got = {occ.key(o): (df, over, b, a, length) for o, df, over, b, a, length in zip(
            *(x[counted.bounds[g]:counted.bounds[g + 1]].tolist() for x in (
                counted.occurrence, counted.items, counted.overall, counted.top_before, counted.top_after,
                counted.length)), strict=True)}
        assert set(got) == set(counts)
        for key, df in counts.items():
            befores = Counter(item[key][0] for item in items if key in item and item[key][0])
            afters = Counter(item[key][1] for item in items if key in item and item[key][1])
            assert got[key] == (df, overall[key], max(befores.values(), default=0), max(afters.values(), default=0),
                                len(key)), key
        rows += len(got)
    assert rows == len(counted.items) > 10_000


@pytest.mark.parametrize("kwargs", [
    {},
    {"min_support": 2, "per_theme": 20},
    {"names": {0: "Credit report errors", 3: "late payment"}, "lam": 0.5},
    {"exclude": frozenset({("credit", "report"), ("my", "account"), ("identity",)})},
    {"per_theme": 5, "min_support": 4},
])
def test_label_themes_equal_the_reference_on_real_complaints(narratives, stop, kwargs):
    texts, issues = narratives
    labels = pd.factorize(pd.Series(issues))[0]
    rng = np.random.default_rng(len(kwargs))
    similarity = rng.random(len(texts))
    eligible = rng.random(len(texts)) > 0.1
    ids = [*range(labels.max() + 1), 99]  # a theme with no items
    args = dict(stopwords=stop, stem=lambda w: w.rstrip("s"), similarity=similarity, eligible=eligible, **kwargs)
    got = label_themes(texts, labels, ids, **args)
    assert got == _reference_label_themes(texts, labels, ids, **args)
    assert got[99] == "theme 99" and len({v.lower() for v in got.values()}) == len(got)


def test_label_themes_equal_the_reference_on_awkward_and_repeated_items(stop):
    texts = AWKWARD * 3 + ["on hold for hours"] * 4 + ["hung up on me", "they hung up again", "hung up twice"]
    labels = np.arange(len(texts)) % 5
    got = label_themes(texts, labels, range(5), stopwords=stop)
    assert got == _reference_label_themes(texts, labels, range(5), stopwords=stop)


def test_a_phrase_is_a_fragment_when_one_neighbour_has_80_percent_of_its_items():
    assert labels_module._fragment(4, 5) and labels_module._fragment(8, 10)
    assert not labels_module._fragment(3, 5) and not labels_module._fragment(0, 0)


def test_surface_forms_equal_the_reference(narratives):
    awkward = ["Late-payment late payment LATE  PAYMENT", "x late payment", "_late payment", "won’t pay won't pay",
               "1late payment", "late payments late payment"]
    texts = [*narratives[0][:200], *awkward]
    for key in [("late", "payment"), ("credit", "report"), ("won't", "pay"), ("identity", "theft"), ("the",),
                ("not", "mine"), ("zzz", "qqq")]:
        assert labels_module._surface(key, texts) == _reference_surface(key, texts), key
    assert labels_module._surface(("late", "payment"), texts[-6:]) == "late payment"
    assert labels_module._surface(("won't", "pay"), texts[-6:]) in ("won’t pay", "won't pay")
