"""Which action from the pattern library a pain point's evidence supports, if any.

The rule (also at the top of ``hcd/resources/action_patterns.yml``): a pattern
attaches to a theme only when

1. the theme is predominantly negative (at least :data:`NEGATIVE_SHARE` of its
   items read negative);
2. one of the pattern's keywords is in the theme's label or top terms; and
3. at least :data:`MIN_COVERAGE` of the theme's items use one of its keywords.

Of the patterns that attach, the one whose keywords the most items use wins.
A negative theme that no pattern fits gets no borrowed action (the draft says
it needs the team's action); a mostly positive theme is something that works.

Examples
--------
>>> from hcd.plan.draft import load_action_patterns
>>> patterns, _ = load_action_patterns()
>>> texts = ["they lost my pay stubs again", "asked for the same documents twice", "the office was fine"]
>>> found = ground_action("pay stubs / documents", texts, 0.9, patterns)
>>> found.pattern.id, round(found.coverage, 2), found.keywords
('tell-us-once', 0.67, ('document', 'pay stub', 'same documents'))
>>> ground_action("pay stubs / documents", texts, 0.2, patterns) is None  # not a pain point
True
>>> ground_action("model training / data scientists", ["we retrain the model"], 0.9, patterns) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

__all__ = ["ActionPattern", "NEGATIVE_SHARE", "POSITIVE_SHARE", "MIN_COVERAGE", "Grounding", "ground_action",
           "fill_names", "is_positive", "name_list"]

#: A theme is a pain point an action can address when at least this share of its items is negative.
NEGATIVE_SHARE = 0.5
#: A theme goes to "What works" when less than this share of its items is negative.
POSITIVE_SHARE = 0.25
#: At least this share of a theme's items must use one of a pattern's keywords.
MIN_COVERAGE = 0.25


@dataclass(frozen=True)
class ActionPattern:
    """One pain-point kind and the action it suggests."""

    id: str
    kind: str
    action: str
    measure: str
    standard: str
    resources: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grounding:
    """Why a pattern attaches to a theme: the share of items using its keywords, and the keywords found."""

    pattern: ActionPattern
    coverage: float
    keywords: tuple[str, ...]


@cache
def _keyword_regex(keyword: str) -> re.Pattern[str]:
    """A keyword as a whole-word regex that also takes its plural and -ed/-ing forms."""
    words = [re.escape(w) for w in keyword.lower().split()]
    words[-1] = words[-1] + r"(?:s|es|ed|d|ing)?"
    return re.compile(r"\b" + r"\s+".join(words) + r"\b")


def _found(keyword: str, text: str) -> bool:
    return bool(_keyword_regex(keyword).search(text))


def ground_action(label_terms: str, texts: Sequence[str], negative_share: float,
                  patterns: Iterable[ActionPattern]) -> Grounding | None:
    """The pattern a theme's evidence supports under the rule above, or None.

    Parameters
    ----------
    label_terms : str
        The theme's label and top terms.
    texts : sequence of str
        The theme's member items (or, without them, its quotes).
    negative_share : float
        Share of the theme's items that read negative.
    patterns : iterable of ActionPattern
    """
    if negative_share < NEGATIVE_SHARE or not texts:
        return None
    head = label_terms.lower()
    low = [t.lower() for t in texts]
    best: Grounding | None = None
    for p in patterns:
        if not any(_found(k, head) for k in p.keywords):
            continue
        used = [k for k in p.keywords if any(_found(k, t) for t in low)]
        share = sum(any(_found(k, t) for k in used) for t in low) / len(low)
        if share >= MIN_COVERAGE and (best is None or share > best.coverage):
            best = Grounding(p, share, tuple(sorted(used)))
    return best


def is_positive(negative_share: float) -> bool:
    """A theme that mostly works for people (few items negative).

    >>> is_positive(0.1), is_positive(0.6)
    (True, False)
    """
    return negative_share < POSITIVE_SHARE


def name_list(names: Sequence[str], none: str) -> str:
    """Names as a sentence list ("A", "A and B", "A, B and C"), or ``none`` when there are none.

    >>> name_list(["UI", "Medicaid", "SNAP"], "the programs"), name_list([], "the programs")
    ('UI, Medicaid and SNAP', 'the programs')
    """
    names = [n for n in names if n]
    if not names:
        return none
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def fill_names(text: str, agencies: Sequence[str], programs: Sequence[str]) -> str:
    """An action text with ``{agencies}`` and ``{programs}`` replaced by the sprint's own names.

    >>> fill_names("let {programs} share data with {agencies}", ["County"], [])
    'let the programs involved share data with County'
    """
    return (text.replace("{agencies}", name_list(agencies, "the agencies involved"))
            .replace("{programs}", name_list(programs, "the programs involved")))
