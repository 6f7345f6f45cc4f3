"""The organization self-assessment: instruments as data, scoring, flags, priorities and the customer join."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import yaml

from hcd.errors import ConfigError, HcdError
from hcd.self_assessment import (
    CUSTOMER_LINKS,
    DIMENSION_SCORES,
    FLAGGED_ITEMS,
    ITEM_SCORES,
    PRIORITIES,
    STAFF_RESPONSES,
    flag_items,
    join_customer_findings,
    priorities,
    score_dimensions,
    score_items,
)
from hcd.self_assessment.instruments import SHIPPED_INSTRUMENTS, InstrumentError, load_instrument, parse_instrument

LABELS = {0: "Never", 1: "Rarely", 2: "Sometimes", 3: "Often", 4: "Always"}


def spec(**changes: object) -> dict:
    """A small valid instrument: two dimensions of two items, rated for me and the organization."""
    base = {
        "id": "mini", "name": "Mini", "source": "hcd's own paraphrase",
        "scale": {"min": 0, "max": 4, "labels": dict(LABELS)},
        "perspectives": ["me", "organisation"],
        "scoring": {"dimension_score": "sum", "flag_below": 2.0},
        "dimensions": [
            {"id": "voice", "name": "Voice of the customer", "coaching_questions": ["Who reads complaints?"],
             "customer_signals": {"keywords": ["complaint", "survey"], "measures": ["satisfaction"]}},
            {"id": "processes", "name": "Processes and systems", "coaching_questions": ["Where do documents go?",
                                                                                        "What do we ask twice?"],
             "customer_signals": {"keywords": ["document", "portal", "wait*", "on hold"], "measures": ["ease"]}},
        ],
        "items": [
            {"id": "v1", "dimension": "voice", "wording": "Asks customers."},
            {"id": "v2", "dimension": "voice", "wording": "Acts on complaints."},
            {"id": "p1", "dimension": "processes", "wording": "Asks once."},
            {"id": "p2", "dimension": "processes", "wording": "Tracks documents."},
        ],
    }
    base.update(changes)
    return base


@pytest.fixture
def mini():
    return parse_instrument(spec())


def frame(answers: dict[tuple[str, str, str], tuple[float, float, float, float]]) -> pd.DataFrame:
    """Long responses from ``{(respondent, team, perspective): (v1, v2, p1, p2)}``."""
    dims = {"v1": "voice", "v2": "voice", "p1": "processes", "p2": "processes"}
    return pd.DataFrame([{"respondent_id": rid, "team": team, "role": "", "item_id": item, "dimension": dims[item],
                          "perspective": p, "score": float(s)}
                         for (rid, team, p), scores in answers.items() for item, s in zip(dims, scores, strict=True)],
                        columns=list(STAFF_RESPONSES))


@pytest.fixture
def tiny():
    return frame({
        ("a", "T1", "me"): (4, 3, 3, 2), ("a", "T1", "organisation"): (2, 1, 1, 0),
        ("b", "T1", "me"): (3, 3, 4, np.nan), ("b", "T1", "organisation"): (1, 1, 0, 1),
        ("c", "T2", "me"): (2, 4, 3, 3), ("c", "T2", "organisation"): (3, 2, 2, 2),
    })


# --------------------------------------------------------------------------- instruments


def test_shipped_service_commitment_has_six_competencies_of_six_items_scoring_0_to_24():
    inst = load_instrument("service-commitment")
    assert [d.id for d in inst.dimensions] == ["leadership", "voice", "standards", "empowerment", "processes",
                                               "recognition"]
    assert inst.perspectives == ("me", "organisation")
    assert (inst.scale.min, inst.scale.max) == (0, 4) and sorted(inst.scale.labels) == [0, 1, 2, 3, 4]
    for d in inst.dimensions:
        assert len(inst.items_of(d.id)) == 6
        assert inst.max_possible(d.id) == 24.0 and inst.min_possible(d.id) == 0.0
        assert 2 <= len(d.coaching_questions) <= 3
        assert d.customer_signals.keywords
    assert "paraphrase" in inst.source and "not the text of any official" in inst.source


def test_shipped_a11_maturity_is_organisation_only_with_the_five_domains():
    inst = load_instrument("a11-cx-maturity")
    assert [d.name for d in inst.dimensions] == ["Measurement", "Governance", "Organization and Culture",
                                                 "Customer Research", "Service Design"]
    assert inst.perspectives == ("organisation",)
    assert all(4 <= len(inst.items_of(d.id)) <= 6 for d in inst.dimensions)
    assert inst.scoring.dimension_score == "mean" and inst.max_possible("design") == 4.0
    assert inst.column("design-1", "organisation") == "design-1"
    assert "paraphrase" in inst.source
    assert set(SHIPPED_INSTRUMENTS) == {"a11-cx-maturity", "service-commitment"}


def test_instrument_file_errors_name_the_file_and_every_problem(tmp_path):
    bad = spec(scale={"min": 0, "max": 4, "labels": {0: "Never", 1: "Rarely", 4: "Always"}},
               descripton="typo")
    bad["items"] = [*bad["items"], {"id": "v1", "dimension": "voices", "wording": "Again."}]
    path = tmp_path / "bad.yml"
    path.write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(InstrumentError) as err:
        load_instrument(path)
    message = str(err.value)
    assert message.startswith(f"invalid instrument {path}")
    assert "descripton: unknown field" in message and "did you mean 'description'?" in message
    assert "scale: labels must name every point from min to max, once; missing [2, 3]" in message
    assert "duplicate item id 'v1'" in message
    assert "items[4] (v1).dimension: unknown dimension 'voices'" in message and "did you mean 'voice'?" in message
    assert len(err.value.problems) == 4
    assert isinstance(err.value, ConfigError) and isinstance(err.value, HcdError)


@pytest.mark.parametrize(("change", "expected"), [
    ({"scale": {"min": 4, "max": 0, "labels": {}}}, "max (0) must be greater than min (4)"),
    ({"scoring": {"dimension_score": "sum", "flag_below": 9}}, "scoring.flag_below: 9 is outside the scale 0-4"),
    ({"scoring": {"dimension_score": "median", "flag_below": 2}}, "scoring.dimension_score"),
    ({"perspectives": ["me", "team"]}, "perspectives[1]"),
    ({"perspectives": []}, "perspectives"),
])
def test_bad_scale_scoring_and_perspectives_are_reported(change, expected):
    with pytest.raises(InstrumentError) as err:
        parse_instrument(spec(**change), "x.yml")
    assert expected in str(err.value)


def test_dimension_problems_unknown_measure_empty_dimension_and_bad_ids():
    s = spec()
    s["dimensions"][0]["customer_signals"]["measures"] = ["happiness"]
    s["dimensions"].append({"id": "empty", "name": "Empty", "coaching_questions": ["?"]})
    s["items"][0]["id"] = "v 1"
    with pytest.raises(InstrumentError) as err:
        parse_instrument(s, "x.yml")
    fields = [p[0] for p in err.value.problems]
    assert "dimensions[0] (voice).customer_signals.measures" in fields
    assert "dimensions[2] (empty)" in fields
    assert "items[0] (v 1).id" in fields


def test_unreadable_instrument_files(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("id: x\nitems: [\n", encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"broken.yml: line \d+: not valid YAML"):
        load_instrument(broken)
    with pytest.raises(InstrumentError, match="no shipped instrument by that name"):
        load_instrument("service-comitment")
    with pytest.raises(InstrumentError, match="instrument file not found"):
        load_instrument(tmp_path / "missing.yml")
    listy = tmp_path / "list.yml"
    listy.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(InstrumentError, match="expected a mapping"):
        load_instrument(listy)


# --------------------------------------------------------------------------- scoring


def test_item_scores_by_hand(mini, tiny):
    items = score_items(tiny, mini, min_respondents=3)
    assert tuple(items.columns) == ITEM_SCORES
    assert items[["item_id", "perspective"]].values.tolist()[:4] == [
        ["v1", "me"], ["v1", "organisation"], ["v2", "me"], ["v2", "organisation"]]
    v1 = items[items["item_id"] == "v1"].set_index("perspective")
    assert v1.loc["me", "mean"] == pytest.approx(3.0) and v1.loc["organisation", "mean"] == pytest.approx(2.0)
    assert v1.loc["me", "std"] == pytest.approx(1.0) and (v1.loc["me", "min"], v1.loc["me", "max"]) == (2.0, 4.0)
    assert (v1["gap"] == 1.0).all()  # me - organisation
    p2 = items[items["item_id"] == "p2"].set_index("perspective")
    assert p2.loc["me", "n"] == 2 and p2.loc["me", "mean"] == pytest.approx(2.5)  # one blank answer
    assert bool(p2.loc["organisation", "flagged"]) and not bool(p2.loc["me", "flagged"])  # 1.0 < 2.0 <= 2.5
    assert not items["suppressed"].any()


def test_dimension_scores_by_hand(mini, tiny):
    d = score_dimensions(tiny, mini, min_respondents=3)
    assert tuple(d.columns) == DIMENSION_SCORES
    assert d[["dimension", "perspective"]].values.tolist() == [
        ["voice", "me"], ["voice", "organisation"], ["processes", "me"], ["processes", "organisation"]]
    row = d.set_index(["dimension", "perspective"])
    # voice, me: item means 3.0 (4,3,2) and 3.333 (3,3,4); respondents 7, 6, 6
    assert row.loc[("voice", "me"), "score"] == pytest.approx(6.3333, abs=1e-4)
    assert row.loc[("voice", "me"), "max_possible"] == 8.0
    assert row.loc[("voice", "me"), "share_of_max"] == pytest.approx(6.3333 / 8, abs=1e-4)
    assert row.loc[("voice", "me"), "spread_std"] == pytest.approx(np.std([7, 6, 6], ddof=1), abs=1e-4)
    assert row.loc[("voice", "me"), "spread_iqr"] == pytest.approx(0.5)
    # voice, organization: item means 2.0 and 1.333 -> 3.333; gap on both rows
    assert row.loc[("voice", "organisation"), "score"] == pytest.approx(3.3333, abs=1e-4)
    assert row.loc[("voice", "me"), "gap"] == row.loc[("voice", "organisation"), "gap"] == pytest.approx(3.0)
    # processes, me: b left p2 blank -> item means 3.333 and 2.5; b is incomplete, not dropped
    assert row.loc[("processes", "me"), "score"] == pytest.approx(5.8333, abs=1e-4)
    assert row.loc[("processes", "me"), ["n_respondents", "n_complete", "n_incomplete"]].tolist() == [3, 2, 1]
    assert row.loc[("processes", "me"), "spread_std"] == pytest.approx(np.std([5, 6], ddof=1), abs=1e-4)


def test_mean_scoring_divides_by_the_number_of_items(tiny):
    inst = parse_instrument(spec(scoring={"dimension_score": "mean", "flag_below": 2.0}))
    d = score_dimensions(tiny, inst, min_respondents=1).set_index(["dimension", "perspective"])
    assert d.loc[("voice", "me"), "score"] == pytest.approx(6.3333 / 2, abs=1e-4)
    assert d.loc[("voice", "me"), "max_possible"] == 4.0


def test_gap_is_positive_when_own_practice_is_rated_higher(mini):
    responses = frame({("a", "T", "me"): (4, 4, 0, 0), ("a", "T", "organisation"): (1, 1, 3, 3)})
    d = score_dimensions(responses, mini, min_respondents=1).set_index(["dimension", "perspective"])
    assert d.loc[("voice", "me"), "gap"] == 6.0
    assert d.loc[("processes", "organisation"), "gap"] == -6.0


def test_small_teams_are_suppressed(mini, tiny):
    d = score_dimensions(tiny, mini, by="team", min_respondents=2)
    assert tuple(d.columns) == ("team", *DIMENSION_SCORES)
    t1, t2 = d[d["team"] == "T1"], d[d["team"] == "T2"]
    assert not t1["suppressed"].any() and t1["score"].notna().all()
    assert t2["suppressed"].all() and (t2["n_respondents"] == 1).all()
    for col in ("score", "share_of_max", "gap", "spread_std", "spread_iqr"):
        assert t2[col].isna().all()
    everything = score_dimensions(tiny, mini)  # 3 respondents < the default 5
    assert everything["suppressed"].all() and everything["score"].isna().all()
    items = score_items(tiny, mini)
    assert items["suppressed"].all() and items["mean"].isna().all() and not items["flagged"].any()


def test_respondent_profiles_need_every_item_and_are_not_suppressed(mini, tiny):
    d = score_dimensions(tiny, mini, by="respondent")
    assert not d["suppressed"].any()
    b = d[(d["respondent_id"] == "b")].set_index(["dimension", "perspective"])
    assert math.isnan(b.loc[("processes", "me"), "score"])  # p2 blank
    assert b.loc[("voice", "me"), "score"] == 6.0


def test_scores_do_not_depend_on_row_order_and_do_not_touch_the_input(mini, tiny):
    before = tiny.copy()
    shuffled = tiny.sample(frac=1.0, random_state=7).reset_index(drop=True)
    for by in (None, "team", "respondent"):
        pd.testing.assert_frame_equal(score_dimensions(tiny, mini, by=by, min_respondents=1),
                                      score_dimensions(shuffled, mini, by=by, min_respondents=1))
    pd.testing.assert_frame_equal(score_items(tiny, mini, min_respondents=1),
                                  score_items(shuffled, mini, min_respondents=1))
    pd.testing.assert_frame_equal(tiny, before)


def test_bad_response_tables_are_refused(mini, tiny):
    with pytest.raises(ValueError, match="lack the columns score"):
        score_items(tiny.drop(columns="score"), mini)
    with pytest.raises(ValueError, match="not in instrument 'mini': zz"):
        score_items(tiny.assign(item_id=tiny["item_id"].where(tiny.index > 0, "zz")), mini)
    with pytest.raises(ValueError, match="more than once"):
        score_items(pd.concat([tiny, tiny.head(1)]), mini)
    with pytest.raises(ValueError, match="outside the scale 0-4"):
        score_items(tiny.assign(score=tiny["score"].where(tiny.index > 0, 7.0)), mini)
    with pytest.raises(ValueError, match="by must be"):
        score_dimensions(tiny, mini, by="agency")
    nothing = tiny.iloc[0:0]
    assert score_dimensions(nothing, mini, by="team").empty
    assert score_dimensions(nothing, mini)["suppressed"].all() and score_items(nothing, mini)["n"].eq(0).all()


# --------------------------------------------------------------------------- flags and priorities


def test_flag_items_lists_weak_organisation_items_with_coaching_questions(mini, tiny):
    flagged = flag_items(score_items(tiny, mini, min_respondents=1), mini)
    assert tuple(flagged.columns) == FLAGGED_ITEMS
    assert flagged["perspective"].eq("organisation").all()
    assert flagged["item_id"].tolist() == ["p1", "p2", "v2"]  # means 1.0, 1.0 (ties in instrument order), 1.333
    assert flagged["mean"].is_monotonic_increasing and "v1" not in flagged["item_id"].tolist()  # 2.0 is not < 2.0
    p1 = flagged.set_index("item_id").loc["p1"]
    assert p1["coaching_questions"] == "Where do documents go? / What do we ask twice?"
    assert p1["wording"] == "Asks once." and p1["flag_below"] == 2.0


def test_priorities_rank_weakness_and_gap(mini, tiny):
    items, dims = score_items(tiny, mini, min_respondents=1), score_dimensions(tiny, mini, min_respondents=1)
    p = priorities(items, dims, mini, top=2)
    assert tuple(p.columns) == PRIORITIES
    weakest = p[(p["reason"] == "lowest organization score") & (p["level"] == "dimension")]
    assert weakest["dimension"].tolist() == ["processes", "voice"]  # 2.0 < 3.333 of 8
    assert weakest["rank"].tolist() == [1, 2]
    gaps = p[(p["reason"] == "largest gap (me - organisation)") & (p["level"] == "dimension")]
    assert gaps["dimension"].tolist() == ["processes", "voice"]  # 5.833 - 2.0 > 6.333 - 3.333
    assert (p["gap"][p["reason"].str.startswith("largest")] > 0).all()
    assert p["reason"].tolist().index("largest gap (me - organisation)") == 4  # weakness first, then gaps
    with pytest.raises(ValueError, match="by=None"):
        priorities(items, score_dimensions(tiny, mini, by="team", min_respondents=1), mini)


def test_priorities_of_an_organisation_only_instrument_have_no_gap(tiny):
    inst = parse_instrument(spec(perspectives=["organisation"]))
    org = tiny[tiny["perspective"] == "organisation"]
    p = priorities(score_items(org, inst, min_respondents=1), score_dimensions(org, inst, min_respondents=1), inst)
    assert set(p["reason"]) == {"lowest organization score"}
    assert p["gap"].isna().all()


# --------------------------------------------------------------------------- customer side


def test_join_customer_findings_matches_keywords_hotspots_and_measures(mini, tiny):
    p = priorities(score_items(tiny, mini, min_respondents=1), score_dimensions(tiny, mini, min_respondents=1), mini)
    themes = pd.DataFrame({
        "theme_id": [0, 1, 2, 3, -1],
        "label": ["pay stubs / documents lost", "on hold / waited hours", "household income", "complaints ignored",
                  "Unassigned"],
        "terms": ["documents, lost, pay stubs", "on hold, waiting, call", "household, income", "complaint", ""],
        "severity": [6.0, 8.0, 3.0, 2.0, 0.0],
    })
    hotspots = pd.DataFrame(columns=["touchpoint", "name", "agency", "severity"])
    scores = pd.DataFrame({"measure": ["ease", "satisfaction", "trust"], "share_agree": [0.35, 0.5, 0.2]})
    links = join_customer_findings(p, themes, hotspots, scores, mini)
    assert tuple(links.columns) == CUSTOMER_LINKS
    assert links["dimension"].drop_duplicates().tolist() == ["processes", "voice"]  # priority order
    proc = links[links["dimension"] == "processes"]
    assert proc["source"].tolist() == ["theme", "theme", "survey"]
    assert proc["customer_finding"].tolist()[:2] == [  # most severe first; "waiting" via wait*, not "household"
        'customers report "on hold / waited hours" (theme 1, severity 8.0)',
        'customers report "pay stubs / documents lost" (theme 0, severity 6.0)']
    assert proc["evidence"].tolist()[:2] == ["keywords: wait*, on hold", "keywords: document"]
    assert proc["customer_finding"].iloc[-1] == "A-11 ease: 35% of customers agree"
    assert "staff rate Processes and systems 2.0 of 8 (25%) for the organization, the lowest of 2" in \
        proc["staff_finding"].iloc[0]
    voice = links[links["dimension"] == "voice"]
    assert voice["customer_finding"].tolist() == ['customers report "complaints ignored" (theme 3, severity 2.0)',
                                                  "A-11 satisfaction: 50% of customers agree"]
    assert not links["customer_finding"].str.contains("Unassigned|household").any()
    again = join_customer_findings(p, themes.iloc[::-1], None, scores.iloc[::-1], mini)
    pd.testing.assert_frame_equal(again, links)


def test_join_customer_findings_uses_hotspots_and_skips_suppressed_scores(mini, tiny):
    p = priorities(score_items(tiny, mini, min_respondents=1), score_dimensions(tiny, mini, min_respondents=1), mini)
    hotspots = pd.DataFrame({"touchpoint": ["ui-upload-documents", "snap-interview"],
                             "name": ["Upload proof to the portal", "Phone interview"], "agency": ["swa", "chsd"],
                             "severity": [4.0, 0.0]})
    scores = pd.DataFrame({"measure": ["ease"], "share_agree": [np.nan], "suppressed": [True]})
    links = join_customer_findings(p, None, hotspots, scores, mini)
    assert links["customer_finding"].tolist() == ['pain point at "Upload proof to the portal" (swa, severity 4.0)']
    assert links["evidence"].tolist() == ["keywords: document, portal"]
    empty = join_customer_findings(p.iloc[0:0], None, None, None, mini)
    assert empty.empty and tuple(empty.columns) == CUSTOMER_LINKS
