"""Text preprocessing with NLTK: tokens, stopwords, stems and sentiment.

NLTK data is never loaded or downloaded at import time. Call
:func:`ensure_nltk_data` once (``make`` does, as ``hcd setup``); anything
that needs a corpus and cannot find it raises :class:`~hcd.errors.NltkDataError`
with the one command to run, never a raw ``LookupError``.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import nltk
from nltk.stem.snowball import SnowballStemmer

from hcd.errors import NltkDataError

__all__ = [
    "NLTK_RESOURCES",
    "ensure_nltk_data",
    "missing_nltk_data",
    "stopword_set",
    "Preprocessor",
    "sentiment_scores",
]

log = logging.getLogger(__name__)

#: NLTK resources hcd needs: name -> path inside an nltk_data folder.
NLTK_RESOURCES: dict[str, tuple[str, ...]] = {
    "stopwords": ("corpora/stopwords", "corpora/stopwords.zip"),
    "vader_lexicon": ("sentiment/vader_lexicon.zip", "sentiment/vader_lexicon"),
}


def _found(name: str) -> bool:
    for res in NLTK_RESOURCES[name]:
        try:
            nltk.data.find(res)
            return True
        except LookupError:
            continue
    return False

_HOWTO = (
    "online, run `make setup` (or `python -m nltk.downloader -d {target} stopwords vader_lexicon`); "
    "offline, set NLTK_DATA to a folder that has them (e.g. `NLTK_DATA=/path/to/nltk_data make demo`)"
)


def _default_target() -> Path:
    return Path(sys.prefix) / "nltk_data"


def missing_nltk_data() -> list[str]:
    """Names of the NLTK resources that cannot be found on ``nltk.data.path``.

    Examples
    --------
    >>> isinstance(missing_nltk_data(), list)
    True
    """
    return [name for name in NLTK_RESOURCES if not _found(name)]


def ensure_nltk_data(download: bool = True, target: Path | None = None) -> None:
    """Make sure the NLTK data hcd needs is present.

    Looks on NLTK's search path (which honours ``NLTK_DATA``); if something is
    missing and ``download`` is true, downloads it into ``target`` (default:
    ``<sys.prefix>/nltk_data``, i.e. inside the virtual environment).

    Raises
    ------
    NltkDataError
        If data is still missing (offline and ``NLTK_DATA`` not set), with the
        command to run.
    """
    missing = missing_nltk_data()
    if not missing:
        return
    target = Path(target) if target else _default_target()
    if download and not os.environ.get("HCD_NO_DOWNLOAD"):
        target.mkdir(parents=True, exist_ok=True)
        for name in missing:
            try:
                nltk.download(name, download_dir=str(target), quiet=True, raise_on_error=True)
            except Exception as exc:
                log.warning("could not download NLTK %s: %s", name, exc)
        if str(target) not in nltk.data.path:
            nltk.data.path.append(str(target))
        missing = missing_nltk_data()
    if missing:
        raise NltkDataError(
            f"NLTK data missing: {', '.join(missing)}; " + _HOWTO.format(target=target)
        )


def _require(name: str) -> None:
    if not _found(name):
        raise NltkDataError(
            f"NLTK data missing: {name}; " + _HOWTO.format(target=_default_target())
        )


# Words that carry no pain-point meaning in service complaints and interviews.
DOMAIN_STOPWORDS = frozenset("""
also would could get got getting said say says told tell like really just even still one two
thing things know went go going make made want wanted need needed back time day days week weeks
month months year years ve ll re don didn doesn isn wasn couldn wouldn im ive dont didnt cant
yes yeah okay ok um uh well lot kind sort maybe much many us people part something someone
anything everything nothing anyone everyone somebody anybody first last next around actually
basically pretty right guess mean put take took come came see saw look looked way whole
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday morning afternoon today yesterday
three four five six seven eight nine ten twenty thirty hundred
""".split())

#: Redaction placeholders and masks that must never become theme words.
_MASKS = re.compile(r"\[[A-Z_]+\]|\bX{2,}(?:/X{2,})*\b|\{\$[\d,.]+\}|\$[\d,.]+", re.I)
_TOKEN = re.compile(r"[a-z][a-z']+")


@lru_cache(maxsize=4)
def stopword_set(language: str = "english") -> frozenset[str]:
    """NLTK's stopword list for ``language`` plus hcd's domain list."""
    _require("stopwords")
    from nltk.corpus import stopwords

    words = {w.replace("'", "") for w in stopwords.words(language)}
    return frozenset(words | set(stopwords.words(language)) | DOMAIN_STOPWORDS)


class Preprocessor:
    """Turn raw text into stemmed tokens, keeping readable forms for labels.

    Parameters
    ----------
    language : str
        NLTK stopword and Snowball stemmer language.
    extra_stopwords : iterable of str
        More words to drop.

    Examples
    --------
    >>> p = Preprocessor()
    >>> p.tokens("I waited on hold for XXXX hours about my [CASE_ID] claims")
    ['wait', 'hold', 'hour', 'claim']
    >>> p.readable("claim")
    'claims'
    """

    def __init__(self, language: str = "english", extra_stopwords: Iterable[str] = ()):
        self.language = language
        self.extra_stopwords = tuple(extra_stopwords)
        self._stop = stopword_set(language) | set(self.extra_stopwords)
        self._stemmer = SnowballStemmer(language)
        self._surface: dict[str, Counter[str]] = {}

    def clean(self, text: str) -> str:
        """Lower-case text with masks, placeholders and amounts removed."""
        return _MASKS.sub(" ", text or "").lower()

    def tokens(self, text: str) -> list[str]:
        """Stemmed content tokens of ``text``."""
        out = []
        for word in _TOKEN.findall(self.clean(text)):
            word = word.strip("'").replace("'", "")
            if len(word) < 3 or word in self._stop:
                continue
            stem = self._stemmer.stem(word)
            if stem in self._stop:
                continue
            self._surface.setdefault(stem, Counter())[word] += 1
            out.append(stem)
        return out

    def __call__(self, text: str) -> list[str]:
        return self.tokens(text)

    def readable(self, term: str) -> str:
        """The most frequent surface form seen for a stem (or stem n-gram)."""
        words = []
        for stem in term.split():
            forms = self._surface.get(stem)
            words.append(sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
                         if forms else stem)
        return " ".join(words)


# Service-friction phrases VADER misses ("I waited three hours on hold" is
# neutral to VADER). Each match lowers the compound score by FRICTION_WEIGHT.
FRICTION_PATTERNS: tuple[str, ...] = (
    r"\bon hold\b", r"\bwait(?:ed|ing)?\b", r"\bhung up\b", r"\bdisconnect", r"\bnobody\b",
    r"\bno one\b", r"\bnever (?:heard|got|received|called)", r"\bagain\b", r"\bstill\b",
    r"\blocked out\b", r"\bdenied\b", r"\bcut off\b", r"\blost\b", r"\bmissed\b",
    r"\bdelay", r"\bweeks?\b", r"\bmonths?\b", r"\bconfus", r"\bcontradict", r"\bstuck\b",
    r"\bcan'?t get through\b", r"\bno answer\b", r"\bbusy signal\b", r"\bresubmit", r"\bsame documents?\b",
    r"\bterminated\b", r"\boverpayment\b", r"\bbacklog\b", r"\bran out\b", r"\bborrow",
)
FRICTION_WEIGHT = 0.15
_FRICTION = re.compile("|".join(FRICTION_PATTERNS), re.I)


@lru_cache(maxsize=1)
def _vader():
    _require("vader_lexicon")
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentiment_scores(texts: Sequence[str]) -> list[float]:
    """Sentiment in [-1, 1]: VADER compound plus the service-friction lexicon.

    ``score = clip(vader_compound - FRICTION_WEIGHT * friction_matches, -1, 1)``

    Examples
    --------
    >>> s = sentiment_scores(["I waited three hours on hold and nobody helped me"])
    >>> s[0] < -0.3
    True
    """
    sia = _vader()
    out = []
    for t in texts:
        t = t or ""
        compound = sia.polarity_scores(t)["compound"]
        friction = len(_FRICTION.findall(t))
        out.append(max(-1.0, min(1.0, compound - FRICTION_WEIGHT * friction)))
    return out
