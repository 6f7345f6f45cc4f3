"""describe_themes' quote candidates: their sentences scored in a few projections, with the numbers that one
``model.transform`` per call gave, bit for bit."""

import numpy as np
import pandas as pd
import pytest

from hcd.themes import ThemeModel
from hcd.themes.describe import _sentence_similarity, _trim, sentences, trim_quote
from hcd.themes.speech import clean_speech


@pytest.fixture(scope="module")
def fitted(shared):
    data = pd.read_csv(shared / "cfpb_dev.csv", dtype=str, keep_default_na=False)
    texts = data["Consumer complaint narrative"]
    return texts, ThemeModel(n_themes=12, random_state=0).fit(texts)


def test_sentences_of_many_items_score_as_one_transform_or_one_per_item(fitted):
    texts, model = fitted
    items = list(range(0, len(texts), 7))
    kinds = np.full(len(texts), "", dtype=object)
    together = _sentence_similarity(texts, model, items, kinds, set())
    each = _sentence_similarity(texts, model, items, kinds, set(), one_product=False)
    everything = model.transform([s for i in items for s in sentences(texts.iat[i])])
    at, differ = 0, 0
    for i in items:
        parts = sentences(texts.iat[i])
        assert together[i].parts == each[i].parts == together[i].readable == parts
        assert np.array_equal(together[i].similarity, everything[at:at + len(parts)])
        assert np.array_equal(each[i].similarity, model.transform(parts) if parts else np.zeros((0, 12)))
        differ += not np.array_equal(each[i].similarity, together[i].similarity)
        at += len(parts)
    assert at == len(everything) > 500
    assert differ  # the product's last bits do depend on the rows multiplied together: the test can fail


def test_speech_is_scored_as_themed_and_trimmed_as_written(fitted):
    model = fitted[1]
    turns = pd.Series(["Uh, so, you know, the bank, the bank closed my account. Mm-hmm. Yeah.", ""])
    got = _sentence_similarity(turns, model, [0, 1], np.array(["interview", "interview"], dtype=object),
                               {"interview"}, one_product=False)
    assert got[0].parts == ["Uh, so, you know, the bank, the bank closed my account.", "Mm-hmm.", "Yeah."]
    assert got[0].readable == [clean_speech(p) for p in got[0].parts] != got[0].parts
    assert got[0].readable[0].startswith("| the bank") and got[0].similarity.shape == (3, 12)
    assert got[1].parts == [] and got[1].similarity.shape == (0, 12)


def test_trim_of_sentences_is_trim_quote(fitted):
    texts, _ = fitted
    rng = np.random.default_rng(0)
    for text in [*texts[:100], "", "One.", "A" * 400]:
        parts = sentences(text)
        scores = rng.random(len(parts)).tolist()
        assert _trim(parts, scores) == trim_quote(text, scores) and _trim(parts, None) == trim_quote(text)
