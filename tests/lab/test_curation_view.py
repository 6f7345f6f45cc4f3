"""The curation widget builds without a browser, its buttons call the API, and it is static HTML in batch runs."""

import pytest

from hcd.lab import Curator, curation_view
from hcd.lab.curation_view import static_html
from hcd.run.kernels import BATCH_ENV
from tests.lab.conftest import Clock, copy_sample_sprint


@pytest.fixture()
def view(sample_run, sample_fit, tmp_path):
    sprint = copy_sample_sprint(tmp_path)
    cur = Curator(sprint, sample_run.name, output=sample_run.parent.parent, who="Ana", clock=Clock(),
                  fitted=sample_fit)
    return curation_view(cur)


def test_the_widget_builds_and_shows_the_themes(view):
    import ipywidgets

    box = view.widget
    assert isinstance(box, ipywidgets.VBox)
    themes = view.curator.themes
    assert [tid for _, tid in view.theme.options] == [int(t) for t in themes["theme_id"] if t >= 0]
    first = themes.iloc[0]
    assert view.theme.value == first["theme_id"] and str(first["label"]) in view.detail.value
    assert len(view.picked.options) == min(first["size"], 300)
    assert set(view.buttons) == {"rename", "merge", "split_keywords", "split_items", "move", "pin", "undo"}
    bundle = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and "<caption>" in bundle["text/html"]


def test_the_buttons_call_the_api(view):
    cur = view.curator
    tid = view.theme.value
    view.who.value = "Bo Researcher"
    view.label.value = "Renamed from the widget"
    view.buttons["rename"].click()
    assert cur.themes.set_index("theme_id").loc[tid, "label"] == "Renamed from the widget"
    assert "# action 1 by Bo Researcher" in cur.file.text() and "renamed" in view.status.value
    other = view.others.options[0][1]
    view.others.value = (other,)
    view.buttons["merge"].click()
    assert other not in set(cur.themes["theme_id"])
    view.picked.value = view.picked.options[-1][1:]
    view.target.value = -1
    moved = view.picked.value[0]
    view.buttons["move"].click()
    assert cur.assignments.set_index("doc_id").loc[moved, "theme_id"] == -1
    view.picked.value = tuple(o[1] for o in view.picked.options[:2])
    view.label.value = "Two picked"
    view.buttons["split_items"].click()
    assert (cur.assignments["theme_label"] == "Two picked").sum() == 2
    view.label.value, view.keywords.value = "Pinned from the widget", "deposit, bank account"
    view.buttons["pin"].click()
    assert "Pinned from the widget" in set(cur.themes["label"])
    view.theme.value = tid
    view.label.value, view.keywords.value = "By keywords", "zzzz-no-such-word"
    view.buttons["split_keywords"].click()
    assert list(cur.history()["action"].unique()) == [1, 2, 3, 4, 5, 6]
    view.buttons["undo"].click()
    view.buttons["undo"].click()
    assert "Pinned from the widget" not in set(cur.themes["label"]) and cur.file.last_action() == 4
    assert [label for label, _ in view.theme.options] == [
        f"{int(r.theme_id)}. {r.label} ({int(r.size)} items)" for r in cur.themes.itertuples() if r.theme_id >= 0]


def test_a_refused_action_is_shown_not_raised(view):
    view.label.value = ""
    view.buttons["rename"].click()
    assert view.status.value.startswith('<p role="alert"><strong>Not done:</strong> the label is empty')
    view.buttons["merge"].click()
    assert "pick the themes to merge" in view.status.value
    assert view.curator.file.last_action() == 0


def test_in_a_batch_run_it_is_static_escaped_html(view, monkeypatch):
    monkeypatch.setenv(BATCH_ENV, "1")
    view = curation_view(view.curator)
    view.curator.result.themes.loc[0, "label"] = "<script>alert(1)</script>"  # as if a label held markup
    bundle = view._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"} and view._widget is None  # no widget was even built
    page = bundle["text/html"]
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page == static_html(view.curator) and "representative quotes" in page
