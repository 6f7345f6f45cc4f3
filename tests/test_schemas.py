"""Table declarations: every table has one, frames are checked against it, and it matches the code."""

import re

import numpy as np
import pandas as pd
import pytest

from hcd import schemas
from hcd.artifacts import TABLES
from hcd.errors import HcdError, TableError
from hcd.run.steps import STEPS
from hcd.schemas import TABLE_SCHEMAS, check_table, column_specs, columns


def _themes(**changes) -> pd.DataFrame:
    """A two-row ``themes`` frame as the themes step builds it."""
    frame = pd.DataFrame({
        "theme_id": [0, -1], "label": ["pay stubs / documents", "Unassigned"], "terms": ["pay stubs", ""],
        "size": [3, 1], "share": [0.75, 0.25], "mean_sentiment": [-0.4, 0.0], "negative_share": [0.67, 0.0],
        "participants": [2, 0], "agencies": [1, 0], "reach": [1.0, 0.0], "severity": [50.25, 0.0],
        "rank": [1, 2], "quotes": [[{"text": "They lost my pay stubs", "source": "P1.md:4", "doc_id": "P1.md:4"}], []],
    })
    return frame.assign(**changes)


def test_every_table_of_a_run_is_declared_and_every_declaration_is_a_table():
    assert set(TABLE_SCHEMAS) == set(TABLES)
    used = {t for s in STEPS for t in (*s.requires, *s.produces)}
    assert used <= set(TABLE_SCHEMAS)


def test_a_bad_frame_is_refused_naming_the_table_and_the_column():
    bad = _themes(size=[3.0, 1.0])  # floats would be written as 3.0: not the declared integers
    with pytest.raises(TableError) as err:
        check_table("themes", bad)
    assert "table 'themes'" in str(err.value) and "column 'size'" in str(err.value)
    assert "3.0 (row 0)" in str(err.value) and err.value.table == "themes"
    assert [c for c, _ in err.value.problems] == ["size"]
    check_table("themes", _themes())  # the same frame with whole numbers passes


@pytest.mark.parametrize(("change", "column", "says"), [
    ({"size": [3, None]}, "size", "blank (row 1)"),
    ({"rank": [True, False]}, "rank", "expected whole numbers"),
    ({"share": ["75%", "25%"]}, "share", "expected numbers, found '75%' (row 0)"),
    ({"label": [1, 2]}, "label", "expected text"),
    ({"quotes": ["[]", "[]"]}, "quotes", "expected lists"),
])
def test_each_kind_of_column_refuses_other_values(change, column, says):
    with pytest.raises(TableError, match=re.escape(f"column '{column}': ") + ".*" + re.escape(says)):
        check_table("themes", _themes(**change))
    check_table("themes", _themes())


def test_every_problem_is_listed_at_once():
    frame = _themes(size=[3.5, 1.0], extra=["a", "b"]).drop(columns=["terms"])
    frame = frame[["label", "theme_id", *[c for c in frame.columns if c not in ("label", "theme_id")]]]
    with pytest.raises(TableError) as err:
        check_table("themes", frame)
    text = str(err.value)
    assert "column 'extra': not declared" in text and "column 'terms': missing" in text
    assert "column 'size': expected whole numbers" in text and "columns out of order" in text
    assert isinstance(err.value, HcdError) and isinstance(err.value, ValueError)


def test_missing_values_where_declared():
    check_table("standards", pd.DataFrame({
        "standard": ["Trust"] * 2, "measure": ["trust"] * 2, "service": ["All"] * 2, "period": ["All", "Q1"],
        "n": [np.nan, 12.0], "actual": [np.nan, 0.5], "target": [0.7, 0.7], "variance": [np.nan, -0.2],
        "met": pd.array([None, False], dtype="boolean")}))
    with pytest.raises(TableError, match=r"column 'line': expected whole numbers or blanks, found 3\.5"):
        check_table("quarantine", pd.DataFrame({"source_file": ["a.csv"] * 2, "line": [3.5, None], "kind": "x",
                                                "reason": "r", "fix": "f", "excerpt": ""}))
    check_table("quarantine", pd.DataFrame({"source_file": ["a.csv"] * 2, "line": pd.array([3, None], dtype="Int64"),
                                            "kind": "x", "reason": "r", "fix": "f", "excerpt": ""}))


def test_a_frame_without_rows_may_carry_some_columns_but_no_undeclared_one():
    with pytest.raises(TableError, match="column 'respondent_id': not declared"):
        check_table("self_assessment_teams", pd.DataFrame(columns=["instrument", "respondent_id"]))
    check_table("self_assessment_teams", pd.DataFrame(columns=["instrument"]))
    check_table("thumbs_scores", pd.DataFrame())
    with pytest.raises(TableError, match="column 'team': missing"):
        check_table("self_assessment_teams", pd.DataFrame({"instrument": ["x"]}))


def test_optional_columns():
    scores = pd.DataFrame({"measure": ["trust_up"], "n": [10], "agree": [6], "share_agree": [0.6],
                           "ci_low": [0.3], "ci_high": [0.8], "suppressed": [False]})
    check_table("thumbs_scores", scores)
    check_table("thumbs_scores", scores.assign(service="SNAP")[["service", *scores.columns]])
    assert [c.name for c in column_specs(schemas.ThumbsScores) if not c.required] == ["service"]


def test_an_unknown_table_is_refused_by_name():
    with pytest.raises(KeyError, match="no schema for table 'nonsense'"):
        check_table("nonsense", pd.DataFrame())


def test_a_declaration_takes_only_the_declared_dtypes():
    with pytest.raises(TypeError, match=r"Odd.when: declare the column as String"):
        class Odd(schemas.TableModel):
            when: pd.Series
    with pytest.raises(TypeError, match=r"Odd2.x: declare the column as String"):
        class Odd2(schemas.TableModel):
            x: schemas.base.Series[np.datetime64]


def test_the_column_tuples_are_the_declarations():
    assert schemas.UTTERANCES == columns(schemas.Utterances) and len(schemas.UTTERANCES) == 16
    assert (*schemas.DOCUMENTS, "sentiment") == columns(schemas.Documents)
    assert (*schemas.CODED_SEGMENTS, "codebook") == columns(schemas.CodedSegments)
    assert schemas.STAFF_TABLE == ("instrument", *schemas.STAFF_RESPONSE_TABLE)
    assert schemas.STAFF_RESPONSE_TABLE[:len(schemas.STAFF_RESPONSES)] == schemas.STAFF_RESPONSES
    assert schemas.SURVEY[4:12] == schemas.A11_MEASURES
    assert schemas.THUMBS[5:19] == tuple(f"{k}_{d}" for k in ("positive", "negative") for d in schemas.THUMB_DRIVERS)
    assert columns(schemas.Handoffs)[:2] == ("from", "to")  # the alias of the keyword
    assert columns(schemas.ScoresDetail)[:4] == ("service", "channel", "quarter", "measure")
    assert columns(schemas.SelfAssessmentTeams)[:2] == ("team", "dimension")


def test_the_column_lists_of_the_code_that_builds_the_tables_match():
    from hcd.a11 import WORDING_COLUMNS
    from hcd.journeys.overlay import MATCH_COLUMNS
    from hcd.journeys.paths import TARGET_COLUMNS
    from hcd.metrics.hisp_export import EXPORT_COLUMNS
    from hcd.metrics.scores import DRIVER_COLUMNS, SCORE_COLUMNS, THUMBS_COLUMNS
    from hcd.metrics.standards import STANDARD_COLUMNS
    from hcd.plan.evidence import REGISTER_COLUMNS
    from hcd.self_assessment.scoring import CUSTOMER_LINKS, DIMENSION_SCORES, FLAGGED_ITEMS, ITEM_SCORES, PRIORITIES
    from hcd.themes.codebooks import CODE_SUMMARY
    from hcd.themes.model import THEMES
    from hcd.themes.overrides import OVERRIDE_LOG

    instrument = ("instrument", "instrument_name")
    pairs = [
        (SCORE_COLUMNS, schemas.Scores), (("service", *THUMBS_COLUMNS), schemas.ThumbsScores),
        (DRIVER_COLUMNS, schemas.Drivers), (STANDARD_COLUMNS, schemas.Standards),
        (EXPORT_COLUMNS, schemas.HispExport), (WORDING_COLUMNS, schemas.WordingCheck),
        (MATCH_COLUMNS, schemas.JourneyMatches), (TARGET_COLUMNS, schemas.TimeToTargets),
        (REGISTER_COLUMNS, schemas.Evidence), (OVERRIDE_LOG, schemas.ThemeOverrides), (THEMES, schemas.Themes),
        (("codebook", *CODE_SUMMARY), schemas.CodeSummary),
        ((*ITEM_SCORES, *instrument), schemas.SelfAssessmentItems),
        ((*DIMENSION_SCORES, *instrument), schemas.SelfAssessmentDimensions),
        (("team", *DIMENSION_SCORES, *instrument), schemas.SelfAssessmentTeams),
        ((*FLAGGED_ITEMS, *instrument), schemas.SelfAssessmentFlags),
        ((*PRIORITIES, *instrument), schemas.SelfAssessmentPriorities),
        ((*CUSTOMER_LINKS, *instrument), schemas.SelfAssessmentFindings),
    ]
    for declared_in_code, model in pairs:
        assert tuple(declared_in_code) == columns(model), model.__name__


def test_schemas_and_artifacts_are_foundation_modules():
    import ast
    from pathlib import Path

    root = Path(schemas.__file__).parent
    files = [*root.glob("*.py"), root.parent / "artifacts.py"]
    for f in files:
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("hcd"):
                foundation = ("hcd.errors", "hcd.csv_formulas", "hcd.whole_files", "hcd.schemas")
                assert node.module in foundation or node.module.startswith("hcd.schemas."), f
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("hcd") for a in node.names), f
