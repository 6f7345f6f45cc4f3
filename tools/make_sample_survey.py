#!/usr/bin/env python3
"""Generate a FICTIONAL post-transaction CX survey for the "financial shock" journey.

Writes:
  surveys/financial-shock.csv               600 fictional survey responses
  tests/fixtures/planted_pii_survey.txt     every fictional personal-data string
                                            planted in the comments

The layout follows the OMB Circular A-11 Section 280 post-transaction
customer feedback questions, one row per response ("wide" layout):
trust plus the drivers satisfaction, effectiveness, ease, efficiency,
transparency, equity and employee helpfulness, each on the 1-5 agreement
scale (1 = strongly disagree ... 5 = strongly agree; blank = not asked or
skipped), likely_to_recommend on 0-10, and an optional free-text comment.

Nothing here is real: the agencies, the respondents and every comment are
invented. Scores are simulated from a latent per-respondent experience score
so that the drivers correlate with trust, with these built-in patterns:
  * ease and efficiency are lowest for Unemployment Insurance by phone,
  * employee helpfulness is highest in person,
  * a mild improvement across the four quarters of FY2026
    (Oct 2025 - Sep 2026).

Deterministic: all randomness comes from one random.Random(20261124)
instance (no global seeding). Standard library only; the generic helpers
are in tools/sample_data_common.py.

Usage: python3 tools/make_sample_survey.py
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sample_data_common import (
    A11_COLUMNS,
    A11Model,
    CommentPlanter,
    a11_response,
    add_second,
    casual,
    finish_a11_responses,
    fit_channel,
    graded_comment,
    ssn_shaped,
    uniform_dates,
    write_csv,
    write_pii_file,
)

SEED = 20261124
ROOT = Path(__file__).resolve().parent.parent
OUT_CSV = ROOT / "surveys" / "financial-shock.csv"
OUT_PII = ROOT / "tests" / "fixtures" / "planted_pii_survey.txt"

N_ROWS = 600
START = dt.date(2025, 10, 1)
END = dt.date(2026, 9, 30)

UI = "Unemployment Insurance claim"
MC = "Medicaid application"
SN = "SNAP application"
SERVICES = [UI, MC, SN]
SERVICE_WEIGHTS = [40, 30, 30]
CHANNELS = ["web", "phone", "in person"]
CHANNEL_WEIGHTS = {UI: [55, 35, 10], MC: [45, 30, 25], SN: [40, 30, 30]}

P_BLANK_ITEM = 0.03
P_BLANK_LTR = 0.05
P_COMMENT = 0.35

# Effects on the latent experience score (in standard-deviation units).
SERVICE_EFFECT = {UI: -0.25, MC: 0.0, SN: 0.05}
CHANNEL_EFFECT = {"web": 0.05, "phone": -0.2, "in person": 0.15}
QUARTER_STEP = 0.16          # improvement per fiscal quarter
TRUST_CENTRE = 3.0           # where a latent 0 lands on the 1-5 scale
DRIVER_CENTRE = 3.25


def driver_effect(item: str, service: str, channel: str) -> float:
    e = 0.0
    if item in ("ease", "efficiency"):
        if channel == "phone":
            e -= 0.25
        if service == UI:
            e -= 0.25
        if service == UI and channel == "phone":
            e -= 0.7
    if item == "efficiency" and service != UI and channel == "in person":
        e -= 0.15             # long lobby waits
    if item == "employee":
        e += {"in person": 0.7, "phone": -0.1, "web": 0.0}[channel]
    if item == "transparency" and service == MC:
        e -= 0.2              # confusing notices
    if item == "equity":
        e += 0.2
    return e


MODEL = A11Model(SERVICE_EFFECT, CHANNEL_EFFECT, QUARTER_STEP, driver_effect,
                 trust_centre=TRUST_CENTRE, driver_centre=DRIVER_CENTRE)


# ---------------------------------------------------------------------------
# Comment pools (fictional, hand-written)
# ---------------------------------------------------------------------------
POS = {
    "generic": [
        "Easier than I expected.",
        "Everything was clear and it didn't take long.",
        "Thank you, this really helped my family during a hard time.",
        "I got what I needed and knew what would happen next.",
        "Honestly better than I thought it would be.",
        "The instructions were simple and I finished in one sitting.",
        "Quick and respectful.",
        "I was nervous about applying but it went fine.",
        "Good experience overall.",
        "Straightforward, no surprises.",
        "They explained what documents I needed up front, which saved me a trip.",
        "I appreciated getting a confirmation number right away.",
    ],
    UI: [
        "My claim was approved faster than I expected and the first payment came on time.",
        "Filing the claim online took about 20 minutes.",
        "The weekly certification is quick once you get the hang of it.",
        "The letter explained my weekly benefit amount clearly.",
        "I was worried about the separation notice but they helped me get it from my employer.",
        "Got paid within two weeks of filing, which made a real difference.",
    ],
    MC: [
        "The kids were covered right away, what a relief.",
        "The application asked only what it needed to.",
        "They used the income information they already had, so I didn't have to send pay stubs.",
        "My coverage card arrived in about a week.",
        "The notice said exactly when coverage starts.",
        "The worker checked if we qualified for other programs too.",
    ],
    SN: [
        "The interview was short and the worker was kind.",
        "The EBT card came quickly and the benefits were on it.",
        "They did my interview the same day I applied.",
        "I got expedited benefits within a few days, thank you.",
        "The interview time worked around my schedule.",
        "The text reminder about my interview was really helpful.",
    ],
    "in person": [
        "The staff member at the front desk was patient and walked me through every page.",
        "The worker at the office was so kind to me.",
        "The caseworker took time to answer all my questions.",
        "Short wait in the lobby and the person who helped me knew what she was doing.",
    ],
    "phone": [
        "The person on the phone was very helpful.",
        "I got a call back when they said I would.",
        "The agent stayed on the line until it was fixed.",
    ],
    "web": [
        "The website worked fine on my phone.",
        "Uploading documents was easy.",
        "I could see the status of my application online, which helped.",
    ],
}

NEG = {
    "generic": [
        "Too many steps and nobody explains why.",
        "I had to send the same documents again.",
        "It took way too long.",
        "Nobody could tell me where my application stood.",
        "I felt like I was being treated as a suspect.",
        "The letters are impossible to understand.",
        "I gave up twice before finishing.",
        "Every office asked me for the same papers.",
        "Still waiting, and no one will give me a date.",
        "Why do I have to prove my income to three different agencies?",
        "The process is not built for people who just lost their job.",
        "I was told three different things by three different people.",
    ],
    UI: [
        "Identity verification locked me out for days.",
        "My claim sat in pending adjudication for weeks.",
        "First payment came five weeks after I filed.",
        "The weekly certification kept timing out.",
        "They wanted my separation notice and my old employer never sent one.",
        "Still haven't been paid and my rent is due.",
        "The claim status page says nothing useful.",
        "The appeal has been waiting for months.",
    ],
    MC: [
        "They asked for proof of income I had already sent to the county.",
        "The notice said denied and approved on different pages.",
        "Our coverage was cut at renewal even though I sent everything.",
        "The verification request arrived after the deadline on it.",
        "My kids went without coverage for a month because of paperwork.",
        "I still don't know if we are covered.",
        "They couldn't find the documents I uploaded.",
        "The application asked for the same information three times.",
    ],
    SN: [
        "I missed the interview call because it came from a blocked number.",
        "The EBT card took three weeks to arrive.",
        "They asked for my lease even though I gave it at the last recertification.",
        "My case was closed for a missing paper I had turned in.",
        "I had to reschedule the interview twice because nobody called.",
        "Waited a month for food benefits with nothing in the fridge.",
        "Recertification is as much work as applying the first time.",
        "The office lost my pay stubs.",
    ],
    "in person": [
        "I waited three hours in the lobby and was sent home.",
        "The office had no interpreter.",
        "There was nowhere to sit and I have a bad back.",
        "The line was out the door before it opened.",
    ],
    "phone": [
        "I was on hold for two hours and the call dropped.",
        "The phone line hung up on me every time I called.",
        "I never reached a person.",
        "The callback never came.",
    ],
    "web": [
        "The website kept logging me out and I lost my work.",
        "The upload page gave me an error every time.",
        "Password reset emails never arrived.",
        "The site doesn't work on a phone.",
    ],
}

MIXED = [
    "The worker was helpful but the website kept logging me out.",
    "It got done eventually, but it took longer than it should have.",
    "Staff were nice, but I had to send the same documents twice.",
    "Fine once I reached someone, but reaching someone took days.",
    "The online form was okay but the letters afterwards were confusing.",
    "Approved in the end, but nobody told me what was happening in between.",
    "Some parts were easy and some parts made no sense.",
    "Better than last time, still too slow.",
    "The interview went fine; the waiting afterwards was the hard part.",
    "I understand they're busy, but a status update would go a long way.",
    "The person I talked to was great; the system is the problem.",
    "Not terrible, but I shouldn't need help from a navigator to apply.",
    "It worked, but the identity check was a headache.",
    "The 211 referral pointed me in the right direction, the rest was slow.",
]

# Fictional personal data for the planted comments.
PII_FIRST = ["Rosalie", "Emeka", "Sunniva", "Bartholomew", "Inés"]
PII_LAST = ["Quayle-Monroe", "Adebayo-Finch", "Thorvaldsen", "Pennywhistle", "Ocampo-Reyes"]
PII_STAFF = ["Featherstone", "Oduya", "Kristiansen", "Bellweather", "Marquardt"]
PII_STREETS = ["Cobblestone Row", "Heron Bluff Drive", "Thistledown Lane", "Saltmarsh Road"]

PII_TEMPLATES = {   # (positive comment, negative comment)
    "staff": ("{title} {sur} at the front desk walked me through everything, please thank them.",
              "{title} {sur} said my file was complete and it wasn't."),
    "phone_case": ("Got a call back at {ph} the same day about my {ref}.",
                   "Please call me at {ph}, my {ref} still shows pending."),
    "name_email": ("My name is {full}, happy to talk more about it at {em}.",
                   "My name is {full} and I still have no answer, email me at {em}."),
    "address": ("Card arrived at {addr} within a week.",
                "I have mailed proof of address for {addr} three times."),
    "ssn_case": ("They found my {ref} with just my SSN {ssn}, no runaround.",
                 "They asked for my SSN {ssn} again even though it's on {ref}."),
}


class SurveyPlanter(CommentPlanter):
    """Fictional personal data for the comments."""

    def __init__(self, rng: random.Random):
        super().__init__(rng, PII_FIRST, PII_LAST, PII_STAFF, PII_STREETS, PII_TEMPLATES)

    def case_ref(self, service: str) -> tuple[str, str]:
        if service == UI:
            ident = f"UI-2026-{self.rng.randint(0, 999999):06d}"
            return f"claim number {ident}", ident
        if service == MC:
            ident = f"MC-{self.rng.randint(1000000, 9999999)}"
            return f"case number {ident}", ident
        ident = f"SN-{self.rng.randint(10000, 99999)}"
        return f"case #{ident}", ident

    def ssn(self) -> str:
        return ssn_shaped(self.rng, f"{self.rng.randint(100, 665):03d}")


WEB_WORDS = ("online", "website", "upload")


def make_comment(rng: random.Random, service: str, channel: str, mood: str) -> str:
    if mood == "mixed":
        first, more = rng.choice(fit_channel(MIXED, channel, WEB_WORDS)), []
    else:
        first, more = graded_comment(rng, POS if mood == "pos" else NEG, service, channel, WEB_WORDS)
    return casual(rng, add_second(rng, first, more, 0.35), lower_below=0.06, no_period_below=0.12)


def main() -> None:
    rng = random.Random(SEED)
    dates = uniform_dates(rng, START, END, N_ROWS)

    rows = []
    for i, d in enumerate(dates, start=1):
        service = rng.choices(SERVICES, weights=SERVICE_WEIGHTS)[0]
        channel = rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS[service])[0]
        rows.append(a11_response(rng, MODEL, f"FS-R-{i:05d}", d, service, channel))
    planter = SurveyPlanter(rng)
    finish_a11_responses(rng, rows, P_BLANK_ITEM, P_BLANK_LTR, P_COMMENT, make_comment, planter)

    write_csv(OUT_CSV, A11_COLUMNS, rows, extrasaction="ignore")
    write_pii_file(OUT_PII, "# fictional personal data planted in surveys/financial-shock.csv", planter.items)

    n_comments = sum(1 for r in rows if r["comment"])
    print(f"wrote {OUT_CSV.relative_to(ROOT)}: {len(rows)} rows, {n_comments} with comments")
    print(f"wrote {OUT_PII.relative_to(ROOT)}: {len(planter.items)} planted strings")


if __name__ == "__main__":
    main()
