"""Redaction of personal data before any text reaches themes, journeys or reports.

:class:`Redactor` replaces emails, phone numbers, SSNs, dates of birth,
street addresses, case/claim numbers and people's names with typed
placeholders (``[EMAIL]``, ``[PHONE]``, ``[SSN]``, ``[DOB]``, ``[ADDRESS]``,
``[CASE_ID]``, ``[NAME]``). Names come from interview front matter, a
per-sprint list, and patterns in free text (self-introductions, titles such as
Ms./Dr., signatures). Everything runs locally with regular expressions; no
network service is involved. CFPB ``XXXX`` masks count as already redacted.

Examples
--------
>>> r = Redactor(names=["Dana Whitfield"])
>>> r.redact("I'm Dana Whitfield, email dana.w@example.com, call (555) 010-4477.")
"I'm [NAME], email [EMAIL], call [PHONE]."
>>> r.redact("My claim number UI-2026-048213 was lost; Ms. Okafor helped.")
'My claim number [CASE_ID] was lost; Ms. [NAME] helped.'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["Redactor", "PLACEHOLDERS", "find_personal_data"]

_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATE = (rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
         rf"{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}})")
_STREET = (r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|"
           r"Place|Pl|Terrace|Ter|Circle|Cir|Highway|Hwy|Parkway|Pkwy|Trail|Trl|Square|Sq|Row|Alley|Crescent|"
           r"Loop|Pike|Plaza|Walk|Run|Ridge|Path|Point|Pass|Bend|Crossing|Heights|Hollow)")
_NAME_WORD = r"[A-Z][a-zA-Z'\-]+"
_CASE_KEYWORDS = (r"(?:case|claim|application|confirmation|reference|ref|account|ticket|member|"
                  r"client|customer|file|tracking|appeal|docket|policy|registration|id)")

#: Placeholders used, by kind.
PLACEHOLDERS = {
    "EMAIL": "[EMAIL]", "SSN": "[SSN]", "PHONE": "[PHONE]", "DOB": "[DOB]",
    "ADDRESS": "[ADDRESS]", "CASE_ID": "[CASE_ID]", "NAME": "[NAME]",
}

_DIGIT = re.compile(r"\d")
_DIGITS3 = re.compile(r"\d{3}")


@dataclass(frozen=True)
class _Probe:
    """Cheap facts about a text that rule patterns out before they scan it."""

    text: str
    low: str
    digit: bool
    digits3: bool


# (kind, pattern, group to replace or 0 for the whole match, pre-check). Order matters.
# The pre-check rules a pattern out cheaply: it only scans a text where it can match.
_BUILTIN: tuple[tuple[str, str, int, Callable[[_Probe], bool]], ...] = (
    ("EMAIL", r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b", 0,
     lambda p: "@" in p.text),
    # every 3-2-4 number: SSNs, and ITINs (9xx) which identify people just as well
    ("SSN", r"\b\d{3}[- ]\d{2}[- ]\d{4}\b", 0,
     lambda p: p.digits3),
    ("SSN", r"(?i:\b(?:ssn|social security(?: number)?|social)\b[^\d\n]{0,20})(\d{9}|\d{3}[- ]?\d{2}[- ]?\d{4})\b", 1,
     lambda p: p.digit and ("ssn" in p.low or "social" in p.low)),
    ("PHONE", r"(?<![\w-])(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.\-])\d{3}[\s.\-]\d{4}\b", 0,
     lambda p: p.digits3),
    ("PHONE", r"(?i:\b(?:call|phone|text|cell|mobile|tel|number|reach me)\b[^\d\n]{0,15})(\d{10})\b", 1,
     lambda p: p.digits3),
    # a local number without area code, when the words around say it is one
    ("PHONE", r"(?i:\b(?:call|phone|text|cell|mobile|tel|number|reach me)\b[^\d\n]{0,15})(\d{3}[\s.\-]\d{4})\b", 1,
     lambda p: p.digits3),
    ("DOB", rf"(?i:\b(?:date of birth|d\.?o\.?b\.?|birth ?date|birthday|born(?: on)?)\b"
            rf"\s*(?:is|was|:)?\s*)({_DATE})", 1,
     lambda p: p.digit and any(t in p.low for t in ("birth", "born", "dob", "d.o.b"))),
    ("CASE_ID", rf"(?i:\b{_CASE_KEYWORDS}\s*(?:number|no\.?|num|id|#)?\s*(?:is|was|:|#)?\s*#?\s*)"
                r"((?=[A-Z0-9\-]*\d)[A-Z0-9][A-Z0-9\-]{3,})\b", 1,
     lambda p: p.digit),
    ("CASE_ID", r"\b[A-Z]{2,4}-\d{4}-\d{3,}\b|\b[A-Z]{2,4}-\d{5,}\b", 0,
     lambda p: p.digits3 and "-" in p.text),
    ("ADDRESS", rf"\b\d{{1,6}}\s+(?:[NSEW]\.?\s+|(?:North|South|East|West)\s+)?"
                rf"(?:{_NAME_WORD}\s+){{1,3}}{_STREET}\b\.?"
                r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|#)\.?\s*#?\w+)?", 0,
     lambda p: p.digit),
    ("ADDRESS", r"(?i:\b(?:P\.?\s?O\.?\s+Box)\s+\d+)", 0,
     lambda p: p.digit and "box" in p.low),
    ("NAME", rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+((?:{_NAME_WORD})(?:\s+{_NAME_WORD})?)", 1,
     lambda p: any(t in p.text for t in ("Mr", "Ms", "Miss", "Mx", "Dr", "Prof"))),
    ("NAME", rf"(?i:\b(?:my name is|my name's|name is|this is|i am called|call me|i'm|i am)\s+)"
             rf"((?:{_NAME_WORD})(?:\s+{_NAME_WORD}){{0,2}})", 1,
     lambda p: any(t in p.low for t in ("name", "this is", "call me", "i am", "i'm"))),
    ("NAME", r"(?i:\bmy name(?: is|'s)\s+)([a-z][a-z'\-]+(?:\s+[a-z][a-z'\-]+)?)", 1,
     lambda p: "my name" in p.low),
    ("NAME", rf"(?i:\b(?:my|his|her|our|their|the)\s+(?:wife|husband|partner|son|daughter|mother|father|mom|dad|"
             rf"brother|sister|aunt|uncle|grandmother|grandfather|caseworker|case worker|worker|landlord|"
             rf"boss|friend|neighbor|neighbour)\s*,?\s+)((?:{_NAME_WORD})(?:\s+{_NAME_WORD})?)", 1,
     lambda p: any(t in p.low for t in ("my ", "his ", "her ", "our ", "their ", "the "))),
    ("NAME", rf"(?i:\b(?:sincerely|regards|best regards|thank you|thanks|respectfully)\s*,\s*\n?\s*)"
             rf"((?:{_NAME_WORD})(?:\s+{_NAME_WORD}){{0,2}})\s*$", 1,
     lambda p: any(t in p.low for t in ("sincerely", "regards", "thank", "respectfully"))),
)


# Capitalised words that follow "this is" / "call me" etc. but are not names.
_NOT_NAMES = frozenset("""
The A An My Our It This That Not Very So Just What Why How Unemployment Medicaid Snap SNAP
State County Department Office Agency Federal Insurance Benefits Services Service Human Health
Workforce Community Action Network Monday Tuesday Wednesday Thursday Friday Saturday Sunday
January February March April May June July August September October November December
""".split())


@dataclass(frozen=True)
class Redactor:
    """Replace personal data in text with typed placeholders.

    Parameters
    ----------
    names : iterable of str
        Known names (participants, staff, people named in notes). Each full
        name and each of its parts of three or more letters is redacted.
    patterns : mapping of str to str
        Extra ``LABEL: regex`` patterns; matches become ``[LABEL]``.
    enabled : bool
        If false, :meth:`redact` returns text unchanged (for trusted, already
        de-identified data only).
    """

    names: tuple[str, ...] = ()
    patterns: Mapping[str, str] = field(default_factory=dict)
    enabled: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(sorted({n.strip() for n in self.names if n and n.strip()})))
        # the sprint's own patterns first: they are more specific than the built-in ones
        compiled = [(label.upper(), re.compile(p), 0, None) for label, p in sorted(self.patterns.items())]
        compiled += [(kind, re.compile(p), g, check)
                     for kind, p, g, check in _BUILTIN]
        object.__setattr__(self, "_compiled", compiled)
        parts: set[str] = set()
        for name in self.names:
            parts.add(name)
            parts.update(w for w in re.split(r"\s+", name) if len(w) >= 3 and w not in _NOT_NAMES)
        if parts:
            alts = "|".join(re.escape(p) for p in sorted(parts, key=lambda s: (-len(s), s)))
            object.__setattr__(self, "_known", re.compile(rf"(?<![\w\[])(?:{alts})(?![\w\]])"))
        else:
            object.__setattr__(self, "_known", None)

    def with_names(self, names: Iterable[str]) -> Redactor:
        """A copy that also redacts ``names``."""
        return Redactor(names=(*self.names, *names), patterns=self.patterns, enabled=self.enabled)

    def redact(self, text: str) -> str:
        """Return ``text`` with personal data replaced by placeholders."""
        if not self.enabled or not isinstance(text, str) or not text:
            return text
        if self._known is not None:
            text = self._known.sub(PLACEHOLDERS["NAME"], text)
        probe = None
        for kind, rx, group, check in self._compiled:
            if check is not None:
                if probe is None or probe.text is not text:
                    probe = _Probe(text, text.lower(), bool(_DIGIT.search(text)), bool(_DIGITS3.search(text)))
                if not check(probe):
                    continue
            text = _sub(rx, kind, group, text)
        return text

    def redact_frame(self, frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
        """A copy of ``frame`` with ``columns`` redacted (the input is not changed)."""
        out = frame.copy()
        for col in columns:
            if col in out.columns:
                out[col] = [self.redact(v) if isinstance(v, str) else v for v in out[col]]
        return out


def _sub(rx: re.Pattern[str], kind: str, group: int, text: str) -> str:
    placeholder = PLACEHOLDERS.get(kind, f"[{kind}]")

    def repl(m: re.Match[str]) -> str:
        if group == 0:
            return placeholder
        value = m.group(group)
        if kind == "NAME":
            words = value.split()
            while words and words[-1] in _NOT_NAMES:
                words.pop()
            if not words or words[0] in _NOT_NAMES:
                return m.group(0)
            value = " ".join(words)
        start = m.start(group) - m.start(0)
        whole = m.group(0)
        return whole[:start] + placeholder + whole[start + len(value):]

    return rx.sub(repl, text)


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
