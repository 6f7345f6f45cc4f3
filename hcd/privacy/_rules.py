"""The redaction rules: what personal data looks like in free text (private to :mod:`hcd.privacy`).

Each rule is ``(kind, regex, group, strength, pre-check)``: the regex finds a
candidate, ``group`` is the part replaced (0: the whole match), ``strength``
says how much the words around vouch for a name (see :func:`name_words`), and
the pre-check rules the regex out cheaply for texts where it cannot match.
Order matters: e-mail before phone, SSN before phone, names last.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Probe", "Rule", "RULES", "ORDINARY", "NAME_PARTICLES", "name_words", "valid_phone", "WORD"]

_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATE = (rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
         rf"{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}})")
_STREET = (r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|"
           r"Place|Pl|Terrace|Ter|Circle|Cir|Highway|Hwy|Parkway|Pkwy|Trail|Trl|Square|Sq|Row|Alley|Crescent|"
           r"Loop|Pike|Plaza|Walk|Run|Ridge|Path|Point|Pass|Bend|Crossing|Heights|Hollow)")
#: A word of letters in any script, with inner apostrophes or hyphens (O'Brien, Smith-Jones).
WORD = r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*"


def _lower_class() -> str:
    """A character class of the lower-case letters of the Basic Multilingual Plane, as ranges."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if chr(code).islower():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


_PARTICLES = "de|del|della|der|di|da|das|dos|du|la|le|van|von|bin|ibn|al|el|st"
#: A further word of a name: one that does not start in lower case ("Dana Whitfield", not "Patel and"),
#: after up to two particles ("Caoimhe de la Cruz").
NEXT_WORD = rf"(?:(?:{_PARTICLES})\s+){{0,2}}(?![{_lower_class()}]){WORD}"
_CAP_WORD = r"[A-Z][a-zA-Z'\-]+"  # street names: ASCII is enough for the US addresses it looks for
_CASE_KEYWORDS = (r"(?:case|claim|application|confirmation|reference|ref|account|ticket|member|"
                  r"client|customer|file|tracking|appeal|docket|policy|registration|id)")
#: Lower-case words that may stand inside a name (de la Cruz, van der Berg, bin Laden).
NAME_PARTICLES = frozenset(_PARTICLES.split("|"))
#: A name after a title: an optional initial or particles, then one or two words (Ó Súilleabháin, de la Cruz).
_TITLED = rf"((?:(?:{_PARTICLES})\s+){{0,2}}{WORD}(?:\.?\s+{NEXT_WORD}){{0,2}})"

#: Ordinary words that follow "I am", "this is", "my name is" or a title but are not names:
#: function words, and words people write capitalised or in capitals for emphasis.
ORDINARY = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can cannot could did do does doing done down during each even ever every few for from
further get gets getting got had has have having he her here hers herself him himself his how however i if in
into is it its itself just let like many may me might more most much must my myself neither never no nor not
now of off often on once one only or other our ours ourselves out over own please quite rather really same
she should since so some still such than that the their theirs them themselves then there these they this
those though through to too under until up upon us very was we well were what whatever when where whether
which while who whom whose why will with within without would yes yet you your yours yourself yourselves
mr mrs ms miss dr sir madam
sure sorry certain aware afraid unable able glad happy unhappy sad tired sick ill disabled unemployed employed
homeless pregnant retired elderly old young poor broke desperate frustrated angry upset confused concerned
worried scared disappointed disgusted shocked appalled outraged furious helpless hopeless stressed
innocent responsible liable eligible ineligible entitled owed due late current past new writing filing
submitting requesting asking disputing reporting contacting calling reaching following trying attempting
seeking waiting still again also now here there currently formally officially hereby respectfully kindly
fraud fraudulent scam theft identity victim wrong incorrect inaccurate false illegal unlawful unfair
unacceptable ridiculous outrageous absurd insane crazy unbelievable serious urgent important critical
done finished over correct right true real legit legitimate official final free clear complete
account accounts report reports debt debts loan loans card cards bank banks company companies creditor
creditors collector collectors general generals agency agencies office department state county federal
government program
unemployment medicaid snap benefits insurance services service human health workforce community action
network center center bureau administration commission court consumer customer client member
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december
""".split())


@dataclass(frozen=True)
class Probe:
    """Cheap facts about a text that rule patterns out before they scan it."""

    text: str
    low: str
    digit: bool
    digits3: bool


@dataclass(frozen=True)
class Rule:
    """One redaction rule (see the module docstring)."""

    kind: str
    regex: re.Pattern[str]
    group: int
    check: Callable[[Probe], bool] | None
    strength: str = ""  # names only: "title", "strong", "weak", "lower", "signature"


def _rule(kind: str, pattern: str, group: int, check: Callable[[Probe], bool] | None,
          strength: str = "", flags: int = 0) -> Rule:
    return Rule(kind, re.compile(pattern, flags), group, check, strength)


_PHONE_WORDS = r"(?i:\b(?:call|phone|text|cell|mobile|tel|number|reach me|whatsapp)\b[^\d\n]{0,15})"
_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sra|Srta|Mme|Mlle|Herr|Frau)"

RULES: tuple[Rule, ...] = (
    _rule("EMAIL", r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b", 0, lambda p: "@" in p.text),
    # every 3-2-4 number, with hyphens, spaces or dots: SSNs, and ITINs (9xx), which identify people just as well
    _rule("SSN", r"(?<![\w.\-])\d{3}([- .])\d{2}\1\d{4}(?![\w\-]|\.\d)", 0, lambda p: p.digits3),
    _rule("SSN", r"(?i:\b(?:ssn|social security(?: number)?|social|itin|tax id)\b[^\d\n]{0,20})"
                 r"(\d{9}|\d{3}[- .]?\d{2}[- .]?\d{4})\b", 1,
          lambda p: p.digit and any(t in p.low for t in ("ssn", "social", "itin", "tax id"))),
    # international: + or 00, a country code, then groups (E.164 allows up to 15 digits)
    _rule("PHONE", r"(?<![\w+])(?:\+|\b00)[1-9]\d{0,2}(?:[\s.\-]?\(?\d{1,5}\)?){1,6}(?![\w])", 0,
          lambda p: p.digit and ("+" in p.text or "00" in p.text)),
    _rule("PHONE", r"(?<![\w-])(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.\-])\d{3}[\s.\-]\d{4}\b", 0,
          lambda p: p.digits3),
    _rule("PHONE", _PHONE_WORDS + r"(\d{10})\b", 1, lambda p: p.digits3),
    # a local number without area code, when the words around say it is one
    _rule("PHONE", _PHONE_WORDS + r"(\d{3}[\s.\-]\d{4})\b", 1, lambda p: p.digits3),
    _rule("DOB", rf"(?i:\b(?:date of birth|d\.?o\.?b\.?|birth ?date|birthday|born(?: on)?)\b"
                 rf"[^\d\n]{{0,25}}?)({_DATE})", 1,
          lambda p: p.digit and any(t in p.low for t in ("birth", "born", "dob", "d.o.b"))),
    _rule("CASE_ID", rf"(?i:\b{_CASE_KEYWORDS}\s*(?:number|no\.?|num|id|#)?\s*(?:is|was|:|#)?\s*#?\s*)"
                     r"((?=[A-Z0-9\-]*\d)[A-Z0-9][A-Z0-9\-]{3,})\b", 1, lambda p: p.digit),
    # an agency-style number (UI-2026-048213, SN-77120), but not a form number ("form HUD-90041")
    _rule("CASE_ID", r"(?<![Ff]orm )(?<!FORM )(?:\b[A-Z]{2,4}-\d{4}-\d{3,}\b|\b[A-Z]{2,4}-\d{5,}\b)", 0,
          lambda p: p.digits3 and "-" in p.text),
    _rule("ADDRESS", rf"\b\d{{1,6}}\s+(?:[NSEW]\.?\s+|(?:North|South|East|West)\s+)?"
                     rf"(?:{_CAP_WORD}\s+){{1,3}}{_STREET}\b\.?"
                     r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|#)\.?\s*#?\w+)?", 0, lambda p: p.digit),
    _rule("ADDRESS", r"(?i:\b(?:P\.?\s?O\.?\s+Box)\s+\d+)", 0, lambda p: p.digit and "box" in p.low),
    _rule("NAME", rf"\b{_TITLES}\.?\s+{_TITLED}", 1,
          lambda p: any(t in p.text for t in ("Mr", "Ms", "Miss", "Mx", "Dr", "Prof", "Sr", "Mme", "Mlle", "Herr",
                                              "Frau")), "title"),
    _rule("NAME", rf"(?i:\b(?:my name is|my name's|my name was|name is|i am called|they call me)\s+)"
                  rf"({WORD}(?:\s+{NEXT_WORD}){{0,2}})", 1, lambda p: "name" in p.low or "call" in p.low, "strong"),
    _rule("NAME", rf"(?i:\b(?:this is|call me|i'm|i’m|i am)\s+)({WORD}(?:\s+{NEXT_WORD}){{0,2}})", 1,
          lambda p: any(t in p.low for t in ("this is", "call me", "i am", "i'm", "i’m")), "weak"),
    # "my name is maria gonzalez." in transcripts typed in lower case: only where the name ends the clause
    _rule("NAME", r"(?i:\bmy name(?: is|'s)\s+)([a-z][a-z'\-]+(?:\s+[a-z][a-z'\-]+)?)(?=\s*(?:[,.;!?]|$|\band i\b))",
          1, lambda p: "my name" in p.low, "lower"),
    _rule("NAME", rf"(?i:\b(?:my|his|her|our|their|the)\s+(?:wife|husband|partner|son|daughter|mother|father|mom|dad|"
                  rf"brother|sister|aunt|uncle|grandmother|grandfather|grandson|granddaughter|caseworker|case worker|"
                  rf"case manager|worker|navigator|counselor|counsellor|landlord|boss|supervisor|friend|neighbor|"
                  rf"neighbour|agent|representative|rep|advocate|attorney|lawyer)\s*,?\s+)"
                  rf"({WORD}(?:\s+{NEXT_WORD}){{0,2}})", 1,
          lambda p: any(t in p.low for t in ("my ", "his ", "her ", "our ", "their ", "the ")), "weak"),
    _rule("NAME", rf"(?i:\b(?:sincerely|regards|best regards|kind regards|thank you|thanks|respectfully|cheers)"
                  rf"\s*,\s*\n?\s*)({WORD}(?:\s+{NEXT_WORD}){{0,2}})\s*$", 1,
          lambda p: any(t in p.low for t in ("sincerely", "regards", "thank", "respectfully", "cheers")), "signature"),
)


def _mask(word: str) -> bool:
    """A CFPB-style mask (``XXXX``): already redacted."""
    return len(word) >= 2 and set(word.upper()) == {"X"}


def name_words(value: str, strength: str) -> str:
    """The leading words of ``value`` that read as a name, given how strongly the cue vouches for one.

    Title-case words (any script) are names; words in capitals only after a
    strong cue (a title, "my name is", a signature); ordinary words (``not``,
    ``fraud``, ``writing``), CFPB masks and words with digits end the name. After
    a weak cue ("I am", "this is") a word ending in -ing is not a name either.

    Examples
    --------
    >>> name_words("Núñez Gómez", "title"), name_words("NOT MY ACCOUNT", "weak"), name_words("FRAUD", "strong")
    ('Núñez Gómez', '', '')
    >>> name_words("Dana Whitfield and", "weak"), name_words("Writing To", "weak"), name_words("XXXX XXXX", "strong")
    ('Dana Whitfield', '', '')
    """
    kept: list[str] = []
    for word in value.split():
        low = word.lower().strip("'’.")
        if low in NAME_PARTICLES and kept:
            kept.append(word)
            continue
        if low in NAME_PARTICLES and not kept and strength == "title":
            kept.append(word)
            continue
        if low in ORDINARY or _mask(word) or any(ch.isdigit() for ch in word):
            break
        if strength == "lower":
            kept.append(word)
            continue
        if not word[0].isupper():
            break
        if len(word) > 1 and word.isupper() and strength not in ("title", "strong", "signature"):
            break
        if not kept and strength == "weak" and low.endswith(("ing", "ed")) and len(low) > 5:
            break
        if word.endswith(".") and len(word) > 2:  # "Okafor. She": the sentence ends with the name
            kept.append(word.rstrip("."))
            break
        kept.append(word)
    while kept and kept[-1].lower() in NAME_PARTICLES:
        kept.pop()
    return " ".join(kept)


def valid_phone(number: str) -> bool:
    """An international number has 8 to 15 digits (E.164).

    >>> valid_phone("+44 20 7946 0958"), valid_phone("+1 2")
    (True, False)
    """
    digits = sum(ch.isdigit() for ch in number)
    return 8 <= digits <= 15
