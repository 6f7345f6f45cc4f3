"""The command line, and a full run of the sample sprint as a user would do it."""

import json
import re

import pytest

from hcd.cli import main
from tests.conftest import SAMPLE_SPRINT

STEP_PAGES = {
    "01_ingest.html": ["Ingest, validation and redaction", "Rows in = rows accepted + rows quarantined",
                       "Quarantine", "exact duplicate of row"],
    "02_themes.html": ["Pain-point themes", "How many themes", "Themes, most severe first",
                       "Representative quotes"],
    "03_journeys.html": ["Cross-agency journey", "Journey map", "Handoffs between agencies",
                         "Asked again", "Time to benefit against the targets", "Loops, dead ends and channel switches",
                         "Pain points by touchpoint"],
    "04_metrics.html": ["A-11 survey scores, NPS and service standards", "By service", "Trend by fiscal quarter",
                        "What moves trust", "Thumbs format", "Question wording", "Service standards",
                        "Quarterly CX data export",
                        "Net Promoter Score"],
    "05_self_assessment.html": ["Organization self-assessment", "Profiles", "Own practice against the organization",
                                "Teams", "Flagged items, with coaching questions", "where staff and customers point"],
    "06_action_plan.html": ["Action-plan draft", "Top pain points, by severity", "proposed actions"],
    "07_summary.html": ["Sprint summary", "Top pain points", "Where it breaks", "Scores against the service standards",
                        "action_plan.html", "evidence.html"],
}


def test_help_documents_commands_and_options(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    for cmd in ("run", "themes", "validate", "setup", "init", "lab"):
        assert cmd in out
    with pytest.raises(SystemExit):
        main(["lab", "--help"])
    out = capsys.readouterr().out
    assert "--port" in out and "--no-browser" in out and "--allow-root" in out
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    out = capsys.readouterr().out
    for opt in ("--only", "--no-input", "--run-id", "--output", "--cell-timeout", "--workers", "--scheduler",
                "--force"):
        assert opt in out


def test_validate_sample(capsys):
    assert main(["validate", str(SAMPLE_SPRINT)]) == 0
    out = capsys.readouterr().out
    assert "config OK" in out
    assert re.search(r"complaints .*rows in\s+420 = accepted\s+414 \+ quarantined\s+6", out)
    assert "18 touchpoints" in out


def test_validate_second_sample_sprint(capsys):
    assert main(["validate", str(SAMPLE_SPRINT.parent / "disaster-recovery.yml")]) == 0
    out = capsys.readouterr().out
    assert re.search(r"complaints .*rows in\s+152 = accepted\s+148 \+ quarantined\s+4", out)
    assert re.search(r"survey .*rows in\s+300 = accepted\s+300 \+ quarantined\s+0", out)
    assert "23 touchpoints" in out


def test_bad_config_exits_2_without_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.yml"
    bad.write_text("name: demo\ninputs:\n  interview: x\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.yml" in err and "inputs.interview" in err and "Traceback" not in err


def test_sample_run_writes_every_report_file(sample_run):
    assert (sample_run / "index.html").is_file()
    index = (sample_run / "index.html").read_text(encoding="utf-8")
    for page, sections in STEP_PAGES.items():
        html = (sample_run / page).read_text(encoding="utf-8")
        assert f'href="{page}"' in index
        for section in sections:
            assert section in html, f"{page} lacks {section!r}"
        assert "data:image/png;base64" in html, f"{page} has no plot"
        nb = json.loads((sample_run / "notebooks" / page.replace(".html", ".ipynb")).read_text())
        outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
        assert not [o for o in outputs if o["output_type"] == "error"]
        assert any("<table" in "".join(o.get("data", {}).get("text/html", "")) for o in outputs), \
            f"{page} shows no table"
        assert "No description has been provided for this image" not in html, f"{page}: image without alt text"
    plan = (sample_run / "action_plan.md").read_text(encoding="utf-8")
    assert "## 5. Top pain points, by severity" in plan and "](evidence.html#ev-" in plan
    assert "| UI calls answered within 2 minutes | 80.0% |" in plan and "What moves trust most:" in plan
    assert "| Unemployment Insurance claim | State Workforce Agency |" in plan  # designated priority service
    assert "| Receiving services within a week of losing income |" in plan  # time to benefit vs target
    section = plan[plan.index("## 4. Organizational self-assessment"):plan.index("## 5.")]
    assert "**Service commitment profile**" in section or "commitment" in section.lower()
    assert "Customer-serving processes and systems" in section and "customers report" in section
    assert (sample_run / "action_plan.html").is_file() and (sample_run / "action_plan.docx").is_file()
    # per-person staff answers are kept out of the published tables and the index
    assert not (sample_run / "data" / "staff_responses.csv").exists()
    assert "staff_responses" not in index


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_every_evidence_link_in_the_plan_resolves(sample_run):
    import html as html_lib

    from hcd.render.docx_writer import docx_text

    page = (sample_run / "action_plan.html").read_text(encoding="utf-8")
    links = [html_lib.unescape(h) for h in _links(page)]
    evidence_links = [h for h in links if h.startswith("evidence.html#")]
    assert len(evidence_links) >= 20
    ids_cache: dict[str, set[str]] = {}
    for href in links:
        target, _, anchor = href.partition("#")
        target = target or "action_plan.html"  # the skip link goes to the page's own main content
        assert (sample_run / target).is_file(), f"{href}: no such file"
        if anchor:
            ids = ids_cache.setdefault(target, set(re.findall(r'id="([^"]+)"', (sample_run / target).read_text())))
            assert anchor in ids, f"{href}: no such anchor"
    # every pain point cites evidence, and every cited item is in the register with its source row
    plan = (sample_run / "action_plan.md").read_text(encoding="utf-8")
    sections = plan[plan.index("## 5."):plan.index("## 6.")].split("\n### ")[1:]
    assert len(sections) == 8 and all("](evidence.html#ev-" in sec for sec in sections)
    register = (sample_run / "data" / "evidence.csv").read_text(encoding="utf-8")
    assert "row " in register and ".md:" in register
    # the Word draft says what the HTML says (the page's main content: navigation and footer are the site's)
    body = page[page.index("<main"):page.index("</main>")].split(">", 1)[1]
    body = re.sub(r'<caption class="visually-hidden">.*?</caption>', " ", body)  # for screen readers only
    text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    assert docx_text(sample_run / "action_plan.docx").replace(" ", "") == text.replace(" ", "")


def test_codebooks_and_refi_qda_export(sample_run):
    import pandas as pd

    from hcd.themes.qdpx import read_qdpx

    summary = pd.read_csv(sample_run / "data" / "code_summary.csv")
    assert set(summary["codebook"]) == {"a11-drivers", "servqual"}
    assert summary.groupby("codebook")["documents"].max().min() > 20  # both codebooks code real items
    docs, codes, coded = read_qdpx(sample_run / "themes.qdpx")
    themes = pd.read_csv(sample_run / "data" / "themes.csv")
    assert len(docs) == len(pd.read_csv(sample_run / "data" / "documents.csv"))
    assert {"Themes (hcd)", "a11-drivers", "servqual"} <= set(codes["name"])
    assert set(themes["label"]) <= {n.split(". ", 1)[-1] for n in codes["name"]}
    text = dict(zip(docs["doc_id"], docs["text"], strict=True))
    segments = pd.read_csv(sample_run / "data" / "coded_segments.csv", dtype={"doc_id": str})
    first = segments.iloc[0]
    assert text[first["doc_id"]][first["start"]:first["end"]] == first["matched"]
    assert len(coded) == len(docs) + len(segments)  # each document coded with its theme, plus every segment
    assert 'href="themes.qdpx"' in (sample_run / "index.html").read_text()


def test_manifest_records_parameters_inputs_versions_timings(sample_run):
    m = json.loads((sample_run / "manifest.json").read_text())
    assert m["status"] == "ok" and m["sprint"] == "financial-shock" and m["run_id"] == "test-run"
    assert m["parameters"]["parameters"]["seed"] == 20261123
    names = [i["path"].rsplit("/", 1)[-1] for i in m["inputs"]]
    assert {"financial-shock.yml", "financial-shock.csv", "P01.md"} <= set(names)
    assert all(re.fullmatch(r"[0-9a-f]{64}", i["sha256"]) for i in m["inputs"])
    assert {"pandas", "scikit-learn", "nltk", "networkx", "papermill"} <= set(m["versions"])
    assert [s["name"] for s in m["steps"]] == ["ingest", "themes", "journeys", "metrics", "self_assessment",
                                                "action_plan", "summary"]
    assert all(s["status"] == "ok" and s["seconds"] > 0 for s in m["steps"])
    assert (sample_run.parent / "latest").read_text().strip() == "test-run"


def test_no_personal_data_reaches_any_artifact(sample_run, planted_pii):
    from hcd.render.docx_writer import docx_text

    leaks = []
    for path in sample_run.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".ipynb", ".csv", ".md", ".json", ".graphml", ".svg",
                                              ".docx"):
            text = (docx_text(path) if path.suffix == ".docx" else path.read_text(encoding="utf-8")).lower()
            text = re.sub(r"data:image/[a-z+]+;base64,[a-z0-9+/=\s\\n]+", "", text)  # "qUaNG" in a PNG is no leak
            leaks += [(path.name, n) for n in planted_pii if n.lower() in text]
    assert leaks == []


def test_only_reuses_tables_and_no_input_hides_code(sample_run, capsys):
    out = sample_run.parent.parent
    code = main(["run", str(SAMPLE_SPRINT), "--output", str(out), "--run-id", "only-run",
                 "--only", "metrics,action_plan", "--no-input", "--no-progress"])
    assert code == 0
    run = out / "financial-shock" / "only-run"
    m = json.loads((run / "manifest.json").read_text())
    assert [s["name"] for s in m["steps"]] == ["metrics", "action_plan"]
    assert m["reused_tables"]["themes"] == "test-run"
    assert "score_sprint" in (sample_run / "04_metrics.html").read_text()
    assert "score_sprint" not in (run / "04_metrics.html").read_text()
    # the same tables give the same draft, word for word
    assert (run / "action_plan.md").read_text() == (sample_run / "action_plan.md").read_text()
    assert not (run / "01_ingest.html").exists()


def test_only_without_an_earlier_run_says_what_to_do(tmp_path, capsys):
    code = main(["run", str(SAMPLE_SPRINT), "--output", str(tmp_path), "--only", "themes",
                 "--no-progress"])
    assert code == 2
    assert "run the whole sprint once, or add: ingest" in capsys.readouterr().err


def test_unknown_step_is_refused_with_the_step_names(tmp_path, capsys):
    code = main(["run", str(SAMPLE_SPRINT), "--output", str(tmp_path), "--only", "theme"])
    assert code == 2
    err = capsys.readouterr().err
    assert "theme" in err and "themes" in err and "Traceback" not in err


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["run", "forced"])
def test_ctrl_c_on_a_single_sprint_prints_one_line_and_exits_130(tmp_path, force):
    """SIGINT to the process group, as Ctrl-C in a terminal sends it, while a notebook runs (a forced run starts
    its kernels first, and a second kernel may still be starting)."""
    import json
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import make_mini_sprint

    sprint = make_mini_sprint(tmp_path, "mini-int", complaints=20)
    launcher = ("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
                "os.execv(sys.executable, [sys.executable, '-m', 'hcd', *sys.argv[1:]])")
    proc = subprocess.Popen([sys.executable, "-c", launcher, "run", str(sprint), "--no-progress", "--run-id", "r",
                             *force],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    manifest = tmp_path / "reports" / "mini-int" / "r" / "manifest.json"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:  # wait until a notebook is running
        try:
            if any(s["status"] == "running" for s in json.loads(manifest.read_text())["steps"]):
                break
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.strip().count("\n") == 0 and err.startswith("hcd: interrupted"), err
    assert "Traceback" not in err and json.loads(manifest.read_text())["status"] == "interrupted"
