#!/usr/bin/env python3
"""Generate FICTIONAL staff self-assessment responses for the "financial shock" sample sprint.

Writes:
  staff/financial-shock-staff.csv      42 rows: 40 staff of the fictional agencies in
                                       journeys/financial-shock.yml answering the service-commitment
                                       profile (every item for "me" and "my organisation", 0-4), plus
                                       two bad rows for the quarantine
  staff/financial-shock-maturity.csv   12 leaders and CX-office staff answering the A-11 CX maturity
                                       self-assessment (organisation only, 0-4)

Nothing here is real: the respondents, teams, answers and comments are invented. Answers are
simulated from a per-competency baseline, a team effect, an item effect and a per-respondent
tendency, so that:
  * people rate their own practice higher than their organisation;
  * "customer-serving processes and systems" and "feedback and the voice of the customer" are the
    organisation's lowest competencies;
  * "Digital Services" has 4 respondents (under the 5-respondent small-cell rule, so suppressed);
  * a few answers are blank, and one respondent skipped a whole competency for "me";
  * one row has an out-of-range answer ("7") and one repeats a respondent id with different answers;
  * one comment carries a planted fictional email address and phone number, to exercise redaction.

Item ids must match hcd/resources/instruments/*.yml (tests read these files with those instruments).
Deterministic: all randomness comes from one numpy Generator seeded with SEED (no global seeding).
Standard library and numpy only.

Usage: python3 tools/make_staff_sample.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

SEED = 20261125
ROOT = Path(__file__).resolve().parent.parent
OUT_STAFF = ROOT / "staff" / "financial-shock-staff.csv"
OUT_MATURITY = ROOT / "staff" / "financial-shock-maturity.csv"

#: competency -> (own-practice baseline, organisation baseline), on the 0-4 scale
COMPETENCIES = {
    "leadership": (3.1, 2.6),
    "voice": (2.8, 1.6),
    "standards": (3.1, 2.5),
    "empowerment": (2.9, 2.3),
    "processes": (2.9, 1.4),
    "recognition": (3.0, 2.4),
}
#: item effects (both perspectives), where an item runs notably above or below its competency
ITEM_EFFECT = {"voice-4": -0.5, "voice-5": -0.3, "processes-1": -0.4, "processes-3": -0.4, "processes-6": -0.2,
               "standards-2": 0.2, "standards-5": 0.3, "recognition-2": -0.3, "empowerment-4": -0.3}
#: team -> (size, roles, organisation effect per competency)
TEAMS = {
    "UI Claims Intake": (9, ["Claims Examiner", "Claims Examiner", "Supervisor"], {"standards": -0.3}),
    "DHS Eligibility Operations": (9, ["Eligibility Specialist", "Eligibility Specialist", "Supervisor"],
                                   {"empowerment": -0.2}),
    "County SNAP Intake": (9, ["Caseworker", "Caseworker", "Supervisor"], {"processes": -0.3, "standards": -0.2}),
    "Call Center": (9, ["Agent", "Agent", "Team Lead"], {"recognition": -0.5, "empowerment": -0.4}),
    "Digital Services": (4, ["Product Manager", "Developer", "Designer"], {"voice": 0.6, "processes": 0.3}),
}
COMMENTS = [
    "Customers upload documents to the portal and we cannot see them for days, so they call us to resend.",
    "We never hear what the customer survey says about our unit.",
    "I would fix things for people if I were allowed to override the system.",
    "Our targets count calls closed, not problems solved.",
    "The SNAP and Medicaid teams ask for the same pay stubs twice.",
    "Leadership talks about customers at all-hands but the budget goes elsewhere.",
    "Complaints get closed without anyone looking at why they keep coming.",
    "Good work gets noticed by my supervisor, not much further up.",
    "People wait weeks for a decision and nobody tells them why.",
    "We tested the new notice with three customers and it made a real difference.",
    "Transfers between programs lose the customer's information every time.",
    "I do not know what our service standards are.",
]
#: the planted fictional personal data: hcd must redact it (see tests/ingest/test_staff_responses.py)
PLANTED_COMMENT = ("Happy to talk about the upload backlog: call me at (555) 014-2298 or write to "
                   "dana.k.staff@example.org.")

MATURITY = {  # domain -> organisation baseline
    "measurement": 2.5, "governance": 2.1, "culture": 2.2, "research": 1.5, "design": 1.4,
}
MATURITY_ITEMS = {"measurement": 6, "governance": 5, "culture": 5, "research": 5, "design": 6}
MATURITY_EFFECT = {"measurement-1": 0.8, "measurement-2": 0.3, "measurement-3": -0.6, "research-2": -0.5,
                   "design-3": -0.6, "governance-2": -0.3, "culture-3": -0.3}
MATURITY_TEAMS = {
    "Executive Leadership": (5, ["Director", "Deputy Director", "Chief Customer Officer"], 0.4),
    "CX Office": (7, ["CX Lead", "Performance Analyst", "Service Designer", "Program Manager"], 0.0),
}
MATURITY_COMMENTS = [
    "We publish the quarterly survey numbers but nobody outside the CX office reads them.",
    "Research happens when a project has money for it, not as a routine.",
    "The partner agencies each run their own surveys; we do not share results.",
]


def _answer(rng: np.random.Generator, mean: float) -> int:
    return int(np.clip(np.rint(mean + rng.normal(0.0, 0.55)), 0, 4))


def staff_rows(rng: np.random.Generator) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the service-commitment sample (good rows first, then the two bad ones)."""
    items = [f"{c}-{k}" for c in COMPETENCIES for k in range(1, 7)]
    header = ["respondent_id", "team", "role", *(f"{i}_{p}" for i in items for p in ("me", "org")), "comment"]
    rows: list[list[str]] = []
    n = 0
    for team, (size, roles, effect) in TEAMS.items():
        for k in range(size):
            n += 1
            own, org = rng.normal(0.0, 0.35), rng.normal(0.0, 0.4)
            skip = n == 23  # one respondent skips the "me" side of a whole competency
            answers = []
            for item in items:
                comp = item.rsplit("-", 1)[0]
                me_base, org_base = COMPETENCIES[comp]
                eff = ITEM_EFFECT.get(item, 0.0)
                me = "" if skip and comp == "recognition" else str(_answer(rng, me_base + eff + own))
                og = str(_answer(rng, org_base + eff + effect.get(comp, 0.0) + org + 0.3 * own))
                answers += [me if rng.random() > 0.012 else "", og if rng.random() > 0.012 else ""]
            comment = COMMENTS[n % len(COMMENTS)] if rng.random() < 0.4 else ""
            if n == 17:
                comment = PLANTED_COMMENT
            if size > 5:  # front-line staff and one supervisor per team
                role = roles[-1] if k == size - 1 else roles[0]
            else:
                role = roles[k % len(roles)]
            rows.append([f"S{n:03d}", team, role, *answers, comment])
    bad = list(rows[5])  # an out-of-range answer on a new respondent
    bad[0] = f"S{n + 1:03d}"
    bad[header.index("processes-2_org")] = "7"
    repeat = list(rows[11])  # the same respondent id again, with different answers
    repeat[header.index("voice-1_org")] = str((int(repeat[header.index("voice-1_org")] or 0) + 2) % 5)
    repeat[-1] = "Submitted twice by mistake."
    return header, [*rows, bad, repeat]


def maturity_rows(rng: np.random.Generator) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the A-11 CX maturity sample."""
    items = [f"{d}-{k}" for d, m in MATURITY_ITEMS.items() for k in range(1, m + 1)]
    header = ["respondent_id", "team", "role", *items, "comment"]
    rows: list[list[str]] = []
    n = 0
    for team, (size, roles, lift) in MATURITY_TEAMS.items():
        for k in range(size):
            n += 1
            tendency = rng.normal(0.0, 0.3)
            answers = [str(_answer(rng, MATURITY[i.rsplit("-", 1)[0]] + MATURITY_EFFECT.get(i, 0.0) + lift
                                   + tendency)) if rng.random() > 0.01 else "" for i in items]
            comment = MATURITY_COMMENTS[n % len(MATURITY_COMMENTS)] if n % 4 == 0 else ""
            rows.append([f"M{n:02d}", team, roles[k % len(roles)], *answers, comment])
    return header, rows


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    rng = np.random.default_rng(SEED)
    _write(OUT_STAFF, *staff_rows(rng))
    _write(OUT_MATURITY, *maturity_rows(rng))


if __name__ == "__main__":
    main()
