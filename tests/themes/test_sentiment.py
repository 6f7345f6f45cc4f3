"""The vectorized VADER gives NLTK's scores exactly, for many texts at once."""

import random

import numpy as np
import pandas as pd
import pytest

from hcd.text import ensure_nltk_data, sentiment_scores, vader_analyzer
from hcd.themes.sentiment import _FRICTION_LOWER, fast_sentiment_scores, friction_counts

# VADER's rules each get a word here: lexicon words of both signs, boosters and dampeners, negations
# (with and without an apostrophe), "never so", "least" after "at" and not, "kind of", "but", capitals,
# punctuation VADER strips and punctuation it does not, idioms and words hcd makes neutral
WORDS = ("good bad great terrible happy sad helpful awful love hate fraud kind of sort just enough very "
         "extremely barely somewhat not never isn't dont without so this least at but BUT GOOD BAD Great "
         "no nothing the a I was called waited hours on hold again credit please yeah right bomb kiss death "
         "good, bad. !great happy!! 'sad' (good) -bad- ok? really?? help!!! n't cannot").split()


@pytest.fixture(scope="module")
def sia():
    ensure_nltk_data(download=False)
    return vader_analyzer()


def test_scores_equal_nltk_on_texts_made_of_every_rule(sia):
    rng = random.Random(7)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    texts += ["", "a", "I am kind of happy", "GREAT GREAT", "Never so GOOD?? Okay???", "the bomb yeah right"]
    expected = np.array(sentiment_scores(texts))
    assert np.array_equal(fast_sentiment_scores(texts), expected)


def test_a_repeated_word_is_scored_where_it_first_appears_as_nltk_does(sia):
    texts = ["not good at all, good", "good, then not good", "very good but not good"]
    assert fast_sentiment_scores(texts).tolist() == sentiment_scores(texts)


def test_friction_counts_equal_the_case_blind_patterns():
    from hcd.text import _FRICTION

    texts = ["I WAITED on hold, Still waiting", "Disputed twice; FRAUDULENT charges", "Nothing here", ""]
    assert friction_counts(texts).tolist() == [len(_FRICTION.findall(t)) for t in texts]
    assert _FRICTION_LOWER.flags & 2 == 0  # no re.IGNORECASE: texts are lower-cased first


def test_equal_to_nltk_on_real_complaints(shared, sia):
    texts = pd.read_csv(shared / "cfpb_dev.csv", dtype=str, keep_default_na=False)[
        "Consumer complaint narrative"].tolist()
    assert np.array_equal(fast_sentiment_scores(texts), np.array(sentiment_scores(texts)))


def test_large_inputs_are_scored_in_blocks(monkeypatch, sia):
    import hcd.themes.sentiment as module

    texts = ["good", "bad service", "not good", "I waited on hold"] * 5
    whole = fast_sentiment_scores(texts)
    monkeypatch.setattr(module, "BLOCK", 3)
    assert np.array_equal(fast_sentiment_scores(texts), whole)
