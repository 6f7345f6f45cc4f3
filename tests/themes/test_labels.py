"""Theme labels: a phrase found verbatim in the theme's own items, never a filler or the interviewer's words,
never shared by two themes; researchers' names win."""

import re

import numpy as np
import pandas as pd

from hcd.themes import ThemeModel
from hcd.themes.labels import item_phrases, label_themes, label_words, occurs_in, phrase_spans
from hcd.themes.speech import FILLER_PHRASES, FILLERS

TOPICS = {
    "hold": ["I was on hold for two hours and then the call dropped", "on hold for two hours again this morning",
             "they kept me on hold for two hours before anyone answered", "stuck on hold for two hours with music",
             "the phone line put me on hold for two hours"],
    "stubs": ["they lost my pay stubs so I sent them twice", "I had to send pay stubs to three offices",
              "the office lost my pay stubs again", "nobody could find the pay stubs I uploaded",
              "my pay stubs were rejected as unreadable"],
    "card": ["my EBT card never arrived in the mail", "the replacement EBT card never arrived",
             "I called about the EBT card that never arrived", "a new EBT card was ordered and never arrived",
             "the EBT card never arrived so we had no food"],
}
UMS = ["uh", "um", "you know", "I mean", "like I said", "mm-hmm", "kind of"]


def _speech(texts, rng):
    """Each text with fillers dropped in between its words, as a transcript would have them."""
    out = []
    for t in texts:
        words = t.split()
        for _ in range(4):
            words.insert(int(rng.integers(0, len(words) + 1)), rng.choice(UMS) + ",")
        out.append(" ".join(words))
    return out


def _corpus():
    rng = np.random.default_rng(0)
    texts, truth = [], []
    for topic, items in TOPICS.items():
        for _ in range(3):
            texts += _speech(items, rng)
            truth += [topic] * len(items)
    texts += ["Okay. Yeah, yeah. Perfect, thank you.", "Mm-hmm. Right. Sure.", "Uh, um, you know, I mean."] * 4
    return texts, truth


def _filler_in(label):
    words = label_words(label)
    joined = f" {' '.join(words)} "
    return any(w in FILLERS for w in words) or any(f" {p} " in joined for p in FILLER_PHRASES)


def test_fillers_never_label_a_theme_of_speech():
    texts, _ = _corpus()
    m = ThemeModel(n_themes=3, random_state=0).fit(texts, kinds=["interview"] * len(texts))
    labels = m.themes_.query("theme_id >= 0")["label"].tolist()
    assert not [lab for lab in labels if _filler_in(lab)], labels
    # ... and the planted topics are what the labels name
    assert {any(k in lab.lower() for lab in labels) for k in ("on hold", "pay stubs", "ebt card")} == {True}


def test_labels_occur_verbatim_in_three_member_items_and_are_distinct():
    texts, _ = _corpus()
    m = ThemeModel(n_themes=3, random_state=0).fit(texts, kinds=["interview"] * len(texts))
    themes = m.themes_.query("theme_id >= 0")
    for t in themes.itertuples():
        members = [x for x, j in zip(texts, m.labels_, strict=True) if j == t.theme_id]
        assert sum(occurs_in(t.label, x) for x in members) >= 3, t.label
        assert 2 <= len(label_words(t.label)) <= 6
    assert themes["label"].str.lower().nunique() == len(themes)


def test_no_two_themes_share_a_label_even_when_their_best_phrase_is_the_same():
    # both groups are mostly about "credit report"; each must get its own label
    a = [f"incorrect late payment on my credit report from {b}" for b in ("chase", "citi", "amex", "discover")]
    b = [f"identity theft account on my credit report opened in {c}" for c in ("ohio", "texas", "maine", "utah")]
    texts = a + b + ["my credit report is wrong"] * 2
    labels = label_themes(texts, [0] * 4 + [1] * 4 + [0, 1], [0, 1], stopwords=frozenset("on my from in is".split()),
                          stem=lambda w: w.rstrip("s"))
    assert labels[0].lower() != labels[1].lower()
    assert all(sum(occurs_in(labels[j], t) for t in group) >= 3 for j, group in ((0, a), (1, b)))


def test_a_researchers_name_wins_and_no_generated_label_repeats_it():
    texts, _ = _corpus()
    m = ThemeModel(n_themes=3, random_state=0).fit(texts, kinds=["interview"] * len(texts))
    hold = int(m.themes_.loc[m.themes_["label"].str.contains("hold"), "theme_id"].iloc[0])
    other = int(m.themes_.loc[~m.themes_["label"].str.contains("hold") & (m.themes_["theme_id"] >= 0),
                              "theme_id"].iloc[0])
    m.set_themes(texts, m.labels_, names={hold: "Hard to reach anyone", other: "pay stubs"})
    labels = dict(zip(m.themes_["theme_id"], m.themes_["label"], strict=True))
    assert labels[hold] == "Hard to reach anyone" and labels[other] == "pay stubs"
    assert len({v.lower() for v in labels.values()}) == len(labels)


def test_the_interviewers_words_never_label_a_theme():
    rng = np.random.default_rng(1)
    # the interviewer asks about "the main quality problem"; participants echo it, then say what it was
    asked = "what was the main quality problem"
    labels_side = [f"the main quality problem was {x}" for x in ("noisy labels", "noisy labels in images",
                                                                 "mislabelled images", "noisy labels again",
                                                                 "labels from the vendor", "noisy labels everywhere")]
    drift_side = [f"in production we saw {x}" for x in ("data drift", "data drift over time", "silent data drift",
                                                       "data drift in sensors", "drift after a release",
                                                       "data drift every month")]
    texts = [f"{rng.choice(UMS)}, {t}" for t in (labels_side + drift_side) * 3]
    interviewer = [f"{asked}?", f"okay, and {asked} in production?", f"so {asked} with the data?"] * 5
    plain = ThemeModel(n_themes=2, random_state=0).fit(texts, kinds=["interview"] * len(texts))
    guarded = ThemeModel(n_themes=2, random_state=0).fit(texts, kinds=["interview"] * len(texts),
                                                         exclude_from_labels=interviewer)
    assert any("main quality problem" in lab for lab in plain.themes_["label"])  # the test can fail
    assert not [lab for lab in guarded.themes_["label"] if "main quality problem" in lab or "quality problem" in lab]
    assert ("main", "quality", "problem") in guarded.label_exclusions_
    assert any("noisy labels" in lab for lab in guarded.themes_["label"])


def test_a_phrase_the_interviewer_says_once_stays_the_participants():
    texts = ["I was on hold for hours", "on hold for hours again", "on hold for hours today"] * 3
    texts += ["my pay stubs were lost", "lost pay stubs again", "the pay stubs got lost"] * 3
    m = ThemeModel(n_themes=2, random_state=0).fit(texts, kinds=["interview"] * len(texts),
                                                   exclude_from_labels=["how long were you on hold for hours?"])
    assert any("on hold" in lab for lab in m.themes_["label"])


def test_phrase_spans_break_at_punctuation_numbers_masks_placeholders_and_fillers():
    assert phrase_spans("Uh, I called XXXX [NAME] at 5 pm | the bank") == [["i", "called"], ["at"], ["pm"],
                                                                          ["the", "bank"]]
    phrases = item_phrases("They lost my pay stubs, again", frozenset({"they", "my", "again"}))
    assert ("lost", "my", "pay", "stubs") in phrases and ("stubs", "again") not in phrases


def test_labels_of_real_complaints_are_phrases_of_their_own_items(shared):
    data = pd.read_csv(shared / "cfpb_dev.csv", dtype=str, keep_default_na=False)
    texts = data["Consumer complaint narrative"].tolist()
    m = ThemeModel(n_themes=12, random_state=0).fit(texts)
    themes = m.themes_.query("theme_id >= 0")
    support = [sum(occurs_in(t.label, x) for x, j in zip(texts, m.labels_, strict=True) if j == t.theme_id)
               for t in themes.itertuples()]
    assert np.mean([s >= 3 for s in support]) >= 0.9
    assert themes["label"].str.lower().nunique() == len(themes)
    assert not themes["label"].str.contains(r" / |\bxx+\b|\d", regex=True).any()
    assert all(re.fullmatch(r"[^\W\d_]+(?:[ '\-’][^\W\d_]+)*", lab) for lab in themes["label"])


def test_the_filler_check_used_here_can_fail():
    assert _filler_in("you know what") and _filler_in("uh the bank") and not _filler_in("pay stubs")
