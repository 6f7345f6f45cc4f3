"""Sentences for report pages: what a notebook cell says to a reader instead of a repr or a debug print.

A notebook cell whose last value is a string shows it with Python's quotes; a
``print`` of a dict shows braces. :func:`note` shows a sentence as a
paragraph (escaped), and :func:`plural` and :func:`join_words` build the
sentence.

Examples
--------
>>> plural(1, "theme"), plural(16, "theme"), plural(2, "survey", "surveys")
('1 theme', '16 themes', '2 surveys')
>>> join_words(["interviews", "complaints", "surveys"])
'interviews, complaints and surveys'
>>> note("No dead ends <here>.")._repr_html_()
'<p class="note">No dead ends &lt;here&gt;.</p>'
>>> count_phrases({"a11-cx-maturity": 12, "service-commitment": 40}, "respondent")
'12 respondents (a11-cx-maturity) and 40 respondents (service-commitment)'
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["Note", "note", "plural", "join_words", "count_phrases"]


@dataclass(frozen=True)
class Note:
    """A sentence shown as a paragraph in notebooks and report pages (plain text elsewhere)."""

    text: str

    def _repr_html_(self) -> str:
        return f'<p class="note">{html.escape(self.text)}</p>'

    def __repr__(self) -> str:
        return self.text


def note(text: str) -> Note:
    """Show ``text`` as a paragraph (escaped), without the quotes a plain string gets."""
    return Note(" ".join(str(text).split()))


def plural(n: int, word: str, plural_form: str | None = None) -> str:
    """``n`` and the word, in the plural unless ``n`` is 1; thousands separated."""
    return f"{n:,} {word if n == 1 else (plural_form or word + 's')}"


def join_words(words: Iterable[str]) -> str:
    """Words joined as in a sentence: ``a``, ``a and b``, ``a, b and c``."""
    items = [str(w) for w in words]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def count_phrases(counts: Mapping[str, int], word: str, plural_form: str | None = None) -> str:
    """A mapping of name -> count as a phrase: ``12 respondents (a) and 40 respondents (b)``."""
    return join_words(f"{plural(int(n), word, plural_form)} ({name})" for name, n in counts.items())
