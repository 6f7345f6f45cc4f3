"""Fair across sources: each kind clustered on its own and aligned; severity that favours neither the longer nor
the chattier source; quotes trimmed to the sentences that carry the theme."""

import numpy as np
import pandas as pd

from hcd.themes import ThemeModel, describe_themes
from hcd.themes.describe import QUOTE_CHARS, trim_quote, voice_weights
from hcd.themes.sources import align_themes, allocate_k, source_groups

COMPLAINT_TOPICS = {
    "fee": ("The bank charged me an overdraft fee of {n} dollars although my balance was positive. "
            "I disputed the overdraft fee twice and they refused to refund it. "
            "This is unfair and I want the overdraft fee reversed."),
    "report": ("My credit report shows a late payment that is not mine. I sent the credit bureau proof "
               "{n} times and the late payment is still on my credit report. The credit bureau ignored my dispute."),
    "collector": ("A debt collector calls me {n} times a day about a debt I do not owe. The debt collector "
                  "threatened to sue me and harassed my family. I asked the debt collector to stop calling."),
}
INTERVIEW_TOPICS = {
    "portal": ["the portal timed out when I uploaded my {x}", "I could not log in to the portal to send my {x}",
               "the portal kept rejecting my {x} upload", "uploading my {x} on the portal took an hour"],
    "office": ["the office on Main Street was closed when I brought my {x}", "I waited at the office with my {x}",
               "the office lost the {x} I handed in", "nobody at the office would look at my {x}"],
}
THINGS = ["lease", "pay stub", "birth certificate", "bank statement", "ID card", "utility bill"]


def _mix(seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for topic, text in COMPLAINT_TOPICS.items():
        for i in range(40):
            rows.append({"doc_id": f"c-{topic}-{i}", "kind": "complaint", "topic": topic, "participant": "",
                         "agency": f"Company {i % 7}", "text": text.format(n=int(rng.integers(2, 90)))})
    for p in range(10):
        for topic, templates in INTERVIEW_TOPICS.items():
            for i in range(6):
                rows.append({"doc_id": f"i-{p}-{topic}-{i}", "kind": "interview", "topic": topic,
                             "participant": f"P{p}", "agency": "",
                             "text": "Um, so, " + rng.choice(templates).format(x=rng.choice(THINGS)) + ", you know."})
    # one talkative participant goes on and on about the parking garage, pleasantly
    for i in range(90):
        rows.append({"doc_id": f"i-chatty-{i}", "kind": "interview", "topic": "parking", "participant": "P99",
                     "agency": "", "text": f"Yeah, the parking garage was nice, spot {i}, the parking garage had "
                                           f"good lighting and the parking garage attendant was friendly."})
    docs = pd.DataFrame(rows)
    docs["source"] = docs["doc_id"]
    return docs


def _purity(docs, labels):
    """Per planted topic, the share of its items in its most common theme, and that theme."""
    frame = pd.DataFrame({"topic": docs["topic"], "theme": labels})
    top = frame.groupby("topic")["theme"].agg(lambda s: s.value_counts().index[0])
    share = frame.groupby("topic")["theme"].agg(lambda s: s.value_counts(normalize=True).iloc[0])
    return top, share


def test_each_kind_keeps_its_own_themes_when_the_other_is_longer_and_chattier():
    docs = _mix()
    m = ThemeModel(n_themes="auto", random_state=0).fit(docs["text"], kinds=docs["kind"])
    assert m.sources_ == ["complaint", "interview"]
    top, share = _purity(docs, m.labels_)
    complaint_themes = top[list(COMPLAINT_TOPICS)]
    assert complaint_themes.nunique() == 3, top.to_dict()  # no complaint topic swallowed by another
    assert (share[list(COMPLAINT_TOPICS)] >= 0.9).all(), share.to_dict()
    assert top[list(INTERVIEW_TOPICS)].nunique() == 2 and not set(top[list(INTERVIEW_TOPICS)]) & set(complaint_themes)


SHARED_VOCABULARY = {  # four complaint topics that share most of their words, as real ones do
    "late": ("My credit report shows a late payment on my {b} account that I paid on time. I disputed the late "
             "payment with the credit bureau and they verified it anyway."),
    "theft": ("Someone opened a {b} account in my name, this is identity theft. The account is on my credit report "
              "and the credit bureau will not remove the fraudulent account."),
    "inquiry": ("There is a hard inquiry from {b} on my credit report that I never authorized. I asked the credit "
                "bureau to remove the unauthorized hard inquiry."),
    "address": ("My credit report lists an old address and a wrong employer from {b}. The credit bureau keeps the "
                "wrong address on my credit report after my dispute."),
}
CHATTY = {  # and six times as many interview turns, on varied everyday topics
    "portal": "the portal {v} when I tried to upload my {x}", "office": "the office on {s} street {v} my {x}",
    "phone": "I called the hotline about my {x} and it {v}",
    "bus": "the bus to the {s} office {v} so I missed my {x} appointment",
    "kids": "my kids were with me and the {x} line {v}", "mail": "the letter about my {x} {v} in the mail",
    "caseworker": "my caseworker {v} about the {x}", "interpreter": "the interpreter {v} when we talked about my {x}",
}


def _swamped(seed=0):
    rng = np.random.default_rng(seed)
    banks = ["Chase", "Citi", "Capital One", "Discover", "Wells Fargo", "Synchrony", "Amex", "Navy Federal"]
    verbs = ["was slow", "was confusing", "took forever", "did not work", "was fine actually", "kept changing",
             "was closed"]
    things = ["lease", "pay stub", "ID", "bank statement", "birth certificate", "utility bill"]
    rows = [("complaint", t, text.format(b=rng.choice(banks))) for t, text in SHARED_VOCABULARY.items()
            for _ in range(25)]
    for _ in range(600):
        t = rng.choice(list(CHATTY))
        text = CHATTY[t].format(v=rng.choice(verbs), x=rng.choice(things), s=rng.choice(["Main", "Oak", "Elm", "Pine"]))
        rows.append(("interview", t, f"Um, so, {text}, you know."))
    return pd.DataFrame(rows, columns=["kind", "topic", "text"])


def test_complaints_are_not_swamped_by_six_times_as_many_interview_turns():
    docs = _swamped()
    found = {}
    for balance in ("pooled", "separate"):
        m = ThemeModel(random_state=0, source_balance=balance).fit(docs["text"], kinds=docs["kind"])
        complaints = pd.DataFrame({"topic": docs["topic"], "theme": m.labels_})[docs["kind"] == "complaint"]
        found[balance] = complaints.groupby("topic")["theme"].agg(lambda s: s.value_counts().index[0]).nunique()
    assert found["separate"] == 4  # every complaint topic its own theme
    assert found["pooled"] < found["separate"]  # clustered with the interviews, two of them merge (the test can fail)


def test_severity_ranks_a_negative_complaint_theme_above_a_talkative_participants_chatter():
    docs = _mix()
    m = ThemeModel(n_themes="auto", random_state=0).fit(docs["text"], kinds=docs["kind"])
    themes = describe_themes(docs, m)
    top, _ = _purity(docs, m.labels_)
    rank = themes.set_index("theme_id")["rank"]
    assert all(rank[top[t]] < rank[top["parking"]] for t in COMPLAINT_TOPICS), themes[["label", "severity"]]
    assigned = themes[themes["theme_id"] >= 0]
    assert np.isclose(assigned["balanced_share"].sum(), 1.0)
    parking = themes.set_index("theme_id").loc[top["parking"]]
    # 90 of 210 interview turns, but one participant of eleven: a small share of the voices, and low reach
    assert parking["share"] > 0.2 and parking["balanced_share"] < 0.1 and parking["reach"] < 0.2
    row = themes.set_index("theme_id").loc[top["fee"]]
    assert np.isclose(row["severity"], round(100 * row["balanced_share"] * row["negative_share"] * row["reach"], 3))


def test_the_same_themes_for_the_same_inputs_and_seed_whatever_their_order():
    docs = _mix()
    a = ThemeModel(random_state=3).fit(docs["text"], kinds=docs["kind"])
    perm = np.random.default_rng(1).permutation(len(docs))
    shuffled = docs.iloc[perm].reset_index(drop=True)
    b = ThemeModel(random_state=3).fit(shuffled["text"], kinds=shuffled["kind"])
    assert b.labels_.tolist() == a.labels_[perm].tolist()
    assert a.themes_["label"].tolist() == b.themes_["label"].tolist()


def test_voice_weights_count_each_kind_once_and_each_participant_once():
    kinds = np.array(["interview"] * 5 + ["complaint"] * 2)
    people = np.array(["P1", "P1", "P1", "P1", "P2", "", ""])
    w = voice_weights(kinds, people, np.ones(7, dtype=bool))
    assert np.isclose(w.sum(), 1.0) and np.isclose(w[:5].sum(), 0.5) and np.isclose(w[5:].sum(), 0.5)
    assert np.isclose(w[:4].sum(), w[4])  # P1's four turns weigh what P2's one does


def test_alignment_merges_alike_themes_of_different_kinds_only():
    vectors = np.array([[1, 0], [1, 0.1], [0, 1], [0.1, 1], [1, 0.05]], dtype=float)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = np.array([0, 1, 2, 3, 4])  # clusters 0, 2 of kind 0; 1, 3, 4 of kind 1
    out, merges = align_themes(vectors, labels, np.array([0, 1, 0, 1, 1]), threshold=0.9)
    # 0 pairs with 4, its closest; 1 is close to 0 too but of the same kind as 4, so it stays apart
    assert out.tolist() == [0, 1, 2, 2, 0] and len(merges) == 2
    assert allocate_k(12, [900, 100]) == [9, 3]
    assert source_groups(np.array(["a"] * 39 + ["b"] * 50)) == []


def test_quotes_are_the_sentences_that_carry_the_theme():
    docs = _mix()
    long_text = ("I am writing about my account. " * 3 + "The bank charged me an overdraft fee although my balance was "
                 "positive.\n\nThank you for your time. " + "Sincerely, a customer. " * 3)
    docs.loc[0, "text"] = long_text
    m = ThemeModel(n_themes="auto", random_state=0).fit(docs["text"], kinds=docs["kind"])
    themes = describe_themes(docs, m)
    quotes = [q for qs in themes["quotes"] for q in qs]
    assert quotes and all(len(q["text"]) <= QUOTE_CHARS + 2 and "\n" not in q["text"] for q in quotes)
    assert all(q["doc_id"] in set(docs["doc_id"]) for q in quotes)
    assert trim_quote(long_text, [0, 0, 0, 1, 0, 0, 0, 0]) == ("… The bank charged me an overdraft fee although my "
                                                               "balance was positive. …")
    interview_quotes = [q["text"] for q in quotes if q["doc_id"].startswith("i-")]
    assert interview_quotes and all(q.startswith("Um, so,") or q.startswith("Yeah,") or q.startswith("…")
                                    for q in interview_quotes)  # quotes keep the speaker's own words
