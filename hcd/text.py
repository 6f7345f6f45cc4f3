"""Text preprocessing with NLTK: tokens, stopwords, stems and sentiment.

NLTK data is never loaded or downloaded at import time. Call
:func:`ensure_nltk_data` once (``make`` does, as ``hcd setup``); anything
that needs a corpus and cannot find it raises :class:`~hcd.errors.NltkDataError`
with the one command to run, never a raw ``LookupError``.
"""

from __future__ import annotations

import itertools
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
    "DOMAIN_PHRASES",
    "sentiment_scores",
    "vader_analyzer",
    "NEUTRAL_WORDS",
    "FRICTION_PATTERNS",
    "FRICTION_WEIGHT",
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
name ssn
uhm umm erm er ah eh hmm mm mhm huh oh hey hi hello bye goodbye yep yup alright gonna wanna gotta kinda sorta
lets let stuff think thank thanks please sure perfect cool awesome
""".split())

_TOKEN = re.compile(r"[a-z][a-z']+")


@lru_cache(maxsize=4)
def stopword_set(language: str = "english") -> frozenset[str]:
    """NLTK's stopword list for ``language`` plus hcd's domain list."""
    _require("stopwords")
    from nltk.corpus import stopwords

    words = {w.replace("'", "") for w in stopwords.words(language)}
    return frozenset(words | set(stopwords.words(language)) | DOMAIN_STOPWORDS)


#: Service phrases kept as one term even though they contain a stopword
#: ("on hold" would otherwise lose "on"). Learned collocations are added to these.
DOMAIN_PHRASES: tuple[str, ...] = (
    "on hold", "hung up", "hang up", "no one", "call back", "called back", "cut off", "locked out",
    "log in", "sign in", "timed out", "fell through", "run around", "over and over", "in person",
    "by mail", "on time", "up front", "paid off", "pay off", "not mine", "no response",
)
_LETTERS = re.compile(r"[^\W\d_]+")  # letters of any script: "café", "niño" stay whole
_ASCII_LETTERS = re.compile(r"[a-z]+")
_PLACEHOLDER = re.compile(r"\[[A-Z_]+\]")
#: Texts whose words are counted to choose readable surface forms for labels.
SURFACE_SAMPLE = 20_000


class Preprocessor:
    """Turn raw text into stemmed tokens and phrases, keeping readable forms for labels.

    Tokens are lower-cased words with CFPB ``XXXX`` masks, redaction
    placeholders and amounts removed, stopwords (NLTK's list plus
    :data:`DOMAIN_STOPWORDS`) dropped, and Snowball stems. Phrases become one
    token, ``"identity_verif"``: the :data:`DOMAIN_PHRASES`, plus, after
    :meth:`learn_phrases`, the corpus's own collocations (NLTK bigram
    collocations of two content words, ranked by likelihood ratio).

    Parameters
    ----------
    language : str
        NLTK stopword and Snowball stemmer language.
    extra_stopwords : iterable of str
        More words to drop.
    phrases : iterable of str
        Two-word phrases to keep as one term.

    Examples
    --------
    >>> p = Preprocessor()
    >>> p.tokens("I waited on hold for XXXX hours about my [CASE_ID] claims")
    ['wait', 'on_hold', 'hour', 'claim']
    >>> p.readable("claim"), p.readable("on_hold")
    ('claims', 'on hold')
    """

    def __init__(self, language: str = "english", extra_stopwords: Iterable[str] = (),
                 phrases: Iterable[str] = DOMAIN_PHRASES):
        self.language = language
        self.extra_stopwords = tuple(extra_stopwords)
        self._stop = stopword_set(language) | set(self.extra_stopwords)
        self._stemmer = SnowballStemmer(language)
        self._stems: dict[str, str] = {}
        self._token = _TokenCache(self)  # word -> stem, or "" for a word that is dropped
        self._word_counts: Counter[str] = Counter()
        self._counted = 0
        self._phrase_counts: Counter[tuple[str, str]] = Counter()
        self.phrases: set[tuple[str, str]] = set()
        for phrase in phrases:
            words = tuple(phrase.lower().split())
            if len(words) == 2:
                self.phrases.add((words[0], words[1]))

    def __getstate__(self) -> dict[str, object]:
        state = self.__dict__.copy()
        state["_token"] = None  # rebuilt on load (it points back at self)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._token = _TokenCache(self)

    def words(self, text: str) -> list[str]:
        """Lower-case words of ``text`` (no stopword removal, apostrophes dropped).

        Redaction placeholders are removed; CFPB ``XXXX`` masks and amounts
        yield no token (:meth:`tokens` drops words made only of x).
        """
        text = text or ""
        if "[" in text:
            text = _PLACEHOLDER.sub(" ", text)
        if text.isascii():  # the same words, found faster: an ASCII letter is a-z once lower-cased
            return _ASCII_LETTERS.findall(text.lower().replace("'", ""))
        return _LETTERS.findall(text.lower().replace("'", "").replace("\u2019", ""))

    def stem(self, word: str) -> str:
        """Snowball stem of ``word`` (cached)."""
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = self._stemmer.stem(word)
        return stem

    def _token_for(self, word: str) -> str:
        if len(word) < 3 or word in self._stop or not word.strip("x"):
            return ""
        stem = self.stem(word)
        return "" if stem in self._stop else stem

    def learn_phrases(self, texts: Iterable[str], min_count: int = 5, top: int = 400,
                      add: bool = True) -> list[tuple[str, str]]:
        """The corpus's collocations, added to :attr:`phrases` if ``add``.

        Bigrams of two content words (no stopwords, 3+ letters) seen at least
        ``min_count`` times within a text, the ``top`` best by NLTK's
        likelihood ratio (``BigramAssocMeasures.likelihood_ratio``; ties
        broken alphabetically, so the result does not depend on text order).
        Words made only of x (CFPB masks) are left out first, so the words
        around a mask make a bigram. The words and bigrams are counted with
        NumPy (word ids, and one number per pair of ids).
        """
        import numpy as np
        from nltk.collocations import BigramAssocMeasures

        per_text = [self.words(text) for text in texts]
        words = list(itertools.chain.from_iterable(per_text))
        vocabulary = list(dict.fromkeys(words))
        index = {w: k for k, w in enumerate(vocabulary)}
        base = max(1, len(vocabulary))
        ids = np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=len(words))
        text_of = np.repeat(np.arange(len(per_text)), np.fromiter(map(len, per_text), dtype=np.int64,
                                                                   count=len(per_text)))
        kept = ~np.array([not w.strip("x") for w in vocabulary], dtype=bool)[ids]  # no mask
        ids, text_of = ids[kept], text_of[kept]
        unigrams = np.bincount(ids, minlength=base).tolist()
        at = np.flatnonzero(text_of[:-1] == text_of[1:])  # each word and the next of its text
        pairs, counts = np.unique(ids[at] * base + ids[at + 1], return_counts=True)
        first, second = np.divmod(pairs, base)
        content = np.array([len(w) >= 3 and w not in self._stop for w in vocabulary], dtype=bool)
        frequent = (counts >= min_count) & content[first] & content[second]
        total, score = len(ids), BigramAssocMeasures.likelihood_ratio
        scored = [((vocabulary[a], vocabulary[b]), score(n, (unigrams[a], unigrams[b]), total))
                  for a, b, n in zip(*(x[frequent].tolist() for x in (first, second, counts)), strict=True)]
        best = sorted(scored, key=lambda kv: (-round(kv[1], 9), kv[0]))[:top]
        learned = [b for b, _ in best]
        if add:
            self.phrases.update(learned)
        return learned

    def tokens(self, text: str) -> list[str]:
        """Stemmed content tokens and phrase tokens of ``text``."""
        words = self.words(text)
        if self._counted < SURFACE_SAMPLE:  # surface forms for labels, from the first texts
            self._word_counts.update(words)
            self._counted += 1
        token = self._token
        firsts = self._phrase_firsts()
        if firsts.isdisjoint(words):
            return list(filter(None, map(token.__getitem__, words)))  # "" (a dropped word) is falsy
        # phrases left to right, none overlapping; the words between them mapped in runs
        out: list[str] = []
        done, n = 0, len(words)
        for i in [i for i, w in enumerate(words) if w in firsts]:
            if i >= done and i + 1 < n and (words[i], words[i + 1]) in self.phrases:
                word, nxt = words[i], words[i + 1]
                self._phrase_counts[(word, nxt)] += 1
                out += map(token.__getitem__, words[done:i])
                out.append(f"{self.stem(word)}_{self.stem(nxt)}")
                done = i + 2
        out += map(token.__getitem__, words[done:])
        return list(filter(None, out))

    def _phrase_firsts(self) -> frozenset[str]:
        key = len(self.phrases)
        if getattr(self, "_firsts_key", None) != key:
            self._firsts = frozenset(a for a, _ in self.phrases)
            self._firsts_key = key
        return self._firsts

    def __call__(self, text: str) -> list[str]:
        return self.tokens(text)

    def readable(self, term: str) -> str:
        """The most frequent surface form seen for a stem, phrase or n-gram of them."""
        if getattr(self, "_surface_key", None) != len(self._word_counts):
            surface: dict[str, tuple[int, str]] = {}
            for word, count in self._word_counts.items():
                stem = self._token.get(word) or ""
                if stem and (stem not in surface or (-count, word) < (-surface[stem][0], surface[stem][1])):
                    surface[stem] = (count, word)
            for (a, b), count in self._phrase_counts.items():
                key = f"{self.stem(a)}_{self.stem(b)}"
                if key not in surface or (-count, f"{a} {b}") < (-surface[key][0], surface[key][1]):
                    surface[key] = (count, f"{a} {b}")
            self._surface, self._surface_key = surface, len(self._word_counts)
        return " ".join(self._surface[s][1] if s in self._surface else s.replace("_", " ") for s in term.split())


class _TokenCache(dict):
    """word -> token ("" when dropped), computed once per distinct word."""

    def __init__(self, owner: Preprocessor):
        super().__init__()
        self.owner = owner

    def __missing__(self, word: str) -> str:
        token = self[word] = self.owner._token_for(word)
        return token


# Service-friction phrases VADER misses ("I waited three hours on hold" is
# neutral to VADER). Each match lowers the compound score by FRICTION_WEIGHT.
# The second half is the language of written complaints: disputes, errors,
# fraud, fees and refusals, which VADER reads as neutral or not at all.
FRICTION_PATTERNS: tuple[str, ...] = (
    r"\bon hold\b", r"\bwait(?:ed|ing)?\b", r"\bhung up\b", r"\bdisconnect", r"\bnobody\b",
    r"\bno one\b", r"\bnever (?:heard|got|received|called)", r"\bagain\b", r"\bstill\b",
    r"\blocked out\b", r"\bdenied\b", r"\bcut off\b", r"\blost\b", r"\bmissed\b",
    r"\bdelay", r"\bweeks?\b", r"\bmonths?\b", r"\bconfus", r"\bcontradict", r"\bstuck\b",
    r"\bcan'?t get through\b", r"\bno answer\b", r"\bbusy signal\b", r"\bresubmit", r"\bsame documents?\b",
    r"\bterminated\b", r"\boverpayment\b", r"\bbacklog\b", r"\bran out\b", r"\bborrow",
    r"\bdisput", r"\bincorrect", r"\binaccura", r"\berrors?\b", r"\bfraud", r"\bunauthori[sz]ed\b",
    r"\bnot mine\b", r"\bnever (?:applied|authorized|opened|owed)", r"\bidentity theft\b", r"\blate fees?\b",
    r"\boverdraft", r"\brefus", r"\bfail(?:ed|s|ure)?\b", r"\bviolat", r"\bunable\b", r"\bharass",
    r"\bignor", r"\bwrong", r"\bmistake", r"\bstolen\b", r"\bscam", r"\billegal", r"\bunfair",
)
#: Words VADER scores as sentiment that, in service complaints and interviews, name things or are politeness
#: ("credit", "interest", "Fair Credit Reporting Act", "Social Security", "benefits", "please", "thank you",
#: and the fillers "like", "well", "yeah", "okay"). They are scored 0.
NEUTRAL_WORDS = frozenset("""
credit credits interest interests number fair legal legally original security mandatory agreement agreed party
freeze rewards reward wells please thank thanks thankful like well matter want wanted sure dear sincerely yes
yeah okay ok benefit benefits assistance aid relief care support true truth validate validation ability
responsible approved approval value clear clearly cleared accept accepted ensure allow free freedom reached
secure hope certain appreciate appreciated gift trust justice resolve resolved settle settled solve
""".split())
FRICTION_WEIGHT = 0.15
_FRICTION = re.compile("|".join(FRICTION_PATTERNS), re.I)


@lru_cache(maxsize=1)
def vader_analyzer():
    """NLTK's VADER with hcd's lexicon (:data:`NEUTRAL_WORDS` left out); loaded once."""
    _require("vader_lexicon")
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    sia.lexicon = {w: v for w, v in sia.lexicon.items() if w not in NEUTRAL_WORDS}
    return sia


def sentiment_scores(texts: Sequence[str]) -> list[float]:
    """Sentiment in [-1, 1]: VADER compound plus the service-friction lexicon.

    ``score = clip(vader_compound - FRICTION_WEIGHT * friction_matches, -1, 1)``,
    where VADER's lexicon leaves out :data:`NEUTRAL_WORDS` (with them, 43% of
    real CFPB complaints scored positive, for "credit", "interest" and "please";
    without them and with the complaint friction patterns, 6%).

    Examples
    --------
    >>> s = sentiment_scores(["I waited three hours on hold and nobody helped me"])
    >>> s[0] < -0.3
    True
    """
    sia = vader_analyzer()
    out = []
    for t in texts:
        t = t or ""
        compound = sia.polarity_scores(t)["compound"]
        friction = len(_FRICTION.findall(t))
        out.append(max(-1.0, min(1.0, compound - FRICTION_WEIGHT * friction)))
    return out
