import nltk
import pytest

from hcd.errors import NltkDataError
from hcd.text import Preprocessor, ensure_nltk_data, missing_nltk_data, sentiment_scores, stopword_set


def test_data_present_in_test_environment():
    assert missing_nltk_data() == []
    ensure_nltk_data(download=False)


def test_missing_data_says_what_to_run(monkeypatch, tmp_path):
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    monkeypatch.setenv("HCD_NO_DOWNLOAD", "1")
    stopword_set.cache_clear()
    try:
        with pytest.raises(NltkDataError, match=r"NLTK data missing: stopwords, vader_lexicon; "
                           r"online, run `make setup`.*offline, set NLTK_DATA"):
            ensure_nltk_data()
        with pytest.raises(NltkDataError):
            Preprocessor()
    finally:
        stopword_set.cache_clear()


def test_masks_and_placeholders_never_become_tokens():
    p = Preprocessor()
    tokens = p.tokens("XXXX XX/XX/XXXX [NAME] [CASE_ID] {$120.00} $45 documents documented")
    assert tokens == ["document", "document"]


def test_friction_lexicon_makes_waiting_negative():
    neutral_to_vader, praise = sentiment_scores([
        "I waited three hours on hold and nobody helped me",
        "The caseworker was kind and really helpful",
    ])
    assert neutral_to_vader < -0.3
    assert praise > 0.3


def test_letters_of_any_script_stay_whole():
    p = Preprocessor()
    assert p.words("Necesito un intérprete, niño") == ["necesito", "un", "intérprete", "niño"]


def test_phrases_are_taken_left_to_right_without_overlap():
    p = Preprocessor(phrases=("on hold", "hold on", "no one", "by mail"))
    assert p.tokens("on hold on hold hold on") == ["on_hold", "on_hold", "hold_on"]
    assert p.tokens("no one, no one one. by by mail") == ["no_one", "no_one", "by_mail"]
    # ASCII and other text give the same words for the same letters
    assert p.words("Don't WAIT on hold") == ["dont", "wait", "on", "hold"]
    assert p.words("Don’t WAIT on hold, niño") == ["dont", "wait", "on", "hold", "niño"]


def _reference_learn_phrases(p, texts, min_count, top=400):
    """Preprocessor.learn_phrases counted with Counters, text by text (as first written)."""
    import itertools
    from collections import Counter

    from nltk.collocations import BigramAssocMeasures

    unigrams, bigrams = Counter(), Counter()
    for text in texts:
        words = [w for w in p.words(text) if w.strip("x")]
        unigrams.update(words)
        bigrams.update(itertools.pairwise(words))
    total = sum(unigrams.values())
    scored = [((a, b), BigramAssocMeasures.likelihood_ratio(n, (unigrams[a], unigrams[b]), total))
              for (a, b), n in bigrams.items()
              if n >= min_count and len(a) >= 3 and len(b) >= 3 and a not in p._stop and b not in p._stop]
    return [b for b, _ in sorted(scored, key=lambda kv: (-round(kv[1], 9), kv[0]))[:top]]


@pytest.mark.parametrize("min_count", [1, 3, 5])
def test_learned_collocations_equal_a_count_text_by_text(shared, min_count):
    import pandas as pd

    texts = pd.read_csv(shared / "cfpb_dev.csv", dtype=str, keep_default_na=False)["Consumer complaint narrative"]
    texts = [*texts, "", "XXXX", "credit XXXX report credit xx report", "Café crédit café crédit", "a b c a b c"]
    p = Preprocessor(extra_stopwords=["account"])
    learned = p.learn_phrases(texts, min_count=min_count, top=300, add=False)
    assert learned == _reference_learn_phrases(p, texts, min_count, top=300)
    assert len(learned) == 300 and not p.phrases - Preprocessor().phrases  # add=False adds nothing
    # masks are left out before pairing: the words around one make a bigram, a text's last word pairs with nothing
    masked = ["credit XXXX report", "credit report"] * 3
    assert p.learn_phrases(masked, min_count=6, add=False) == [("credit", "report")]
    assert p.learn_phrases(["late credit", "report late"] * 3, min_count=1, add=False) == [("late", "credit"),
                                                                                           ("report", "late")]
    assert p.learn_phrases([], add=False) == []
