#!/usr/bin/env python3
"""Generate a FICTIONAL post-transaction CX survey for the "disaster recovery" journey.

Writes:
  surveys/disaster-recovery.csv             300 fictional survey responses
  tests/fixtures/planted_pii_disaster.txt   its "survey" section: every
                                            fictional personal-data string
                                            planted in the comments (the other
                                            sections of the file are left as
                                            they are)

The layout is the same as surveys/financial-shock.csv: the OMB Circular A-11
Section 280 post-transaction questions, one row per response ("wide"
layout): trust plus the drivers satisfaction, effectiveness, ease,
efficiency, transparency, equity and employee helpfulness, each on the 1-5
agreement scale (1 = strongly disagree ... 5 = strongly agree; blank = not
asked or skipped), likely_to_recommend on 0-10, and an optional free-text
comment.

Nothing here is real: the storm, the agencies' services as surveyed, the
respondents and every comment are invented. Scores are simulated from a
latent per-respondent experience score so that the drivers correlate with
trust, with these built-in patterns:
  * ease and efficiency are lowest for FEMA Individual Assistance by phone
    (the helpline),
  * efficiency is low for D-SNAP (hours in line at the pop-up site) and for
    the state housing recovery program (months of waiting),
  * transparency is lowest for the SBA disaster loan (the FEMA referral is
    not understood),
  * employee helpfulness is highest in person (recovery centers),
  * a mild improvement across the four quarters of FY2026
    (Oct 2025 - Sep 2026), as the operation settles.
Each service is surveyed only while it runs: D-SNAP in October and
November 2025, the SBA loan from November, the state program from April 2026.

Deterministic: all randomness comes from one random.Random(20260928)
instance (no global seeding). Standard library only; the generic helpers
(the score simulation, comment mechanics and writers) are in
tools/sample_data_common.py, shared with tools/make_sample_survey.py.

Usage: python3 tools/make_sample_survey_disaster.py
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
    nine_ssn,
    write_csv,
    write_pii_section,
)

SEED = 20260928
ROOT = Path(__file__).resolve().parent.parent
OUT_CSV = ROOT / "surveys" / "disaster-recovery.csv"
OUT_PII = ROOT / "tests" / "fixtures" / "planted_pii_disaster.txt"
PII_HEADER = ("# fictional personal data planted in surveys/disaster-recovery.csv "
              "(written by tools/make_sample_survey_disaster.py)")

N_ROWS = 300
START = dt.date(2025, 10, 1)
END = dt.date(2026, 9, 30)

FEMA = "FEMA Individual Assistance"
SBA = "SBA disaster loan"
DSNAP = "D-SNAP"
HOUS = "State housing recovery program"
SERVICES = [FEMA, SBA, DSNAP, HOUS]
SERVICE_WEIGHTS = [40, 22, 18, 20]
CHANNELS = ["web", "phone", "in person"]
CHANNEL_WEIGHTS = {FEMA: [45, 35, 20], SBA: [55, 25, 20], DSNAP: [0, 15, 85], HOUS: [50, 25, 25]}

# When each service was surveyed: (first day, last day, busiest day).
WINDOWS = {
    FEMA: (START, END, dt.date(2025, 10, 25)),
    SBA: (dt.date(2025, 11, 1), dt.date(2026, 7, 31), dt.date(2026, 1, 15)),
    DSNAP: (dt.date(2025, 10, 8), dt.date(2025, 11, 30), dt.date(2025, 10, 16)),
    HOUS: (dt.date(2026, 4, 6), END, dt.date(2026, 6, 15)),
}

P_BLANK_ITEM = 0.03
P_BLANK_LTR = 0.05
P_COMMENT = 0.35

# Effects on the latent experience score (in standard-deviation units).
SERVICE_EFFECT = {FEMA: -0.2, SBA: -0.1, DSNAP: 0.15, HOUS: -0.55}
CHANNEL_EFFECT = {"web": 0.0, "phone": -0.25, "in person": 0.15}
QUARTER_STEP = 0.12          # improvement per fiscal quarter
TRUST_CENTRE = 2.95          # where a latent 0 lands on the 1-5 scale
DRIVER_CENTRE = 3.2


def driver_effect(item: str, service: str, channel: str) -> float:
    e = 0.0
    if item in ("ease", "efficiency"):
        if channel == "phone":
            e -= 0.25
        if service == FEMA and channel == "phone":
            e -= 0.7           # the helpline: hours on hold, dropped calls
    if item == "efficiency":
        e += {DSNAP: -0.8, HOUS: -0.5}.get(service, 0.0)   # lines at the site; months of waiting
    if item == "transparency":
        e += {SBA: -0.6, FEMA: -0.2}.get(service, 0.0)     # the SBA referral; decision letters
    if item == "employee":
        e += {"in person": 0.7, "phone": -0.1, "web": 0.0}[channel]
    if item == "equity":
        e += 0.15
    return e


MODEL = A11Model(SERVICE_EFFECT, CHANNEL_EFFECT, QUARTER_STEP, driver_effect,
                 trust_centre=TRUST_CENTRE, driver_centre=DRIVER_CENTRE)


def random_date(rng: random.Random, service: str) -> dt.date:
    first, last, busiest = WINDOWS[service]
    span, mode = (last - first).days, (busiest - first).days
    days = rng.triangular(0, span, mode) if rng.random() < 0.8 else rng.uniform(0, span)
    return first + dt.timedelta(days=round(days))


# ---------------------------------------------------------------------------
# Comment pools (fictional, hand-written)
# ---------------------------------------------------------------------------
POS = {
    "generic": [
        "Easier than I expected after everything we went through.",
        "Thank you, this really helped my family after the storm.",
        "I got what I needed and knew what would happen next.",
        "Quick and respectful.",
        "I was nervous about applying but it went fine.",
        "They explained what documents I needed up front, which saved me a trip.",
        "I appreciated getting a confirmation number right away.",
        "Somebody finally explained the whole process to me.",
    ],
    FEMA: [
        "The emergency payment came within a few days of registering.",
        "Registering took about twenty minutes on my phone.",
        "The inspector was on time and looked at every room.",
        "The rental assistance came when they said it would.",
        "The decision letter was clear about what it covered.",
        "They accepted my tax bill as proof of ownership.",
    ],
    SBA: [
        "The loan officer walked me through every form.",
        "The loan was approved faster than I expected.",
        "Low interest and they explained the terms clearly.",
        "They pulled my tax transcripts so I did not have to find my returns.",
        "Closing was simple once I had the checklist.",
        "The first disbursement came in about a week.",
    ],
    DSNAP: [
        "Got the card the same day, which fed us that week.",
        "The worker at the table was kind and quick.",
        "The phone interview saved me from standing in line.",
        "They counted our evacuation expenses, which made the difference.",
        "The volunteers in line handed out water and kept us informed.",
        "In and out faster than I feared.",
    ],
    HOUS: [
        "My caseworker kept me posted on every step.",
        "The award covered the repairs our insurance did not.",
        "They got our FEMA information directly, no extra papers.",
        "The program contractor started within a month of approval.",
        "Clear list of documents and a real person to call.",
        "The intake appointment was well organized.",
    ],
    "in person": [
        "The staff at the recovery center were patient and walked me through everything.",
        "The person at the table took time to answer all my questions.",
        "They scanned my papers right there and I left with a receipt.",
        "Short wait and the person who helped me knew what she was doing.",
    ],
    "phone": [
        "The person on the phone was very helpful.",
        "I got a call back when they said I would.",
        "The agent stayed on the line until it was fixed.",
    ],
    "web": [
        "The app worked fine on my phone.",
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
        "I felt like I was being treated as a suspect after losing my house.",
        "The letters are impossible to understand.",
        "Every office asked me for the same papers.",
        "Still waiting, and no one will give me a date.",
        "I was told three different things by three different people.",
        "Nothing about this is built for people who just lost their home.",
    ],
    FEMA: [
        "The inspector called from an unknown number and my case went to no contact.",
        "The letter said ineligible and did not say I just needed to send the insurance letter.",
        "They asked for proof of ownership three times.",
        "The identity check failed because of my old address.",
        "The hotel they approved was an hour from my kids' school.",
        "The award does not come close to the repairs.",
        "My appeal has been waiting for months.",
        "Letters kept going to the flooded house.",
    ],
    SBA: [
        "Nobody explained why I had to apply for a loan I did not want.",
        "The application asked for tax returns that were under water.",
        "I thought the SBA referral meant FEMA had denied me.",
        "Every disbursement needs another stack of receipts.",
        "The website timed out while I was uploading.",
        "They would not close until the insurance was final.",
    ],
    DSNAP: [
        "Six hours in line in the heat with no water.",
        "Denied at the table with no paper and no reason.",
        "The site closed before I reached the front.",
        "Same questions FEMA already asked me.",
        "The card was mailed to my flooded house.",
        "No interpreter at the tables.",
    ],
    HOUS: [
        "It opened more than six months after the storm.",
        "They asked for the same documents after my caseworker changed.",
        "Nobody will tell me my place in line.",
        "They counted a loan I declined as money I received.",
        "Still living with relatives a year later.",
        "No status online, the phone line just says in review.",
    ],
    "in person": [
        "I waited three hours at the recovery center and was told to come back.",
        "There was no interpreter.",
        "There was nowhere to sit and I have a bad hip.",
        "The line was out the door before they opened.",
    ],
    "phone": [
        "I was on hold for two hours and the call dropped.",
        "The helpline hung up on me every time I called.",
        "I never reached a person.",
        "The callback never came.",
    ],
    "web": [
        "The app kept logging me out and I lost my answers.",
        "The upload page gave me an error every time.",
        "The app does not say what happens next.",
        "The site does not work on an old phone.",
    ],
}

MIXED = {
    "generic": [
        "It got done eventually, but it took longer than it should have.",
        "Some parts were easy and some made no sense.",
        "I understand they are overwhelmed, but a status update would go a long way.",
        "The person I talked to was great; the system is the problem.",
        "It worked, but I should not have needed a case manager to get through it.",
    ],
    FEMA: [
        "The recovery center helped, the helpline did not.",
        "Got some repair money, not near enough to fix the house.",
        "The inspector was polite but missed half the damage.",
        "Approved in the end, but the first letter said ineligible.",
        "Registering was quick; proving I own the house was not.",
        "The hotel was a roof over our heads, but an hour from work.",
        "The staff were kind, but I had to send the same documents twice.",
    ],
    SBA: [
        "The loan officer was good, but nobody explained why FEMA sent me to a loan.",
        "Approved eventually, but every disbursement needed more receipts.",
        "Low interest, but I never wanted a loan in the first place.",
        "The SBA table at the recovery center helped; the website did not.",
        "Closing went fine once the insurance settlement finally came in.",
        "Fair terms, slow money.",
    ],
    DSNAP: [
        "Got the card, but only after six hours in line.",
        "The worker at the table was kind; the line in the heat was brutal.",
        "Food for a month, but they asked the same questions FEMA had.",
        "Approved at the table, but we had to come back on our letter's day.",
        "The card helped, the schedule by last name did not.",
    ],
    HOUS: [
        "My caseworker was kind, but she left and the new one started over.",
        "Approved for an award, but the repairs still have not started.",
        "The intake appointment was organized; the waiting since has not been.",
        "They finally accepted my papers, after asking for them three times.",
        "Good program, but it opened six months after the storm.",
    ],
}

# Fictional personal data for the planted comments.
PII_FIRST = ["Honorine", "Lazarus", "Perpetua", "Ignatius", "Clementine"]
PII_LAST = ["Vidrine-Ashe", "Chauvin-Blake", "Gautreaux", "Leleux-Marsh", "Robichaux-Penn"]
PII_STAFF = ["Ashbury-Cole", "Nwachukwu", "Falgoust", "Brzezinski", "Thistlewood"]
PII_STREETS = ["Crawfish Hollow Road", "Pirogue Point Drive", "Bald Cypress Lane", "Levee Crest Road"]

PII_TEMPLATES = {   # (positive comment, negative comment)
    "staff": ("{title} {sur} at the recovery center walked me through everything, please thank them.",
              "{title} {sur} said my file was complete and it wasn't."),
    "phone_case": ("Got a call back at {ph} the same day about my {ref}.",
                   "Please call me at {ph}, my {ref} still shows pending."),
    "name_email": ("My name is {full}, happy to talk more about it at {em}.",
                   "My name is {full} and I still have no answer, email me at {em}."),
    "address": ("The inspector found {addr} on the first try.",
                "I have sent proof that I live at {addr} three times."),
    "ssn_case": ("They found my {ref} with just my SSN {ssn}, no runaround.",
                 "They asked for my SSN {ssn} again even though it's on my {ref}."),
}


class SurveyPlanter(CommentPlanter):
    """Fictional personal data for the comments."""

    def __init__(self, rng: random.Random):
        super().__init__(rng, PII_FIRST, PII_LAST, PII_STAFF, PII_STREETS, PII_TEMPLATES)

    def case_ref(self, service: str) -> tuple[str, str]:
        rng = self.rng
        if service == SBA:
            ident = f"{rng.randint(3300000000, 3399999999)}"
            return f"SBA application number {ident}", ident
        if service == HOUS:
            ident = f"HR-2026-{rng.randint(0, 99999):05d}"
            return f"application number {ident}", ident
        ident = f"{rng.randint(100000000, 999999999)}"
        return f"FEMA registration number {ident}", ident

    def ssn(self) -> str:
        """SSN-shaped, starting with 9 (never issued as an SSN)."""
        return nine_ssn(self.rng)


WEB_WORDS = ("online", "website", "upload", "app ")


def make_comment(rng: random.Random, service: str, channel: str, mood: str) -> str:
    if mood == "mixed":
        src = rng.choices(["generic", service], weights=[1, 3])[0]
        first, more = rng.choice(fit_channel(MIXED[src], channel, WEB_WORDS)), []
    else:
        first, more = graded_comment(rng, POS if mood == "pos" else NEG, service, channel, WEB_WORDS)
    return casual(rng, add_second(rng, first, more, 0.35), lower_below=0.06, no_period_below=0.12)


def main() -> None:
    rng = random.Random(SEED)
    drafts = []
    for _ in range(N_ROWS):
        service = rng.choices(SERVICES, weights=SERVICE_WEIGHTS)[0]
        drafts.append((random_date(rng, service), service))
    drafts.sort(key=lambda t: t[0])

    rows = []
    for i, (d, service) in enumerate(drafts, start=1):
        channel = rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS[service])[0]
        rows.append(a11_response(rng, MODEL, f"DR-R-{i:05d}", d, service, channel))
    planter = SurveyPlanter(rng)
    finish_a11_responses(rng, rows, P_BLANK_ITEM, P_BLANK_LTR, P_COMMENT, make_comment, planter)

    write_csv(OUT_CSV, A11_COLUMNS, rows, extrasaction="ignore")
    write_pii_section(OUT_PII, PII_HEADER, planter.items)

    n_comments = sum(1 for r in rows if r["comment"])
    print(f"wrote {OUT_CSV.relative_to(ROOT)}: {len(rows)} rows, {n_comments} with comments")
    print(f"wrote {OUT_PII.relative_to(ROOT)}: {len(planter.items)} planted strings (survey section)")


if __name__ == "__main__":
    main()
