"""The :class:`Redactor`: personal data in free text replaced by typed placeholders."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from hcd.privacy._rules import NAME_PARTICLES, ORDINARY, RULES, Probe, Rule, name_words, trie, valid_phone

__all__ = ["Redactor", "PLACEHOLDERS", "find_personal_data"]

#: Placeholders used, by kind.
PLACEHOLDERS = {
    "EMAIL": "[EMAIL]", "SSN": "[SSN]", "PHONE": "[PHONE]", "DOB": "[DOB]",
    "ADDRESS": "[ADDRESS]", "CASE_ID": "[CASE_ID]", "NAME": "[NAME]",
}

_TOKEN = re.compile(r"\S+")
_WORDS = re.compile(r"(?<![\w\[])[^\W\d_][\w'’\-]*(?![\w\]])")


def _known_pattern(names: Iterable[str], ignore_case: bool) -> re.Pattern[str] | None:
    """One regex for known names and their parts (three or more letters, not ordinary words)."""
    parts: set[str] = set()
    for name in names:
        parts.add(name)
        parts.update(w for w in re.split(r"\s+", name)
                     if len(w) >= 3 and w.lower() not in ORDINARY and w.lower() not in NAME_PARTICLES)
    if not parts:
        return None
    alts = "|".join(re.escape(p) for p in sorted(parts, key=lambda s: (-len(s), s)))
    return re.compile(rf"(?<![\w\[])(?:{alts})(?![\w\]])", re.IGNORECASE if ignore_case else 0)


@dataclass(frozen=True)
class Redactor:
    """Replace personal data in text with typed placeholders.

    Parameters
    ----------
    names : iterable of str
        Known names (participants, staff, people named in notes, the sprint's
        ``privacy.names``). Each full name and each of its parts of three or
        more letters is redacted, whatever its case.
    patterns : mapping of str to str
        Extra ``LABEL: regex`` patterns; matches become ``[LABEL]``.
    enabled : bool
        If false, :meth:`redact` returns text unchanged (for trusted, already
        de-identified data only).
    learned : iterable of str
        Names found by :meth:`learn` in an introduction or signature elsewhere in
        the same file; redacted as written (and in capitals), not in lower case,
        since a learned "Mark" must not take "question mark" with it.

    Examples
    --------
    >>> r = Redactor(names=["Dana Whitfield"])
    >>> r.redact("I'm Dana Whitfield, email dana.w@example.com, call (555) 010-4477.")
    "I'm [NAME], email [EMAIL], call [PHONE]."
    >>> r.redact("My claim number UI-2026-048213 was lost; Ms. Okafor helped.")
    'My claim number [CASE_ID] was lost; Ms. [NAME] helped.'
    >>> Redactor().redact("THIS IS NOT MY ACCOUNT and this is FRAUD; Mr. Ó Súilleabháin agreed.")
    'THIS IS NOT MY ACCOUNT and this is FRAUD; Mr. [NAME] agreed.'
    >>> Redactor().learn(["Hi, I'm Sarah Lindqvist from the research team."]).redact("Thanks, Sarah.")
    'Thanks, [NAME].'
    """

    names: tuple[str, ...] = ()
    patterns: Mapping[str, str] = field(default_factory=dict)
    enabled: bool = True
    learned: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(sorted({n.strip() for n in self.names if n and n.strip()})))
        object.__setattr__(self, "learned", tuple(sorted({n.strip() for n in self.learned if n and n.strip()})))
        # the sprint's own patterns first: they are more specific than the built-in ones
        rules = [Rule(label.upper(), re.compile(p), 0, None) for label, p in sorted(self.patterns.items())]
        object.__setattr__(self, "_rules", (*rules, *RULES))
        object.__setattr__(self, "_known", _known_pattern(self.names, ignore_case=True))
        # learned names can be thousands (one per complaint that introduces its writer): a set of words
        # looked up word by word, not one alternation the regex engine would try at every position
        words = {w for n in self.learned for w in re.split(r"\s+", n) if len(w) >= 3}
        object.__setattr__(self, "_learned", frozenset(words | {w.upper() for w in words}))
        # most texts hold none of them: one quick look for any of them first (a superset of the words)
        object.__setattr__(self, "_learned_any", learned_words_pattern(self._learned))

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        """Pickled as its settings (worker processes rebuild the compiled rules)."""
        return (Redactor, (self.names, dict(self.patterns), self.enabled, self.learned))

    @property
    def learned_words(self) -> frozenset[str]:
        """The words of the learned names that are redacted (three letters or more, as written and in capitals)."""
        return self._learned

    def with_names(self, names: Iterable[str]) -> Redactor:
        """A copy that also redacts ``names``."""
        return Redactor(names=(*self.names, *names), patterns=self.patterns, enabled=self.enabled,
                        learned=self.learned)

    def learn(self, texts: Iterable[str]) -> Redactor:
        """A copy that also redacts, everywhere, the names that ``texts`` introduce.

        Call it with every text of one file (an interview, a complaints export)
        before redacting them: the interviewer who says "I'm Sarah" in the first
        turn is then "[NAME]" in the last turn too.
        """
        if not self.enabled:
            return self
        return self.with_learned(self.names_in_all(texts))

    def names_in_all(self, texts: Iterable[str]) -> set[str]:
        """The names the name rules find in any of ``texts`` (blank and non-text items skipped)."""
        return {n for text in texts if isinstance(text, str) and text for n in self.names_in(text)}

    def with_learned(self, names: Iterable[str]) -> Redactor:
        """A copy that also redacts ``names`` as learned names (see ``learned``)."""
        new = set(names) - set(self.learned)
        if not new:
            return self
        return Redactor(names=self.names, patterns=self.patterns, enabled=self.enabled,
                        learned=(*self.learned, *new))

    def names_in(self, text: str) -> list[str]:
        """The names the name rules find in ``text`` (for :meth:`learn`)."""
        return self._names_in(text, Probe(text))

    def redact_and_name(self, text: str) -> tuple[str, list[str]]:
        """``(self.redact(text), self.names_in(text))``, in one look at the text (the gates' facts serve both)."""
        if not isinstance(text, str) or not text:
            return text, []
        probe = Probe(text)
        return _redact(self, text, probe=probe), self._names_in(text, probe)

    def _names_in(self, text: str, probe: Probe, gated: bool = True) -> list[str]:
        found = []
        for rule in self._rules:
            if rule.kind != "NAME" or rule.strength == "lower" or (gated and rule.check and not rule.check(probe)):
                continue
            for m in rule.regex.finditer(text):
                words = name_words(m.group(rule.group), rule.strength)
                found += [w.strip(".") for w in words.split() if len(w.strip(".")) >= 3
                          and w.lower() not in NAME_PARTICLES]
        return found

    def redact(self, text: str) -> str:
        """Return ``text`` with personal data replaced by placeholders."""
        return _redact(self, text)

    def redact_frame(self, frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
        """A copy of ``frame`` with ``columns`` redacted (the input is not changed)."""
        out = frame.copy()
        for col in columns:
            if col in out.columns:
                out[col] = [self.redact(v) if isinstance(v, str) else v for v in out[col]]
        return out


def learned_words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """A regex that finds any of ``words`` (as substrings), or None for no words."""
    words = sorted(set(words))
    return re.compile(trie(words)) if words else None


def _redact(redactor: Redactor, text: str, gated: bool = True, probe: Probe | None = None) -> str:
    """:meth:`Redactor.redact`; ``gated=False`` runs every rule on every text (the gates only skip work)."""
    if not redactor.enabled or not isinstance(text, str) or not text:
        return text
    names_done = False
    for rule in redactor._rules:
        if rule.kind == "NAME" and not names_done:  # known names after e-mails, before the name rules
            names_done = True
            if redactor._known is not None:
                text = redactor._known.sub(PLACEHOLDERS["NAME"], text)
            text = _learned_names(redactor, text, gated)
        if rule.check is not None and gated:
            if probe is None or probe.text is not text:
                probe = Probe(text)
            if not rule.check(probe):
                continue
        text = _sub(rule, text)
    return text


def _learned_names(redactor: Redactor, text: str, gated: bool) -> str:
    learned = redactor._learned
    if not learned or (gated and redactor._learned_any.search(text) is None):
        return text
    return _WORDS.sub(lambda m: PLACEHOLDERS["NAME"] if m.group() in learned else m.group(), text)


def _sub(rule: Rule, text: str) -> str:
    placeholder = PLACEHOLDERS.get(rule.kind, f"[{rule.kind}]")

    def repl(m: re.Match[str]) -> str:
        if rule.kind == "PHONE" and rule.group == 0 and m.group(0).startswith(("+", "00")) \
                and not valid_phone(m.group(0)):
            return m.group(0)
        if rule.group == 0:
            return placeholder
        value = m.group(rule.group)
        start = m.start(rule.group) - m.start(0)
        end = start + len(value)
        if rule.kind == "NAME":
            kept = name_words(value, rule.strength)
            if not kept:
                return m.group(0)
            words = kept.split()
            last = list(_TOKEN.finditer(value))[len(words) - 1]
            end = start + last.start() + len(words[-1])
        whole = m.group(0)
        return whole[:start] + placeholder + whole[end:]

    return rule.regex.sub(repl, text)


def find_personal_data(texts: Iterable[str], needles: Iterable[str]) -> list[tuple[int, str]]:
    """Which of ``needles`` (known personal data) still occur in ``texts``.

    Returns ``(index of text, needle)`` pairs; an empty list means clean.

    Examples
    --------
    >>> find_personal_data(["call [PHONE]", "555-010-2291"], ["555-010-2291"])
    [(1, '555-010-2291')]
    """
    needles = [n for n in needles if n]
    hits = []
    for i, t in enumerate(texts):
        low = t.lower()
        hits.extend((i, n) for n in needles if n.lower() in low)
    return hits
