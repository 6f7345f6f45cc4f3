"""How hard the draft's prose is to read: the Flesch-Kincaid grade level.

Written here rather than taken from a library because the common one
(textstat) now downloads a pronunciation dictionary at run time, which hcd
must not do. Syllables are counted with the usual vowel-group rule (silent
final "e", "-le" endings), which is within a grade of dictionary counts on
ordinary prose. Only the draft's own sentences count: tables, headings, links,
quoted evidence and the annex are left out.
"""

from __future__ import annotations

import re

__all__ = ["syllables", "flesch_kincaid_grade", "draft_prose"]

_VOWELS = re.compile(r"[aeiouy]+")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")


def syllables(word: str) -> int:
    """Syllables in an English word (vowel groups; a silent final "e" does not count).

    >>> [syllables(w) for w in ("plan", "agency", "measure", "table", "the")]
    [1, 3, 2, 2, 1]
    """
    w = word.lower().strip("'")
    if len(w) <= 3:
        return 1
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")):
        w = w[:-1]
    return max(1, len(_VOWELS.findall(w)))


def flesch_kincaid_grade(text: str) -> float:
    """The Flesch-Kincaid grade of ``text``: 0.39 x words per sentence + 11.8 x syllables per word - 15.59.

    >>> round(flesch_kincaid_grade("The cat sat on the mat. It was happy."), 1)
    -0.7
    """
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text)))
    return 0.39 * len(words) / sentences + 11.8 * sum(syllables(w) for w in words) / len(words) - 15.59


def draft_prose(markdown: str) -> str:
    """The sentences a draft's authors wrote: no tables, headings, links' targets, quoted evidence or annex."""
    body = markdown.split("\n## Annex", 1)[0]
    lines = [ln.strip().lstrip("-*> ").strip() for ln in body.splitlines()
             if ln.strip() and not ln.lstrip().startswith(("|", "#"))]
    text = " ".join(ln if ln.endswith((".", "!", "?")) else ln + "." for ln in lines if ln)  # a line is a sentence
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: their text only
    text = re.sub(r'"[^"]*"', "", text)  # quoted evidence is the public's words, not the draft's
    return re.sub(r"[*_`>\\]", "", text)
