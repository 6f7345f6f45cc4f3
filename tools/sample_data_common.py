"""Generic helpers shared by the generators of FICTIONAL sample data in tools/.

Used by make_sample_complaints.py, make_sample_complaints_disaster.py,
make_sample_survey.py, make_sample_survey_extras.py and
make_sample_survey_disaster.py. Those scripts are run as
``python3 tools/NAME.py``, which puts tools/ on ``sys.path``, so they import
this module as ``from sample_data_common import ...``.

Only the mechanics live here: writing the CSV and fixture files, making up
fictional personal data, assembling complaint narratives from pools of
fragments, and simulating A-11 survey answers. The scenario content (text
pools, names, streets, agencies, programs, case-number formats, seeds and
odds) stays in each generator.

Every helper draws only from the ``random.Random`` it is given, and always in
the same order. The generators promise byte-for-byte reproducible files, so
changing the order or the number of draws in a helper changes the files of
every generator that uses it: regenerate and review them all if you do.

Standard library only; this module is not meant to be run.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Row = dict[str, Any]
"""One CSV row, keyed by column name."""

Fragment = str | tuple[str, frozenset[str]]
"""A text fragment: plain text, or (text, programs it fits) as made by ``only``."""

# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------


def write_csv(path: Path, columns: Sequence[str], rows: Sequence[Mapping[str, Any]],
              extrasaction: str = "raise") -> None:
    """Write ``rows`` to ``path`` as UTF-8 CSV with a header (``csv`` defaults: minimal
    quoting, CRLF line ends), creating the folder. With ``extrasaction="ignore"``, keys
    that are not in ``columns`` (working fields such as ``_mood``) are left out."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction=extrasaction)
        writer.writeheader()
        writer.writerows(rows)


def write_pii_file(path: Path, header: str, items: Sequence[str]) -> None:
    """Write a planted-PII fixture that holds only this generator's strings: the
    ``header`` comment line, then one planted string a line (LF line ends)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(header + "\n")
        for item in items:
            fh.write(item + "\n")


def write_pii_section(path: Path, header: str, items: Sequence[str]) -> None:
    """Replace this generator's section of a shared planted-PII fixture (from its
    ``header`` line to the next '#' line), keeping the other sections; append the
    section if it is missing."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    section = [header, *items]
    if header in lines:
        start = lines.index(header)
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
        lines[start:end] = section
    else:
        lines += section
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")


def append_pii(path: Path, header: str, items: Sequence[str]) -> int:
    """Append to a planted-PII fixture the strings it does not list yet (under
    ``header``, which is added once); return how many were added. Running twice
    leaves the file as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    present = {ln.strip() for ln in text.splitlines()}
    missing = [it for it in items if it not in present]
    if not missing:
        return 0
    add = ([] if header in present else [header]) + missing
    if text and not text.endswith("\n"):
        text += "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text + "\n".join(add) + "\n")
    return len(missing)


# ---------------------------------------------------------------------------
# Fictional personal data: reserved example domains, 555-01xx phone numbers,
# SSN-shaped numbers
# ---------------------------------------------------------------------------
EXAMPLE_DOMAINS = ("example.com", "example.org")


def fake_phone(rng: random.Random, mixed_formats: bool = False) -> str:
    """A fictional 555-01xx phone number, "(555) 01x-xxxx"; with ``mixed_formats``,
    "555-01x-xxxx" three times in ten (one more draw)."""
    a, b = rng.randint(0, 9), rng.randint(0, 9999)
    if not mixed_formats or rng.random() < 0.7:
        return f"(555) 01{a}-{b:04d}"
    return f"555-01{a}-{b:04d}"


def ssn_shaped(rng: random.Random, area: str) -> str:
    """An SSN-shaped "area-gg-ssss" number with the given (already drawn) area."""
    return f"{area}-{rng.randint(10, 99):02d}-{rng.randint(1000, 9999):04d}"


def nine_ssn(rng: random.Random) -> str:
    """An SSN-shaped number starting with 9, a range never issued as an SSN."""
    return ssn_shaped(rng, f"9{rng.randint(0, 99):02d}")


def email_part(text: str) -> str:
    """``text`` as it goes into an email address: lower case, no hyphen, ñ as n."""
    return text.lower().replace("ñ", "n").replace("-", "")


def initial_email(first: str, last: str, domain: str) -> str:
    """"d.lastname@domain" for a first and a last name."""
    return f"{first[0].lower()}.{email_part(last)}@{domain}"


class Planter:
    """Makes up fictional personal data and remembers every string planted, in
    the order first planted, each once (for the fixture files)."""

    def __init__(self, rng: random.Random, mixed_phone_formats: bool = False):
        self.rng = rng
        self.mixed_phone_formats = mixed_phone_formats
        self.items: list[str] = []

    def note(self, *items: str) -> None:
        """Remember planted strings (each only once)."""
        for it in items:
            if it not in self.items:
                self.items.append(it)

    def phone(self) -> str:
        """A fictional phone number (see ``fake_phone``)."""
        return fake_phone(self.rng, self.mixed_phone_formats)


class PooledPlanter(Planter):
    """A ``Planter`` that hands out first names, last names, staff surnames and
    streets from shuffled pools, so no value is used twice."""

    def __init__(self, rng: random.Random, first: Sequence[str], last: Sequence[str],
                 staff: Sequence[str], streets: Sequence[str], mixed_phone_formats: bool = False):
        super().__init__(rng, mixed_phone_formats)
        self.first = rng.sample(first, len(first))
        self.last = rng.sample(last, len(last))
        self.staff = rng.sample(staff, len(staff))
        self.streets = rng.sample(streets, len(streets))

    def name(self) -> tuple[str, str, str]:
        """(first, last, full name), not used before."""
        first, last = self.first.pop(), self.last.pop()
        return first, last, f"{first} {last}"

    def email(self, first: str, last: str, styles: Sequence[str]) -> str:
        """An address at a reserved example domain, in one of ``styles``: format strings
        over {f} (first name), {fi} (its initial), {l} (last name) and {n} (2..99)."""
        dom = self.rng.choice(EXAMPLE_DOMAINS)
        style = self.rng.choice(styles)
        local = style.format(f=first.lower(), l=email_part(last),
                             fi=first[0].lower(), n=self.rng.randint(2, 99))
        return f"{local}@{dom}"

    def address(self, lowest: int) -> str:
        """A house number from ``lowest`` to 9870 on a street not used before."""
        return f"{self.rng.randint(lowest, 9870)} {self.streets.pop()}"


COMMENT_PII_FORMS = ("staff", "phone_case", "name_email", "address", "ssn_case")
"""The forms of personal data a ``CommentPlanter`` plants, one comment each."""


class CommentPlanter(Planter):
    """Plants fictional personal data in survey comments, in one of
    ``COMMENT_PII_FORMS``. ``templates`` maps each form to a (positive, negative)
    pair of format strings over {title} and {sur} (staff), {ph} and {ref}
    (phone_case), {full} and {em} (name_email), {addr} (address), {ssn} and {ref}
    (ssn_case). Names, staff surnames and streets are drawn from the pools (and
    may repeat). Subclasses give the case references and SSN-shaped numbers."""

    def __init__(self, rng: random.Random, first: Sequence[str], last: Sequence[str],
                 staff: Sequence[str], streets: Sequence[str],
                 templates: Mapping[str, tuple[str, str]]):
        super().__init__(rng)
        self.first, self.last, self.staff, self.streets = first, last, staff, streets
        self.templates = templates

    def case_ref(self, service: str) -> tuple[str, str]:
        """(the reference as written, the identifier) in the service's own format."""
        raise NotImplementedError

    def ssn(self) -> str:
        """An SSN-shaped number."""
        raise NotImplementedError

    def comment(self, form: str, service: str, positive: bool) -> str:
        """A sentence carrying fictional personal data of the given form; every
        planted string is noted."""
        rng = self.rng
        values: dict[str, str]
        if form == "staff":
            values = {"title": rng.choice(["Ms.", "Mr."]), "sur": rng.choice(self.staff)}
            self.note(values["sur"])
        elif form == "phone_case":
            ph = self.phone()
            ref, ident = self.case_ref(service)
            self.note(ph, ident)
            values = {"ph": ph, "ref": ref}
        elif form == "name_email":
            first, last = rng.choice(self.first), rng.choice(self.last)
            values = {"full": f"{first} {last}", "em": initial_email(first, last, rng.choice(EXAMPLE_DOMAINS))}
            self.note(values["full"], values["em"])
        elif form == "address":
            values = {"addr": f"{rng.randint(12, 4980)} {rng.choice(self.streets)}"}
            self.note(values["addr"])
        elif form == "ssn_case":
            ssn = self.ssn()
            ref, ident = self.case_ref(service)
            self.note(ssn, ident)
            values = {"ssn": ssn, "ref": ref}
        else:
            raise ValueError(f"unknown form {form!r}")
        positive_text, negative_text = self.templates[form]
        return (positive_text if positive else negative_text).format(**values)


# ---------------------------------------------------------------------------
# Narratives assembled from fragment pools (complaints)
# ---------------------------------------------------------------------------
NUMWORD = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six",
           7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]


def only(text: str, *programs: str) -> tuple[str, frozenset[str]]:
    """A fragment that only makes sense for some programs."""
    return (text, frozenset(programs))


def fits(fragment: Fragment, program: str) -> bool:
    """Whether a fragment may be used for ``program``."""
    return isinstance(fragment, str) or program in fragment[1]


def text_of(fragment: Fragment) -> str:
    """The text of a fragment."""
    return fragment if isinstance(fragment, str) else fragment[0]


def numword(rng: random.Random, n: int) -> str:
    """``n`` spelled out ("three") six times in ten when it can be, else digits."""
    if n in NUMWORD and rng.random() < 0.6:
        return NUMWORD[n]
    return str(n)


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st ..."""
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


def word_count(text: str) -> int:
    """Words separated by white space."""
    return len(text.split())


class SlotFiller:
    """Fills {slot} placeholders: a slot in ``fixed`` always gets the same value (one
    per narrative); a slot in ``pick`` gets a fresh random choice each time. The
    first letter of the result is upper-cased. Subclasses set up both dicts."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.fixed: dict[str, str] = {}
        self.pick: dict[str, Sequence[str]] = {}

    def fill(self, text: str) -> str:
        """``text`` with every {slot} filled."""
        def rep(m: re.Match[str]) -> str:
            key = m.group(1)
            if key in self.fixed:
                return self.fixed[key]
            return self.rng.choice(self.pick[key])
        out = re.sub(r"\{([a-z_0-9]+)\}", rep, text)
        return out[0].upper() + out[1:] if out else out


def pick_fresh(rng: random.Random, pool: Sequence[Fragment], used: set[str], program: str,
               no_it: bool = False) -> str:
    """Pick a fragment that fits the program and is not in ``used`` yet (if every
    one is used, any that fits), and add it to ``used``. With ``no_it``, fragments
    starting with "It " or "It's" (which need an antecedent) are left out."""
    fitting = [text_of(p) for p in pool if fits(p, program)]
    if no_it:
        fitting = [p for p in fitting if not p.startswith(("It ", "It's"))]
    options = [p for p in fitting if p not in used] or fitting
    s = rng.choice(options)
    used.add(s)
    return s


def check_pools(kinds: Mapping[str, Mapping[str, Any]]) -> None:
    """Every kind offers at least 6 variants per slot for every program it covers."""
    for name, k in kinds.items():
        for program in k["programs"]:
            for slot in ("open", "detail", "cons", "ask"):
                n = sum(fits(f, program) for f in k[slot])
                assert n >= 6, f"{name}/{program}/{slot}: only {n} variants"
            assert program in k["category"], (name, program)


@dataclass(frozen=True)
class NarrativeStyle:
    """What ``compose_narrative`` draws from: a generator's pools and its odds.

    ``kinds`` maps a pain-point kind to its "programs" (weights), "category" per
    program and fragment pools "open", "detail", "cons" and "ask"; ``bleed`` maps a
    kind to related kinds whose details may bleed in; ``tone`` maps a tone to its
    "greet" and "close" pools; ``shared_cons`` and ``shared_ask`` mix in with the
    kind's own pools. The ``p_*`` fields are the chances of each optional part.
    """

    kinds: Mapping[str, Mapping[str, Any]]
    bleed: Mapping[str, Sequence[str]]
    tone: Mapping[str, Mapping[str, Sequence[Fragment]]]
    tone_weights: Mapping[str, float]
    shared_cons: Sequence[Fragment]
    shared_ask: Sequence[Fragment]
    p_second_detail: float
    p_kind_cons: float              # a consequence comes from the kind's pool, not the shared one
    p_ask: float
    bleed_skips_it: bool            # a bled-in detail never starts with "It"
    p_greet: float = 0.45
    p_bleed: float = 0.2
    p_cons: float = 0.7
    p_kind_ask: float = 0.75
    p_close: float = 0.4
    p_lower: float = 0.04           # written all in lower case (never with personal data)
    min_words: int = 40
    max_words: int = 160
    max_sentences: int = 6


def compose_narrative(rng: random.Random, style: NarrativeStyle, kind: str, program: str,
                      filler: SlotFiller, pii_sentences: Sequence[str] | None = None) -> str:
    """One narrative of the ``kind`` for the ``program``: an optional greeting, an
    opening, one or two details (sometimes one bled in from a related kind), a
    consequence, an ask and a closing line, with the planted ``pii_sentences`` near
    the start or just before the ask; slots are filled by ``filler``. Parts are
    dropped or added until it has at most ``max_sentences`` sentences and
    ``min_words`` to ``max_words`` words (6 and 40 to 160 by default)."""
    k = style.kinds[kind]
    tone_names = list(style.tone_weights)
    tone = style.tone[rng.choices(tone_names, weights=list(style.tone_weights.values()))[0]]
    used: set[str] = set()

    greet = rng.choice(tone["greet"]) if tone["greet"] and rng.random() < style.p_greet else None
    opening = pick_fresh(rng, k["open"], used, program)
    details = [pick_fresh(rng, k["detail"], used, program)]
    if rng.random() < style.p_second_detail:
        details.append(pick_fresh(rng, k["detail"], used, program))
    # Sometimes a related second pain point bleeds in (real complaints are messy).
    if rng.random() < style.p_bleed:
        other_kinds = [x for x in style.bleed[kind] if program in style.kinds[x]["programs"]]
        if other_kinds:
            other = rng.choice(other_kinds)
            details.append(pick_fresh(rng, style.kinds[other]["detail"], used, program,
                                      no_it=style.bleed_skips_it))
    cons = None
    if rng.random() < style.p_cons:
        pool = k["cons"] if rng.random() < style.p_kind_cons else style.shared_cons
        cons = pick_fresh(rng, pool, used, program)
    ask = None
    if rng.random() < style.p_ask:
        pool = k["ask"] if rng.random() < style.p_kind_ask else style.shared_ask
        ask = pick_fresh(rng, pool, used, program)
    close = None
    if rng.random() < style.p_close:
        close = rng.choice([text_of(c) for c in tone["close"] if fits(c, program)])
    pii = list(pii_sentences or [])

    def assemble() -> list[str]:
        parts = [greet] if greet else []
        parts.append(opening)
        parts.extend(pii[:1])          # personal data tends to come early ...
        parts.extend(details)
        if cons:
            parts.append(cons)
        parts.extend(pii[1:])          # ... or just before the ask
        if ask:
            parts.append(ask)
        if close:
            parts.append(close)
        return parts

    # Enforce the sentence and word limits.
    for _ in range(20):
        parts = assemble()
        if len(parts) > style.max_sentences:
            if greet:
                greet = None
            elif close:
                close = None
            elif len(details) > 1:
                details.pop()
            elif cons:
                cons = None
            else:
                ask = None
            continue
        wc = word_count(" ".join(filler.fill(p) for p in parts))
        if wc < style.min_words and len(parts) < style.max_sentences:
            if cons is None:
                cons = pick_fresh(rng, k["cons"], used, program)
            elif ask is None:
                ask = pick_fresh(rng, k["ask"], used, program)
            else:
                details.append(pick_fresh(rng, k["detail"], used, program))
            continue
        if wc < style.min_words:
            # Too short but already at the sentence limit: the longest detail instead.
            details[0] = max((text_of(d) for d in k["detail"] if fits(d, program)), key=len)
            continue
        if wc > style.max_words:
            if len(details) > 1:
                details.pop()
            elif close:
                close = None
            elif greet:
                greet = None
            else:
                cons = None
            continue
        break
    text = " ".join(filler.fill(p) for p in assemble())
    text = text.replace("  ", " ").strip()
    # A few people write in all lower case.
    if not pii and rng.random() < style.p_lower:
        text = text.lower()
    return text


# ---------------------------------------------------------------------------
# Complaint rows
# ---------------------------------------------------------------------------
COMPLAINT_COLUMNS = ["complaint_id", "date_received", "agency", "program", "channel",
                     "category", "narrative", "state"]
COMPLAINT_CHANNELS = ["web", "phone", "email", "in person", "mail"]
COMPLAINT_STATES = ["open", "in review", "referred", "resolved", "closed"]
"""Workflow state of a complaint in the (fictional) case system."""


def workflow_state(rng: random.Random, age_days: int) -> str:
    """A workflow state for a complaint received ``age_days`` before the end of the
    period: older complaints are more likely to be closed out."""
    if age_days > 200:
        weights = [5, 8, 10, 40, 37]
    elif age_days > 60:
        weights = [15, 25, 15, 25, 20]
    else:
        weights = [45, 30, 12, 8, 5]
    return rng.choices(COMPLAINT_STATES, weights=weights)[0]


def insert_duplicates(rng: random.Random, rows: list[Row], candidates: Sequence[int], n: int) -> None:
    """A double export: ``n`` of the rows at the ``candidates`` positions appear twice,
    the exact copy right after the original."""
    for i in sorted(rng.sample(candidates, n), reverse=True):
        rows.insert(i + 1, dict(rows[i]))


# ---------------------------------------------------------------------------
# Surveys: OMB Circular A-11 Section 280 post-transaction questions
# ---------------------------------------------------------------------------
A11_DRIVERS = ["satisfaction", "effectiveness", "ease", "efficiency", "transparency",
               "equity", "employee"]
A11_ITEMS = ["trust", *A11_DRIVERS]
"""The 1-5 agreement items: trust and the seven drivers."""
A11_COLUMNS = ["response_id", "date", "service", "channel", *A11_ITEMS,
               "likely_to_recommend", "comment"]
"""The "wide" layout: one row per response."""


def fiscal_quarter(d: dt.date) -> int:
    """0..3 for Q1..Q4 of the federal fiscal year (Oct-Dec, Jan-Mar, Apr-Jun, Jul-Sep)."""
    return ((d.month - 10) % 12) // 3


def uniform_dates(rng: random.Random, start: dt.date, end: dt.date, n: int) -> list[dt.date]:
    """``n`` dates drawn uniformly from ``start`` to ``end`` (inclusive), sorted."""
    span = (end - start).days
    return sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))


def to_agreement(x: float, centre: float) -> int:
    """A latent score (in standard-deviation units) on the 1-5 agreement scale."""
    return max(1, min(5, round(centre + 1.05 * x)))


def a11_scores(rng: random.Random, shifts: Sequence[float], driver_shift: Mapping[str, float],
               trust_centre: float, driver_centre: float) -> Row:
    """Trust, the seven drivers (1-5) and likely_to_recommend (0-10) for one simulated
    respondent. A latent experience score (a standard normal plus ``shifts``, added in
    order) drives everything, so the drivers correlate with trust; ``driver_shift``
    moves single drivers. Trust follows the experience and the drivers, a bit lower
    on average."""
    latent = rng.gauss(0, 1)
    for shift in shifts:
        latent += shift
    raw = {item: 0.8 * latent + driver_shift[item] + rng.gauss(0, 0.55) for item in A11_DRIVERS}
    drv_mean = sum(raw.values()) / len(raw)
    raw_trust = 0.45 * latent + 0.55 * drv_mean + rng.gauss(0, 0.45)
    scores: Row = {"trust": to_agreement(raw_trust, trust_centre)}
    for item in A11_DRIVERS:
        scores[item] = to_agreement(raw[item], driver_centre)
    scores["likely_to_recommend"] = max(0, min(10, round(
        6.0 + 2.3 * (0.6 * latent + 0.4 * drv_mean) + rng.gauss(0, 1.0))))
    return scores


def blank_a11_cells(rng: random.Random, rows: Sequence[Row], p_item: float, p_ltr: float) -> None:
    """Blank cells (item not asked, e.g. no employee contact, or skipped): exactly
    ``p_item`` of the 1-5 cells and ``p_ltr`` of the 0-10 cells."""
    cells = [(r, item) for r in rows for item in A11_ITEMS]
    for r, item in rng.sample(cells, round(p_item * len(cells))):
        r[item] = ""
    for r in rng.sample(rows, round(p_ltr * len(rows))):
        r["likely_to_recommend"] = ""


def a11_mood(row: Row) -> str:
    """"pos", "neg" or "mixed" from the mean of the answered 1-5 items."""
    answered = [row[k] for k in A11_ITEMS if row[k] != ""]
    avg = sum(answered) / len(answered) if answered else 3
    return "pos" if avg >= 3.7 else ("neg" if avg <= 2.6 else "mixed")


def add_comments(rng: random.Random, rows: Sequence[Row], share: float,
                 make: Callable[[Row], str]) -> None:
    """Give ``share`` of the rows a "comment" made by ``make``, in response_id order."""
    for r in sorted(rng.sample(rows, round(share * len(rows))), key=lambda r: r["response_id"]):
        r["comment"] = make(r)


def fit_channel(pool: Sequence[str], channel: str, web_words: Sequence[str]) -> list[str]:
    """Phone and in-person respondents rarely comment on the website: outside the web
    channel, comments containing one of ``web_words`` are left out."""
    if channel == "web":
        return list(pool)
    return [c for c in pool if not any(w in c.lower() for w in web_words)]


def graded_comment(rng: random.Random, pools: Mapping[str, Sequence[str]], service: str,
                   channel: str, web_words: Sequence[str]) -> tuple[str, list[str]]:
    """A first comment sentence from the "generic", service or channel pool, and the
    pool a second sentence may come from (the two pools it was not taken from)."""
    src = rng.choices(["generic", service, channel], weights=[3, 4, 2])[0]
    first = rng.choice(fit_channel(pools[src], channel, web_words))
    more = (list(pools["generic"]) + list(pools[channel]) if src != "generic"
            else list(pools[service]) + list(pools[channel]))
    return first, fit_channel(more, channel, web_words)


def add_second(rng: random.Random, first: str, pool: Sequence[str], p: float) -> str:
    """``first``, followed with chance ``p`` by another sentence from ``pool``
    (no draw at all when ``pool`` is empty)."""
    if pool and rng.random() < p:
        second = rng.choice([c for c in pool if c != first])
        return f"{first} {second}"
    return first


def casual(rng: random.Random, text: str, lower_below: float, no_period_below: float) -> str:
    """A few people write in lower case (a draw below ``lower_below``) or skip the
    final period (below ``no_period_below``)."""
    r = rng.random()
    if r < lower_below:
        return text.lower()
    if r < no_period_below:
        return text.rstrip(".")
    return text


def end_sentence(text: str) -> str:
    """``text`` ending in ".", "!" or "?" (a period is added if needed)."""
    return text if text.endswith((".", "!", "?")) else text + "."


def plant_in_comments(rng: random.Random, rows: Sequence[Row], forms: Sequence[str],
                      plant: Callable[[str, Row], str], p_keep_comment: float = 0.6) -> None:
    """Plant fictional personal data in as many commented rows as there are ``forms``
    (one of each form): ``plant(form, row)`` gives the sentence, which follows the
    comment with chance ``p_keep_comment`` and otherwise replaces it."""
    with_comment = [r for r in rows if r["comment"]]
    for form, r in zip(forms, rng.sample(with_comment, len(forms)), strict=True):
        extra = plant(form, r)
        base = end_sentence(r["comment"])
        r["comment"] = f"{base} {extra}" if rng.random() < p_keep_comment else extra


@dataclass(frozen=True)
class A11Model:
    """How one journey's survey answers are simulated: effects on the latent
    experience score (standard-deviation units) by service, by channel and per
    fiscal quarter; ``driver_effect(item, service, channel)`` moves single drivers;
    the centres place a latent 0 on the 1-5 scale for trust and for the drivers."""

    service_effect: Mapping[str, float]
    channel_effect: Mapping[str, float]
    quarter_step: float
    driver_effect: Callable[[str, str, str], float]
    trust_centre: float
    driver_centre: float


def a11_response(rng: random.Random, model: A11Model, response_id: str, d: dt.date,
                 service: str, channel: str) -> Row:
    """One simulated response in the A11_COLUMNS layout (no comment yet)."""
    shifts = [model.service_effect[service], model.channel_effect[channel],
              model.quarter_step * fiscal_quarter(d)]
    driver_shift = {item: model.driver_effect(item, service, channel) for item in A11_DRIVERS}
    return {
        "response_id": response_id,
        "date": d.isoformat(),
        "service": service,
        "channel": channel,
        **a11_scores(rng, shifts, driver_shift, model.trust_centre, model.driver_centre),
        "comment": "",
    }


def finish_a11_responses(rng: random.Random, rows: Sequence[Row], p_blank_item: float,
                         p_blank_ltr: float, p_comment: float,
                         make_comment: Callable[[random.Random, str, str, str], str],
                         planter: CommentPlanter) -> None:
    """Blank cells, free-text comments on ``p_comment`` of the rows in the mood of
    the scores (``make_comment(rng, service, channel, mood)``), then fictional
    personal data in one comment of each of ``COMMENT_PII_FORMS``. Each row keeps
    its mood under "_mood" (write with ``extrasaction="ignore"``)."""
    blank_a11_cells(rng, rows, p_blank_item, p_blank_ltr)
    for r in rows:
        r["_mood"] = a11_mood(r)
    add_comments(rng, rows, p_comment, lambda r: make_comment(rng, r["service"], r["channel"], r["_mood"]))
    plant_in_comments(rng, rows, COMMENT_PII_FORMS,
                      lambda form, r: planter.comment(form, r["service"], positive=(r["_mood"] == "pos")))
