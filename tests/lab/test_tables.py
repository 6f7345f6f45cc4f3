"""Interactive tables in JupyterLab; in batch runs, and so in every rendered page, the static tables only."""

import nbformat
import pytest

from hcd import explore, lab
from hcd.artifacts import RunArtifacts
from hcd.errors import HcdError
from hcd.lab.tables import InteractiveTable, is_batch_run
from hcd.render.notebook_pages import render_html
from hcd.render.tables import ReadableTable
from hcd.run.kernels import BATCH_ENV, execute_notebook
from tests.conftest import SCRIPT_TEXT


@pytest.fixture()
def in_lab(monkeypatch):
    monkeypatch.delenv(BATCH_ENV, raising=False)


@pytest.mark.parametrize("table", ["documents", "quotes", "evidence", "touchpoints"])
def test_in_lab_a_run_table_is_interactive_and_holds_no_personal_data(sample_run, planted_pii, in_lab, table):
    shown = lab.browse(RunArtifacts(sample_run), table)
    assert isinstance(shown, InteractiveTable) and len(shown.frame)
    page = shown._repr_html_()
    assert "new ITable(" in page and "itables" in page  # DataTables, from the notebook's offline bundle
    assert "https://" not in page.replace("https://itables.org", "")  # nothing loaded from elsewhere
    leaked = [needle for needle in planted_pii if needle in page]
    assert leaked == []  # the run's tables are redacted, and only they are shown


def test_cell_text_is_escaped_and_the_documents_carry_their_theme(mini_batch, in_lab):
    run = explore.open_run(mini_batch.sprints / "mini-a.yml")
    shown = lab.browse(run, "documents")
    assert "theme" in shown.frame.columns and shown.frame["theme"].ne("").all()
    page = shown._repr_html_()
    assert SCRIPT_TEXT not in page and "&lt;script&gt;alert" in page
    with pytest.raises(HcdError, match="no table 'nonsense'"):
        lab.browse(run, "nonsense")


def test_batch_mode_is_explicit(monkeypatch, mini_batch):
    import pandas as pd

    monkeypatch.delenv(BATCH_ENV, raising=False)
    assert not is_batch_run()
    frame = pd.DataFrame({"a": [1]})
    assert isinstance(lab.interactive_table(frame, "A table"), InteractiveTable)
    monkeypatch.setenv(BATCH_ENV, "1")
    assert is_batch_run()
    assert isinstance(lab.interactive_table(frame, "A table", source="a.csv"), ReadableTable)
    assert lab.init_interactive_tables() is None  # displays nothing in a batch run


def test_a_rendered_page_has_no_interactive_table_no_widget_and_no_script(mini_batch, tmp_path):
    """A notebook run the way hcd runs the sprint notebooks, rendered the way its pages are."""
    sprint = mini_batch.sprints / "mini-a.yml"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Lab helpers in a report"),
                nbformat.v4.new_code_cell('sprint_config = ""', metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("from hcd import explore, lab\nrun = explore.open_run(sprint_config)\n"
                                          "lab.init_interactive_tables()"),
                nbformat.v4.new_code_cell("print(lab.is_batch_run())"),
                nbformat.v4.new_code_cell('lab.browse(run, "documents")'),
                nbformat.v4.new_code_cell('lab.browse(run, "quotes")'),
                nbformat.v4.new_code_cell("lab.curation_view(lab.Curator(sprint_config))")]
    source, executed, page = tmp_path / "lab.ipynb", tmp_path / "lab.out.ipynb", tmp_path / "lab.html"
    nbformat.write(nb, source)
    execute_notebook(source, executed, {"sprint_config": str(sprint)}, cwd=tmp_path, cell_timeout=300)
    out = nbformat.read(executed, as_version=4)
    printed = next(c for c in out.cells if c.source.startswith("print("))
    assert printed.outputs[0]["text"].strip() == "True"
    render_html(executed, page, no_input=True)
    html = page.read_text(encoding="utf-8")
    lowered = html.lower()
    assert "itables" not in lowered and "datatable" not in lowered and "<script" not in lowered
    assert "widget-view" not in lowered and "application/vnd.jupyter.widget" not in lowered
    assert "Every themed text, with its theme" in html and "The representative quotes of each theme" in html
    assert "Themes after the researchers&#x27; decisions" in html or "Themes after the researchers' decisions" in html
    assert SCRIPT_TEXT not in html and "&lt;script&gt;alert" in html
