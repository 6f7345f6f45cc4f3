"""The redaction rules: what personal data looks like in free text (private to :mod:`hcd.privacy`).

Each rule is ``(kind, regex, group, strength, pre-check)``: the regex finds a
candidate, ``group`` is the part replaced (0: the whole match), ``strength``
says how much the words around vouch for a name (see :func:`name_words`), and
the pre-check rules the regex out cheaply for texts where it cannot match.
Order matters: e-mail before phone, SSN before phone, names last.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = ["Probe", "Rule", "RULES", "ORDINARY", "NAME_PARTICLES", "name_words", "valid_phone", "WORD", "trie"]

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
_CASE_WORDS = ("case", "claim", "application", "confirmation", "reference", "ref", "account", "ticket", "member",
               "client", "customer", "file", "tracking", "appeal", "docket", "policy", "registration", "id")
_CASE_KEYWORDS = f"(?:{'|'.join(_CASE_WORDS)})"
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


#: ``\s`` and ``\w`` on ASCII text.
_S = r"[ \t\n\r\f\v\x1c-\x1f]"
_W = r"[A-Za-z0-9_]"
#: A digit, a capital: a pattern that starts with one of these classes is searched for with a bitmap of the
#: characters it may start with (the engine uses one for three or more runs of characters, hence NUL and STX,
#: which the readers have already removed from every text).
_DIGIT_AT = r"[\x00\x020-9]"
_CAPITAL_AT = r"[\x00\x02A-Z]"
#: Runs of digits with what joins them in numbers (spaces, dots, hyphens, brackets, slashes, a plus).
_NUMBERS = re.compile(rf"[0-9+(\-](?:[0-9.\-()/+]|{_S})*")


class Probe:
    """Cheap facts about a text, each computed when a gate first asks for it.

    The gates read ASCII text only, where ``\\d``, ``\\s``, ``\\w``, capitals and
    case-insensitive matching are what they look like; any other text passes
    every gate and meets every regex.
    """

    __slots__ = ("_backwards", "_digit", "_low", "_low_backwards", "_numbers", "ascii", "memo", "text")

    def __init__(self, text: str):
        self.text = text
        self.ascii = text.isascii()
        self.memo: dict[object, bool] = {}
        self._low = self._numbers = self._backwards = self._low_backwards = self._digit = None

    @property
    def low(self) -> str:
        if self._low is None:
            self._low = self.text.lower()
        return self._low

    @property
    def backwards(self) -> str:
        if self._backwards is None:
            self._backwards = self.text[::-1]
        return self._backwards

    @property
    def low_backwards(self) -> str:
        if self._low_backwards is None:
            self._low_backwards = self.low[::-1]
        return self._low_backwards

    @property
    def numbers(self) -> str:
        """The text's numbers (see ``_NUMBERS``), joined by a character none of them holds."""
        if self._numbers is None:
            self._numbers = "|".join(_NUMBERS.findall(self.text))
        return self._numbers

    @property
    def digit(self) -> bool:
        if self._digit is None:
            self._digit = any(c.isdigit() for c in self.numbers)
        return self._digit


@dataclass(frozen=True)
class Rule:
    """One redaction rule (see the module docstring)."""

    kind: str
    regex: re.Pattern[str]
    group: int
    check: Callable[[Probe], bool] | None  # the gate: False when the regex cannot change the text
    strength: str = ""  # names only: "title", "strong", "weak", "lower", "signature"


def _rule(kind: str, pattern: str, group: int, check: Callable[[Probe], bool] | None,
          strength: str = "", flags: int = 0) -> Rule:
    return Rule(kind, re.compile(pattern, flags), group, check, strength)


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in words)


def trie(words: Iterable[str]) -> str:
    """One regex for ``words`` that decides at each character (``call|cell`` -> ``c(?:all|ell)``)."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(tree)


def _gate(*tests: Callable[[Probe], bool]) -> Callable[[Probe], bool]:
    """A gate: every test holds for an ASCII text; any other text passes."""
    if len(tests) == 1:
        (first,) = tests
        return lambda p: not p.ascii or first(p)
    first, *rest = tests
    return lambda p: not p.ascii or (first(p) and all(test(p) for test in rest))


def _numbers(pattern: str) -> Callable[[Probe], bool]:
    """A test: the text's numbers hold ``pattern`` (digits and the characters that join them only)."""
    regex = re.compile(pattern)
    return lambda p: regex.search(p.numbers) is not None


def _words(words: Iterable[str]) -> Callable[[Probe], bool]:
    """A test: the lower-cased text holds one of ``words``."""
    regex = re.compile(trie(words))
    return lambda p: regex.search(p.low) is not None


def _search(pattern: str, field: str = "text") -> Callable[[Probe], bool]:
    """A test: ``pattern`` is found in the probe's ``field``."""
    regex = re.compile(pattern)
    return lambda p: regex.search(getattr(p, field)) is not None


def _shared(test: Callable[[Probe], bool]) -> Callable[[Probe], bool]:
    """``test``, computed once per probe however many gates ask for it."""
    key = object()

    def run(p: Probe) -> bool:
        if key not in p.memo:
            p.memo[key] = test(p)
        return p.memo[key]

    return run


def _capital_after(cues: Iterable[str], before: Iterable[str] = ()) -> Callable[[Probe], bool]:
    """A test: one of the ``cues`` (after one of the words ``before``, if given) starts a word and is followed,
    after spaces and commas, by a capital letter, as a name after that cue must be (:func:`name_words`).
    Looked for backwards, from the capitals, which are few."""
    prior = rf"{_S}+(?i:{trie(w[::-1] for w in before)})" if before else ""
    return _search(rf"{_CAPITAL_AT}(?:{_S}|,)*(?i:{trie(c[::-1] for c in cues)}){prior}(?!{_W})", "backwards")


_DIGIT = lambda p: p.digit  # noqa: E731
_PHONE_CUES = ("call", "phone", "text", "cell", "mobile", "tel", "number", "reach me", "whatsapp")
_PHONE_WORDS = rf"(?i:\b(?:{_alternatives(_PHONE_CUES)})\b[^\d\n]{{0,15}})"
_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sra", "Srta", "Mme", "Mlle", "Herr", "Frau")
_STRONG_CUES = ("my name is", "my name's", "my name was", "name is", "i am called", "they call me")
_WEAK_CUES = ("this is", "call me", "i'm", "i’m", "i am")
_POSSESSIVES = ("my", "his", "her", "our", "their", "the")
_RELATIONS = ("wife", "husband", "partner", "son", "daughter", "mother", "father", "mom", "dad", "brother", "sister",
              "aunt", "uncle", "grandmother", "grandfather", "grandson", "granddaughter", "caseworker", "case worker",
              "case manager", "worker", "navigator", "counselor", "counsellor", "landlord", "boss", "supervisor",
              "friend", "neighbor", "neighbour", "agent", "representative", "rep", "advocate", "attorney", "lawyer")
_SIGN_OFFS = ("sincerely", "regards", "best regards", "kind regards", "thank you", "thanks", "respectfully", "cheers")
_LETTER = re.compile(r"[^\W\d_]")
#: Any name cue followed by a capital: most texts have none, and then no name gate looks further.
_ANY_CUE = _shared(_capital_after((*_STRONG_CUES, *_WEAK_CUES, *_RELATIONS)))


def _ends_with_word(p: Probe) -> bool:
    """The text ends with a word, as a name after a sign-off does."""
    end = p.text.rstrip()[-1:]
    return bool(end) and _LETTER.match(end) is not None


RULES: tuple[Rule, ...] = (
    _rule("EMAIL", r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b", 0, lambda p: "@" in p.text),
    # every 3-2-4 number, with hyphens, spaces or dots: SSNs, and ITINs (9xx), which identify people just as well
    _rule("SSN", r"(?<![\w.\-])\d{3}([- .])\d{2}\1\d{4}(?![\w\-]|\.\d)", 0,
          _gate(_numbers(r"[0-9]{3}[- .][0-9]{2}[- .][0-9]{4}"))),
    _rule("SSN", r"(?i:\b(?:ssn|social security(?: number)?|social|itin|tax id)\b[^\d\n]{0,20})"
                 r"(\d{9}|\d{3}[- .]?\d{2}[- .]?\d{4})\b", 1,
          _gate(_numbers(r"[0-9]{3}[- .]?[0-9]{2}[- .]?[0-9]{4}"), _words(("ssn", "social", "itin", "tax id")))),
    # international: + or 00, a country code, then groups (E.164 allows up to 15 digits)
    _rule("PHONE", r"(?<![\w+])(?:\+|\b00)[1-9]\d{0,2}(?:[\s.\-]?\(?\d{1,5}\)?){1,6}(?![\w])", 0,
          _gate(_numbers(r"\+[1-9]|00[1-9]"))),
    _rule("PHONE", r"(?<![\w-])(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.\-])\d{3}[\s.\-]\d{4}\b", 0,
          _gate(_numbers(rf"[0-9]{{3}}(?:[.\-]|{_S})[0-9]{{4}}"))),
    _rule("PHONE", _PHONE_WORDS + r"(\d{10})\b", 1, _gate(_numbers(r"[0-9]{10}"), _words(_PHONE_CUES))),
    # a local number without area code, when the words around say it is one
    _rule("PHONE", _PHONE_WORDS + r"(\d{3}[\s.\-]\d{4})\b", 1,
          _gate(_numbers(rf"[0-9]{{3}}(?:[.\-]|{_S})[0-9]{{4}}"), _words(_PHONE_CUES))),
    _rule("DOB", rf"(?i:\b(?:date of birth|d\.?o\.?b\.?|birth ?date|birthday|born(?: on)?)\b"
                 rf"[^\d\n]{{0,25}}?)({_DATE})", 1,
          _gate(_DIGIT, _search(r"[\x00\x02bd](?:(?<=b)(?:irth|orn)|(?<=d)\.?o\.?b)", "low"))),
    _rule("CASE_ID", rf"(?i:\b{_CASE_KEYWORDS}\s*(?:number|no\.?|num|id|#)?\s*(?:is|was|:|#)?\s*#?\s*)"
                     r"((?=[A-Z0-9\-]*\d)[A-Z0-9][A-Z0-9\-]{3,})\b", 1,
          # read backwards: a digit, the rest of the number, then the word that introduces it
          _gate(_DIGIT, _search(rf"{_DIGIT_AT}[a-z0-9\-]*(?:[#:.]|{_S})*"
                                + trie(w[::-1] for w in (*_CASE_WORDS, "number", "no", "num", "is", "was")),
                                "low_backwards"))),
    # an agency-style number (UI-2026-048213, SN-77120), but not a form number ("form HUD-90041")
    _rule("CASE_ID", r"(?<![Ff]orm )(?<!FORM )(?:\b[A-Z]{2,4}-\d{4}-\d{3,}\b|\b[A-Z]{2,4}-\d{5,}\b)", 0,
          _gate(_numbers(r"-[0-9]{4}"))),
    _rule("ADDRESS", rf"\b\d{{1,6}}\s+(?:[NSEW]\.?\s+|(?:North|South|East|West)\s+)?"
                     rf"(?:{_CAP_WORD}\s+){{1,3}}{_STREET}\b\.?"
                     r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|#)\.?\s*#?\w+)?", 0,
          # a house number, then a direction or a street name; a street word
          _gate(_DIGIT, _search(rf"{_DIGIT_AT}{_S}+[A-Z]"), _search(rf"{trie(_STREET[3:-1].split('|'))}\b"))),
    _rule("ADDRESS", r"(?i:\b(?:P\.?\s?O\.?\s+Box)\s+\d+)", 0, _gate(_DIGIT, _words(("box",)))),
    _rule("NAME", rf"\b(?:{'|'.join(_TITLES)})\.?\s+{_TITLED}", 1,
          _gate(_search(rf"{trie(_TITLES)}\.?{_S}")), "title"),
    # after the cues below a name starts with a capital letter (name_words), which the gates look for
    _rule("NAME", rf"(?i:\b(?:{_alternatives(_STRONG_CUES)})\s+)({WORD}(?:\s+{NEXT_WORD}){{0,2}})", 1,
          _gate(_ANY_CUE, _capital_after(_STRONG_CUES)), "strong"),
    _rule("NAME", rf"(?i:\b(?:{_alternatives(_WEAK_CUES)})\s+)({WORD}(?:\s+{NEXT_WORD}){{0,2}})", 1,
          _gate(_ANY_CUE, _capital_after(_WEAK_CUES)), "weak"),
    # "my name is maria gonzalez." in transcripts typed in lower case: only where the name ends the clause
    _rule("NAME", r"(?i:\bmy name(?: is|'s)\s+)([a-z][a-z'\-]+(?:\s+[a-z][a-z'\-]+)?)(?=\s*(?:[,.;!?]|$|\band i\b))",
          1, _gate(_words(("my name",))), "lower"),
    _rule("NAME", rf"(?i:\b(?:{'|'.join(_POSSESSIVES)})\s+(?:{_alternatives(_RELATIONS)})\s*,?\s+)"
                  rf"({WORD}(?:\s+{NEXT_WORD}){{0,2}})", 1,
          _gate(_ANY_CUE, _capital_after(_RELATIONS, _POSSESSIVES)), "weak"),
    _rule("NAME", rf"(?i:\b(?:{_alternatives(_SIGN_OFFS)})\s*,\s*\n?\s*)({WORD}(?:\s+{NEXT_WORD}){{0,2}})\s*$", 1,
          _gate(_ends_with_word, _capital_after(_SIGN_OFFS)), "signature"),
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
