"""The vectorized VADER gives NLTK's scores exactly, for many texts at once."""

import random
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from hcd.sentiment import _FRICTION_LOWER, fast_sentiment_scores, friction_counts
from hcd.text import ensure_nltk_data, sentiment_scores, vader_analyzer

ROOT = Path(__file__).resolve().parents[1]

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
    import hcd.sentiment as module

    texts = ["good", "bad service", "not good", "I waited on hold"] * 5
    whole = fast_sentiment_scores(texts)
    monkeypatch.setattr(module, "BLOCK", 3)
    assert np.array_equal(fast_sentiment_scores(texts), whole)


# Words of other languages and scripts, and the letters whose lower case is not what a case-blind regex compares
# ("İ".lower() is "i" and a combining dot; the regex engine takes "İ", "ı", "ſ" and the Kelvin sign for i, i, s, k)
FOREIGN = ("café niño Villaseñor intérprete Necesito ayuda, por favor ¿Dónde está? ¡Qué malo! Straße ẞtraße ﬁle "
           "don’t can’t “good” ‘bad’ — … 😀 😡 Ünemployment ÉXITO naïve résumé ΣΟΦΙΑ ßad İstanbul WAİTED DENİED "
           "WAITİNG ıgnored ſtill Kweeks").split()


def test_scores_equal_nltk_on_non_ascii_texts(sia):
    rng = random.Random(11)
    words = WORDS + FOREIGN * 2
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 25))) for _ in range(3000)]
    texts += ["WAİTED on hold İN VAİN", "ſtill waiting", "ıgnored again", "Kweeks", "We waited. Σ"]
    assert np.array_equal(fast_sentiment_scores(texts), np.array(sentiment_scores(texts)))


def test_friction_counts_equal_the_patterns_on_every_letter():
    """Letter by letter, the text as counted matches an ASCII letter exactly when the case-blind regex does."""
    import string
    import sys

    from hcd.sentiment import _lower

    for cp in [*range(0x250), *range(0x370, 0x530), *range(0x1E00, 0x2200), 0xFB01, sys.maxunicode]:
        c = chr(cp)
        lowered = _lower(c)
        assert len(lowered) == 1, hex(cp)
        assert bool(re.match(r"\w", lowered)) == bool(re.match(r"\w", c)), hex(cp)  # word boundaries stay
        for a in string.ascii_lowercase:
            assert (lowered == a) == bool(re.fullmatch(a, c, re.I)), (hex(cp), a)


@pytest.fixture(scope="module")
def sample_sprint_texts():
    """The texts of both sample sprints the sprint's steps score: every themed item (as the theme model reads it,
    and raw, as the journey overlay reads it), every utterance and every complaint."""
    from hcd.config import load_config
    from hcd.pipeline import ingest_sprint, sprint_documents
    from hcd.themes.speech import SPEECH_KINDS, theming_texts

    out = {}
    for sprint in ("financial-shock", "disaster-recovery"):
        cfg = load_config(ROOT / "sprints" / f"{sprint}.yml")
        ingest = ingest_sprint(cfg)
        docs, _ = sprint_documents(cfg, ingest)
        themed = theming_texts(docs["text"].tolist(), docs["kind"].tolist(), SPEECH_KINDS, "english",
                               drop_foreign=False)
        out[sprint] = [*themed, *(str(t) for frame in (docs, ingest.utterances, ingest.complaints)
                                  for t in frame["text"])]
    return out


@pytest.mark.parametrize("sprint", ["financial-shock", "disaster-recovery"])
def test_equal_to_nltk_on_every_item_of_the_sample_sprints(sample_sprint_texts, sprint, sia):
    texts = sample_sprint_texts[sprint]
    assert len(texts) > 1000 if sprint == "financial-shock" else len(texts) > 500
    assert np.array_equal(fast_sentiment_scores(texts), np.array(sentiment_scores(texts)))


def test_the_themes_step_and_the_overlay_score_with_it(sia):
    """The themes step's and the journey overlay's sentiment are NLTK's, per document, in document order."""
    import pandas as pd

    from hcd.journeys.overlay import document_sentiment as overlay_sentiment
    from hcd.pipeline.themes import document_sentiment
    from hcd.themes.sentiment import fast_sentiment_scores as first_name

    assert first_name is fast_sentiment_scores
    texts = ["I waited on hold for weeks", "Um, yeah, the caseworker was great", "NOT GOOD at all!!", ""]
    docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": texts,
                         "kind": ["complaint", "interview", "survey", "complaint"]})
    model = type("Fitted", (), {"speech_kinds": ("interview",), "language": "english"})()
    themed = document_sentiment(docs, model)
    assert isinstance(themed, list) and all(type(s) is float for s in themed)
    assert themed == sentiment_scores([texts[0], "the caseworker was great", texts[2], ""])
    assert overlay_sentiment(docs, docs["doc_id"]).tolist() == sentiment_scores(texts)
