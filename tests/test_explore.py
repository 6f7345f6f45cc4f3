"""JupyterLab helpers: one theme, one touchpoint, the explore notebook run by hand."""

import nbformat
import pandas as pd
import pytest

from hcd import explore
from hcd.errors import HcdError
from hcd.run.kernels import execute_notebook
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def mini_run(mini_batch):
    return explore.open_run(mini_batch.sprints / "mini-a.yml")


def test_open_run_finds_the_latest_complete_run(mini_batch, mini_run, tmp_path):
    assert mini_run.run_dir.parent.name == "mini-a" and (mini_run.run_dir / "data").is_dir()
    with pytest.raises(HcdError, match="no such run"):
        explore.open_run(mini_batch.sprints / "mini-a.yml", run="nope")
    with pytest.raises(HcdError, match="no complete run"):
        explore.open_run(mini_batch.sprints / "mini-a.yml", output=tmp_path)


def test_one_theme(mini_run):
    themes = explore.list_themes(mini_run)
    first = themes.iloc[0]
    view = explore.theme(mini_run, int(first["theme_id"]))
    assert view.summary["label"] == first["label"] and len(view.items) == first["size"]
    assert view.items["similarity"].is_monotonic_decreasing
    assert view.by_program["items"].sum() == len(view.items)
    assert explore.theme(mini_run, first["label"]).summary["theme_id"] == first["theme_id"]
    with pytest.raises(HcdError, match="no theme matches"):
        explore.theme(mini_run, "zebra giraffe")


def test_one_touchpoint(mini_run):
    tps = explore.list_touchpoints(mini_run)
    busiest = tps.sort_values("mentions", ascending=False).iloc[0]["touchpoint"]
    view = explore.touchpoint(mini_run, busiest)
    assert view.card["touchpoint"] == busiest and len(view.evidence) == view.pain["mentions"]
    assert set(view.evidence["method"]) <= {"tag", "similarity"}
    with pytest.raises(HcdError, match="no touchpoint 'nowhere'"):
        explore.touchpoint(mini_run, "nowhere")


def test_views_escape_user_text():
    items = pd.DataFrame({"doc_id": ["c1"], "kind": ["complaint"], "source": ["c.csv:2"],
                          "text": ["<script>alert(1)</script> lost my file"], "similarity": [0.9],
                          "sentiment": [-0.5], "program": ["SNAP"], "channel": ["web"]})
    view = explore.ThemeView({"theme_id": 1, "label": "<b>files</b>", "size": 1, "negative_share": 1.0,
                              "severity": 2.0, "terms": "file"}, items, items[["program"]], items[["channel"]],
                             pd.DataFrame(columns=["touchpoint", "name", "items"]))
    html = view._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;files" in html


def test_explore_notebook_runs_with_its_defaults_changed_only_where_the_run_is(mini_batch, tmp_path):
    out = tmp_path / "explore.ipynb"
    execute_notebook(ROOT / "notebooks" / "explore.py", out,
                     {"sprint_config": str(mini_batch.sprints / "mini-a.yml"), "theme_ref": "0",
                      "touchpoint_id": "ui-apply-online"}, cwd=ROOT / "notebooks", cell_timeout=300)
    nb = nbformat.read(out, as_version=4)
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    shown = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code"
                    for o in c.outputs)
    assert "<h3>Theme 0:" in shown and "(ui-apply-online)</h3>" in shown
