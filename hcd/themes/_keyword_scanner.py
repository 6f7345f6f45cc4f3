"""The fast keyword scanner behind :func:`hcd.themes.codebooks.apply_codebook` (private).

Keywords become regexes (case-insensitive whole words; ``wait*`` a prefix;
other words also in their -s/-ed/-ing forms); a codebook's keywords and
patterns are compiled into one union regex that finds every word start where
some code may match, and per-code regexes that decide there. The tests check
it against the naive oracle (each code's own regex over the whole text).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["keyword_regex", "keyword_problem", "compile_code", "literal_prefixes", "Matcher", "matcher", "scan"]

_INFLECTABLE = re.compile(r"[a-z]+(?:-[a-z]+)*")
#: Words matched only as written (no inflections): -s/-ed/-ing forms of these are other words.
_FUNCTION_WORDS = frozenset("""
    a an and any are as at be been but by can did do does for from get got had has have he her him his how
    i if in into is it its me my no nor not of off on once one or our out over she so than that the their
    them then there they this to too up us was we were what when where which who why will with you your
    """.split())

def _inflect(word: str) -> str:
    """Regex for a lower-case word and its -s/-es/-ed/-ing forms."""
    if word.endswith(("ee", "oe", "ye")):
        return re.escape(word) + "(?:s|d|ing)?"
    if word.endswith("ie"):
        return re.escape(word[:-2]) + "(?:ie|ies|ied|ying)"
    if word.endswith("e"):
        return re.escape(word[:-1]) + "(?:e|es|ed|ing)"
    if word.endswith("y") and word[-2] not in "aeiou-":
        return re.escape(word[:-1]) + "(?:y|ies|ied|ying)"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return re.escape(word) + "(?:es|ed|ing)?"
    a, b, c = word[-3:]
    if a not in "aeiou-" and b in "aeiou" and c not in "aeiouwxy":
        return re.escape(word) + f"(?:s|es|ed|ing|{c}ed|{c}ing)?"
    return re.escape(word) + "(?:s|es|ed|ing)?"


def _escape(text: str) -> str:
    """``re.escape``, but an apostrophe matches both ' and ’."""
    return "".join("['’]" if ch in "'’" else re.escape(ch) for ch in text)


def _word_regex(word: str) -> str:
    if word.endswith("*"):
        return _escape(word[:-1]) + r"\w*"
    low = word.lower()
    if _INFLECTABLE.fullmatch(low) and len(low.rsplit("-", 1)[-1]) >= 3 and low not in _FUNCTION_WORDS:
        return _inflect(low)
    return _escape(low)


def keyword_problem(keyword: str) -> str | None:
    words = keyword.split()
    if not words:
        return "is empty"
    for w in words:
        if "*" in w[:-1] or w == "*":
            return f"has '*' inside or alone in the word '{w}'; '*' may only end a word (a prefix wildcard)"
    return None


def keyword_regex(keyword: str) -> str:
    """The regular expression a keyword compiles to (lower case, without the whole-word guards).

    Parameters
    ----------
    keyword : str
        One keyword, as written in a codebook.

    Returns
    -------
    str
        A regex for the lower-cased text; :meth:`Code.regex` adds the
        whole-word guards ``(?<!\\w)`` and ``(?!\\w)``.

    Raises
    ------
    ValueError
        If the keyword is empty or has a ``*`` that does not end a word.

    Examples
    --------
    >>> keyword_regex("Wait*")
    'wait\\\\w*'
    >>> keyword_regex("document")
    'document(?:s|es|ed|ing)?'
    >>> keyword_regex("on hold")
    'on\\\\s+hold(?:s|es|ed|ing)?'
    >>> [w for w in ("denied", "denies", "deny", "denim") if re.fullmatch(keyword_regex("deny"), w)]
    ['denied', 'denies', 'deny']
    """
    problem = keyword_problem(keyword)
    if problem:
        raise ValueError(f"keyword {keyword!r} {problem}")
    return r"\s+".join(_word_regex(w) for w in keyword.lower().split())


def _ordered(keywords: Iterable[str]) -> list[str]:
    """Distinct keywords in lower case with single spaces, from the longest to the shortest."""
    return sorted({" ".join(k.lower().split()) for k in keywords}, key=lambda k: (-len(k), k))


def _code_source(keywords: tuple[str, ...], patterns: tuple[str, ...]) -> str:
    """One alternation: the patterns in order, then the keywords from the longest to the shortest."""
    alternatives = [f"(?i:{p})" for p in patterns]
    if keywords:
        ordered = _ordered(keywords)
        alternatives.append("(?:" + "|".join(keyword_regex(k) for k in ordered) + r")(?!\w)")
    if not alternatives:
        raise ValueError("a code needs at least one keyword or pattern")
    return "|".join(alternatives)


def _fast_code_source(keywords: tuple[str, ...], patterns: tuple[str, ...]) -> str:
    """:func:`_code_source` for matching at a word start of lower-cased text: the same matches,
    with each pattern behind a look-ahead for its prefixes and the keywords grouped by first
    character (each group keeps the longest-first order)."""
    alternatives = []
    for p in patterns:
        prefixes = literal_prefixes(p)
        gate = "" if prefixes is None else "(?=" + "|".join(re.escape(x) for x in sorted(prefixes)) + ")"
        alternatives.append(f"{gate}(?i:{p})")
    groups: dict[str, list[str]] = {}
    for kw in _ordered(keywords):
        groups.setdefault(kw[0], []).append(keyword_regex(kw)[len(_escape(kw[0])):])
    if groups:
        alternatives.append("(?:" + "|".join(_escape(ch) + "(?:" + "|".join(rests) + ")"
                                             for ch, rests in groups.items()) + r")(?!\w)")
    return "|".join(alternatives)


@lru_cache(maxsize=256)
def compile_code(keywords: tuple[str, ...], patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_code_source(keywords, patterns)})", re.IGNORECASE)


# Which literal text a pattern's matches start with. Only the common shapes are understood
# (``\b``, literal letters and digits, ``\d``, groups and alternations); for anything else the
# answer is None and the pattern is tried at every word start. The answers only make matching
# faster: the scan skips a pattern at word starts that cannot begin one of its matches.

_PREFIX_LEN = 3


def _skip_class(s: str, i: int) -> int:
    """Index after the character class that starts at ``s[i] == '['``."""
    j = i + 1
    if s[j:j + 1] == "^":
        j += 1
    if s[j:j + 1] == "]":
        j += 1
    while j < len(s) and s[j] != "]":
        j += 2 if s[j] == "\\" else 1
    return j + 1


def _structure(s: str, i: int = 0) -> Iterator[tuple[int, str]]:
    """``(index, character)`` of the regex ``s`` from ``i``, skipping escapes and character classes.

    Ends with ``(index, "")`` when an escape or a class runs past the end of ``s``.
    """
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            i += 2
        elif ch == "[":
            i = _skip_class(s, i)
        else:
            yield i, ch
            i += 1
    if i > len(s):
        yield i, ""


def _split_top(s: str) -> list[str] | None:
    """``s`` split at its top-level ``|`` (None if its brackets do not balance)."""
    parts, depth, start = [], 0, 0
    for i, ch in _structure(s):
        if ch == "":
            return None
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "|" and depth == 0:
            parts.append(s[start:i])
            start = i + 1
    if depth != 0:
        return None
    return [*parts, s[start:]]


def _close(s: str, i: int) -> int | None:
    """Index of the ``)`` that closes the ``(`` at ``s[i]``."""
    depth = 0
    for j, ch in _structure(s, i):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j
    return None


def literal_prefixes(pattern: str) -> frozenset[str] | None:
    """Lower-case ASCII texts (1-3 characters) one of which starts every match of ``pattern``; None if unsure.

    Examples
    --------
    >>> sorted(literal_prefixes(r"\\b(?:on\\s+hold|waited) for \\d+"))
    ['on', 'wai']
    >>> literal_prefixes(r"\\w+ment") is None
    True
    """
    parts = _split_top(pattern)
    if parts is None:
        return None
    out: set[str] = set()
    for part in parts:
        found = _sequence_prefixes(part)
        if found is None:
            return None
        out |= found
    return frozenset(out)


def _sequence_prefixes(s: str) -> frozenset[str] | None:
    i = 0
    while s.startswith(r"\b", i):
        i += 2
    if i >= len(s):
        return None
    if s[i] == "(" and (s.startswith("(?:", i) or s[i + 1:i + 2] != "?"):
        j = _close(s, i)
        if j is None or s[j + 1:j + 2] in ("?", "*", "{"):
            return None
        return literal_prefixes(s[i + (3 if s[i + 1] == "?" else 1):j])
    if s.startswith(r"\d", i):
        return None if s[i + 2:i + 3] in ("?", "*", "{") else frozenset("0123456789")
    run = ""
    while i < len(s) and len(run) < _PREFIX_LEN and s[i].isascii() and s[i].isalnum():
        after = s[i + 1:i + 2]
        if after in ("?", "*", "{"):
            break
        run += s[i].lower()
        if after == "+":
            break
        i += 1
    return frozenset([run]) if run else None


@dataclass(frozen=True)
class Matcher:
    """A codebook compiled for :func:`apply_codebook`.

    ``union`` finds every word start (a position after a non-word character)
    where some code may match; ``codes[k].match(text, p)`` then decides for
    code ``k``. The ``*_i`` variants are for texts whose lower-casing changes
    their length (and so the offsets): they match the original text
    case-insensitively.
    """

    union: re.Pattern[str] | None
    union_i: re.Pattern[str] | None
    codes: tuple[re.Pattern[str], ...]
    codes_i: tuple[re.Pattern[str], ...]
    by_first: dict[str, tuple[int, ...]]
    every: tuple[int, ...]


@lru_cache(maxsize=32)
def matcher(rules: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]) -> Matcher:
    # The union: for each first character, the rest of the keywords that start with it, and the
    # rest of the literal prefixes of the patterns that start with it, each followed by a
    # look-behind that runs the pattern from the word start (reached only if the prefix matched).
    groups: dict[str, list[str]] = {}
    ungated: list[str] = []
    firsts: list[frozenset[str] | None] = []
    for keywords, patterns in rules:
        first: set[str] | None = set()
        for kw in _ordered(keywords):
            frag, head = keyword_regex(kw), _escape(kw[0])
            groups.setdefault(kw[0], []).append(frag[len(head):] + r"(?!\w)")
            if first is not None:
                first.add(kw[0])
        for p in patterns:
            src = f"(?i:{p})"
            prefixes = literal_prefixes(p)
            if prefixes is None:
                ungated.append(src)
                first = None
                continue
            for prefix in sorted(prefixes):
                # match the rest of the prefix, then run the pattern from the word start
                rest = re.escape(prefix[1:])
                groups.setdefault(prefix[0], []).append(f"{rest}(?<=(?={src}){re.escape(prefix)})")
            if first is not None:
                first |= {prefix[0] for prefix in prefixes}
        firsts.append(None if first is None else frozenset(first))
    alternatives = [_escape(ch) + "(?:" + "|".join(dict.fromkeys(alts)) + ")" for ch, alts in sorted(groups.items())]
    alternatives += list(dict.fromkeys(ungated))
    union = r"\W(?=" + "|".join(alternatives) + ")" if alternatives else None
    sources = [_fast_code_source(keywords, patterns) for keywords, patterns in rules]
    every = tuple(range(len(rules)))
    by_first = {chr(o): tuple(k for k in every if firsts[k] is None or chr(o) in firsts[k]) for o in range(128)}
    return Matcher(
        union=re.compile(union) if union else None,
        union_i=re.compile(union, re.IGNORECASE) if union else None,
        codes=tuple(re.compile(s) for s in sources),
        codes_i=tuple(re.compile(s, re.IGNORECASE) for s in sources),
        by_first=by_first, every=every,
    )


_NON_ASCII_STARTS = re.compile(r"\W(?=[^\x00-\x7f])")


def scan(text: str, m: Matcher) -> list[tuple[int, int, int]]:
    """``(code index, start, end)`` of every match in ``text``, by start."""
    low = text.lower()
    folded = len(low) == len(text)
    if folded:
        subject, union, codes = low, m.union, m.codes
    else:
        subject, union, codes = text, m.union_i, m.codes_i
    if not subject or union is None:
        return []
    found: list[tuple[int, int, int]] = []
    free = [0] * len(codes)  # code k may match again from free[k] (matches of one code never overlap)
    starts: Iterable[int] = itertools.chain((0,), (hit.end() for hit in union.finditer(subject)))
    if not subject.isascii():  # non-ASCII word starts are checked against every code
        starts = sorted({*starts, *(hit.end() for hit in _NON_ASCII_STARTS.finditer(subject))})
    for p in starts:
        if p >= len(subject):
            break
        for k in m.by_first.get(subject[p] if folded else subject[p].lower(), m.every):
            if p >= free[k]:
                hit = codes[k].match(subject, p)
                if hit is not None and hit.end() > p:
                    found.append((k, p, hit.end()))
                    free[k] = hit.end()
    return found
