#!/usr/bin/env python3
"""Generate FICTIONAL sample complaints for the "financial shock" life experience.

Writes:
  complaints/financial-shock.csv             420 rows of fictional complaints
  tests/fixtures/planted_pii_complaints.txt  every fictional personal-data string
                                             planted in the narratives

Everything produced here is made up: the agencies (State Workforce Agency,
State Department of Health Services, County Human Services Department), the
people, names, emails (@example.com / @example.org), phone numbers (555-01xx),
SSN-shaped numbers, case numbers and addresses. No real complaint was used.

The output is deterministic: all randomness comes from one
random.Random(20261123) instance (no global seeding), so re-running the script
reproduces the files byte for byte.

Deliberate defects, so that cleaning / privacy / escaping code has something
to catch (see complaints/README.md):
  * 3 exact duplicate rows (a double export),
  * 3 rows with an empty or whitespace-only narrative,
  * 1 narrative containing <script>alert('x')</script>,
  * about 25 narratives with planted fictional personal data.

Usage: python3 tools/make_sample_complaints.py
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
    numword,
    only,
    ordinal,
    ssn_shaped,
    workflow_state,
    write_csv,
    write_pii_file,
)

SEED = 20261123
ROOT = Path(__file__).resolve().parent.parent
OUT_CSV = ROOT / "complaints" / "financial-shock.csv"
OUT_PII = ROOT / "tests" / "fixtures" / "planted_pii_complaints.txt"

TOTAL_ROWS = 420          # rows in the file, duplicates included
N_DUPLICATES = 3          # exact copies of earlier rows (same complaint_id)
N_EMPTY = 3               # empty / whitespace-only narratives
N_PII_ROWS = 25           # rows carrying planted fictional personal data
START = dt.date(2025, 10, 1)
END = dt.date(2026, 9, 30)

UI, MC, SN = "Unemployment Insurance", "Medicaid", "SNAP"

AGENCY = {
    UI: "State Workforce Agency",
    MC: "State Department of Health Services",
    SN: "County Human Services Department",
}

CHANNEL_WEIGHTS = [44, 26, 13, 10, 7]   # for COMPLAINT_CHANNELS: web, phone, email, in person, mail

# ---------------------------------------------------------------------------
# Program-specific vocabulary used to fill slots
# ---------------------------------------------------------------------------
VOCAB = {
    UI: {
        "prog": ["unemployment", "unemployment", "UI", "unemployment insurance"],
        "agency": ["the Workforce Agency", "the unemployment office", "SWA",
                   "the state unemployment office", "the Workforce Agency"],
        "benefit": ["my unemployment benefits", "my weekly benefit", "my UI payments",
                    "my unemployment check", "my benefits"],
        "case": ["claim", "claim"],
        "office": ["the Riverton job center", "the downtown American Job Center",
                   "the Eastgate workforce office", "the Millbrook career center",
                   "the job center on Commerce Street", "the Harbor Point workforce office"],
        "interview": ["fact-finding interview", "phone interview with the adjudicator",
                      "fact-finding call"],
        "renewal": ["weekly certification", "certification"],
    },
    MC: {
        "prog": ["Medicaid", "Medicaid", "health coverage", "Medicaid"],
        "agency": ["Health Services", "the Medicaid office", "DHS",
                   "the state health department", "Health Services"],
        "benefit": ["my Medicaid coverage", "my kids' Medicaid", "our health coverage",
                    "my Medicaid", "our coverage"],
        "case": ["case", "application"],
        "office": ["the Health Services office on 5th Street", "the Riverton DHS office",
                   "the Northside enrollment center", "the Medicaid office in Millbrook",
                   "the Eastgate health services center", "the DHS lobby downtown"],
        "interview": ["eligibility call", "phone interview", "verification call"],
        "renewal": ["renewal", "annual renewal", "redetermination"],
    },
    SN: {
        "prog": ["SNAP", "SNAP", "food stamps", "food assistance"],
        "agency": ["the county", "Human Services", "the county office",
                   "County Human Services", "the SNAP office"],
        "benefit": ["my SNAP benefits", "our food benefits", "my food stamps",
                    "our SNAP", "my SNAP"],
        "case": ["case", "case"],
        "office": ["the county building on Oak Avenue", "the Eastgate Human Services office",
                   "the Millbrook county office", "the Riverton service center",
                   "the Westfield county annex", "the Human Services office on Grand"],
        "interview": ["SNAP interview", "eligibility interview", "phone interview",
                      "interview"],
        "renewal": ["recertification", "recert", "six-month report"],
    },
}

DOCS = [
    "pay stubs", "my last two pay stubs", "my separation notice", "my lease",
    "my birth certificate", "bank statements", "three months of bank statements",
    "proof of address", "a copy of my driver's license", "a utility bill",
    "my termination letter", "my Social Security card", "a letter from my landlord",
    "my W-2", "my last 30 days of pay stubs", "my kids' birth certificates",
    "a photo ID", "my electric bill", "a statement from my old employer",
    "my 1099", "proof of income", "my rent receipt",
]

# (noun, possessive)
KIDS = [("my daughter", "my daughter's"), ("my son", "my son's"),
        ("my two kids", "my two kids'"), ("my youngest", "my youngest's"),
        ("my kids", "my kids'"), ("my three children", "my three children's"),
        ("my toddler", "my toddler's"), ("my teenager", "my teenager's"),
        ("my baby", "my baby's")]

PLURAL_DOCS = {"pay stubs", "my last two pay stubs", "bank statements",
               "three months of bank statements", "my kids' birth certificates",
               "my last 30 days of pay stubs"}

# ---------------------------------------------------------------------------
# Pain-point kinds. Each kind has program weights (correlated, not perfect),
# a category per program, and hand-written pools of openings, details,
# consequences and asks. Slots in {braces} are filled per complaint.
# ---------------------------------------------------------------------------
KINDS: dict[str, dict] = {}

KINDS["repeat_docs"] = {
    "weight": 11,
    "programs": {UI: 2, MC: 4, SN: 4},
    "category": {UI: "Claim status", MC: "Documents/verification", SN: "Documents/verification"},
    "open": [
        "I have now sent {doc} to {agency} {times} and they keep saying they never got {doc_it}.",
        "Every agency I deal with wants the same papers and none of them talk to each other.",
        "I lost my job in {month} and since then I have uploaded {doc} to three different places.",
        "Why do I have to prove the same thing over and over to {agency}?",
        "I am writing because {agency} asked me for {doc} again, even though I already gave {doc_it} to them.",
        "This is the {nth} time I have been asked for {doc} for the same {case}.",
        "I already proved my income to {other_agency} and now {agency} wants all of it again.",
        "{agency} sent me another request for documents that I already turned in.",
    ],
    "detail": [
        "I brought {doc} and {doc2} to {office} in person and got a stamped receipt, and a week later I got a letter saying they were missing.",
        "The {other_prog} people already have {doc} and {doc2}, so I don't understand why {agency} can't just get them from there.",
        "I uploaded {doc} on the portal, faxed {doc_it}, and mailed {doc_it}, and the status still says pending verification.",
        "The letter asked for my most recent pay stubs, but I don't get pay stubs anymore because I don't have a job, which is the whole point.",
        "I had to pay {fee} in copies and postage just so I could send {doc} a {nth} time.",
        "They told me my copy of {doc} {doc_was} too blurry, so I rescanned {doc_it} at the library, and then they said the copies were too old.",
        "Each office has a different list: {agency} wanted {doc}, {other_agency} wanted {doc2}, and nobody accepts what the other one already checked.",
        "The worker said my {case} would be closed in {days} days if I didn't send {doc}, which I sent {weeks} weeks ago.",
        "I keep a folder with {doc}, {doc2}, and {doc3} that I carry everywhere now because I never know who will ask next.",
    ],
    "cons": [
        "I missed a job interview because I was sitting in {office} waiting to hand in the same papers again.",
        "Every time I resend something the clock starts over and {benefit} gets pushed back.",
        "I spent more on printing and postage than I have for groceries this week.",
        "My {case} has been frozen for {weeks} weeks over paperwork they already have.",
        "I had to take the bus across town twice just to drop off one document.",
        "I'm starting to think the papers get thrown away when they arrive.",
    ],
    "ask": [
        "Please note in my file that {doc} {doc_was} received on the date on my receipt.",
        "Can the agencies share what I already sent instead of asking me for it again?",
        "Please tell me exactly what is still missing, in writing, one time.",
        "I need someone to look at my file and confirm you have everything.",
        "Please stop sending me the same request and process my {case}.",
        "I would like a list of every document you have on file for me.",
        "Give me one place to send documents that all three offices can see.",
    ],
}

KINDS["id_verify"] = {
    "weight": 9,
    "programs": {UI: 7, MC: 2, SN: 1},
    "category": {UI: "Identity verification", MC: "Documents/verification", SN: "Documents/verification"},
    "open": [
        "I have been locked out of my account because the identity check keeps failing.",
        "The online identity verification says my information doesn't match, but it is my information.",
        "I can't get past the ID verification step on the {prog} website no matter what I do.",
        "My {case} is on hold for identity verification and nobody can tell me why.",
        "The selfie and license check rejected me {times} and now I'm locked out for {days} days.",
        "I was told to verify my identity in person, but the appointment is weeks away.",
        "I am who I say I am, but apparently a computer disagrees.",
    ],
    "detail": [
        "The system asks about a car loan and an old address I never had, and when I answer honestly it fails me.",
        "My license photo is from before I lost weight, and the face match says it's not me.",
        "I recently moved, so the address on my ID doesn't match my {prog} application, and that seems to be the whole problem.",
        "I don't have a smartphone with a good camera, so I borrowed my neighbor's and it still wouldn't take the picture of my ID.",
        "After the third try it locked me out and said to call, and the phone line said to go back online.",
        "I went to {office} with my passport and {doc}, and they said they can't verify identity there anymore.",
        "The letter said I had {days} days to verify or my {case} would be denied, and it arrived after the deadline.",
        "The verification code goes to my old phone number, which was shut off when I couldn't pay the bill.",
        "Somebody at {agency} told me my identity was flagged as possible fraud but wouldn't say why.",
    ],
    "cons": [
        only("Meanwhile I have not received a single payment since I was laid off.", UI, SN),
        "I'm being treated like a criminal for trying to get help I paid into.",
        "I can't even check the status of my {case} because I can't log in.",
        "My {case} is just sitting there and I am falling behind on everything.",
        "I've lost {weeks} weeks of benefits over a picture that won't upload.",
        "I had to skip my own medication to make the money last.",
        only("I put off seeing a doctor because I didn't know if I was covered.", MC),
        "Every day this drags on, I fall further behind on bills.",
    ],
    "ask": [
        "Please give me a way to verify my identity that doesn't require a smartphone.",
        "Unlock my account so I can finish my {case}.",
        "I want an in-person appointment this week, not next month.",
        "Please tell me what exactly failed so I can fix it.",
        "Let me verify with the documents I already have in my hand.",
        "Can a real person please review my ID instead of the computer?",
    ],
}

KINDS["hold"] = {
    "weight": 11,
    "programs": {UI: 5, MC: 2.5, SN: 2.5},
    "category": {UI: "Customer service", MC: "Customer service", SN: "Customer service"},
    "open": [
        "I have called the {prog} line every day this week and never reached a person.",
        "I waited on hold for {hours} and the call dropped right when it was my turn.",
        "Your phone line is impossible.",
        "I called {agency} {times} today, and each time the recording said all agents were busy and hung up on me.",
        "I have spent more time on hold with {agency} than I spent at my last job some weeks.",
        "I have been trying to reach someone at {agency} for {weeks} weeks.",
        "The call center hangs up on you before you even get in the queue.",
    ],
    "detail": [
        "I call right at 8 when the lines open and the message already says call volume is too high.",
        "After {hours} on hold a worker picked up, said she had to transfer me, and the transfer went to a dead line.",
        "The callback option says someone will call within {days} business days, and nobody ever called.",
        "I had to use my lunch break at my temp job to call, and the whole time was on hold music.",
        "My phone is pay-as-you-go and I burned through my minutes just sitting on hold.",
        "The menu sends me in a circle: press 2 for claims, then press 4, then it goes back to the main menu.",
        "When I finally got through, the person said they couldn't see my {case} and told me to call back another day.",
        "I have a call log showing {n_calls} calls in {days} days, and not one of them reached a human.",
        "The one time I reached someone, they said my question had to go to a different unit that has no phone number.",
    ],
    "cons": [
        "I can't fix the problem on my {case} if I can't talk to anyone.",
        "Meanwhile the deadline on my letter is getting closer.",
        "I had to miss work shifts to sit by the phone.",
        "I'm about to lose {benefit} because of something a five-minute call could fix.",
        "I ran out of phone minutes and now I can't even call my kids' school.",
        "My whole week has been planned around waiting on hold.",
    ],
    "ask": [
        "Please have someone call me back at the number on my file.",
        "Hire more people for the phones or give us another way to reach a person.",
        "I need someone to actually answer and look at my {case}.",
        "Please give me a direct number or an email where I can get an answer.",
        "Please schedule a call at a set time so I don't have to sit on hold.",
        "Can you at least let the callback system work?",
    ],
}

KINDS["notices"] = {
    "weight": 9,
    "programs": {UI: 3, MC: 4.5, SN: 2.5},
    "category": {UI: "Notices", MC: "Notices", SN: "Notices"},
    "open": [
        "I got two letters from {agency} on the same day that say opposite things.",
        "I can't understand the notice I received about my {case}.",
        "The letter I got says I was denied, but the website says approved.",
        "I received a notice with no explanation except a code and a section number.",
        "The notices from {agency} are written like legal documents and I can't tell what they want from me.",
        only("I read the letter {times} and I still don't know whether I'm covered or not.", MC),
        "Your notice told me to do something by a date that had already passed when it arrived.",
    ],
    "detail": [
        "One letter says my {case} is approved starting {month} and the other says it is closed for failure to provide information.",
        "The notice says I was denied under reason code {code}, but nothing explains what that code means.",
        "The letter is dated the 3rd, postmarked the 14th, and says I had 10 days to respond.",
        "It says my household income is over the limit, but it lists my old salary from the job I lost.",
        "It says to contact my worker, but it doesn't give a name or a phone number.",
        "It has {pages} pages and the actual decision is buried on page {page} in one sentence.",
        "The online account says one thing, the letter says another, and the worker on the phone said to ignore both.",
        "It says I owe nothing and then on the next page it says my benefits will be reduced to $0.",
    ],
    "cons": [
        only("I don't know if I should take {kid} to the doctor or not because I can't tell if we're covered.", MC),
        "I almost missed my chance to appeal because I couldn't understand the letter.",
        "I've been lying awake trying to figure out whether we still have {benefit}.",
        "I had to pay a neighbor's daughter to read it with me and she couldn't figure it out either.",
        "I missed the deadline because I didn't understand there was one.",
        "Now I'm scared to open any more mail from you.",
        only("I almost stopped certifying because I thought the letter meant I was cut off.", UI),
        only("I thought our food benefits were ending and panicked.", SN),
        "I spent a whole day going from office to office trying to find someone who could explain it.",
    ],
    "ask": [
        "Please tell me in plain English whether my {case} is approved or not.",
        "Send notices that say what happened, why, and what I need to do, in simple words.",
        "Please cancel the wrong letter and send one correct notice.",
        "I need someone to explain this letter to me.",
        "Please extend the deadline since the letter came late.",
        "Put a phone number that actually works on your letters.",
    ],
}

KINDS["missed_interview"] = {
    "weight": 7,
    "programs": {UI: 1.5, MC: 1, SN: 7.5},
    "category": {UI: "Claim status", MC: "Eligibility", SN: "Interview"},
    "open": [
        "My {case} was denied because I missed a {interview} call that came from a blocked number.",
        "I was waiting by the phone all day for my {interview} and nobody called.",
        "They say I missed my {interview}, but I never got a call or a letter about it.",
        "I got a denial for not completing the {interview} that I was never told about.",
        "The {interview} call came from an unknown number and I didn't pick up because I get scam calls all day.",
        "I missed the {interview} by five minutes because I was on a bus with no signal, and now I'm denied.",
    ],
    "detail": [
        "The appointment letter arrived {days} days after the interview date.",
        "I called back right away and was told I had to reapply and start over.",
        "The caller ID said 'Unknown' and there was no voicemail, so I had no way to know it was {agency}.",
        "I had asked for a morning interview because I work afternoons, and they called at 3 p.m.",
        "My phone number changed when I switched to a cheaper plan, and I updated it online, but they called the old one.",
        "The letter gave a two-hour window and I stayed home from a job interview to wait, and the call never came.",
        "When I called to reschedule, the next opening was {weeks} weeks away.",
        "The notice said to call to reschedule, and the line was full every time I tried.",
    ],
    "cons": [
        only("Now we have no {prog} and the pantry at church is only open on Tuesdays.", SN),
        "Starting over means another month without {benefit}.",
        "I had to borrow money from my sister for groceries.",
        only("We have been eating rice and beans for {weeks} weeks.", SN, UI),
        "I lost a job interview because I stayed home waiting for the call.",
        "I feel like the system is set up for people to miss things.",
        only("Without the interview my claim just sits there, and I can't certify for benefits I need.", UI),
        only("Without the interview, {kid} still has no coverage.", MC),
        only("We had to cancel {kid_pos} doctor appointment because the application is stuck.", MC),
        "I lost a whole day of pay for a call that never came.",
    ],
    "ask": [
        "Please reschedule my interview without making me reapply.",
        "Please let me call in at a set time instead of waiting for a blocked number.",
        "Leave a voicemail or text when you call, so people know it is you.",
        "Please reopen my {case} from the original application date.",
        "Please send interview notices far enough ahead that they arrive before the interview.",
        "I'd like someone to confirm the phone number you have for me.",
    ],
}

KINDS["portal"] = {
    "weight": 8,
    "programs": {UI: 5, MC: 3, SN: 2},
    "category": {UI: "Online account", MC: "Online account", SN: "Online account"},
    "open": [
        "The website crashes every time I try to submit my {prog} application.",
        "I have reset my password {times} this month and it still won't let me log in.",
        "Your online portal logged me out in the middle of my application and I lost everything.",
        "I keep getting an error message on the {prog} site that says 'something went wrong.'",
        "I can't upload documents to the portal.",
        "The online account has been down or 'under maintenance' every evening this week.",
        "I tried to use the {prog} portal on my phone and half the buttons don't work.",
    ],
    "detail": [
        "It gets to the last page, spins for a minute, and then sends me back to the start.",
        "The password reset email never arrives, and when it does the link has already expired.",
        "The upload button only takes PDFs under 2 MB, and my phone saves pictures as something else.",
        "The error says 'Error 500 - contact administrator' with no phone number for the administrator.",
        "It makes me create a new account with a different email, and then it says my Social Security number is already in use.",
        "The security questions I set up don't work anymore, and there is no other way to reset.",
        "I only have my phone and the site doesn't fit the screen, so I can't see the Next button.",
        only("I use the library computer and the session times out before I can finish the employment history section.", UI),
        "The status page has said 'processing' for {weeks} weeks with no details.",
    ],
    "cons": [
        "I had to start the application over from scratch {times}.",
        only("I missed my filing week because the site was down, and now I lost that week of pay.", UI),
        "I have no computer at home, so every failed try is another trip to the library.",
        "Now I don't know if my application went through or not.",
        "I'm afraid to try again and make it worse.",
        "I'm not good with computers and this made me feel stupid.",
        only("I still don't know if my kids are covered.", MC),
        only("We went another week without food benefits while I fought with the website.", SN),
        "I paid for extra phone data just to keep trying.",
    ],
    "ask": [
        "Please fix the site or let me apply another way.",
        "Can someone reset my account so I can log in?",
        "Please confirm whether my application was actually received.",
        "Let me submit on paper if the website doesn't work.",
        "Please backdate my {case} since the site was down.",
        "Make the site work on a phone, because a lot of us don't have computers.",
    ],
}

KINDS["payment_delay"] = {
    "weight": 11,
    "programs": {UI: 7.5, SN: 2.5},
    "category": {UI: "Benefit payment", SN: "Benefit payment"},
    "open": [
        "I applied for {prog} {weeks} weeks ago and have not received one payment.",
        "My {case} says approved but no money has ever been deposited.",
        "Where is my money?",
        "I was told my first payment would come within two weeks, and it has been {weeks} weeks.",
        "My benefits stopped coming {weeks} weeks ago and nobody can tell me why.",
        "I'm writing about my first {prog} payment, which still hasn't arrived.",
        "I was approved and then nothing happened.",
    ],
    "detail": [
        "The portal shows payments as 'issued,' but nothing has come into my bank account.",
        only("I certified every week like I was supposed to, and every week it says 'pending.'", UI),
        "The worker said there is an 'issue' on my {case}, but she couldn't tell me what the issue is.",
        only("I switched to direct deposit because the debit card never came, and now neither works.", UI),
        only("They said it was held for review because my employer disputed the reason I left, but I was laid off with the whole department.", UI),
        "I was told payments are sent within 7 days of approval, and my approval letter is dated {days} days ago.",
        only("Another person who was laid off the same day as me got paid {weeks} weeks ago.", UI),
        only("I got one payment and then it went back to pending with no letter and no explanation.", UI),
        only("The county says our benefits were approved for the 1st of the month, and the card balance is still $0.", SN),
        only("I was told we qualified for expedited SNAP because we had no money, and it has still been {weeks} weeks.", SN),
        only("The law says they have 30 days to decide, and it has been {long_days} days.", SN),
        only("The benefits for last month were approved, but only half the amount ever loaded.", SN),
    ],
    "cons": [
        "I had to borrow money for rent from my brother.",
        "I got a late fee on my rent and a notice on my door.",
        "My car insurance lapsed and now I can't get to job interviews.",
        "My electricity is going to be shut off on the {day_ord}.",
        only("I've been skipping meals so {kid} can eat.", UI, SN),
        "I had to take a payday loan and now I owe more than I borrowed.",
        "We are down to the last $40 in the account.",
        "I pawned my tools to cover groceries.",
    ],
    "ask": [
        "Please release my payment or tell me exactly what is holding it.",
        "I need a date when I will get paid.",
        "Please pay the back weeks that are owed to me.",
        "Please escalate my {case}, this is an emergency.",
        "Tell me what I need to do to get the hold removed.",
        "I need someone to look at why the payment was issued but never arrived.",
    ],
}

KINDS["renewal_cut"] = {
    "weight": 10,
    "programs": {MC: 5.5, SN: 4.5},
    "category": {MC: "Renewal", SN: "Recertification"},
    "open": [
        "{benefit} was cut off at {renewal} even though I sent every paper they asked for.",
        "I got a notice that our {prog} was terminated for not returning the {renewal} form, which I returned.",
        "My {renewal} was turned in on time and you closed my {case} anyway.",
        "We lost {benefit} last month because of a paperwork mix-up at {renewal}.",
        "I did everything right on my {renewal} and still got cut off.",
        only("I found out at the pharmacy that my {prog} was canceled.", MC),
        only("I found out at the grocery checkout that my {prog} had been cut off.", SN),
        "My {renewal} packet went to my old address and now my {case} is closed.",
    ],
    "detail": [
        "I mailed the {renewal} packet with {doc} on the {day_ord} and I have the post office receipt.",
        "I uploaded the {renewal} form and {doc} on the portal and it shows 'received,' yet the closure notice says nothing was returned.",
        "The notice says 'failure to provide,' but it doesn't say what I failed to provide.",
        "The {renewal} form asked for {doc}, which I included, plus {doc2}, which was never on the list.",
        "My income went down, not up, so I don't see how we could be over the limit.",
        "I dropped the packet at {office} and the worker put it in a box without giving me a receipt.",
        "The closure notice arrived {days} days after the coverage had already ended.",
        "They sent the {renewal} form to my old address even though I reported my move in {month}.",
    ],
    "cons": [
        only("{kid} missed a checkup because the doctor's office said we had no coverage.", MC),
        only("I couldn't pick up {kid_pos} inhaler and had to pay ${small_amount} out of pocket.", MC),
        only("My kids' prescriptions are on hold until this is fixed.", MC),
        only("The pharmacy wanted full price for my insulin.", MC),
        only("We had a gap in coverage right when my husband needed his follow-up appointment.", MC),
        only("We went a whole month without food benefits.", SN),
        only("I had to cancel {kid_pos} therapy appointments.", MC),
        only("I had to go to three different food pantries in one week.", SN),
        only("{kid_pos} lunches came out of our rent money.", SN),
        only("Now we have to start over with a new application and wait another 30 days.", SN),
        only("I put groceries on a credit card I can't pay off.", SN),
        only("The kids are eating cereal for dinner again.", SN),
    ],
    "ask": [
        "Please reinstate our coverage back to the date it was cut.",
        "Please reopen my {case} with no gap, since I turned everything in on time.",
        "Please find my {renewal} packet in your system.",
        "I want to know what document you think is missing.",
        "Please restore {benefit} and pay back the month we lost.",
        "Please check the renewal using the information you already have before cutting people off.",
    ],
}

KINDS["appeal_backlog"] = {
    "weight": 7,
    "programs": {UI: 6, MC: 2, SN: 2},
    "category": {UI: "Appeals", MC: "Appeals", SN: "Appeals"},
    "open": [
        "I filed an appeal {weeks} weeks ago and still don't have a hearing date.",
        "My appeal has been sitting with no decision for months.",
        "I requested a fair hearing in {month} and have heard nothing since.",
        "The appeal process is broken.",
        only("I won my appeal {weeks} weeks ago and still haven't been paid.", UI, SN),
        only("I won my hearing and my coverage still hasn't been turned back on.", MC),
        "I'm asking for an update on my appeal because nobody else will give me one.",
    ],
    "detail": [
        "The appeals office phone line just says my appeal is 'in the queue.'",
        "My hearing was scheduled, then canceled the day before with no new date.",
        "I was told the backlog is {n_months} months, but the letter says hearings happen within 30 days.",
        "I sent in {doc} as evidence and got a letter saying the appeal file is incomplete.",
        only("The judge ruled in my favor, and the decision still hasn't been sent to the unit that pays.", UI, SN),
        only("I was on the hearing call for an hour, and the employer never showed, and I still don't have a decision.", UI),
        "The online appeal form didn't give me a confirmation number, so I had to mail it again.",
        only("I asked for my coverage to continue during the appeal, and it was cut anyway.", MC, SN),
        "The hearing notice came in English even though I asked for Spanish.",
        only("The hearing officer said they needed a letter from my doctor, and my doctor's office says they already faxed it twice.", MC),
    ],
    "cons": [
        "While I wait, I have no income at all.",
        "I've used up all my savings waiting for a decision.",
        "We moved in with my mother because we couldn't make rent.",
        "I'm losing hope that this will ever be fixed.",
        "The longer this takes, the deeper in debt I get.",
        "I have had to sell things I can't get back.",
    ],
    "ask": [
        "Please give me a hearing date.",
        "I want to know where my appeal is and how long it will take.",
        only("Please send the decision to payments so I can get my back pay.", UI, SN),
        "Please confirm my appeal was received and is on file.",
        "If there is a backlog, please pay what isn't in dispute while I wait.",
        "Please move my appeal forward, I'm out of options.",
        only("Please keep our coverage active until the hearing decision.", MC, SN),
        "Please tell me who I can contact about the appeal besides the main phone line.",
    ],
}

KINDS["language"] = {
    "weight": 6,
    "programs": {UI: 3, MC: 3.5, SN: 3.5},
    "category": {UI: "Customer service", MC: "Notices", SN: "Customer service"},
    "open": [
        "I asked for my letters in {lang} and they keep coming in English.",
        "My mother speaks {lang} and there was no interpreter when she called about her {case}.",
        "I am writing for my father, who only speaks {lang}, because {agency} could not help him.",
        "When I called, there was no {lang} interpreter available and they told me to call back another day.",
        "There was no interpreter at {office} when we went for our appointment.",
        "My English is not so good and nobody help me understand the letter about {benefit}.",
    ],
    "detail": [
        "They told us to bring our own interpreter, so my 12-year-old had to translate about money and medical things.",
        "We checked the box for {lang} on the application, and the notices still come in English.",
        "The interpreter line kept dropping, and the worker finally said to come back with someone who speaks English.",
        "The website says it is available in {lang}, but half the pages are still in English, including the upload page.",
        "The only letter we got in {lang} was a general flyer, not the notice about the {case}.",
        "We waited {hours} at {office} for an interpreter who never came.",
        "The online translation made the letter say something completely different.",
    ],
    "cons": [
        "We missed the deadline because we didn't know the letter was important.",
        "My child should not have to translate our family's private information.",
        "We didn't know our {prog} was ending until it was already over.",
        "My parents are embarrassed to ask for help again.",
        "We almost signed something we did not understand.",
        "We gave up and went home without finishing the application.",
    ],
    "ask": [
        "Please send all notices in {lang} like we requested.",
        "Please provide a free interpreter, which is our right.",
        "Please mark our file for language help so this doesn't happen again.",
        "Can you call my family back with a {lang} interpreter?",
        "Please translate the important letters, not only the flyers.",
        "Please give us more time since we could not read the notice.",
    ],
}

KINDS["disability"] = {
    "weight": 5,
    "programs": {UI: 3, MC: 4, SN: 3},
    "category": {UI: "Customer service", MC: "Customer service", SN: "Customer service"},
    "open": [
        "I am deaf and there is no way for me to reach {agency} except a phone line.",
        "I use a wheelchair and {office} has no working elevator.",
        "I am blind and the {prog} website doesn't work with my screen reader.",
        "I have a disability and asked for an accommodation, and nobody answered.",
        "As a person with a brain injury, I find the process at {agency} nearly impossible.",
        "I asked for help filling out the forms because of my disability, and I was told to figure it out myself.",
    ],
    "detail": [
        "The relay service call was dropped {times} because the agent hung up thinking it was a robocall.",
        "The upload button can't be reached with a keyboard, and the CAPTCHA has no audio option.",
        "The elevator had an out-of-order sign, and the guard said they couldn't bring staff down to me.",
        "I requested an accommodation in writing {weeks} weeks ago and never got a response.",
        "I can't stand in line for {hours}, and there are no chairs in the waiting area.",
        "The interview was by phone, and I had asked for video with captions.",
        "The form is 20 pages of small print, and I asked for large print and got the same form.",
    ],
    "cons": [
        "I had to give my private information to a stranger to read the screen for me.",
        "I left without being served because I physically couldn't wait any longer.",
        "I'm being shut out of help that I need more than most people.",
        "I missed a deadline because the accommodation never came.",
        "I felt humiliated in front of the whole waiting room.",
        "My health got worse from the stress of this.",
    ],
    "ask": [
        "Please provide the accommodation I asked for.",
        "Please give me a way to contact you by text or email.",
        "Please make the website work with screen readers.",
        "Please fix the elevator or let me meet staff on the first floor.",
        "I would like someone from your ADA office to contact me.",
        "Please allow a helper to talk to you on my behalf.",
    ],
}

KINDS["ebt_card"] = {
    "weight": 6,
    "programs": {SN: 1},
    "category": {SN: "EBT card"},
    "open": [
        "My EBT card never came in the mail.",
        "I was approved for SNAP {weeks} weeks ago and still have no EBT card.",
        "My EBT card was stolen along with my wallet, and the replacement hasn't arrived.",
        "My EBT card stopped working at the register.",
        "I think my EBT card was skimmed because my benefits disappeared.",
        "I've requested a replacement EBT card {times} now.",
    ],
    "detail": [
        "The card line says it was mailed on the {day_ord}, but it went to an address I moved out of.",
        "At the store it said 'invalid card,' and the cashier made me put all the groceries back.",
        "The balance showed $0 the day after benefits loaded, and there are charges from a store in another state.",
        "The county office said they can't print cards there, and it has to come from the vendor.",
        "I changed my PIN like they told me to and it still says wrong PIN.",
        "They told me stolen benefits can't be replaced anymore.",
        "My approval letter says benefits were loaded on a card I have never received.",
    ],
    "cons": [
        "We have approved benefits we can't use, and the fridge is empty.",
        "I was humiliated in the checkout line with {kid} watching.",
        "We lost the whole month of food benefits.",
        "I've been going to the food bank every week.",
        "{kid} has been eating school lunch as the only real meal of the day.",
        "I spent the last of my cash on bus fare going to offices about this.",
    ],
    "ask": [
        "Please send a replacement EBT card to my current address.",
        "Please let me pick up a card in person at the county office.",
        "Please replace the stolen benefits.",
        "Please check why my card is being declined.",
        "Can you expedite the card since we have no food?",
        "Please tell me when the card was mailed and where.",
    ],
}

KINDS["overpayment"] = {
    "weight": 6,
    "programs": {UI: 8.5, SN: 1.5},
    "category": {UI: "Overpayment", SN: "Benefit payment"},
    "open": [
        "I received a letter saying I was overpaid {amount} and have to pay it back.",
        "Out of nowhere I got an overpayment demand from {agency} for {amount}.",
        "{agency} says I owe them {amount} for benefits I was approved for.",
        "I got a bill for {amount} in overpaid benefits and I don't understand why.",
        "An overpayment letter is threatening to take my tax refund.",
        "I'm being told to repay {prog} from months ago, after I was approved.",
    ],
    "detail": [
        only("The letter says I was not eligible for the weeks in {month}, but I was approved for those weeks and nobody ever said there was a problem.", UI),
        only("I reported my part-time earnings every week exactly as the instructions said.", UI),
        "It says 'fraud' on the letter, which scared me to death, and I never lied about anything.",
        only("The overpayment is because my old employer reported my final paycheck as wages for the wrong weeks.", UI),
        "They want the whole {amount} within 30 days or they'll send it to collections.",
        "I asked for a waiver and the form says to mail it to an address that returns it as undeliverable.",
        only("They already started taking half of my weekly payment to pay back the overpayment.", UI),
        only("The county says I didn't report my unemployment income, but I reported it the day I got approved.", SN),
        only("They are going to take ${small_amount} a month out of our SNAP to pay it back.", SN),
        only("The letter says the overpayment is from {month}, which is before we even applied.", SN),
        only("The notice says it was an agency error, so I don't see why I should pay for their mistake.", SN, UI),
    ],
    "cons": [
        "I don't have {amount}; I don't have {small_amount} dollars.",
        "I'm scared to apply for anything else now.",
        "I can't sleep thinking about collections.",
        "This mistake is going to ruin the credit I worked years to build.",
        "It feels like being punished for asking for help.",
        "I may have to move in with family if they take my refund.",
    ],
    "ask": [
        "Please explain how you calculated this amount.",
        "I want to request a waiver because this was not my fault.",
        "Please stop collection until my appeal is decided.",
        "Please set up a payment plan I can actually afford.",
        "Please remove the word fraud from my file.",
        "Please review the weeks you say were overpaid with me on the phone.",
    ],
}

KINDS["conflicting_info"] = {
    "weight": 8,
    "programs": {UI: 3.5, MC: 3, SN: 3.5},
    "category": {UI: "Customer service", MC: "Eligibility", SN: "Eligibility"},
    "open": [
        "{agency} and {other_agency} are telling me completely different things.",
        "I get a different answer every time I ask a question about my {case}.",
        "The {other_prog} office told me one thing and {agency} told me the opposite.",
        "Nobody agrees on whether my unemployment counts as income.",
        "Two workers at {office} gave me two different answers on the same day.",
        "I followed the instructions from {other_agency}, and {agency} says I did it wrong.",
    ],
    "detail": [
        only("{other_agency} said I should wait until my unemployment was approved before applying for {prog}, and now {agency} says I should have applied right away.", MC, SN),
        "The county said to report my unemployment as income and the state said not to count it until I actually get paid.",
        "One worker told me my {case} was approved, and the next week another worker said it was never submitted.",
        "The 211 line sent me to {office}, and they said that's not their department.",
        "The navigator told me I qualify, the website says I don't, and the worker said she can't tell me.",
        "{agency} counts my severance as income and {other_agency} says it doesn't count.",
        "I was told to apply for {prog} online, then told I had to do it in person, then told I had to mail it.",
    ],
    "cons": [
        "I did what I was told, and now I'm the one getting penalized.",
        "I'm going in circles and nobody owns my problem.",
        "Because of the bad advice, I lost {weeks} weeks of {benefit}.",
        "I don't know who to believe anymore.",
        "I've made {times} trips to different offices for one question.",
        "The back and forth cost us a month of help we needed.",
    ],
    "ask": [
        "Please get your agencies on the same page.",
        "Please give me a written answer I can show the other office.",
        "I want one person who is responsible for my {case}.",
        "Please correct my file based on what your own worker told me.",
        "Please backdate my application to when I was first given wrong information.",
        "Please put the rules somewhere simple so everyone gives the same answer.",
    ],
}

KINDS["adjudication"] = {
    "weight": 6,
    "programs": {UI: 1},
    "category": {UI: "Claim status"},
    "open": [
        "My unemployment claim has said 'pending adjudication' for {weeks} weeks.",
        "There is an 'issue' on my claim and nobody will tell me what it is.",
        "My claim is stuck and I have no idea why.",
        "I've been waiting on an adjudicator to review my claim since {month}.",
        "My claim has been on hold since my former employer responded to it.",
        "I'm writing because my claim has been under review for {weeks} weeks.",
    ],
    "detail": [
        "The portal shows a red flag next to week 3, and when I click it, it just says 'see notice,' and there is no notice.",
        "My employer closed the whole location, so there's nothing to dispute about why I left.",
        "I was told adjudication takes 21 days, and I'm now on day {long_days}.",
        "I submitted the separation questionnaire {times}, and it keeps asking for it again.",
        "The worker said an adjudicator would call within {days} days, and no one has.",
        "I have my separation notice that says 'lack of work' right on it.",
    ],
    "cons": [
        "I keep certifying every week into a black hole.",
        "I had to borrow money for rent and I'm not sure I can borrow again.",
        "My landlord has given me until the end of the month.",
        "I've had to put groceries on a credit card.",
        "My family is counting on me and I have nothing to tell them.",
        "The stress is making it hard to even look for work.",
    ],
    "ask": [
        "Please assign my claim to an adjudicator.",
        "Tell me what the issue on my claim is and how to fix it.",
        "Please give me a realistic date for a decision.",
        "Please look at the separation notice I already uploaded.",
        "Please resolve my claim so I can get paid for the weeks I certified.",
        "Please call me if you need more information; I'll answer.",
    ],
}

# Shared pools that mix in with the per-kind ones.
SHARED_CONS = [
    "I had to borrow money for rent.",
    "My kids' prescriptions are on hold.",
    "I'm behind on my car payment and I need the car to look for work.",
    "We are relying on the food pantry right now.",
    "I've never asked for help before, and this has been humiliating.",
    "I lost my job through no fault of my own and this is making everything worse.",
    "I can't keep taking time off my temp job to deal with this.",
    "My landlord is losing patience with me.",
    "I haven't been able to sleep for weeks.",
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
            "This is ridiculous and you know it.",
            "I am beyond frustrated.",
            "Nobody should be treated like this.",
            "I'm sending a copy of this to my state representative.",
            "Do your job.",
            only("I paid into this system for {years} years.", UI),
            "Fix it.",
        ],
    },
    "tired": {
        "greet": [],
        "close": [
            "I don't know what else to do.",
            "I'm just so tired.",
            "I'm out of ideas.",
            "I've done everything I was told to do.",
            "I don't have anything left.",
            "I'm trying my best here.",
            "I just want this to be over.",
        ],
    },
    "polite": {
        "greet": ["Hello.", "Good morning.", "Hi.", "Good afternoon.",
                  "To whom it may concern:", "Hello, I hope you can help."],
        "close": [
            "Thank you for your time.",
            "Thank you for looking into this.",
            "I appreciate any help.",
            "Thank you in advance.",
            "Thanks for reading this.",
            "I know you are busy, and I appreciate your help.",
        ],
    },
}
TONE_WEIGHTS = {"angry": 34, "tired": 36, "polite": 30}

# ---------------------------------------------------------------------------
# Fictional personal data (all clearly made up; reserved example domains,
# 555-01xx phones, case numbers in a made-up format)
# ---------------------------------------------------------------------------
FIRST = ["Dana", "Marisol", "Terrence", "Priya", "Jolene", "Desmond", "Yesenia",
         "Grady", "Nadia", "Ulysses", "Corinne", "Benedikt", "Lorna", "Ismael",
         "Rosalind", "Thaddeus", "Ximena", "Wendell", "Azalea", "Cormac"]
LAST = ["Whitfield", "Quintero", "Oyelaran", "Vasudevan", "Brannigan", "Thibodeaux",
        "Lindqvist", "Nakashima", "Abernathy", "Castellanos", "Fairweather",
        "Kowalczyk", "Delacroix", "Hargrove", "Okonkwo", "Szymanski", "Marchetti",
        "Pemberton", "Achterberg", "Villaseñor"]
STAFF_SURNAMES = ["Okafor", "Brightwater", "Halvorsen", "Esposito-Reyes",
                  "Mwangi", "Tremblay", "Gallagher-Ruiz", "Yamaguchi",
                  "Ferreira", "Lundgren", "Adeyemi", "Castellano-Boyd"]
STREETS = ["Larkspur Lane", "Juniper Hollow Road", "Wexford Court", "Marigold Street",
           "Tanager Way", "Bramblewood Drive", "Osprey Point Road", "Quarry Hill Avenue",
           "Sycamore Bend", "Kestrel Avenue", "Foxglove Terrace", "Millrace Road"]


class Filler(SlotFiller):
    """Fills {slots} for one complaint, program-aware and date-aware."""

    def __init__(self, rng: random.Random, program: str, date: dt.date):
        super().__init__(rng)
        self.program = program
        self.date = date
        others = [p for p in (UI, MC, SN) if p != program]
        self.other = rng.choice(others)
        docs = rng.sample(DOCS, 3)
        kid = rng.choice(KIDS)
        # Pick a past month within the last ~4 months, the complaint is about then.
        back = rng.randint(1, 4)
        m = (date.month - 1 - back) % 12
        times_n = rng.choice([2, 3, 3, 4, 4, 5, 6])
        self.fixed = {
            "doc": docs[0], "doc2": docs[1], "doc3": docs[2],
            "month": MONTHS[m],
            "times": {2: "twice"}.get(times_n, f"{numword(rng, times_n)} times"),
            "nth": ordinal(times_n + 1) if rng.random() < 0.5 else
                   {3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh"}.get(times_n + 1, ordinal(times_n + 1)),
            "weeks": numword(rng, rng.choice([2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])),
            "days": numword(rng, rng.choice([3, 5, 7, 10, 10, 12, 14])),
            "long_days": str(rng.randint(38, 96)),
            "hours": rng.choice(["two hours", "an hour and a half", "almost three hours",
                                 "90 minutes", "over an hour", "two and a half hours",
                                 "45 minutes", "four hours"]),
            "amount": "$" + f"{rng.randrange(640, 9800, 10):,}" + rng.choice(["", ".00", f".{rng.randint(10, 99)}"]),
            "small_amount": str(rng.choice([40, 60, 85, 112, 150, 230])),
            "fee": rng.choice(["$15", "$22", "$30", "$12.50", "$18"]),
            "kid": kid[0],
            "kid_pos": kid[1],
            "doc_it": "them" if docs[0] in PLURAL_DOCS else "it",
            "doc_was": "were" if docs[0] in PLURAL_DOCS else "was",
            "day_ord": ordinal(rng.randint(1, 28)),
            "n_calls": str(rng.randint(14, 71)),
            "n_months": numword(rng, rng.choice([3, 4, 5, 6, 8])),
            "pages": numword(rng, rng.choice([6, 7, 8, 9, 11])),
            "page": numword(rng, rng.choice([3, 4, 5])),
            "code": rng.choice(["E-114", "R27", "NV-03", "F/P 9", "441(b)", "C-12"]),
            "years": str(rng.randint(6, 31)),
            "lang": rng.choices(["Spanish", "Vietnamese", "Haitian Creole", "Chinese",
                                 "Arabic", "Somali"], weights=[60, 10, 9, 9, 7, 5])[0],
        }
        v = VOCAB[program]
        ov = VOCAB[self.other]
        self.pick = {
            "prog": v["prog"], "agency": v["agency"], "benefit": v["benefit"],
            "case": v["case"], "office": v["office"], "interview": v["interview"],
            "renewal": v["renewal"], "other_prog": ov["prog"][:2],
            "other_agency": ov["agency"],
        }
        # Keep one office/case word per narrative for consistency.
        self.fixed["office"] = rng.choice(v["office"])
        self.fixed["case"] = rng.choice(v["case"])
        self.fixed["interview"] = rng.choice(v["interview"])
        self.fixed["renewal"] = rng.choice(v["renewal"])
        self.fixed["other_agency"] = rng.choice(ov["agency"])
        self.fixed["other_prog"] = rng.choice(ov["prog"][:2])


def choose_kind(rng: random.Random) -> str:
    names = list(KINDS)
    return rng.choices(names, weights=[KINDS[k]["weight"] for k in names])[0]


def choose_program(rng: random.Random, kind: str) -> str:
    progs = KINDS[kind]["programs"]
    return rng.choices(list(progs), weights=list(progs.values()))[0]


# Pain points that plausibly show up together in one complaint.
BLEED = {
    "repeat_docs": ["renewal_cut", "conflicting_info", "hold", "id_verify"],
    "id_verify": ["portal", "hold", "payment_delay"],
    "hold": ["conflicting_info", "notices", "payment_delay"],
    "notices": ["renewal_cut", "conflicting_info", "hold"],
    "missed_interview": ["hold", "notices"],
    "portal": ["id_verify", "repeat_docs", "hold"],
    "payment_delay": ["adjudication", "hold", "portal"],
    "renewal_cut": ["repeat_docs", "notices", "hold"],
    "appeal_backlog": ["hold", "notices", "payment_delay"],
    "language": ["notices", "hold"],
    "disability": ["portal", "hold", "missed_interview"],
    "ebt_card": ["hold", "payment_delay"],
    "overpayment": ["notices", "appeal_backlog", "hold"],
    "conflicting_info": ["repeat_docs", "hold", "notices"],
    "adjudication": ["payment_delay", "hold", "portal"],
}


NARRATIVES = NarrativeStyle(
    kinds=KINDS, bleed=BLEED, tone=TONE, tone_weights=TONE_WEIGHTS,
    shared_cons=SHARED_CONS, shared_ask=SHARED_ASK,
    p_second_detail=0.45, p_kind_cons=0.7, p_ask=0.75, bleed_skips_it=True,
)


def compose(rng: random.Random, kind: str, program: str, date: dt.date,
            pii_sentences: list[str] | None = None) -> str:
    """One complaint narrative (see sample_data_common.compose_narrative)."""
    return compose_narrative(rng, NARRATIVES, kind, program, Filler(rng, program, date), pii_sentences)


# ---------------------------------------------------------------------------
# Planted personal data
# ---------------------------------------------------------------------------
EMAIL_STYLES = ["{f}.{l}", "{f}{l}{n}", "{fi}{l}", "{f}_{l}{n}"]


class PII(PooledPlanter):
    """Fictional personal data for the narratives, from the pools above."""

    def __init__(self, rng: random.Random):
        super().__init__(rng, FIRST, LAST, STAFF_SURNAMES, STREETS, mixed_phone_formats=True)

    def ssn(self) -> str:
        area = self.rng.choice([n for n in range(100, 900) if n != 666])
        return ssn_shaped(self.rng, f"{area:03d}")

    def case_number(self, program: str) -> tuple[str, str]:
        """Returns (label, identifier), e.g. ("claim number", "UI-2026-048213")."""
        if program == UI:
            return "claim number", f"UI-2026-{self.rng.randint(0, 999999):06d}"
        if program == MC:
            return "case number", f"MC-{self.rng.randint(1000000, 9999999)}"
        return "case #", f"SN-{self.rng.randint(10000, 99999)}"

    @staticmethod
    def ref(label: str, ident: str) -> str:
        """The reference as written: "claim number UI-2026-048213" / "case #SN-77120"."""
        return f"{label}{ident}" if label.endswith("#") else f"{label} {ident}"

    def sentences(self, program: str) -> list[str]:
        """One or two sentences carrying fictional personal data."""
        rng = self.rng
        form = rng.choice(["name_case", "contact", "ssn", "address", "staff",
                           "name_case", "contact", "staff_case"])
        out: list[str] = []
        if form == "name_case":
            _, _, full = self.name()
            label, ident = self.case_number(program)
            ref = self.ref(label, ident)
            if label.endswith("#"):
                out.append(rng.choice([
                    f"My name is {full}, {ref}.",
                    f"My name is {full} and this is about {ref}.",
                ]))
            else:
                out.append(rng.choice([
                    f"My name is {full} and my {label} is {ident}.",
                    f"My name is {full}, {ref}.",
                    f"This is about {ref}, and my name is {full}.",
                ]))
            self.note(full, ident)
        elif form == "contact":
            f, l, full = self.name()
            em = self.email(f, l, EMAIL_STYLES)
            ph = self.phone()
            out.append(rng.choice([
                f"My name is {full}, and you can reach me at {ph} or {em}.",
                f"Please call me at {ph} or email {em}.",
                f"My name is {full} and my email is {em}.",
                f"You can reach me at {em}, since my phone is cut off.",
            ]))
            self.note(*[x for x in (full, em, ph) if x in out[-1]])
        elif form == "ssn":
            s = self.ssn()
            label, ident = self.case_number(program)
            out.append(rng.choice([
                f"I have given my Social Security number, {s}, to three different workers.",
                f"The portal says my SSN {s} is already in use, but that is my number.",
                f"I even wrote my social ({s}) on every page like they told me.",
            ]))
            out.append(f"This is {self.ref(label, ident)}.")
            self.note(s, ident)
        elif form == "address":
            addr = self.address(102)
            _, _, full = self.name()
            out.append(rng.choice([
                f"I have lived at {addr} for six years, and I have given you that address twice.",
                f"My name is {full} and everything should be mailed to {addr}.",
                f"The mail keeps going to my old place instead of {addr}.",
            ]))
            self.note(*[x for x in (full, addr) if x in out[-1]])
        elif form == "staff":
            title = rng.choice(["Ms.", "Mr.", "Dr."])
            pron = {"Ms.": "she", "Mr.": "he", "Dr.": "they"}[title]
            sur = self.staff.pop()
            if title == "Dr.":
                out.append(rng.choice([
                    f"My doctor, Dr. {sur}, had to write a letter to prove I was sick.",
                    f"Dr. {sur} filled out the medical form twice and you still lost it.",
                ]))
            else:
                out.append(rng.choice([
                    f"The worker, {title} {sur}, told me it was fixed, and it was not.",
                    f"{title} {sur} at the front desk was kind, but {pron} couldn't change anything.",
                    f"I was told {title} {sur} would call me back, and nobody did.",
                ]))
            self.note(sur)
        else:  # staff_case
            title = rng.choice(["Ms.", "Mr."])
            sur = self.staff.pop()
            label, ident = self.case_number(program)
            ph = self.phone()
            out.append(f"{title} {sur} handled my {self.ref(label, ident)} and gave me "
                       f"the number {ph}, which just rings.")
            self.note(sur, ident, ph)
        return out


SCRIPT_NARRATIVE = (
    "I tried to type my question into the chat box on the {prog} site and after I pressed send "
    "the page just showed <script>alert('x')</script> instead of an answer. I don't know what "
    "that means but I still can't see my {case} status. I have been waiting {weeks} weeks. "
    "Please have someone call me back."
)


def random_date(rng: random.Random) -> dt.date:
    span = (END - START).days
    # Slightly more complaints in winter (layoff season) and early summer.
    while True:
        d = START + dt.timedelta(days=rng.randint(0, span))
        w = 1.3 if d.month in (12, 1, 2) else (1.1 if d.month in (6, 7) else 1.0)
        if rng.random() < w / 1.3:
            return d


def main() -> None:
    check_pools(KINDS)
    rng = random.Random(SEED)
    n_unique = TOTAL_ROWS - N_DUPLICATES
    dates = sorted(random_date(rng) for _ in range(n_unique))

    idx = list(range(n_unique))
    special = rng.sample(idx, N_EMPTY + 1 + N_PII_ROWS)
    empty_rows = set(special[:N_EMPTY])
    script_row = special[N_EMPTY]
    pii_rows = set(special[N_EMPTY + 1:])
    pii = PII(rng)

    rows: list[dict[str, str]] = []
    for i, d in enumerate(dates):
        kind = choose_kind(rng)
        program = choose_program(rng, kind)
        channel = rng.choices(COMPLAINT_CHANNELS, weights=CHANNEL_WEIGHTS)[0]
        state = workflow_state(rng, (END - d).days)
        if i in empty_rows:
            narrative = rng.choice(["", "   ", " \t "])
        elif i == script_row:
            kind, program = "portal", UI
            narrative = Filler(rng, program, d).fill(SCRIPT_NARRATIVE)
        elif i in pii_rows:
            narrative = compose(rng, kind, program, d, pii.sentences(program))
        else:
            narrative = compose(rng, kind, program, d)
        rows.append({
            "complaint_id": f"FS-2026-{i + 1:05d}",
            "date_received": d.isoformat(),
            "agency": AGENCY[program],
            "program": program,
            "channel": channel,
            "category": KINDS[kind]["category"][program],
            "narrative": narrative,
            "state": state,
        })

    # Double export: three rows appear twice, the copy right after the original.
    insert_duplicates(rng, rows, [i for i in idx if i not in empty_rows and i != script_row], N_DUPLICATES)
    assert len(rows) == TOTAL_ROWS

    write_csv(OUT_CSV, COMPLAINT_COLUMNS, rows)
    write_pii_file(OUT_PII, "# fictional personal data planted in complaints/financial-shock.csv", pii.items)

    print(f"wrote {OUT_CSV.relative_to(ROOT)}: {len(rows)} rows "
          f"({n_unique} unique ids, {N_DUPLICATES} duplicates)")
    print(f"wrote {OUT_PII.relative_to(ROOT)}: {len(pii.items)} planted strings")


if __name__ == "__main__":
    main()
