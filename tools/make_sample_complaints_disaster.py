#!/usr/bin/env python3
"""Generate FICTIONAL sample complaints for the "disaster recovery" life experience.

Writes:
  complaints/disaster-recovery.csv          152 rows of fictional complaints
  tests/fixtures/planted_pii_disaster.txt   its "complaints" section: every
                                            fictional personal-data string
                                            planted in the narratives (the
                                            other sections of the file are
                                            left as they are)

Everything produced here is made up: the storm, Harlow County and its towns,
the people, names, emails (@example.com / @example.org), phone numbers
(555-01xx), SSN-shaped numbers (all starting with 9), FEMA registration
numbers, claim and application numbers and addresses. The agencies are the
fictional stand-ins of journeys/disaster-recovery.yml. No real complaint was
used.

The output is deterministic: all randomness comes from one
random.Random(20250927) instance (the seed is the fictional landfall date; no
global seeding), so re-running the script reproduces the files byte for byte.
The mix of pain points and programs follows fixed quotas, so the small sample
keeps the intended proportions.

Deliberate defects, so that cleaning and privacy code has something to catch
(see complaints/README.md):
  * 2 exact duplicate rows (a double export),
  * 2 rows with an empty or whitespace-only narrative,
  * 15 narratives with planted fictional personal data.

Usage: python3 tools/make_sample_complaints_disaster.py
Standard library only; the generic helpers are in tools/sample_data_common.py.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sample_data_common import (
    COMPLAINT_CHANNELS,
    COMPLAINT_COLUMNS,
    MONTHS,
    NarrativeStyle,
    PooledPlanter,
    SlotFiller,
    check_pools,
    compose_narrative,
    insert_duplicates,
    nine_ssn,
    numword,
    only,
    workflow_state,
    write_csv,
    write_pii_section,
)

SEED = 20250927
ROOT = Path(__file__).resolve().parent.parent
OUT_CSV = ROOT / "complaints" / "disaster-recovery.csv"
OUT_PII = ROOT / "tests" / "fixtures" / "planted_pii_disaster.txt"
PII_HEADER = ("# fictional personal data planted in complaints/disaster-recovery.csv "
              "(written by tools/make_sample_complaints_disaster.py)")

TOTAL_ROWS = 152          # rows in the file, duplicates included
N_DUPLICATES = 2          # exact copies of earlier rows (same complaint_id)
N_EMPTY = 2               # empty / whitespace-only narratives
N_PII_ROWS = 15           # rows carrying planted fictional personal data
START = dt.date(2025, 10, 1)   # the (fictional) hurricane made landfall on 2025-09-27
END = dt.date(2026, 9, 30)

FEMA = "FEMA Individual Assistance"
SBA = "SBA disaster home loan"
DSNAP = "Disaster SNAP (D-SNAP)"
HOUS = "State housing recovery program"
PERM = "Building permits"
INS = "Homeowners and flood insurance"
SHEL = "Emergency shelter and feeding"
CASE = "Disaster case management"

AGENCY = {
    FEMA: "Federal Emergency Management Agency",
    SBA: "U.S. Small Business Administration",
    DSNAP: "State Department of Human Services",
    HOUS: "State Office of Housing Recovery",
    PERM: "Harlow County Permits and Inspections Office",
    INS: "Homeowners and flood insurance company (non-government)",
    SHEL: "Harlow County Long-Term Recovery Group",
    CASE: "Harlow County Long-Term Recovery Group",
}

CHANNEL_WEIGHTS = [38, 30, 12, 14, 6]   # for COMPLAINT_CHANNELS: web, phone, email, in person, mail

# When complaints about each program come in: (first day, last day, busiest day).
WINDOWS = {
    FEMA: (dt.date(2025, 10, 1), END, dt.date(2025, 10, 20)),
    SBA: (dt.date(2025, 11, 1), dt.date(2026, 7, 31), dt.date(2026, 1, 10)),
    DSNAP: (dt.date(2025, 10, 8), dt.date(2025, 12, 15), dt.date(2025, 10, 15)),
    HOUS: (dt.date(2026, 4, 6), END, dt.date(2026, 7, 15)),
    PERM: (dt.date(2025, 11, 15), END, dt.date(2026, 2, 15)),
    INS: (dt.date(2025, 10, 1), dt.date(2026, 6, 30), dt.date(2025, 11, 20)),
    SHEL: (dt.date(2025, 10, 1), dt.date(2025, 10, 31), dt.date(2025, 10, 6)),
    CASE: (dt.date(2025, 11, 1), END, dt.date(2026, 2, 1)),
}

# ---------------------------------------------------------------------------
# Program-specific vocabulary used to fill slots
# ---------------------------------------------------------------------------
VOCAB = {
    FEMA: {
        "prog": ["FEMA", "FEMA assistance", "disaster assistance", "FEMA"],
        "agency": ["FEMA", "FEMA", "the FEMA helpline", "FEMA's office"],
        "case": ["application", "registration", "case"],
        "office": ["the recovery center at Port Sable High School",
                   "the disaster recovery center in the Ashby middle school gym",
                   "the recovery center at the Kessler Bend library",
                   "the mobile recovery center at the Dunmore fire station"],
        "benefit": ["the repair assistance", "my FEMA assistance", "rental assistance",
                    "our FEMA help", "the assistance we were approved for"],
    },
    SBA: {
        "prog": ["the SBA loan", "the disaster loan", "SBA"],
        "agency": ["the SBA", "the SBA", "the disaster loan office", "SBA customer service"],
        "case": ["loan application", "application", "loan file"],
        "office": ["the SBA table at the Port Sable recovery center",
                   "the SBA business recovery center in Ashby",
                   "the SBA desk at the Kessler Bend library"],
        "benefit": ["the loan money", "the disbursement", "my loan", "the repair money"],
    },
    DSNAP: {
        "prog": ["D-SNAP", "disaster food stamps", "D-SNAP", "disaster SNAP"],
        "agency": ["DHS", "the D-SNAP site", "Human Services", "the state"],
        "case": ["application", "application"],
        "office": ["the D-SNAP site at the Harlow County fairgrounds",
                   "the fairgrounds site", "the D-SNAP site at the Ashby civic center"],
        "benefit": ["D-SNAP benefits", "our food benefits", "the D-SNAP card", "the food help"],
    },
    HOUS: {
        "prog": ["the housing recovery program", "the state rebuild program", "the state program"],
        "agency": ["the Office of Housing Recovery", "the state program", "the housing recovery office"],
        "case": ["application", "file"],
        "office": ["the housing recovery intake center in Ashby",
                   "the state program office on Main Street in Port Sable"],
        "benefit": ["the repair award", "our rebuild grant", "the award", "the repairs"],
    },
    PERM: {
        "prog": ["permits", "the permit office", "the building department"],
        "agency": ["the county permit office", "the building department", "the floodplain office",
                   "the county"],
        "case": ["permit", "permit application"],
        "office": ["the permit counter at the courthouse annex", "the county annex on Bayou Road"],
        "benefit": ["my permit", "the permit", "the repairs"],
    },
    INS: {
        "prog": ["my insurance", "the flood policy", "my homeowners policy"],
        "agency": ["the insurance company", "my insurer", "the catastrophe claims line"],
        "case": ["claim", "claim"],
        "office": ["the insurance company's claims trailer in the Walmart parking lot",
                   "the catastrophe claims center"],
        "benefit": ["the settlement", "my claim payment", "the insurance money"],
    },
    SHEL: {
        "prog": ["the shelter", "the emergency shelter"],
        "agency": ["the long-term recovery group", "the shelter", "the shelter volunteers"],
        "case": ["stay", "intake"],
        "office": ["the shelter at the Baptist church", "the high school gym shelter"],
        "benefit": ["a cot", "a place to stay", "meals"],
    },
    CASE: {
        "prog": ["case management", "the long-term recovery group"],
        "agency": ["the long-term recovery group", "the case management team", "the VOAD"],
        "case": ["case", "referral"],
        "office": ["the recovery group office behind First Methodist",
                   "the long-term recovery group trailer in Port Sable"],
        "benefit": ["a case manager", "help with my recovery plan", "case management"],
    },
}

DOCS = [
    "the deed", "my lease", "a utility bill", "the insurance settlement letter",
    "my driver's license", "proof of occupancy", "the property tax bill",
    "a letter from my landlord", "my contractor's estimate", "damage photos",
    "my tax returns", "the FEMA decision letter", "the heirship affidavit",
    "proof of ownership", "bank statements", "the insurance declarations page",
    "receipts for the hotel", "my homeowners policy",
]
PLURAL_DOCS = {"damage photos", "my tax returns", "bank statements", "receipts for the hotel"}

TOWNS = ["Port Sable", "Kessler Bend", "Dunmore Bayou", "Ashby", "Loblolly Creek"]
KIDS = ["my daughter", "my son", "my two kids", "my grandkids", "my mother", "my husband",
        "my wife", "my baby"]

# ---------------------------------------------------------------------------
# Pain-point kinds: program weights, a category per program, and hand-written
# pools of openings, details, consequences and asks. Slots in {braces} are
# filled per complaint.
# ---------------------------------------------------------------------------
KINDS: dict[str, dict] = {}

KINDS["register_identity"] = {
    "weight": 8,
    "programs": {FEMA: 1},
    "category": {FEMA: "Registration / identity"},
    "open": [
        "I tried to register with FEMA on the app and it says it cannot verify my identity.",
        "The FEMA app failed my identity check {times} and told me to call the helpline.",
        "I registered for disaster assistance {weeks} weeks ago and my identity is still not verified.",
        "Your registration app kept freezing and I had to start my application over from the beginning.",
        "FEMA says my identity could not be verified, but nobody will tell me what did not match.",
        "I cannot get past the identity questions in the FEMA app.",
        "My registration is stuck on identity verification and nothing is moving.",
    ],
    "detail": [
        "The app asked me about an old address I lived at years ago, and when I answered it said the answer was wrong.",
        "I registered from the shelter on a borrowed phone and the connection kept dropping in the middle.",
        "The address on my credit report is not the flooded house, so the check fails every time.",
        "It asked about my insurance coverage before the adjuster had even come, so I had no idea what to put.",
        "When the identity check failed, the only option was to call a number where nobody answers.",
        "My driver's license was lost in the flood, so I could not upload a picture of it.",
        "My neighbors got their emergency payment in three days and mine cannot go out until my identity is verified.",
        "There was no way to save my answers, so when the battery died I lost everything I had typed.",
    ],
    "cons": [
        "Meanwhile we have no money for food, gas or a motel.",
        "Everything else is on hold because the first step never finished.",
        "I am sleeping in my car with {kid} while the app spins.",
        "I missed the emergency payment everyone else got that first week.",
        "I spent my last phone minutes trying to register.",
        "I feel like I am being treated like a fraud for losing my house.",
    ],
    "ask": [
        "Please tell me exactly what did not match so I can fix it.",
        "Please let someone at the recovery center verify me in person with what I have.",
        "Please verify my identity so my registration can move forward.",
        "I need a way to register that works without a smartphone.",
        "Please have someone call me and finish the registration over the phone.",
        "Please send the emergency payment now that I have proven who I am.",
    ],
}

KINDS["helpline"] = {
    "weight": 9,
    "programs": {FEMA: 6, SBA: 2, INS: 2},
    "category": {FEMA: "Customer service", SBA: "Customer service", INS: "Claim handling"},
    "open": [
        "I have called {agency} every day this week and never reached a person.",
        "I waited on hold with {agency} for {hours} and the call dropped when it was my turn.",
        "Your phone line is impossible to get through.",
        "I called {agency} {times} today and the recording said to call back later and hung up.",
        "I have been trying to reach someone at {agency} about my {case} for {weeks} weeks.",
        "The callback that {agency} promised me never came.",
        "Every time I call {agency} I get a different person who knows nothing about my {case}.",
    ],
    "detail": [
        "After {hours} on hold an agent picked up, tried to transfer me, and the transfer went dead.",
        "I can only call from the shelter parking lot where there is signal, and my phone dies while I hold.",
        "The agent said she could not see why my {case} was stuck, only that it was.",
        "They said someone would call back within {days} days and nobody ever did.",
        "I have a call log with {n_calls} calls in {days} days and not one reached a human.",
        "Each new person asked me to repeat my whole story from the beginning.",
        "The menu sends me in a circle and then says the mailbox is full.",
    ],
    "cons": [
        "I cannot fix the problem on my {case} if I cannot talk to anyone.",
        "I had to miss work at the only job I have left to sit on hold.",
        "Meanwhile the deadline on my letter keeps getting closer.",
        "My house is sitting there growing mold while I wait on the phone.",
        "I ran out of phone minutes and now I cannot even call my family.",
        "My whole week has been planned around waiting on hold.",
    ],
    "ask": [
        "Please have someone call me back at the number on my file.",
        "Please schedule a call at a set time so I do not have to hold for hours.",
        "I need one person who knows my {case} and answers the phone.",
        "Please give me a direct number or an email where I can get an answer.",
        "Please put more people on the phones after a disaster.",
        "Please let me text or email instead of calling.",
    ],
}

KINDS["inspection"] = {
    "weight": 9,
    "programs": {FEMA: 8, SBA: 1.5},
    "category": {FEMA: "Inspection", SBA: "Loss verification"},
    "open": [
        "The inspector called from a number I did not know and now my {case} says no contact.",
        "I missed one call from the inspector and my {case} has been stuck for {weeks} weeks.",
        "The inspection of my house took fifteen minutes and missed most of the damage.",
        "I have been waiting {weeks} weeks for a re-inspection that nobody will schedule.",
        "The inspector marked our home as having no real damage, which is not true.",
        "I was never told when the inspector would come, so I was not there.",
        "I requested a second inspection in {month} and I am still waiting.",
    ],
    "detail": [
        "I was staying at a hotel {town_far} and could not get back to the house the same day he called.",
        ("We had already gutted the house because of the mold, so the rooms looked empty "
         "and he wrote down minor damage."),
        "I have hundreds of damage photos from before the cleanup and the inspector would not look at them.",
        "The call came from an unknown number while I was at work and there was no voicemail.",
        "He never went into the attic or looked at the wiring, and the electrician says all of it has to be replaced.",
        "Nobody gave me a copy of what the inspector wrote down, so I do not know what he counted.",
        "The status online just says inspection pending and has said that for {weeks} weeks.",
    ],
    "cons": [
        "Everything else waits on the inspection, so nothing is moving.",
        "We are living in a house with no walls while we wait.",
        "The award they sent does not cover even a third of the repairs.",
        "I feel like I was punished for cleaning up my own house.",
        "I cannot start repairs until somebody looks at it again.",
        "My {case} was closed as no contact and I had to start a request all over.",
    ],
    "ask": [
        "Please schedule a new inspection and tell me the date in writing.",
        "Please send a text before the inspector calls, so people know to pick up.",
        "Please look at the photos I uploaded before deciding.",
        "Please send me a copy of the inspection report.",
        "Please reopen my {case} and send an inspector who will look at everything.",
        "Please let me book the inspection time myself.",
    ],
}

KINDS["ownership_proof"] = {
    "weight": 9,
    "programs": {FEMA: 6, HOUS: 2.5},
    "category": {FEMA: "Eligibility / documents", HOUS: "Documents"},
    "open": [
        "My {case} was found ineligible because {agency} could not verify that I own my home.",
        "{agency} keeps asking me to prove ownership of a house my family has lived in for generations.",
        "I was denied because they could not verify occupancy, and I have lived in this home for {years} years.",
        "I have now sent {doc} to {agency} {times} and they keep saying it is missing.",
        "The letter says I need to send proof of ownership, but it does not say what counts.",
        "The house was my grandmother's and there is no deed in my name, so {agency} says I do not qualify.",
        "They asked me for {doc} again, the same document I gave them last month.",
    ],
    "detail": [
        "The deed and every paper we had were in the house and went under the water.",
        "It is heirs' property, so the land is still in my late father's name like most families out here.",
        "I uploaded {doc} and {doc2}, and a week later I got a letter asking for the same two things.",
        "I am a renter and my landlord will not answer my calls to give me a letter.",
        "I brought {doc} to {office} and they scanned it, and the online account still says missing.",
        "The utility bills were in my husband's name, and he passed away last year.",
        "I pay the property taxes every year and the county has the records, but that apparently is not enough.",
        "Each office wants a different paper: {agency} wanted {doc} and {other_agency} wanted {doc2}.",
    ],
    "cons": [
        "Without the approval we cannot start any repairs.",
        "I feel like they are calling me a liar about my own home.",
        "We have been living with relatives for {weeks} weeks because of a piece of paper.",
        "Every time I resend something the clock starts over.",
        "I spent money I do not have on copies, postage and a notary.",
        "I am starting to think the documents get thrown away when they arrive.",
    ],
    "ask": [
        "Please tell me in writing exactly which documents you will accept.",
        "Please accept a signed statement of ownership like the rules allow.",
        "Please note in my file that {doc} {doc_was} received.",
        "Please check the county tax records instead of asking me for a deed I do not have.",
        "Please stop asking for the same papers and decide my {case}.",
        "Give me one place to send documents that every office can see.",
    ],
}

KINDS["insurance"] = {
    "weight": 9,
    "programs": {FEMA: 4.5, INS: 6},
    "category": {FEMA: "Eligibility / documents", INS: "Claim delay"},
    "open": [
        only("FEMA says I am ineligible because of insurance, but my insurance has not paid anything.", FEMA),
        only("My letter says ineligible, insurance, and nobody explained that it was waiting on my settlement.", FEMA),
        only("FEMA will not decide my {case} until I send the insurance settlement letter, "
             "and the insurer has not sent it.", FEMA),
        only("I read the FEMA letter as a denial because it said insurance, so I did nothing for two months.", FEMA),
        only("I uploaded my insurance settlement letter to FEMA and they asked me for it again.", FEMA),
        only("FEMA counted my insurance as if it paid for everything, and it paid for almost nothing.", FEMA),
        only("I was told FEMA cannot help until my insurance claim is closed, and my insurer has not closed it.", FEMA),
        only("My flood claim has been open for {weeks} weeks and the adjuster still has not come back.", INS),
        only("My insurer keeps saying the damage is flood and the flood adjuster says it is wind.", INS),
        only("I have two claims, two adjusters and no answer from either of them.", INS),
        only("The insurance company denied most of my claim as flood and I have no flood policy.", INS),
        only("It has been {weeks} weeks since the storm and {agency} still has not sent my settlement letter.", INS),
        only("The settlement offer from {agency} does not come close to what the repairs cost.", INS),
    ],
    "detail": [
        only("The insurance paid for the roof, which was wind, and FEMA counts that against the whole house.", FEMA),
        only("The denial letter does not say that I can send the settlement letter and be reconsidered.", FEMA),
        only("My policy has a deductible of {amount} and FEMA does not seem to count that.", FEMA),
        only("The insurer sends letters to FEMA's rules and FEMA waits for the insurer, and I am in between.", FEMA),
        only("Nobody told me that ineligible means send us something, not no.", FEMA),
        only("The letter did not say which insurance document would be accepted, so I sent the wrong one first.", FEMA),
        only("We were told not to throw anything out until the adjuster came, and he came {weeks} weeks later.", INS),
        only("The wind adjuster and the flood adjuster each said the other policy should pay.", INS),
        only("The flood policy covered the building only, and nobody told us there was no contents coverage.", INS),
        only("The water line on my walls is at {inches} inches, so I do not know how they can "
             "call it roof damage.", INS),
        only("The adjuster's estimate left out the wiring, the ductwork and the cabinets.", INS),
        only("Every other program is waiting on this one letter from the insurer.", INS),
    ],
    "cons": [
        "Every program is waiting for the insurance and the insurance is waiting for nothing.",
        "Meanwhile the mold is spreading through the whole house.",
        "I had insurance and did everything right and I am worse off than my neighbors who had none.",
        "We cannot start repairs and cannot afford to rent anywhere.",
        "The gap between what insurance paid and what repairs cost is {amount}.",
        "I lost months because nobody explained what the letter meant.",
    ],
    "ask": [
        only("Please decide my {case} on the part the insurance does not cover.", FEMA),
        only("Please reconsider my {case} now that I sent the settlement letter.", FEMA),
        only("Please tell me what insurance paper FEMA needs and accept a partial settlement letter.", FEMA),
        "Please explain in plain words what I need to send and to whom.",
        only("Please send me the settlement letter so FEMA can review my case.", INS),
        only("Please assign one adjuster to look at the wind and the flood together.", INS),
        only("I want a written explanation of every item you denied.", INS),
        "Please tell me a date when this will be decided.",
        "Please let the insurer and FEMA talk to each other directly.",
    ],
}

KINDS["sba_referral"] = {
    "weight": 9,
    "programs": {FEMA: 3.5, SBA: 5.5},
    "category": {FEMA: "Decision letter", SBA: "Application"},
    "open": [
        "FEMA referred me to the SBA and I do not want a loan.",
        "My letter says refer to SBA, which I took to mean I was denied.",
        "Nobody told me I had to fill out the SBA application to get help with my furniture and belongings.",
        "I am retired on a fixed income and was told to apply for an SBA loan I cannot repay.",
        "I applied for the SBA loan only because FEMA said I had to, and now I am stuck waiting on both.",
        "The SBA application asked for things I could not possibly have a month after a flood.",
        "I skipped the SBA application and now FEMA says it cannot consider my personal property.",
    ],
    "detail": [
        "The letter never says that the SBA form is required even if you do not want a loan.",
        "It wanted {doc} and {doc2}, which were both ruined in the house.",
        "I had to request tax transcripts because my returns were on a computer that went under water.",
        "The application asked for every dollar I received from insurance and FEMA, which I do not have in one place.",
        "I was worried the credit check would hurt me, since we are already behind on bills from the storm.",
        "By the time somebody at {office} explained it, the SBA deadline had passed.",
        ("The SBA declined me for income {weeks} weeks later, which I knew it would, "
         "and then the file went back to FEMA to wait again."),
        "The website timed out while I was uploading {doc}, twice.",
    ],
    "cons": [
        "We lost the help for our beds and clothes because of a misunderstanding.",
        "Now I am waiting on two agencies instead of one.",
        "I took on debt I did not want because nobody explained the other options.",
        "My neighbors gave up completely when they saw the word loan.",
        "It felt like being pushed into debt for a storm I did not cause.",
        "I wasted {weeks} weeks on an application for a loan I never wanted.",
    ],
    "ask": [
        "Please write on the letter, in plain words, why the SBA application matters.",
        "Please reopen my {case} so my personal property can be considered.",
        "Please let me apply late since nobody explained the requirement.",
        "Please send my FEMA information to the SBA so I do not have to type it all again.",
        "Please decide my {case} without making me apply for a loan I cannot get.",
        "Please extend the SBA deadline for people who misunderstood the letter.",
    ],
}

KINDS["dsnap"] = {
    "weight": 10,
    "programs": {DSNAP: 1},
    "category": {DSNAP: "Site operations"},
    "open": [
        "I waited {hours_long} in line at {office} for D-SNAP in the heat with no water.",
        "The D-SNAP site closed before I got to the front of the line and told us to come back on our letter's day.",
        "I was denied D-SNAP at the table with no paper and no reason.",
        "The D-SNAP site was only open for seven days and I found out about it on the sixth.",
        "I stood in the D-SNAP line with {kid} from six in the morning and was sent home at closing.",
        "They told me at the table I was over the income limit for D-SNAP and that was it.",
        "My D-SNAP card was mailed to my flooded house, where I cannot get mail.",
    ],
    "detail": [
        "There was no shade, no seating and the water ran out by noon.",
        ("The schedule went by the first letter of your last name, and my day was the day "
         "I had to be at work cleaning out the plant."),
        "They asked all the same questions FEMA had already asked, income, household, address.",
        ("The worker counted our last paycheck from before the storm and did not ask about "
         "what we spent on the evacuation."),
        "I had receipts for the motel and the generator on my phone and nobody asked for them.",
        "Nobody told me I could ask for a hearing, and by the time I found out the site had closed.",
        "My mother is {elder_age} and had to sit on the ground because there were no chairs.",
        "There was no interpreter at the tables, so my teenager had to translate.",
    ],
    "cons": [
        "We had no food money and the food pantry was out by the afternoon.",
        "I lost a full day of cleanup work and came home with nothing.",
        "My kids were eating from the church trucks for two weeks.",
        "I do not know if I can apply again or if I am just done.",
        "My father got heat sick waiting in that line.",
        "We spent our last cash on gas to drive to the fairgrounds twice.",
    ],
    "ask": [
        "Please give people a written reason when you deny them, and tell them about a hearing.",
        "Please reopen my {case} and count our disaster expenses.",
        "Please let people do the interview by phone instead of standing all day.",
        "Please give out cards at the site instead of mailing them to flooded houses.",
        "Please put water, shade and chairs at the site.",
        "Please announce the dates earlier so working people can plan.",
    ],
}

KINDS["temp_housing"] = {
    "weight": 12,
    "programs": {FEMA: 1},
    "category": {FEMA: "Temporary housing"},
    "open": [
        "FEMA approved us for a hotel but the only one with a room is {drive} away.",
        "Our hotel eligibility ends in two days and nobody can tell me if we are extended.",
        "We get a notice under the hotel door every two weeks saying our stay is ending.",
        "FEMA gave us rental assistance, but there is nothing to rent anywhere near {town}.",
        "My continued rental assistance was denied because I could not send a lease.",
        "I had to call hotel after hotel on the FEMA list myself to find a room.",
        "Our rental assistance ran out and our house is still not livable.",
    ],
    "detail": [
        "I drive {kid} {drive} each way to school and then go to work, on gas I cannot afford.",
        "Every hotel near us is full of linemen and contractors.",
        "The extension email came at eleven at night after we had already packed the car.",
        "Rents went up by {rent_jump} dollars a month after the storm and the rental assistance does not cover it.",
        "The recertification wants a lease, receipts and a plan for permanent housing, when there is no housing.",
        "We ended up in my cousin's back bedroom, four of us in one room.",
        "Landlords are not taking anyone with FEMA assistance because they want to raise the rent.",
    ],
    "cons": [
        "My kids ask me every week if we are homeless.",
        "We have moved {times} since the storm.",
        "I am about to lose my job because of the commute.",
        "We may have to move back into the damaged house with the mold.",
        "My family is split up between three different relatives.",
        "I cannot plan anything past the next two weeks.",
    ],
    "ask": [
        "Please tell us the end date of our stay and the next step on the first day.",
        "Please book a hotel for us near work and school instead of making us call around.",
        "Please continue our assistance while the repairs are in progress.",
        "Please give us a list of landlords who take FEMA rental assistance.",
        "Please extend our rental assistance, we have nowhere else to go.",
        "Please accept a letter from my relatives instead of a lease.",
    ],
}

KINDS["notices"] = {
    "weight": 7,
    "programs": {FEMA: 5, SBA: 1.5, HOUS: 1.5},
    "category": {FEMA: "Decision letter", SBA: "Loan decision", HOUS: "Application status"},
    "open": [
        "I received two letters from {agency} in the same week that say opposite things.",
        "I cannot understand the letter I got about my {case}.",
        "All of the letters from {agency} go to my flooded house, where nobody can get mail.",
        "The decision letter says ineligible but does not say what I need to do.",
        "The letter from {agency} arrived after the deadline it gave me.",
        "The award letter gave an amount with no explanation of what it covers.",
        "I got a letter full of codes from {agency} and nobody can explain it.",
    ],
    "detail": [
        "One letter said approved for repairs and another said to send proof of ownership.",
        "The mail went to the damaged address even though I gave them my cousin's address.",
        "It says I have {days} days to respond and it was postmarked after that.",
        "The online account says one thing and the paper letter says another.",
        "It does not say I can appeal, or how, or by when.",
        "The amount is far less than the repairs and the letter does not break it down.",
    ],
    "cons": [
        "I almost missed the appeal deadline because I did not understand the letter.",
        "I gave up for a month because I thought the answer was no.",
        "I had to pay someone to read the letter with me.",
        "Now I am afraid to open any more mail from you.",
        "I spent a whole day going from table to table trying to find someone to explain it.",
        "My family has made decisions based on a letter that turned out to be wrong.",
    ],
    "ask": [
        "Please tell me in plain words what the decision is and what I need to send.",
        "Please send letters to the mailing address I gave you, not the flooded house.",
        "Please extend the deadline since the letter came late.",
        "Please cancel the wrong letter and send one correct notice.",
        "Please break down what the award covers.",
        "Please put a phone number that works on your letters.",
    ],
}

KINDS["state_program"] = {
    "weight": 10,
    "programs": {HOUS: 1},
    "category": {HOUS: "Application status"},
    "open": [
        "I applied to {prog} in {month} and have heard nothing since.",
        "{agency} has asked me for the same documents for the third time.",
        "Nobody at {agency} will tell me where I am on the waiting list.",
        "My caseworker at {agency} left and the new one is starting my file over.",
        "{prog} counted an SBA loan I declined as money I received.",
        "It has been months since the storm and {prog} has not repaired a single house on my street.",
        "{agency} sent me a letter with a ten-day deadline for papers I already sent.",
    ],
    "detail": [
        "There is no status page, and the phone line only says my file is in review.",
        "They want every payment from insurance, FEMA and the SBA listed out, when FEMA could just tell them.",
        "I uploaded {doc} with the application and then a letter asked for {doc} again.",
        "The new caseworker asked for {doc} and {doc2}, which the last caseworker already had.",
        "They said my award is waiting on an environmental review and then the program's contractor.",
        "The duplication of benefits letter lists money we never got.",
        "The program only opened in April, more than six months after the storm.",
    ],
    "cons": [
        "We have been living with relatives for almost a year.",
        "My house is still gutted to the studs.",
        "My mother may not live to move back home at this rate.",
        "The repairs get more expensive every month we wait.",
        "I cannot make any plans because nobody will give me a date.",
        "I feel like the program is waiting for us to give up.",
    ],
    "ask": [
        "Please tell me my place in line and the expected date.",
        "Please get the FEMA and SBA records directly instead of asking me.",
        "Please note in my file what has already been received.",
        "Please correct the duplication of benefits calculation.",
        "Please assign one caseworker who stays with my file.",
        "Please move my {case} forward, I have sent everything.",
    ],
}

KINDS["permits"] = {
    "weight": 11,
    "programs": {PERM: 1},
    "category": {PERM: "Permits"},
    "open": [
        "I have gone to {office} {times} and still do not have a repair permit.",
        "{agency} says my house is substantially damaged and has to be elevated, which I cannot afford.",
        "The permit office is in person only and the line is out the door every morning.",
        "A contractor took my deposit, pulled a permit on my house and disappeared.",
        "My permit application has been in plan review for {weeks} weeks for a simple repair.",
        "The substantial damage number from {agency} does not match the insurance or the FEMA numbers.",
        "I did not know I needed a permit for drywall and now I have been fined.",
    ],
    "detail": [
        "They decided the damage was {pct} percent of the value of my house, which means elevate or tear down.",
        "I cannot take any more mornings off work to stand in that line.",
        "The open permit in the old contractor's name blocks a new contractor from pulling one.",
        "Nobody at the counter mentioned that the flood policy can pay toward elevating.",
        "The fee was not waived even though the county said disaster repairs would be free.",
        "The floodplain office, the insurance and FEMA each came up with a different damage figure.",
        "There is no way to apply or check the status online.",
    ],
    "cons": [
        "My house is sitting open to the weather while I wait for a stamp.",
        "Elevating would cost more than the house is worth.",
        "I have lost {amount} to a contractor and I still cannot start the work.",
        "My contractor is going to take another job if I cannot start.",
        "We may have to walk away from the house.",
        "I have stood at that counter {times}, every time on an unpaid morning.",
    ],
    "ask": [
        "Please let people apply for repair permits online.",
        "Please review the substantial damage estimate with my contractor's numbers.",
        "Please close the old contractor's permit so my new contractor can start.",
        "Please waive permit fees for storm repairs as promised.",
        "Please explain the options for elevating, including what insurance pays.",
        "Please give me a date for my permit review.",
    ],
}

KINDS["appeal"] = {
    "weight": 6,
    "programs": {FEMA: 5, SBA: 1},
    "category": {FEMA: "Appeals", SBA: "Reconsideration"},
    "open": [
        "I sent my appeal in {month} and have heard nothing since.",
        "Nobody told me I could appeal, and now I am told the deadline has passed.",
        "My appeal has been pending for {weeks} weeks with no status anywhere.",
        "I asked {agency} to reconsider my {case} and they lost the request.",
        "I had to write my appeal without any help, and it was denied in one sentence.",
        "The sixty-day appeal deadline ran out while I was still waiting for the insurance settlement.",
    ],
    "detail": [
        "I sent {doc} and {doc2} with the appeal, by certified mail, and I have the receipt.",
        "There is no way to see appeal status online, so I just wait for the mail.",
        "The appeal triggered another inspection, and the inspector called from an unknown number again.",
        "The decision letter said to appeal in writing but did not say what to include.",
        "The first letter went to my flooded house, so I got it with only two weeks left.",
        "A case manager helped me write it, but the wait list for a case manager was six weeks.",
    ],
    "cons": [
        "While I wait, the house is still unlivable.",
        "I am losing hope that anybody reads these.",
        "We have used up all our savings waiting.",
        "The repairs cost more every month this drags on.",
        "I feel like the process is set up so people give up.",
        "My family has been split up the whole time.",
    ],
    "ask": [
        "Please confirm my appeal was received and tell me when it will be decided.",
        "Please accept my late appeal since the letter came to the wrong address.",
        "Please show appeal status online.",
        "Please tell me exactly what you need to decide the appeal.",
        "Please decide my appeal, it has been long enough.",
        "Please have someone call me about the appeal.",
    ],
}

KINDS["language"] = {
    "weight": 6,
    "programs": {FEMA: 3, DSNAP: 2, HOUS: 1},
    "category": {FEMA: "Language access", DSNAP: "Customer service", HOUS: "Customer service"},
    "open": [
        "All of the letters from {agency} come in English even though we asked for {lang}.",
        "There was no {lang} interpreter at {office}.",
        "My parents only speak {lang} and the helpline had no interpreter for them.",
        "I am writing for my mother, who speaks {lang}, because {agency} could not help her.",
        "My English is not so good and nobody help me understand the letter about {benefit}.",
        "The phone menu had Spanish but nothing for {lang}.",
    ],
    "detail": [
        "My sixteen-year-old had to translate about money, inspections and appeals for us.",
        "They told us to come back on Thursday when the {lang} interpreter would be there.",
        "The interpreter line connected after forty minutes and then the call dropped.",
        "A volunteer used a translation app on her phone and it said strange things.",
        "We checked the box for {lang} and the notices still come in English.",
        "Many families on the bayou speak {lang} and all of us had the same problem.",
    ],
    "cons": [
        "We missed the deadline because we did not know the letter was important.",
        "My child should not have to translate our family's private business.",
        "We did not apply for things we were eligible for because we did not understand.",
        "We went home without finishing the application.",
        "We are afraid we signed something we did not understand.",
        "My parents are embarrassed to ask for help again.",
    ],
    "ask": [
        "Please send important letters in {lang}, or at least one line saying to call.",
        "Please have interpreters at the sites every day, not only one day a week.",
        "Please mark our file for {lang} so this does not happen again.",
        "Please call my family back with a {lang} interpreter.",
        "Please give us more time since we could not read the notice.",
        "Please add {lang} to the phone menu.",
    ],
}

KINDS["accessibility"] = {
    "weight": 4,
    "programs": {FEMA: 2, SHEL: 3},
    "category": {FEMA: "Accessibility", SHEL: "Shelter"},
    "open": [
        "I use a wheelchair and {office} had nowhere for me to sleep or wash.",
        "FEMA put me in a hotel room on the second floor with no elevator.",
        "I am hard of hearing and could not hear any of the announcements at {office}.",
        "I asked for an accessible room and was told it is up to the hotel.",
        "As a person with a disability, I found the whole process at {office} nearly impossible.",
        "There were no chairs at {office} and I cannot stand for hours.",
    ],
    "detail": [
        "The cots are a foot off the floor and I cannot get up from one without help.",
        "The accessible restroom was blocked by tables of donated clothes.",
        "I stood for two hours on a bad hip waiting to reach a table.",
        "Nobody asked what I needed before they assigned me somewhere.",
        "The announcements were only spoken over the generators, nothing written down.",
        "I went up the stairs one step at a time twice a day for three weeks.",
    ],
    "cons": [
        "I slept sitting in my chair for two nights.",
        "I fell on the stairs and now my knee is worse.",
        "I missed the table I needed because I did not hear them call it.",
        "I felt forgotten in a room full of people.",
        "My health got worse from the stress of this.",
        "I had to depend on strangers for everything.",
    ],
    "ask": [
        "Please ask people what they need to get around before you place them.",
        "Please keep accessible rooms and cots ready before the next storm.",
        "Please write announcements down for people who cannot hear them.",
        "Please put chairs at every table.",
        "Please move me to a ground-floor room.",
        "Please have someone from your disability office contact me.",
    ],
}

KINDS["payment"] = {
    "weight": 8,
    "programs": {SBA: 4, INS: 3, FEMA: 1},
    "category": {SBA: "Disbursement", INS: "Payment", FEMA: "Payment"},
    "open": [
        only("The SBA approved my loan {weeks} weeks ago and I have only received the first disbursement.", SBA),
        only("Every SBA disbursement needs new receipts and invoices, and my contractor will not wait.", SBA),
        only("My SBA loan closing has been delayed {times} because of paperwork.", SBA),
        only("The insurance check is made out to me and the mortgage company, and I cannot cash it.", INS),
        only("The mortgage company is holding my insurance money and releasing it in pieces.", INS),
        only("My insurance settlement was approved in {month} and I still have not been paid.", INS),
        only("FEMA says my award was sent {weeks} weeks ago and nothing has arrived.", FEMA),
        only("My emergency payment from FEMA never came because my identity was not verified.", FEMA),
        only("FEMA approved repair money and then took it back with no explanation.", FEMA),
        only("The SBA disbursement I was promised in {month} still has not been deposited.", SBA),
        only("The SBA keeps adding new conditions before it will release my loan money.", SBA),
        only("SBA approved my loan but the money is stuck behind a collateral requirement.", SBA),
        only("My insurance money is sitting in the mortgage company's escrow account while my contractor waits.", INS),
        only("The insurance company sent a check that bounced back for a missing signature.", INS),
        only("My insurer approved the contents claim {weeks} weeks ago and the check has not come.", INS),
        only("I was approved for FEMA rental assistance and the deposit never showed up in my account.", FEMA),
        only("The FEMA payment went to a bank account that was closed after the storm.", FEMA),
        only("I cannot get anyone at FEMA to tell me when my repair payment will be deposited.", FEMA),
    ],
    "detail": [
        only("The SBA wants proof the first {amount} went to repairs before they release the next part.", SBA),
        only("The SBA will not close until the insurance settlement is final, and the insurance is not final.", SBA),
        only("Closing was a stack of paper by mail, then a notary, then another wait.", SBA),
        only("Each draw from the mortgage company needs their own inspector to come out first.", INS),
        only("I mailed the check to the mortgage company's loss draft department and it took "
             "{weeks} weeks to see any of it.", INS),
        only("My adjuster approved the amount and then accounting sent it back for another review.", INS),
        only("The check went to my flooded house and was returned to sender.", FEMA, INS),
        only("I do not have a bank account, so I am waiting on a paper check.", FEMA),
        only("The SBA said the flood insurance requirement had to be met before the next draw.", SBA),
        only("Each disbursement the SBA releases comes with another page of conditions.", SBA),
        only("The mortgage company lost my draw request and I had to send it again.", INS),
        only("The FEMA account shows the payment as sent with no date and no amount.", FEMA),
        only("The award letter says the money was approved, but the online account says payment pending.", FEMA),
        only("The helpline said the payment was on hold for review but could not say what review.", FEMA),
        "You need to do a third of the work to get the money to pay for the first third of the work.",
    ],
    "cons": [
        "I am floating my contractor on a credit card at twenty-four percent.",
        "My contractor pulled his crew and went to another job.",
        "We are paying a mortgage on a house we cannot live in.",
        "The repairs have stopped halfway and the house is open to the weather.",
        "I have borrowed from everyone I know.",
        "We are paying a mortgage on the damaged house and rent somewhere else.",
    ],
    "ask": [
        "Please release the money that is already approved.",
        "Please give me one list of everything you need before each payment.",
        "Please tell me the date the payment will arrive.",
        "Please explain why the payment is being held.",
        "Please send the payment to my current address or by direct deposit.",
        "Please speed up the release, the repairs cannot wait.",
    ],
}

KINDS["case_management"] = {
    "weight": 4,
    "programs": {CASE: 1},
    "category": {CASE: "Case management"},
    "open": [
        "I have been on the waiting list for a case manager since {month}.",
        "My case manager left and nobody has called me since.",
        "The long-term recovery group said they would help with my appeal and I have heard nothing.",
        "I was told to get a case manager, but nobody answers at the recovery group.",
        "My case manager cannot see my FEMA or SBA status, so she cannot help me.",
        "I was referred to case management {weeks} weeks ago and still do not have one.",
    ],
    "detail": [
        "She said she needs a separate signed release for FEMA, for the SBA and for the state.",
        "The volunteers are kind but they are overwhelmed, one case manager for a hundred families.",
        "I filled out the intake form twice because the first one was lost.",
        "The unmet needs committee meets once a month and my case missed the last one.",
        "I need help with the heirship papers and nobody else does that.",
        "The shelter told us case management would start right away, and it did not.",
    ],
    "cons": [
        "Without help I do not know what to do next.",
        "I am missing deadlines because nobody is helping me keep track.",
        "Everyone else seems to have somebody helping them but me.",
        "I am an old woman and I cannot do this alone.",
        "My family is falling apart trying to handle all of it.",
        "I gave up on the state program because I could not do the paperwork alone.",
    ],
    "ask": [
        "Please assign me a case manager.",
        "Please call me back about my {case}.",
        "Please let my case manager see my FEMA and SBA status with one release.",
        "Please tell me where I am on the waiting list.",
        "Please connect me with someone who can help with the appeal.",
        "Please start case management at the shelter next time.",
    ],
}

# Shared pools that mix in with the per-kind ones.
SHARED_CONS = [
    "We have been living with relatives since the storm.",
    "The house is still gutted and we are paying for it anyway.",
    "I have never asked for help before and this has been humiliating.",
    "I lost my house through no fault of my own and this is making everything worse.",
    "I cannot keep taking time off work to deal with this.",
    "I have not slept well since the storm.",
    "The kids have changed schools twice this year.",
]
SHARED_ASK = [
    "Please call me back.",
    "I just want someone to tell me what is going on.",
    "Please fix this as soon as possible.",
    "I would appreciate any help you can give.",
    "Please look into my {case}.",
    "I need an answer, not another referral.",
]

TONE = {
    "angry": {
        "greet": [],
        "close": [
            "This is unacceptable.",
            "Nobody should be treated like this after losing everything.",
            "I am beyond frustrated.",
            "I am sending a copy of this to my congressman.",
            "Do your job.",
            "It has been long enough.",
        ],
    },
    "tired": {
        "greet": [],
        "close": [
            "I do not know what else to do.",
            "I am so tired.",
            "I just want to go home.",
            "I have done everything I was told to do.",
            "I do not have anything left.",
            "I am trying my best here.",
        ],
    },
    "polite": {
        "greet": ["Hello.", "Good morning.", "To whom it may concern:",
                  "Hello, I hope you can help.", "Good afternoon."],
        "close": [
            "Thank you for your time.",
            "Thank you for looking into this.",
            "I appreciate any help.",
            "God bless, and thank you.",
            "I know you are busy, and I appreciate your help.",
        ],
    },
}
TONE_WEIGHTS = {"angry": 32, "tired": 38, "polite": 30}

# Pain points that plausibly show up together in one complaint.
BLEED = {
    "register_identity": ["helpline", "payment"],
    "helpline": ["notices", "inspection"],
    "inspection": ["helpline", "notices"],
    "ownership_proof": ["notices", "helpline"],
    "insurance": ["notices", "payment"],
    "sba_referral": ["notices", "helpline"],
    "dsnap": ["language", "notices"],
    "temp_housing": ["helpline", "notices"],
    "notices": ["helpline", "appeal"],
    "state_program": ["ownership_proof", "notices"],
    "permits": ["insurance", "payment"],
    "appeal": ["notices", "helpline"],
    "language": ["notices", "helpline"],
    "accessibility": ["temp_housing", "helpline"],
    "payment": ["helpline", "notices"],
    "case_management": ["appeal", "helpline"],
}

# ---------------------------------------------------------------------------
# Fictional personal data (all clearly made up; reserved example domains,
# 555-01xx phones, SSN-shaped numbers starting with 9, invented formats)
# ---------------------------------------------------------------------------
FIRST = ["Delphine", "Roscoe", "Marguerite", "Tobias", "Evangeline", "Cletus",
         "Samirah", "Augustin", "Philippa", "Lucius", "Genevieve", "Osgood"]
LAST = ["Boudreaux-Lyle", "Thibaut", "Fontenot-Ware", "Guidry-Hollis", "Arceneaux",
        "Broussard-Penn", "Landreneau", "Savoie-Kemp", "Trahan-Oakes", "Hebert-Danvers",
        "Melancon-Rhee", "Doucet-Farrow"]
STAFF_SURNAMES = ["Wexley-Barnes", "Obuya-Tennant", "Castellari", "Fennimore", "Yazzie-Hart",
                  "Sorensby", "Mbatha-Lowe", "Kilgallen"]
STREETS = ["Pelican Cove Road", "Shell Bank Lane", "Tupelo Bend", "Marsh Hen Drive",
           "Cane Field Road", "Spanish Moss Lane", "Heron Roost Way", "Oyster Shell Drive"]


class Filler(SlotFiller):
    """Fills {slots} for one complaint, program-aware and date-aware."""

    def __init__(self, rng: random.Random, program: str, date: dt.date):
        super().__init__(rng)
        v = VOCAB[program]
        others = [p for p in (FEMA, SBA, DSNAP, HOUS, PERM, INS) if p != program]
        other = rng.choice(others)
        docs = rng.sample(DOCS, 2)
        back = rng.randint(1, 3)
        month_date = max(date - dt.timedelta(days=30 * back), WINDOWS[program][0])
        times_n = rng.choice([2, 3, 3, 4, 5, 6])
        self.fixed = {
            "doc": docs[0], "doc2": docs[1],
            "doc_was": "were" if docs[0] in PLURAL_DOCS else "was",
            "month": MONTHS[month_date.month - 1],
            "times": {2: "twice"}.get(times_n, f"{numword(rng, times_n)} times"),
            "weeks": numword(rng, rng.choice([2, 3, 4, 5, 6, 7, 8, 10, 12])),
            "days": numword(rng, rng.choice([3, 5, 7, 10, 14])),
            "hours": rng.choice(["two hours", "an hour and a half", "almost three hours",
                                 "90 minutes", "over an hour", "two and a half hours"]),
            "hours_long": rng.choice(["six hours", "five and a half hours", "seven hours",
                                      "most of the day", "eight hours"]),
            "n_calls": str(rng.randint(14, 63)),
            "amount": "$" + f"{rng.randrange(4500, 61000, 250):,}",
            "inches": str(rng.choice([18, 20, 26, 30, 34, 41])),
            "pct": str(rng.choice([51, 53, 55, 58, 62, 67])),
            "years": str(rng.randint(12, 61)),
            "elder_age": str(rng.randint(71, 88)),
            "rent_jump": str(rng.choice([250, 300, 350, 400, 500])),
            "drive": rng.choice(["fifty minutes", "an hour", "over an hour", "45 minutes",
                                 "an hour and fifteen minutes"]),
            "town": rng.choice(TOWNS),
            "town_far": rng.choice(["an hour away in Dunmore", "two counties over",
                                    "fifty minutes away", "across the state line"]),
            "kid": rng.choice(KIDS),
            "lang": rng.choices(["Vietnamese", "Spanish", "Haitian Creole", "Khmer", "Tagalog"],
                                weights=[45, 30, 10, 8, 7])[0],
            "office": rng.choice(v["office"]),
            "case": rng.choice(v["case"]),
            "other_agency": rng.choice(VOCAB[other]["agency"]),
        }
        self.pick = {"prog": v["prog"], "agency": v["agency"], "benefit": v["benefit"]}


def quotas(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """n (kind, program) pairs in proportion to the weights (largest remainder),
    shuffled: a small sample keeps the intended mix instead of drifting."""
    total = sum(k["weight"] for k in KINDS.values())
    shares = {}
    for name, k in KINDS.items():
        psum = sum(k["programs"].values())
        for program, w in k["programs"].items():
            shares[(name, program)] = n * k["weight"] / total * w / psum
    counts = {key: int(v) for key, v in shares.items()}
    by_remainder = sorted(shares, key=lambda key: (-(shares[key] - counts[key]), key))
    for key in by_remainder[:n - sum(counts.values())]:
        counts[key] += 1
    pairs = [key for key in shares for _ in range(counts[key])]
    rng.shuffle(pairs)
    return pairs


NARRATIVES = NarrativeStyle(
    kinds=KINDS, bleed=BLEED, tone=TONE, tone_weights=TONE_WEIGHTS,
    shared_cons=SHARED_CONS, shared_ask=SHARED_ASK,
    p_second_detail=0.5, p_kind_cons=0.75, p_ask=0.8, bleed_skips_it=False,
)


def compose(rng: random.Random, kind: str, program: str, date: dt.date,
            pii_sentences: list[str] | None = None) -> str:
    """One complaint narrative (see sample_data_common.compose_narrative)."""
    return compose_narrative(rng, NARRATIVES, kind, program, Filler(rng, program, date), pii_sentences)


# ---------------------------------------------------------------------------
# Planted personal data
# ---------------------------------------------------------------------------
EMAIL_STYLES = ["{f}.{l}", "{f}{l}{n}", "{fi}{l}"]


class PII(PooledPlanter):
    """Fictional personal data for the narratives, from the pools above."""

    def __init__(self, rng: random.Random):
        super().__init__(rng, FIRST, LAST, STAFF_SURNAMES, STREETS, mixed_phone_formats=True)

    def reference(self, program: str) -> tuple[str, str]:
        """(how it is written, the identifier) for a case reference in the program's own format."""
        rng = self.rng
        if program in (FEMA, DSNAP, SHEL, CASE):
            ident = f"{rng.randint(100000000, 999999999)}"
            return f"FEMA registration number {ident}", ident
        if program == SBA:
            ident = f"{rng.randint(3300000000, 3399999999)}"
            return f"application number {ident}", ident
        if program == HOUS:
            ident = f"HR-2026-{rng.randint(0, 9999):04d}{rng.randint(0, 9)}"
            return f"application number {ident}", ident
        if program == INS:
            ident = f"{rng.choice(['HO', 'FL'])}-2025-{rng.randint(100000, 999999)}"
            return f"claim number {ident}", ident
        ident = f"BP-2026-{rng.randint(10000, 99999)}"
        return f"permit number {ident}", ident

    def sentences(self, program: str, form: str) -> list[str]:
        """One or two sentences carrying fictional personal data."""
        rng = self.rng
        out: list[str] = []
        if form == "name_case":
            _, _, full = self.name()
            ref, ident = self.reference(program)
            out.append(rng.choice([
                f"My name is {full} and my file is under {ref}.",
                f"My name is {full}, {ref}.",
                f"This is about {ref}, and my name is {full}.",
            ]))
            self.note(full, ident)
        elif form == "contact":
            first, last, full = self.name()
            em, ph = self.email(first, last, EMAIL_STYLES), self.phone()
            out.append(rng.choice([
                f"My name is {full}, and you can reach me at {ph} or {em}.",
                f"Please call me at {ph} or email {em}, since I have no mailing address right now.",
                f"My name is {full} and my email is {em}.",
            ]))
            self.note(*[x for x in (full, em, ph) if x in out[-1]])
        elif form == "ssn":
            s = nine_ssn(self.rng)
            ref, ident = self.reference(program)
            out.append(rng.choice([
                f"I have given my Social Security number, {s}, to four different people.",
                f"The form says my SSN {s} does not match, but that is my number.",
                f"I wrote {s} on every page like the worker told me.",
            ]))
            out.append(f"It is all under {ref}.")
            self.note(s, ident)
        elif form == "address":
            addr = self.address(12)
            _, _, full = self.name()
            out.append(rng.choice([
                f"My name is {full} and the damaged house is at {addr}.",
                f"Everything keeps getting mailed to {addr}, which has no roof.",
                f"I have lived at {addr} for {rng.randint(8, 40)} years and I have told you that twice.",
            ]))
            self.note(*[x for x in (full, addr) if x in out[-1]])
        elif form == "staff":
            title = rng.choice(["Ms.", "Mr."])
            pron = {"Ms.": "she", "Mr.": "he"}[title]
            sur = self.staff.pop()
            out.append(rng.choice([
                f"The worker, {title} {sur}, told me it was fixed, and it was not.",
                f"{title} {sur} at the table was kind, but {pron} could not change anything.",
                f"I was told {title} {sur} would call me back, and nobody did.",
            ]))
            self.note(sur)
        else:  # staff_case
            title = rng.choice(["Ms.", "Mr."])
            sur = self.staff.pop()
            ref, ident = self.reference(program)
            ph = self.phone()
            out.append(f"{title} {sur} took my {ref} and gave me the number {ph}, which just rings.")
            self.note(sur, ident, ph)
        return out


def random_date(rng: random.Random, program: str) -> dt.date:
    first, last, busiest = WINDOWS[program]
    span = (last - first).days
    mode = (busiest - first).days
    # a peak soon after the storm (or after the program opens), then a long tail
    r = rng.random()
    if r < 0.35:
        days = rng.triangular(0, min(span, mode * 2 + 20), mode)
    elif r < 0.7:
        days = rng.triangular(0, span, mode)
    else:
        days = rng.uniform(0, span)
    return min(max(first + dt.timedelta(days=round(days)), first), last)


def main() -> None:
    check_pools(KINDS)
    rng = random.Random(SEED)
    n_unique = TOTAL_ROWS - N_DUPLICATES

    drafts = [(random_date(rng, program), kind, program) for kind, program in quotas(rng, n_unique)]
    drafts.sort(key=lambda t: t[0])

    idx = list(range(n_unique))
    special = rng.sample(idx, N_EMPTY + N_PII_ROWS)
    empty_rows = set(special[:N_EMPTY])
    pii_rows = sorted(special[N_EMPTY:])
    forms = ["name_case", "contact", "ssn", "address", "staff", "staff_case"]
    pii_form = {i: forms[n % len(forms)] for n, i in enumerate(pii_rows)}
    pii = PII(rng)

    rows: list[dict[str, str]] = []
    for i, (d, kind, program) in enumerate(drafts):
        channel = rng.choices(COMPLAINT_CHANNELS, weights=CHANNEL_WEIGHTS)[0]
        state = workflow_state(rng, (END - d).days)
        if i in empty_rows:
            narrative = rng.choice(["", "   "])
        elif i in pii_form:
            narrative = compose(rng, kind, program, d, pii.sentences(program, pii_form[i]))
        else:
            narrative = compose(rng, kind, program, d)
        rows.append({
            "complaint_id": f"DR-2026-{i + 1:05d}",
            "date_received": d.isoformat(),
            "agency": AGENCY[program],
            "program": program,
            "channel": channel,
            "category": KINDS[kind]["category"][program],
            "narrative": narrative,
            "state": state,
        })

    # Double export: two rows appear twice, the copy right after the original.
    insert_duplicates(rng, rows, [i for i in idx if i not in empty_rows], N_DUPLICATES)
    assert len(rows) == TOTAL_ROWS

    write_csv(OUT_CSV, COMPLAINT_COLUMNS, rows)
    write_pii_section(OUT_PII, PII_HEADER, pii.items)

    print(f"wrote {OUT_CSV.relative_to(ROOT)}: {len(rows)} rows "
          f"({n_unique} unique ids, {N_DUPLICATES} duplicates)")
    print(f"wrote {OUT_PII.relative_to(ROOT)}: {len(pii.items)} planted strings (complaints section)")


if __name__ == "__main__":
    main()
