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
from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np

from hcd.text import DOMAIN_PHRASES
from hcd.themes.speech import FILLERS

__all__ = ["phrase_spans", "item_phrases", "phrase_contexts", "label_themes", "occurs_in", "label_words",
           "interviewer_phrases", "MAX_WORDS"]

#: Longest label, in words.
MAX_WORDS = 6
_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*|\n|\S")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
#: Words separated by spaces only (no line break): a run of :data:`_TOKEN` words with nothing between them.
_RUN = re.compile(_WORD.pattern + r"(?:[^\S\n]+" + _WORD.pattern + ")*")
_PLACEHOLDER = re.compile(r"\[[A-Z_]+\]")
#: Service phrases with a stopword ("on hold", "hung up") may start or end a label.
_PHRASE_PAIRS = frozenset(tuple(p.split()) for p in DOMAIN_PHRASES if len(p.split()) == 2)
#: Characters of an item read for label candidates (the start of a long complaint says what it is about).
LABEL_CHARS = 4000


def label_words(text: str) -> list[str]:
    """Lower-case words as labels are matched: letters, inner apostrophes (normalised to ') and hyphens."""
    return [w.lower().replace("\u2019", "'") for w in _WORD.findall(text or "")]


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
    spans: list[list[str]] = []
    run: list[str] = []
    text = _PLACEHOLDER.sub(" . ", (text or "")[:LABEL_CHARS])
    if text.isascii():  # the same spans, read run by run from the lower-cased text (most texts)
        for found in _RUN.findall(text.lower()):
            for word in found.split():
                if word.strip("x") and word not in FILLERS:
                    run.append(word)
                elif run:
                    spans.append(run)
                    run = []
            if run:
                spans.append(run)
                run = []
        return spans
    for token in _TOKEN.findall(text):
        word = token.lower().replace("\u2019", "'")
        if word[0].isalpha() and word.strip("x") and word not in FILLERS:
            run.append(word)
            continue
        if run:
            spans.append(run)
        run = []
    if run:
        spans.append(run)
    return spans


def item_phrases(text: str, stopwords: Collection[str], max_words: int = MAX_WORDS) -> set[tuple[str, ...]]:
    """Candidate label phrases of one item: 2 to ``max_words`` words, starting and ending with a content word
    (or a service phrase such as "on hold"). Single content words are included too (as 1-tuples)."""
    return set(phrase_contexts(text, stopwords, max_words))


def phrase_contexts(text: str, stopwords: Collection[str],
                    max_words: int = MAX_WORDS) -> dict[tuple[str, ...], tuple[str, str]]:
    """:func:`item_phrases` with the word before and after the first occurrence of each ("" at a boundary)."""
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    for span in phrase_spans(text):
        content = [len(w) > 2 and w not in stopwords and w.replace("'", "") not in stopwords for w in span]
        m = len(span)
        pairs = [pair in _PHRASE_PAIRS for pair in itertools.pairwise(span)] + [False]
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


def _fragment(neighbours: Counter[str], items: int) -> bool:
    """True when one word follows (or precedes) the phrase in 80% or more of its items: the phrase is cut
    out of a longer fixed expression ("a long" of "a long way")."""
    word, count = max(((w, c) for w, c in neighbours.items() if w), key=lambda wc: (wc[1], wc[0]), default=("", 0))
    return bool(word) and count >= 0.8 * items


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
    pattern = re.compile(r"(?<![\w'\u2019-])" + r"\s+".join(re.escape(w).replace("'", "['\u2019]") for w in key)
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
    """
    labels = np.asarray(labels)
    ok = np.ones(len(texts), dtype=bool) if eligible is None else np.asarray(eligible, dtype=bool)
    sim = np.zeros(len(texts)) if similarity is None else np.asarray(similarity, dtype=float)
    names = dict(names or {})
    pools: dict[int, np.ndarray] = {}
    for j in theme_ids:
        members = np.flatnonzero((labels == j) & ok)
        pools[j] = members[np.lexsort((members, -sim[members]))][:per_theme]
    cache: dict[int, dict[tuple[str, ...], tuple[str, str]]] = {}

    def banned(p: tuple[str, ...]) -> bool:  # the phrase, or a part of it, is an excluded phrase
        return any(p[a:b] in exclude for a in range(len(p)) for b in range(a + 1, len(p) + 1))

    def phrases(i: int) -> dict[tuple[str, ...], tuple[str, str]]:
        if i not in cache:
            cache[i] = {p: c for p, c in phrase_contexts(texts[i], stopwords).items() if not (exclude and banned(p))}
        return cache[i]

    overall: Counter[tuple[str, ...]] = Counter()
    for i in sorted({int(i) for pool in pools.values() for i in pool}):
        overall.update(phrases(i).keys())
    stems = lambda key: frozenset(stem(w) for w in key if w not in stopwords)  # noqa: E731

    taken: list[frozenset[str]] = [stems(tuple(label_words(n))) for n in names.values()]
    taken_text = {" ".join(label_words(n)) for n in names.values()}
    out: dict[int, str] = {}
    order = sorted((j for j in theme_ids if j not in names), key=lambda j: (-len(pools[j]), j))
    for j in order:
        pool = pools[j]
        found_in = [phrases(int(i)) for i in pool]
        counts: Counter[tuple[str, ...]] = Counter()
        for found in found_in:
            counts.update(found.keys())
        n = max(1, len(pool))
        chosen = None
        top = min(min_support, n)
        for support, words in ((top, "phrase"), (min(2, top), "phrase"), (top, "word"), (1, "phrase"), (1, "word")):
            scored = []
            for key, df in counts.items():
                if df < support or (len(key) == 1) != (words == "word"):
                    continue
                content = sum(1 for w in key if w not in stopwords)
                score = (df / n) * (df / overall[key]) * (1 + 0.2 * (min(content, 3) - 1))
                around = [found[key] for found in found_in if key in found]  # (word before, word after) per item
                if _fragment(Counter(b for b, _ in around), df) or _fragment(Counter(a for _, a in around), df):
                    score *= 0.5
                scored.append((score, key))
            scored.sort(key=lambda sk: (-sk[0], -len(sk[1]), sk[1]))  # on a tie, the phrase that says more
            best_score = scored[0][0] if scored else 0.0
            ranked = []
            for score, key in scored[:60]:
                s = stems(key)
                if not s or s in taken or " ".join(key) in taken_text:
                    continue
                overlap = max((len(s & t) / len(s | t) for t in taken if t), default=0.0)
                ranked.append((lam * score / best_score - (1 - lam) * overlap, key, s))
            if ranked:
                _, key, s = min(ranked, key=lambda r: (-r[0], -len(r[1]), r[1]))
                chosen = key
                taken.append(s)
                taken_text.add(" ".join(key))
                break
        out[j] = _surface(chosen, [texts[int(i)] for i in pool]) if chosen else f"theme {j}"
    return {j: names.get(j) or out.get(j, f"theme {j}") for j in theme_ids}
