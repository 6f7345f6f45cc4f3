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
