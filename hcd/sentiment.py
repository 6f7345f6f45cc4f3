"""Sentiment of many texts at once: VADER's rules applied to the whole corpus with numpy.

:func:`fast_sentiment_scores` gives the score of :func:`hcd.text.sentiment_scores`
(NLTK's VADER compound with hcd's lexicon, minus the service-friction
matches) for a list of texts, about 10 to 30 times faster. NLTK scores one text
at a time in Python, about 0.6 ms for a complaint; here each distinct token
is looked up once and VADER's rules run as array operations over every
token of every text:

* tokens as VADER splits them (on white space, one-character tokens
  dropped, one leading or trailing punctuation mark of its list stripped);
* lexicon valence, the ALL-CAPS boost when some but not all tokens are in
  capitals, boosters and dampeners up to three tokens before, negation
  ("not", "n't", "never"... up to three tokens before, "never so/this"),
  "least", "kind of" (before a word, and as a word), "but" (before it
  halved, after it 1.5 times);
* NLTK's own quirk that a repeated token is scored in the context of its
  first occurrence;
* "!" and "?" emphasis and VADER's normalisation, rounded as NLTK rounds;
* the friction matches counted as the case-blind patterns count them, also
  where a letter's lower case is not what the regex engine compares ("İ",
  "ı", "ſ", the Kelvin sign).

Texts holding one of VADER's idioms ("yeah right", "kiss of death": rare in
complaints) are scored by NLTK itself. On the 729 real CFPB narratives of the
dev file, on every item of the two sample sprints and on fuzzed texts with
accented and other non-ASCII words every score equals NLTK's
(``tests/test_sentiment.py`` and ``benchmarks/bench_themes_cli.py`` check it).

It sits beside :mod:`hcd.text` (below the stage packages) so that the themes
and the journey overlay both use it; :mod:`hcd.themes.sentiment` is the same
function under its first name.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

import numpy as np
import pandas as pd

from hcd.text import FRICTION_PATTERNS, FRICTION_WEIGHT, vader_analyzer

__all__ = ["fast_sentiment_scores", "friction_counts"]

#: Texts scored per block (bounds the memory of the token arrays).
BLOCK = 20_000


def _friction_regex() -> re.Pattern[str]:
    r"""The friction patterns as one regex for lower-cased text: one ``\b``, a look-ahead for the letters
    they start with, then the patterns grouped by that letter (no ``re.I``). The regex engine then rejects
    most positions at once: 7x faster than the case-blind alternation of whole patterns."""
    groups: dict[str, list[str]] = {}
    for p in FRICTION_PATTERNS:
        if not (p.startswith(r"\b") and p[2:3].isalpha()):
            raise ValueError(f"friction pattern {p!r} must start with \\b and a letter")
        groups.setdefault(p[2], []).append(p[3:])
    return re.compile(r"\b(?=[" + "".join(sorted(groups)) + "])(?:"
                      + "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in sorted(groups.items())) + ")")


_FRICTION_LOWER = _friction_regex()


#: Letters the regex engine's case-blind match takes for an ASCII letter although their ``str.lower()`` is not
#: that letter ("İ".lower() is two characters, "ı" and "ſ" have no ASCII lower case): mapped to it first.
_CASE_BLIND_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def friction_counts(texts: Sequence[str]) -> np.ndarray:
    """Matches of :data:`hcd.text.FRICTION_PATTERNS` in each text (as ``hcd.text.sentiment_scores`` counts them)."""
    return np.array([len(_FRICTION_LOWER.findall(_lower(t or ""))) for t in texts], dtype=float)


def _lower(text: str) -> str:
    """``text`` lower-cased as the case-blind friction patterns compare it (ASCII patterns, Unicode text)."""
    return text.lower() if text.isascii() else text.translate(_CASE_BLIND_ASCII).lower()


def fast_sentiment_scores(texts: Sequence[str]) -> np.ndarray:
    """Sentiment in [-1, 1] of each text, as :func:`hcd.text.sentiment_scores` gives it, for many texts at once.

    Parameters
    ----------
    texts : sequence of str

    Returns
    -------
    ndarray of float, shape (len(texts),)

    Examples
    --------
    >>> fast_sentiment_scores(["I waited three hours on hold and nobody helped me",
    ...                        "The caseworker was kind and really helpful"]).round(2).tolist()
    [-0.45, 0.76]
    """
    texts = [t or "" for t in texts]
    sia = vader_analyzer()
    compound = np.concatenate([_compound(texts[s:s + BLOCK], sia) for s in range(0, len(texts), BLOCK)] or [[]])
    return np.clip(compound - FRICTION_WEIGHT * friction_counts(texts), -1.0, 1.0)


def _strip(token: str, punctuation: frozenset[str], marks: frozenset[str]) -> str:
    """VADER's token: one mark of its list stripped from either end of a word with no punctuation in it."""
    for lead in (1, 2, 3, 4):
        if token[:lead] in marks and len(token) - lead > 1 and not punctuation.intersection(token[lead:]):
            return token[lead:]
    for trail in (1, 2, 3, 4):
        if token[-trail:] in marks and len(token) - trail > 1 and not punctuation.intersection(token[:-trail]):
            return token[:-trail]
    return token


def _compound(texts: list[str], sia) -> np.ndarray:
    """VADER's compound score of each text (rounded to 4 decimals, as NLTK does)."""
    c = sia.constants
    punctuation = frozenset(string.punctuation)
    marks = frozenset(c.PUNC_LIST)
    n = len(texts)
    flat: list[str] = []
    counts = np.zeros(n, dtype=np.int64)
    for d, text in enumerate(texts):
        words = text.split()
        flat.extend(words)
        counts[d] = len(words)
    # distinct raw tokens in order of first appearance, hashed in C (a dict's setdefault per token: 3x slower)
    raw_code, raw = pd.factorize(np.array(flat, dtype=object))
    raw_code = raw_code.astype(np.int64, copy=False)
    del flat
    keep = np.array([len(w) > 1 for w in raw], dtype=bool)[raw_code]  # VADER drops one-character tokens
    raw_code = raw_code[keep]
    lengths = np.bincount(np.repeat(np.arange(n), counts)[keep], minlength=n)
    # each distinct raw token -> its VADER token (case kept) -> that token's properties
    vocab: dict[str, int] = {}
    to_token = np.array([vocab.setdefault(_strip(w, punctuation, marks), len(vocab)) for w in raw], dtype=np.int64)
    words = list(vocab)
    lower = [w.lower() for w in words]
    none = len(words)  # an extra row: "no token here" (before a text's first token)

    def flag(values: list[bool]) -> np.ndarray:
        return np.array([*values, False], dtype=bool)

    valence = np.array([*(sia.lexicon.get(w, 0.0) for w in lower), 0.0])
    in_lex = flag([w in sia.lexicon for w in lower])
    upper = flag([w.isupper() for w in words])
    boost = np.array([*(c.BOOSTER_DICT.get(w, 0.0) for w in lower), 0.0])
    is_boost = flag([w in c.BOOSTER_DICT for w in lower])
    negates = flag([w in c.NEGATE or "n't" in w for w in lower])
    never = flag([w == "never" for w in words])
    so_this = flag([w in ("so", "this") for w in words])
    least = flag([w == "least" for w in lower])
    at_very = flag([w in ("at", "very") for w in lower])
    but = flag([w == "but" for w in lower])
    kind, of = flag([w == "kind" for w in lower]), flag([w == "of" for w in lower])

    code = to_token[raw_code]
    total = len(code)
    doc = np.repeat(np.arange(n), lengths)
    start = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    local = np.arange(total) - start[doc]
    cap_diff = np.bincount(doc, weights=upper[code], minlength=n)
    cap_diff = (cap_diff > 0) & (cap_diff < lengths)

    def before(k: int) -> np.ndarray:
        """Token code k places back in the same text (``none`` where there is none)."""
        out = np.full(total, none, dtype=np.int64)
        out[k:] = code[:-k] if k < total else out[k:]
        out[local < k] = none
        return out

    b1, b2, b3 = before(1), before(2), before(3)
    after1 = np.full(total, none, dtype=np.int64)
    after1[:-1] = code[1:]
    after1[local == lengths[doc] - 1] = none

    # NLTK scores a token in the context of its first occurrence in the text: score those, then copy
    first, first_of = _first_occurrences(doc * (none + 1) + code)
    pairs = [(vocab[a], vocab[b]) for a, b in (k.split() for k in c.BOOSTER_DICT if " " in k)
             if a in vocab and b in vocab]
    q = first  # first occurrences
    cq, i, caps = code[q], local[q], cap_diff[doc[q]]
    v = valence[cq].copy()
    v = np.where(upper[cq] & caps, v + np.where(v > 0, c.C_INCR, -c.C_INCR), v)
    prev = (b1[q], b2[q], b3[q])
    for s, damp in ((0, 1.0), (1, 0.95), (2, 0.9)):
        w = prev[s]
        go = (i > s) & ~in_lex[w]
        scalar = boost[w] * np.where(v < 0, -1.0, 1.0)
        scalar = scalar + np.where(is_boost[w] & upper[w] & caps, np.where(v > 0, c.C_INCR, -c.C_INCR), 0.0)
        v = np.where(go, v + scalar * damp, v)
        if s == 0:
            factor = np.where(negates[w], c.N_SCALAR, 1.0)
        elif s == 1:
            factor = np.where(never[prev[1]] & so_this[prev[0]], 1.5, np.where(negates[w], c.N_SCALAR, 1.0))
        else:
            emphatic = (never[prev[2]] & so_this[prev[1]]) | so_this[prev[0]]
            factor = np.where(emphatic, 1.25, np.where(negates[w], c.N_SCALAR, 1.0))
        v = np.where(go, v * factor, v)
        if s == 2:  # a two-word dampener ("kind of") just before
            v = np.where(go & (_pair(prev[2], prev[1], pairs) | _pair(prev[1], prev[0], pairs)), v + c.B_DECR, v)
    least_before = (i > 0) & ~in_lex[prev[0]] & least[prev[0]] & ~((i > 1) & at_very[prev[1]])
    v = np.where(least_before, v * c.N_SCALAR, v)
    skip = is_boost[cq] | (kind[cq] & of[after1[q]])
    scored = np.zeros(total)
    scored[q] = np.where(in_lex[cq] & ~skip, v, 0.0)
    sentiment = scored[first_of]

    # "but": sentiments before the first one halved, after it 1.5 times
    at_but = np.flatnonzero(but[code])
    first_but = np.full(n, -1)
    docs_with, where = np.unique(doc[at_but], return_index=True)
    first_but[docs_with] = local[at_but[where]]
    fb = first_but[doc]
    sentiment = sentiment * np.where(fb < 0, 1.0, np.where(local < fb, 0.5, np.where(local > fb, 1.5, 1.0)))
    sums = np.bincount(doc, weights=sentiment, minlength=n)

    out = np.zeros(n)
    for d in np.flatnonzero(lengths):
        s = float(sums[d])
        amp = _emphasis(texts[d])
        s = s + amp if s > 0 else s - amp if s < 0 else s
        out[d] = round(c.normalize(s), 4)
    for d in _special(code, doc, vocab, c):
        out[d] = sia.polarity_scores(texts[d])["compound"]
    return out


def _first_occurrences(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each distinct key first occurs, and for every position the first occurrence of its key.

    >>> [a.tolist() for a in _first_occurrences(np.array([7, 3, 7, 7, 3, 9]))]
    [[0, 1, 5], [0, 1, 0, 0, 1, 5]]
    """
    codes = pd.factorize(keys)[0]  # numbered in order of first appearance: a new key is a new running maximum
    first = np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1) > 0)
    return first, first[codes]


def _emphasis(text: str) -> float:
    """VADER's emphasis from "!" (up to four) and "?" (two or more)."""
    marks, questions = min(text.count("!"), 4), text.count("?")
    return marks * 0.292 + (0.0 if questions <= 1 else questions * 0.18 if questions <= 3 else 0.96)


def _pair(first: np.ndarray, second: np.ndarray, pairs: list[tuple[int, int]]) -> np.ndarray:
    """Where the tokens ``first``, ``second`` are one of ``pairs``."""
    out = np.zeros(len(first), dtype=bool)
    for a, b in pairs:
        out |= (first == a) & (second == b)
    return out


def _special(code: np.ndarray, doc: np.ndarray, vocab: dict[str, int], c) -> set[int]:
    """Texts holding one of VADER's idioms ("yeah right", "kiss of death"): NLTK scores those itself."""
    found: set[int] = set()
    for phrase in c.SPECIAL_CASE_IDIOMS:
        parts = [vocab.get(w, -1) for w in phrase.split()]
        if -1 in parts or len(code) < len(parts):
            continue
        hit = np.ones(len(code) - len(parts) + 1, dtype=bool)
        for k, p in enumerate(parts):
            hit &= code[k:len(code) - len(parts) + 1 + k] == p
        found.update(int(d) for d in np.unique(doc[np.flatnonzero(hit)]))
    return found
