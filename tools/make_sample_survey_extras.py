#!/usr/bin/env python3
"""Generate two more FICTIONAL survey files for the "financial shock" journey.

Writes:
  surveys/financial-shock-thumbs.csv            300 fictional responses in the
                                                GSA Touchpoints A-11 v2 "thumbs"
                                                upload layout, plus 2 deliberately
                                                bad rows
  surveys/financial-shock-quarterly-counts.csv  32 rows of fictional quarterly
                                                answer counts (no raw responses)
  tests/fixtures/planted_pii_survey.txt         appends every fictional
                                                personal-data string planted in
                                                the thumbs comments, unless it
                                                is already listed

Thumbs layout (one row per response): ``question_1`` is the A-11 trust item
as thumbs up (1) or thumbs down (0); ``positive_*`` and ``negative_*`` are
the driver ticks (effectiveness, ease, efficiency, transparency, humanity,
employee, other), 0 or 1, or ``null`` in every column of a block when that
question was not shown; ``question_4`` is an optional comment. ``date``,
``service`` and ``channel`` are extra columns the (fictional) agency adds.
Two rows are deliberately invalid (``question_1`` = ``4``, a 5-point answer
in the thumbs column, and ``positive_ease`` = ``2``) so that validation and
quarantine can be shown.

Quarterly counts layout (one row per fiscal quarter and question): how many
respondents answered 1..5 on the agreement scale for the SNAP phone
interview, a service where only aggregated counts are available. Built-in
patterns: ease and efficiency score worst, employee helpfulness best, and
scores improve slightly over the four quarters of FY2026.

Nothing here is real: the agencies, the respondents, the volumes and every
comment are invented.

Deterministic: all randomness comes from one random.Random(20261125)
instance (no global seeding), and the fixture file is only appended to when
a planted string is missing, so running the script twice gives identical
files. Standard library only; the generic helpers are in
tools/sample_data_common.py. If tools/make_sample_survey.py is run again
(it rewrites the fixture file), run this script after it.

Usage: python3 tools/make_sample_survey_extras.py
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sample_data_common import (
    Planter,
    add_second,
    append_pii,
    casual,
    end_sentence,
    fiscal_quarter,
    initial_email,
    uniform_dates,
    write_csv,
)

SEED = 20261125
ROOT = Path(__file__).resolve().parent.parent
OUT_THUMBS = ROOT / "surveys" / "financial-shock-thumbs.csv"
OUT_COUNTS = ROOT / "surveys" / "financial-shock-quarterly-counts.csv"
OUT_PII = ROOT / "tests" / "fixtures" / "planted_pii_survey.txt"
PII_HEADER = "# fictional personal data planted in surveys/financial-shock-thumbs.csv"

START = dt.date(2025, 10, 1)
END = dt.date(2026, 9, 30)

# ---------------------------------------------------------------------------
# Thumbs (GSA Touchpoints A-11 v2 upload)
# ---------------------------------------------------------------------------
N_THUMBS = 300
P_POS_NULL = 0.10            # positive block not shown
P_NEG_NULL = 0.08            # negative block not shown
P_COMMENT = 0.30

DRIVERS = ["effectiveness", "ease", "efficiency", "transparency", "humanity", "employee", "other"]
THUMBS_COLUMNS = (["external_id", "question_1"]
                  + [f"positive_{d}" for d in DRIVERS]
                  + [f"negative_{d}" for d in DRIVERS]
                  + ["question_4", "date", "service", "channel"])

SN = "SNAP online application"
MC = "Medicaid online application"
UI = "Unemployment Insurance online claim"
SERVICES = [SN, MC, UI]
SERVICE_WEIGHTS = [35, 30, 35]
P_UP = {SN: 0.56, MC: 0.50, UI: 0.40}   # share of thumbs up in FY2026 Q1
QUARTER_STEP = 0.04                     # a little better each quarter

# Chance of ticking each driver, by thumbs up/down and block.
TICK = {
    ("up", "positive"): {"effectiveness": 0.55, "ease": 0.50, "efficiency": 0.40, "transparency": 0.40,
                         "humanity": 0.25, "employee": 0.12, "other": 0.05},
    ("up", "negative"): {"effectiveness": 0.04, "ease": 0.08, "efficiency": 0.12, "transparency": 0.08,
                         "humanity": 0.02, "employee": 0.02, "other": 0.04},
    ("down", "positive"): {"effectiveness": 0.06, "ease": 0.05, "efficiency": 0.03, "transparency": 0.04,
                           "humanity": 0.05, "employee": 0.04, "other": 0.03},
    ("down", "negative"): {"effectiveness": 0.40, "ease": 0.50, "efficiency": 0.52, "transparency": 0.45,
                           "humanity": 0.18, "employee": 0.10, "other": 0.12},
}
# Service-specific pain, added to the thumbs-down negative ticks.
NEG_EXTRA = {
    UI: {"efficiency": 0.15, "transparency": 0.05},   # identity check holds
    MC: {"transparency": 0.15, "ease": 0.05},         # document requests, notices
    SN: {"ease": 0.10},                               # separate county login, uploads
}

POS = {
    "web": [
        "Easy to do on my phone.",
        "The site saved my progress so I could finish after work.",
        "Clear questions, took me about 20 minutes.",
        "Uploading documents from my phone camera worked the first time.",
        "I liked that it told me what to have ready before I started.",
        "Got a confirmation email right away with a number.",
        "Much easier than the paper form I did last time.",
        "The status page showed exactly what was still needed.",
        "The Spanish version of the site was really helpful for my mom.",
        "Fast and simple, thank you.",
    ],
    SN: [
        "The SNAP application was shorter than I expected.",
        "It flagged that I might get benefits faster since I had no income, and I did.",
        "I could pick a time for my interview online.",
        "I got a text when my EBT card was mailed.",
    ],
    MC: [
        "The Medicaid application used the income info they already had, so no pay stubs.",
        "It let me add my kids without retyping our address for each one.",
        "It explained which documents counted as proof of address.",
        "I could see the coverage start date online right after approval.",
    ],
    UI: [
        "Filing the claim online was straightforward.",
        "The identity check worked on the first try.",
        "The employer history was already filled in, I just checked it.",
        "It told me when to do my first weekly certification.",
    ],
}

NEG = {
    "web": [
        "The website logged me out twice and I lost everything I typed.",
        "The upload button does nothing on my phone.",
        "Password reset email never came.",
        "Too many pages asking the same questions.",
        "Error message just said something went wrong, no idea what to fix.",
        "The site was down on Sunday night when I finally had time.",
        "Could not find where to check my status.",
        "The page would not let me go back to fix a mistake.",
        "Fonts are tiny and the buttons are hard to hit on a phone.",
        "I needed a printer and a scanner to finish an online application.",
    ],
    SN: [
        "Separate county login from the state one, I have too many passwords now.",
        "The portal asked for my lease again after I uploaded it.",
        "There is no way to see if the county got my pay stubs.",
        "The online SNAP application still made me wait for a phone interview.",
        "It asked about household expenses in a way I did not understand.",
        "After submitting, the portal showed nothing for three weeks.",
    ],
    MC: [
        "The Medicaid site asked for current income when mine had just stopped.",
        "It wanted the same pay stubs I already gave the county for SNAP.",
        "Uploaded documents do not show up anywhere, so I uploaded them again.",
        "The household and tax filer questions were confusing.",
        "My application says pending verification but does not say what is missing.",
        "The online application timed out on the income page.",
    ],
    UI: [
        "The identity check failed three times and locked my account.",
        "The selfie step kept failing in normal lighting.",
        "Claim status just says pending with a code nobody explains.",
        "Session timed out while I was looking up my employer's address.",
        "It asked for 18 months of employers from memory.",
        "The separation reason choices did not fit a layoff.",
    ],
}

MIXED = [
    "Applying was OK but checking the status afterwards is impossible.",
    "The form was fine, the document upload was not.",
    "Better than last year, still too many steps.",
    "Took longer than the site said it would, but it worked.",
    "I finished it, but only because a navigator sat with me.",
    "Easy until the document upload, then I got stuck.",
    "Good that I could do it online, but the questions repeat what the other agency asked.",
    "Worked on a computer at the library, not on my phone.",
]

# Fictional personal data for the planted comments.
PII_NAMES = ["Delphine Aucoin-Marsh", "Rollo Vantassel", "Imogen Threlkeld"]


class ThumbsPlanter(Planter):
    """Fictional personal data for the thumbs comments."""

    def comment(self, form: str, service: str, up: bool) -> str:
        rng = self.rng
        if form == "phone":
            ph = self.phone()
            self.note(ph)
            if up:
                return f"Happy to give more feedback, call {ph}."
            return f"Nobody has called me back, my number is {ph}."
        if form == "name_email":
            full = rng.choice(PII_NAMES)
            first, last = full.split(" ", 1)
            em = initial_email(first, last, "example.org")
            self.note(full, em)
            return f"My name is {full}, please email me at {em}."
        if form == "email":
            em = f"{rng.choice(['tired', 'still.waiting', 'jobless'])}{rng.randint(10, 99)}@example.org"
            self.note(em)
            return f"Write to me at {em} if you want details."
        # phone_case
        ph = self.phone()
        if service == UI:
            ident = f"UI-2026-{rng.randint(0, 99999):06d}"
            ref = f"claim number {ident}"
        elif service == MC:
            ident = f"MC-{rng.randint(1000000, 9999999)}"
            ref = f"case number {ident}"
        else:
            ident = f"SN-2026-{rng.randint(10000, 99999)}"
            ref = f"case number {ident}"
        self.note(ph, ident)
        return f"My {ref} still shows nothing, call me at {ph}."


def make_comment(rng: random.Random, service: str, mood: str) -> str:
    if mood == "mixed":
        text = rng.choice(MIXED)
    else:
        pool = POS if mood == "pos" else NEG
        first = rng.choice(pool[rng.choices(["web", service], weights=[4, 5])[0]])
        text = add_second(rng, first, pool["web"] + pool[service], 0.3)
    return casual(rng, text, lower_below=0.07, no_period_below=0.14)


def new_response(rng: random.Random, d: dt.date) -> dict[str, object]:
    """One simulated response on date ``d`` (both blocks shown, no comment yet)."""
    service = rng.choices(SERVICES, weights=SERVICE_WEIGHTS)[0]
    up = rng.random() < P_UP[service] + QUARTER_STEP * fiscal_quarter(d)
    row: dict[str, object] = {"question_1": 1 if up else 0, "question_4": "",
                              "date": d.isoformat(), "service": service, "channel": "web"}
    key = "up" if up else "down"
    for block in ("positive", "negative"):
        for drv in DRIVERS:
            p = TICK[(key, block)][drv]
            if block == "negative" and not up:
                p += NEG_EXTRA[service].get(drv, 0.0)
            row[f"{block}_{drv}"] = 1 if rng.random() < p else 0
    return row


def make_thumbs(rng: random.Random) -> tuple[list[dict[str, object]], list[str]]:
    rows = [new_response(rng, d) for d in uniform_dates(rng, START, END, N_THUMBS)]

    # Question not shown: every column of that block is null.
    pos_null = set(rng.sample(range(N_THUMBS), round(P_POS_NULL * N_THUMBS)))
    rest = [i for i in range(N_THUMBS) if i not in pos_null]
    neg_null = set(rng.sample(rest, round(P_NEG_NULL * N_THUMBS)))
    for i, row in enumerate(rows):
        for block, hidden in (("positive", pos_null), ("negative", neg_null)):
            if i in hidden:
                for drv in DRIVERS:
                    row[f"{block}_{drv}"] = "null"

    # Optional comments, in the mood of the answers.
    for i in sorted(rng.sample(range(N_THUMBS), round(P_COMMENT * N_THUMBS))):
        row = rows[i]
        neg_ticks = sum(1 for drv in DRIVERS if row[f"negative_{drv}"] == 1)
        pos_ticks = sum(1 for drv in DRIVERS if row[f"positive_{drv}"] == 1)
        if row["question_1"] == 1:
            mood = "mixed" if neg_ticks > pos_ticks else "pos"
        else:
            mood = "mixed" if pos_ticks > neg_ticks else "neg"
        row["question_4"] = make_comment(rng, str(row["service"]), mood)

    # Plant fictional personal data in 4 of the comments (one of each form).
    planter = ThumbsPlanter(rng)
    with_comment = [r for r in rows if r["question_4"]]
    forms = ["phone", "name_email", "email", "phone_case"]
    for form, row in zip(forms, rng.sample(with_comment, len(forms))):
        extra = planter.comment(form, str(row["service"]), up=row["question_1"] == 1)
        row["question_4"] = f"{end_sentence(str(row['question_4']))} {extra}"

    # Two deliberately invalid rows, for validation and quarantine.
    bad_trust = new_response(rng, START + dt.timedelta(days=rng.randint(40, 120)))
    bad_trust["question_1"] = 4                  # a 5-point answer in the thumbs column
    bad_trust["question_4"] = make_comment(rng, str(bad_trust["service"]), "mixed")
    bad_tick = new_response(rng, START + dt.timedelta(days=rng.randint(200, 300)))
    bad_tick["question_1"] = 1
    bad_tick["positive_ease"] = 2                # a tick must be 0, 1 or null
    rows += [bad_trust, bad_tick]
    rows.sort(key=lambda r: str(r["date"]))      # stable sort: in date order
    for i, row in enumerate(rows, start=1):
        row["external_id"] = f"TP-{i:06d}"
    return rows, planter.items


# ---------------------------------------------------------------------------
# Quarterly answer counts (aggregated, no raw responses)
# ---------------------------------------------------------------------------
COUNT_COLUMNS = ["fiscal_year", "quarter", "service", "channel", "question", "volume_of_customers",
                 "volume_of_customers_provided_survey_opportunity", "volume_of_respondents",
                 "point_1", "point_2", "point_3", "point_4", "point_5"]
QUESTIONS = ["trust", "satisfaction", "effectiveness", "ease", "efficiency", "transparency",
             "equity", "employee"]
# Mean answer (1-5) in FY2026 Q1; each later quarter is a little better.
Q_MEAN = {"trust": 3.15, "satisfaction": 3.25, "effectiveness": 3.30, "ease": 2.55, "efficiency": 2.45,
          "transparency": 3.05, "equity": 3.45, "employee": 3.95}
COUNT_STEP = 0.09
CUSTOMERS = [21840, 25310, 20470, 19260]        # SNAP phone interviews per quarter (seasonal)


def answer_weights(mean: float) -> list[float]:
    """Weights for answers 1..5 with roughly the given mean (a discretised bell curve)."""
    w = [2.718281828 ** (-((k - mean) ** 2) / (2 * 1.15 ** 2)) for k in range(1, 6)]
    return [x / sum(w) for x in w]


def make_counts(rng: random.Random) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for q in range(1, 5):
        customers = CUSTOMERS[q - 1] + rng.randint(-400, 400)
        offered = round(customers * rng.uniform(0.38, 0.46))
        respondents = round(offered * rng.uniform(0.085, 0.115))
        for question in QUESTIONS:
            skips = rng.randint(2, 9) + (rng.randint(6, 20) if question == "employee" else 0)
            answered = respondents - skips
            weights = answer_weights(Q_MEAN[question] + COUNT_STEP * (q - 1))
            draws = rng.choices(range(1, 6), weights=weights, k=answered)
            rows.append({
                "fiscal_year": 2026, "quarter": q, "service": "SNAP phone interview",
                "channel": "phone", "question": question,
                "volume_of_customers": customers,
                "volume_of_customers_provided_survey_opportunity": offered,
                "volume_of_respondents": respondents,
                **{f"point_{k}": draws.count(k) for k in range(1, 6)},
            })
    return rows


def main() -> None:
    rng = random.Random(SEED)
    thumbs, planted = make_thumbs(rng)
    counts = make_counts(rng)

    write_csv(OUT_THUMBS, THUMBS_COLUMNS, thumbs)
    write_csv(OUT_COUNTS, COUNT_COLUMNS, counts)
    added = append_pii(OUT_PII, PII_HEADER, planted)

    n_comments = sum(1 for r in thumbs if r["question_4"])
    bad = [str(r["external_id"]) for r in thumbs
           if r["question_1"] not in (0, 1) or r["positive_ease"] not in (0, 1, "null")]
    print(f"wrote {OUT_THUMBS.relative_to(ROOT)}: {len(thumbs)} rows "
          f"({len(thumbs) - len(bad)} valid, bad rows {', '.join(bad)}), {n_comments} with comments")
    print(f"wrote {OUT_COUNTS.relative_to(ROOT)}: {len(counts)} rows")
    print(f"{OUT_PII.relative_to(ROOT)}: {len(planted)} planted strings, {added} newly appended")


if __name__ == "__main__":
    main()
