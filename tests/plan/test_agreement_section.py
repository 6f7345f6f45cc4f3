"""The draft's statement of coding agreement: plain English, deterministic, silent without codings."""

from __future__ import annotations

import math

import pandas as pd

from hcd.plan.agreement_section import agreement_section, alpha_verdict
from hcd.plan.draft import build_plan_context, draft_action_plan
from tests.plan.test_draft import SPRINT, _tables


def _overall(rows):
    return pd.DataFrame([{"comparison": c, "coders": who, "items": n, "alpha": a, "ci_low": lo, "ci_high": hi,
                          "note": note} for c, who, n, a, lo, hi, note in rows])


NO_FLAGS = pd.DataFrame({"code_name": pd.Series(dtype=str), "comparison": pd.Series(dtype=str),
                         "flagged": pd.Series(dtype=bool)})
TWO = _overall([("researchers", "ab, cd", 20, 0.72, 0.55, 0.86, ""), ("rules", "ab, rules", 20, 0.48, 0.3, 0.64, ""),
                ("rules", "cd, rules", 20, 0.51, 0.33, 0.67, "")])


def test_two_researchers_in_plain_english():
    text = agreement_section(NO_FLAGS, TWO, "a11-drivers", sample=20)["text"]
    assert text.startswith("Two researchers coded a sample of 20 items stratified by theme against the a11-drivers "
                           "codebook")
    assert "They agreed with each other at Krippendorff's alpha 0.72 (95% CI 0.55 to 0.86)" in text
    assert "with each researcher at alpha 0.48 (95% CI 0.30 to 0.64) and 0.51 (95% CI 0.33 to 0.67)." in text
    assert "disagree" not in text and "set aside" not in text
    assert agreement_section(NO_FLAGS, TWO, "a11-drivers", sample=0)["text"].startswith(
        "Two researchers coded 20 items against")
    assert agreement_section(NO_FLAGS, TWO, "a11-drivers", sample=30)["text"].startswith(
        "Two researchers coded 20 items of a sample of 30 stratified by theme against")


def test_one_researcher_flags_quarantine_and_undefined_alpha():
    one = _overall([("rules", "ab, rules", 12, math.nan, math.nan, math.nan,
                     "every decision was the same (no code applied, or every code applied): alpha cannot be "
                     "measured")])
    flags = pd.DataFrame({"code_name": ["Efficiency", "Efficiency", "Equity", "Ease"],
                          "comparison": ["rules", "rules", "rules", "researchers"],
                          "flagged": [True, True, True, True]})
    text = agreement_section(flags, one, "a11-drivers", sample=12, quarantined=3)["text"]
    assert text.startswith("One researcher coded a sample of 12 items")
    assert "The automatic keyword codes' agreement with the researcher cannot be measured: every decision was " \
           "the same" in text
    assert "The keyword rules of 2 codes disagree with the researchers (Cohen's kappa below 0.4 on average): " \
           "Efficiency and Equity. Edit their keywords" in text
    assert "The researchers disagree with each other on Ease: agree on when it applies" in text
    assert text.endswith("3 coding rows could not be used and were set aside (data/coding_quarantine.csv).")


def test_without_codings_nothing_and_with_an_empty_folder_a_note():
    assert agreement_section(NO_FLAGS, TWO.head(0), "a11-drivers", sample=0, configured=False) == {}
    text = agreement_section(NO_FLAGS, TWO.head(0), "a11-drivers", sample=0)["text"]
    assert text.startswith("No coding agreement check was done: no researcher has coded a sample of items yet")


def test_an_undefined_alpha_among_defined_ones_says_why():
    mixed = pd.concat([TWO.head(2), _overall([("rules", "cd, rules", 20, math.nan, math.nan, math.nan, "")])])
    text = agreement_section(NO_FLAGS, mixed, "a11-drivers", sample=20)["text"]
    assert "with each researcher at alpha 0.48 (95% CI 0.30 to 0.64) and not measurable (undefined)." in text
    people = _overall([("researchers", "ab, cd", 20, math.nan, math.nan, math.nan, "no variation"),
                       ("rules", "ab, rules", 20, 0.5, 0.4, 0.6, "")])
    assert "Their agreement with each other cannot be measured: no variation." in agreement_section(
        NO_FLAGS, people, "a11-drivers", sample=20)["text"]


def test_verdicts_follow_krippendorffs_rule_of_thumb():
    assert alpha_verdict(0.8) == "enough to rely on the codes"
    assert alpha_verdict(0.667).startswith("enough for tentative conclusions")
    assert alpha_verdict(0.66) == "too low to rely on the codes"


def test_the_draft_states_it_under_research_conducted_and_is_unchanged_without_it():
    plain = draft_action_plan(build_plan_context(SPRINT, _tables(), as_of="2026-12-06"))
    assert plain == draft_action_plan(build_plan_context(SPRINT, _tables(), as_of="2026-12-06", agreement={}))
    section = agreement_section(NO_FLAGS, TWO, "a11-drivers <b>", sample=20)
    draft = draft_action_plan(build_plan_context(SPRINT, _tables(), as_of="2026-12-06", agreement=section))
    research = draft.split("## 2. Research conducted")[1].split("## 3. Current performance")[0]
    assert "Two researchers coded a sample of 20 items" in research and "Krippendorff's alpha 0.72" in research
    assert "a11-drivers \\<b\\> codebook" in research  # escaped for Markdown like all user text
    assert draft.replace(research, "") == plain.replace(plain.split("## 2. Research conducted")[1].split(
        "## 3. Current performance")[0], "")
    assert draft == draft_action_plan(build_plan_context(SPRINT, _tables(), as_of="2026-12-06", agreement=section))
