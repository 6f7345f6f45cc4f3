"""Index pages: per run and across sprints; escaped; tolerant of old or failed runs."""

import json

from hcd.run.index_pages import sprint_entries, write_sprints_index


def _run(root, sprint, run_id, status, title="T", error=None, latest=False):
    run = root / sprint / run_id
    run.mkdir(parents=True)
    (run / "manifest.json").write_text(json.dumps({"status": status, "error": error, "parameters": {
        "title": title, "life_experience": "Losing a job"}}), encoding="utf-8")
    (run / "index.html").write_text("<html></html>", encoding="utf-8")
    if latest:
        (root / sprint / "latest").write_text(run_id + "\n", encoding="utf-8")
    return run


def test_sprints_index_lists_last_and_latest_runs_and_escapes(tmp_path):
    _run(tmp_path, "a", "r1", "ok", title="<script>alert(1)</script> sprint", latest=True)
    _run(tmp_path, "b", "r1", "failed", error="step 'themes' failed\nTraceback")
    (tmp_path / "not-a-sprint").mkdir()
    entries = sprint_entries(tmp_path)
    assert [(e.name, e.latest, e.last_status) for e in entries] == [("a", "r1", "ok"), ("b", None, "failed")]
    assert entries[1].last_error == "step 'themes' failed"
    html = write_sprints_index(tmp_path).read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; sprint" in html
    assert 'href="a/r1/07_summary.html"' in html and "No complete run yet." in html


def test_the_index_shows_the_headline_a_run_kept_without_reading_its_tables(tmp_path):
    run = _run(tmp_path, "a", "r1", "ok", latest=True)  # no tables at all
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    manifest["headline"] = {"key_numbers": [["Input rows", "12"]], "top_themes": ["Waiting <for> a decision"],
                            "tables": "0" * 64}
    (run / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (entry,) = sprint_entries(tmp_path)
    assert entry.key_numbers == [("Input rows", "12")] and entry.top_themes == ["Waiting <for> a decision"]
    assert "Waiting &lt;for&gt; a decision" in write_sprints_index(tmp_path).read_text(encoding="utf-8")
