"""Theme labels a researcher could keep: a short phrase found verbatim in the theme's own items.

Candidates are the word sequences of 2 to 6 words that start and end with a
content word (not a stopword, filler or CFPB mask) and never cross
punctuation, a number, a redaction placeholder or a removed filler
(:data:`hcd.themes.speech.PAUSE`), so each occurs as written in the items it
was counted in ("incorrect information on my credit report"). For each theme
and each candidate phrase, counting items (each item once):

    score = (items of the theme holding it / items of the theme)       # coverage
            * (items of the theme holding it / items holding it)      # exclusivity
            * (1 + 0.2 * (content words - 1), at most 3 counted)

a class-based TF-IDF (c-TF-IDF, as in BERTopic) whose class weight is the
share of the phrase's items that are in the theme: bounded, so a phrase
found in a handful of items only (a form letter, a template) does not beat
the phrase that most of the theme's items share, and with a small preference
for phrases that say more. (With BERTopic's ``log(1 + A / frequency)``,
fictional sample complaints were labelled "use my lunch break" rather than
"on hold".) A candidate must occur in at least ``min_support`` (3) of the
theme's items. A phrase cut out of a longer fixed expression (one word
follows or precedes it in 80% of its items: "would go a long" of "would go a
long way") scores half.

Themes are labelled largest first; each takes the candidate with the best maximal
marginal relevance (MMR): ``lam * score / best score - (1 - lam) * overlap``,
where ``overlap`` is the largest share of content-word stems it has in
common with a label already taken, and a phrase whose stems another label
already has is never taken, so no two themes share a label. A theme with no
phrase in 3 items relaxes to a phrase in 2, then its most distinctive single
word, then a phrase or word of one item.

Phrases in ``exclude`` (the interviewers' words) never label a theme, nor
does a phrase that contains one, nor a name a researcher gave another theme.

Examples
--------
>>> texts = ["They reported a late payment on my credit report.", "A late payment on my credit report again!",
...          "Another late payment on my credit report", "I waited on hold for hours",
...          "on hold for hours, then cut off", "Left on hold for hours"]
>>> stop = frozenset({"on", "my", "a", "for", "then", "i"})
>>> labels = label_themes(texts, [0, 0, 0, 1, 1, 1], [0, 1], stopwords=stop)
>>> labels[0], labels[1]
('late payment on my credit report', 'on hold for hours')
>>> occurs_in("late payment on my credit report", texts[0])
True
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

import numpy as np

from hcd.themes.phrase_counts import PHRASE_PAIRS, count_in_groups, is_content_word, phrase_occurrences
from hcd.themes.speech import ASCII_WORD, FILLERS, WORD

__all__ = ["phrase_spans", "item_phrases", "phrase_contexts", "label_themes", "occurs_in", "label_words",
           "interviewer_phrases", "MAX_WORDS"]

#: Longest label, in words.
MAX_WORDS = 6
_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*|\n|\S")
#: In lower-cased ASCII text, words separated by spaces only (no line break): a run of :data:`_TOKEN` words with
#: nothing between them.
_ASCII_RUN = re.compile(ASCII_WORD.pattern + r"(?:[^\S\n]+" + ASCII_WORD.pattern + ")*")
#: In lower-cased ASCII text, a word (as :data:`hcd.themes.speech.WORD` reads it) of x's only: a CFPB mask
#: ("XXXX"). The pattern starts with its first letter, so the regex engine jumps from x to x; the look-behinds then
#: check that no letter (or letter and apostrophe or hyphen) comes before it.
_ASCII_MASK = re.compile(r"x(?<![a-z]x)(?<![a-z]['-]x)x*(?![a-z])(?!['-][a-z])")
_PLACEHOLDER = re.compile(r"\[[A-Z_]+\]")
#: Characters of an item read for label candidates (the start of a long complaint says what it is about).
LABEL_CHARS = 4000


def label_words(text: str) -> list[str]:
    """Lower-case words as labels are matched: letters, inner apostrophes (normalised to ') and hyphens."""
    return [w.lower().replace("\u2019", "'") for w in WORD.findall(text or "")]


def occurs_in(label: str, text: str) -> bool:
    """True if ``label`` occurs verbatim in ``text``: the same words in the same order, case and punctuation aside.

    >>> occurs_in("Credit report", "my credit-report"), occurs_in("credit report", "my CREDIT  report!")
    (False, True)
    """
    needle = " ".join(label_words(label))
    hay = " ".join(label_words(text))
    return bool(needle) and f" {needle} " in f" {hay} "


def phrase_spans(text: str) -> list[list[str]]:
    """Runs of lower-case words with no punctuation, digit, line break, placeholder, mask or filler between them.

    >>> phrase_spans("Uh, my XXXX credit report (filed 2023) was wrong | again")
    [['my'], ['credit', 'report'], ['filed'], ['was', 'wrong'], ['again']]
    """
    text = _PLACEHOLDER.sub(" . ", (text or "")[:LABEL_CHARS])
    if text.isascii():  # the same spans, read run by run from the lower-cased text with its masks cut out (most texts)
        spans = [found.split() for found in _ASCII_RUN.findall(_ASCII_MASK.sub(".", text.lower()))]
        if FILLERS.isdisjoint(itertools.chain.from_iterable(spans)):
            return spans
        return [run for span in spans for run in _runs(None if w in FILLERS else w for w in span)]
    words = (token.lower().replace("\u2019", "'") for token in _TOKEN.findall(text))
    return _runs(w if w[0].isalpha() and w.strip("x") and w not in FILLERS else None for w in words)


def _runs(words: Iterable[str | None]) -> list[list[str]]:
    """The runs of words between the ``None`` in ``words``.

    >>> _runs(["a", "b", None, None, "c"])
    [['a', 'b'], ['c']]
    """
    return [list(run) for kept, run in itertools.groupby(words, key=lambda w: w is not None) if kept]


def item_phrases(text: str, stopwords: Collection[str], max_words: int = MAX_WORDS) -> set[tuple[str, ...]]:
    """Candidate label phrases of one item: 2 to ``max_words`` words, starting and ending with a content word
    (or a service phrase such as "on hold"). Single content words are included too (as 1-tuples)."""
    return set(phrase_contexts(text, stopwords, max_words))


def phrase_contexts(text: str, stopwords: Collection[str],
                    max_words: int = MAX_WORDS) -> dict[tuple[str, ...], tuple[str, str]]:
    """:func:`item_phrases` with the word before and after the first occurrence of each ("" at a boundary)."""
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    for span in phrase_spans(text):
        content = [is_content_word(w, stopwords) for w in span]
        m = len(span)
        pairs = [pair in PHRASE_PAIRS for pair in itertools.pairwise(span)] + [False]
        # a phrase may end at j with a content word, or with the second word of "hung up", never on a repeat
        ends = [False] + [(content[j] or pairs[j - 1]) and span[j] != span[j - 1] for j in range(1, m)]
        around = ["", *span, ""]  # around[i] is the word before span[i]; around[j + 2] the word after span[j]
        for i in range(m):
            if content[i]:
                out.setdefault((span[i],), (around[i], around[i + 2]))
            elif not pairs[i]:  # a phrase may start with "on hold", "in person", "no one"
                continue
            for j in range(i + 1, min(m, i + max_words)):
                if ends[j]:
                    out.setdefault(tuple(span[i:j + 1]), (around[i], around[j + 2]))
    return out


def _fragment(top: int, items: int) -> bool:
    """True when one word follows (or precedes) the phrase in 80% or more of its ``items``: ``top`` items
    share the most common word there, so the phrase is cut out of a longer fixed expression ("a long" of
    "a long way")."""
    return top > 0 and top >= 0.8 * items


def interviewer_phrases(interviewer: Sequence[str], spoken: Sequence[str],
                        stopwords: Collection[str]) -> frozenset[tuple[str, ...]]:
    """Phrases (2+ words) that are the interviewers' words: said in two or more of their turns, and at least as
    often per turn as in ``spoken`` (the interview items themed). "quality issues", asked about in every
    interview, is theirs; "on hold", which participants say twenty times and an interviewer once, is not.

    >>> sorted(interviewer_phrases(["what quality issues?", "any quality issues?"], ["we had noisy labels"], set()))
    [('quality', 'issues')]
    """
    if not len(interviewer):
        return frozenset()
    said = Counter(p for t in interviewer for p in item_phrases(t, stopwords) if len(p) > 1)
    said = Counter({p: c for p, c in said.items() if c >= 2})
    echoed = Counter(p for t in spoken for p in item_phrases(t, stopwords) if p in said)
    return frozenset(p for p, c in said.items() if c / len(interviewer) >= echoed[p] / max(1, len(spoken)))


def _surface(key: tuple[str, ...], texts: Sequence[str]) -> str:
    """The most common way the phrase is written in ``texts`` (case as written, whitespace normalised)."""
    words = [re.escape(w).replace("'", "['\u2019]") for w in key]
    # the first word, then a look-behind that no word character comes before it (tested only where the first
    # word is found: a look-behind first was tested at every character of every text, three times slower)
    pattern = re.compile(words[0] + rf"(?<![\w'\u2019-]{words[0]})" + "".join(r"\s+" + w for w in words[1:])
                         + r"(?![\w'\u2019-])", re.I)
    seen = Counter(" ".join(m.group(0).split()) for t in texts for m in pattern.finditer(t[:LABEL_CHARS]))
    return min(seen.items(), key=lambda kv: (-kv[1], kv[0]))[0] if seen else " ".join(key)


def label_themes(texts: Sequence[str], labels: Sequence[int], theme_ids: Sequence[int], *,
                 stopwords: Collection[str], stem: Callable[[str], str] = str,
                 eligible: Sequence[bool] | None = None, similarity: Sequence[float] | None = None,
                 exclude: Collection[tuple[str, ...]] = frozenset(), names: Mapping[int, str] | None = None,
                 min_support: int = 3, per_theme: int = 150, lam: float = 0.7) -> dict[int, str]:
    """A distinct, verbatim label for each theme.

    Parameters
    ----------
    texts : sequence of str
        The items as themed (speech already cleaned).
    labels : sequence of int
        Theme of each item.
    theme_ids : sequence of int
        Themes to label.
    stopwords : collection of str
        Words a label may not start or end with.
    stem : callable
        Word -> stem, to tell labels apart ("payment" and "payments").
    eligible : sequence of bool, optional
        Items that may give a label (e.g. not the interviewer's turns).
    similarity : sequence of float, optional
        Each item's similarity to its theme: the ``per_theme`` most typical items are read.
    exclude : collection of tuple of str
        Phrases (lower-case word tuples) that never label a theme.
    names : mapping of int to str, optional
        Labels already given (researcher overrides): kept, and not given to another theme.
    min_support : int
        Items of the theme a phrase must occur in (relaxed when none does).

    Returns
    -------
    dict of int to str
        Theme id -> label; a theme with no words at all gets ``"theme <id>"``.

    Notes
    -----
    The candidates of every item read (:func:`phrase_contexts`) are found and
    counted per theme for all items at once (:mod:`hcd.themes.phrase_counts`).
    """
    labels = np.asarray(labels)
    ok = np.ones(len(texts), dtype=bool) if eligible is None else np.asarray(eligible, dtype=bool)
    sim = np.zeros(len(texts)) if similarity is None else np.asarray(similarity, dtype=float)
    names = dict(names or {})
    pools: dict[int, np.ndarray] = {}
    for j in theme_ids:
        members = np.flatnonzero((labels == j) & ok)
        pools[j] = members[np.lexsort((members, -sim[members]))][:per_theme]
    group = {int(i): g for g, pool in enumerate(pools.values()) for i in pool}  # the themes' pools never overlap
    read = sorted(group)
    occ = phrase_occurrences([phrase_spans(texts[i]) for i in read], stopwords, MAX_WORDS)
    counted = count_in_groups(occ, np.array([group[i] for i in read], dtype=np.int64), len(pools))
    rows_of = dict(zip(pools, itertools.pairwise(counted.bounds.tolist()), strict=True))

    def banned(p: tuple[str, ...]) -> bool:  # the phrase, or a part of it, is an excluded phrase
        return any(p[a:b] in exclude for a in range(len(p)) for b in range(a + 1, len(p) + 1))

    def candidates(j: int, n: int, support: int, words: str) -> list[tuple[float, tuple[str, ...]]]:
        """Theme ``j``'s phrases (or single words) in ``support`` of its ``n`` items or more, scored."""
        rows = np.arange(*rows_of[j])
        rows = rows[(counted.items[rows] >= support) & ((counted.length[rows] == 1) == (words == "word"))]
        scored = []
        for df, overall, before, after, at in zip(*(column[rows].tolist() for column in (
                counted.items, counted.overall, counted.top_before, counted.top_after, counted.occurrence)),
                strict=True):
            key = occ.key(at)
            if exclude and banned(key):
                continue
            content = sum(1 for w in key if w not in stopwords)
            score = (df / n) * (df / overall) * (1 + 0.2 * (min(content, 3) - 1))
            if _fragment(before, df) or _fragment(after, df):
                score *= 0.5
            scored.append((score, key))
        return scored

    stems = lambda key: frozenset(stem(w) for w in key if w not in stopwords)  # noqa: E731
    taken: set[frozenset[str]] = set()
    taken_with: dict[str, list[frozenset[str]]] = {}  # stem -> the labels taken that have it

    def take(s: frozenset[str]) -> None:
        taken.add(s)
        for w in s:
            taken_with.setdefault(w, []).append(s)

    for n in names.values():
        take(stems(tuple(label_words(n))))
    taken_text = {" ".join(label_words(n)) for n in names.values()}
    out: dict[int, str] = {}
    order = sorted((j for j in theme_ids if j not in names), key=lambda j: (-len(pools[j]), j))
    for j in order:
        pool = pools[j]
        n = max(1, len(pool))
        chosen = None
        top = min(min_support, n)
        for support, words in ((top, "phrase"), (min(2, top), "phrase"), (top, "word"), (1, "phrase"), (1, "word")):
            scored = candidates(j, n, support, words)
            scored.sort(key=lambda sk: (-sk[0], -len(sk[1]), sk[1]))  # on a tie, the phrase that says more
            best_score = scored[0][0] if scored else 0.0
            ranked = []
            for score, key in scored[:60]:
                s = stems(key)
                if not s or s in taken or " ".join(key) in taken_text:
                    continue
                # the largest share of stems in common with a label taken (0 with none in common)
                overlap = max((len(s & t) / len(s | t) for w in s for t in taken_with.get(w, ())), default=0.0)
                ranked.append((lam * score / best_score - (1 - lam) * overlap, key, s))
            if ranked:
                _, key, s = min(ranked, key=lambda r: (-r[0], -len(r[1]), r[1]))
                chosen = key
                take(s)
                taken_text.add(" ".join(key))
                break
        out[j] = _surface(chosen, [texts[int(i)] for i in pool]) if chosen else f"theme {j}"
    return {j: names.get(j) or out.get(j, f"theme {j}") for j in theme_ids}
