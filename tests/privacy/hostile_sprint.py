"""A small sprint with fictional personal data planted where real exports put it, for an end-to-end leak test.

Personal data goes into free text, ids, metadata columns, file names, speaker
labels, cells that get quarantined, survey services and comments. Every name,
number and address is made up (drawn at random from ``planted``'s lists with a
fixed seed). ``make_hostile_sprint(folder)`` writes the sprint and returns its
file and the needles: strings that must appear in no file a run writes.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from tests.conftest import ROOT
from tests.privacy.planted import FIRST, LAST, _intl_phone, _ssn, _us_phone

_STORIES = [
    "I applied for unemployment and the portal logged me out twice while I uploaded my pay stubs.",
    "The county asked for the same lease and pay stubs that the state already had from my application.",
    "I waited on hold for three hours and the call dropped before anyone answered about my claim.",
    "My Medicaid renewal letter came after the deadline and nobody could tell me what to send.",
    "The identity check failed because my license has my old address and the office was weeks out.",
    "SNAP was approved but the card balance stayed at zero for a month with no explanation.",
    "Three offices gave me three different lists of documents and none accepted the others.",
    "I mailed the form twice and the status page still says processing after six weeks.",
]


def make_hostile_sprint(folder: Path, seed: int = 11) -> tuple[Path, list[str]]:
    """Write the sprint under ``folder``; return its sprint file and the planted needles."""
    rng = random.Random(seed)
    people = rng.sample([(f, ln) for f in FIRST for ln in LAST if " " not in ln], 24)
    needles: list[str] = []

    def person() -> tuple[str, str]:
        first, last = people.pop()
        needles.extend([f"{first} {last}", last])
        return first, last

    def contact() -> tuple[str, str, str]:
        email = f"{rng.choice(['k', 'm', 'z'])}{rng.randint(100, 999)}.resident@mail-example.org"
        phone, intl, ssn = _us_phone(rng), _intl_phone(rng), _ssn(rng)
        needles.extend([email, phone, intl, ssn])
        return email, phone, intl + " / " + ssn

    folder.mkdir(parents=True, exist_ok=True)
    notes = folder / "interviews"
    notes.mkdir()
    # 1. a file named after the participant, no participant id, speakers by name, an interviewer who introduces herself
    p_first, p_last = person()
    i_first, i_last = person()
    email, phone, other = contact()
    (notes / f"Interview - {p_first} {p_last} 2026-09-03.md").write_text(
        f"Interviewer: Hi, I'm {i_first} {i_last} from the research team; thanks for talking with me.\n\n"
        f"{p_first}: {_STORIES[0]} You can reach me at {email} or {phone}.\n\n"
        f"Interviewer: Thanks, {i_first} again here. What happened with the county?\n\n"
        f"{p_first}: {_STORIES[1]} My SSN {other.split(' / ')[1]} was on every form.\n\n"
        f"Interviewer: And the phone line?\n\n{p_first}: {_STORIES[2]} My sister abroad ({other.split(' / ')[0]}) "
        "tried calling for me too.\n", encoding="utf-8")
    # 2. notes with front matter, a caseworker named in the text
    c_first, c_last = person()
    (notes / "P02.md").write_text(
        f"---\nparticipant: P02\n---\nInterviewer: Tell me about Medicaid.\n\nP02: {_STORIES[3]} My caseworker "
        f"{c_first} {c_last} said to call back. {_STORIES[4]}\n", encoding="utf-8")
    # 3. a transcript whose speakers are names
    t_first, t_last = person()
    (notes / "session-3.vtt").write_text(
        f"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v {i_first} {i_last}>How did SNAP go?\n\n"
        f"00:00:05.000 --> 00:00:09.000\n<v {t_first} {t_last}>{_STORIES[5]} {_STORIES[6]}\n\n"
        f"00:00:10.000 --> 00:00:14.000\n<v {t_first} {t_last}>{_STORIES[7]}\n", encoding="utf-8")
    # complaints: ids that are e-mails, names and phones in metadata columns, a name where a date belongs
    rows = []
    for i in range(40):
        cid = f"FS-2026-{1000 + i:05d}"
        agency, channel, category = "State Workforce Agency", "web", "documents"
        text = f"{_STORIES[i % len(_STORIES)]} {_STORIES[(i + 3) % len(_STORIES)]}"
        date = f"2026-0{1 + i % 8}-1{i % 9}"
        if i % 8 == 0:
            cid, _, _ = contact()
        if i % 8 == 1:
            f_, l_ = person()
            agency = f"Attn: Mr. {l_}"
            channel = f"called {_us_phone(rng)}"
            needles.append(channel.removeprefix("called "))
            text += f" Sincerely,\n{f_} {l_}"
        if i % 8 == 2:
            f_, l_ = person()
            date = f"{f_} {l_}"
        if i % 8 == 3:
            e, ph, _ = contact()
            text += f" Write to {e} or call {ph}."
        rows.append({"complaint_id": cid, "narrative": text, "date_received": date, "agency": agency,
                     "program": "Unemployment Insurance", "channel": channel, "category": category})
    dup = dict(rows[0], narrative=rows[0]["narrative"] + " (sent again with changes)")
    rows.append(dup)  # an e-mail id that repeats: the quarantine names it, safely
    with (folder / "complaints.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    # survey: e-mail response ids, a name in the service column, a name in an answer cell, PII in comments
    measures = ("trust", "satisfaction", "effectiveness", "ease", "efficiency", "transparency", "employee")
    survey = []
    for i in range(60):
        rid = f"R-{i:04d}"
        service, comment = "Unemployment Insurance", ""
        answers = {m: str(rng.randint(1, 5)) for m in measures}
        if i % 10 == 0:
            rid, _, _ = contact()
        if i % 10 == 1:
            f_, l_ = person() if people else ("Ximena", "Quiñones")
            service = f"UI claim for Ms. {l_}"
            needles.append(l_)
        if i % 10 == 2:
            e, ph, _ = contact()
            comment = f"Please call me at {ph} or write to {e}, the form kept timing out."
        if i % 10 == 3 and people:
            f_, l_ = person()
            answers["trust"] = f"{f_} {l_}"
        survey.append({"response_id": rid, "date": f"2026-0{1 + i % 8}-15", "service": service, "channel": "web",
                       **answers, "recommend": str(rng.randint(0, 10)), "comment": comment})
    with (folder / "survey.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(survey[0]))
        w.writeheader()
        w.writerows(survey)
    sprint = folder / "hostile.yml"
    sprint.write_text(f"""# A fictional sprint with planted personal data (tests/privacy/hostile_sprint.py).
name: hostile
title: "Hostile input sprint"
life_experience: Facing a financial shock
inputs:
  interviews: interviews
  complaints:
    - path: complaints.csv
      columns: {{id: complaint_id, text: narrative, date: date_received, agency: agency, program: program,
                channel: channel, category: category}}
  surveys:
    - path: survey.csv
  journey: {ROOT / "journeys" / "financial-shock.yml"}
parameters: {{n_themes: 3, seed: 3, top_themes: 3}}
action_plan: {{agency: "State Workforce Agency"}}
output: {folder / "reports"}
notebooks: {ROOT / "notebooks"}
""", encoding="utf-8")
    return sprint, sorted(set(needles))
