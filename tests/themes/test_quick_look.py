"""``hcd themes INPUT``: one file themed through the sprint's ingest, quarantine and redaction."""

import subprocess
import sys

import pandas as pd
import pytest

from hcd.cli import main

HOLD = "I waited on hold for {n} hours and the phone line hung up on me, call me at 555-010-{p}"
DOCS = "They lost my pay stubs again and asked for the same documents, email jo{n}@example.org"


@pytest.fixture
def complaints(tmp_path):
    rows = [{"ref": f"A{i}", "body": HOLD.format(n=i, p=1000 + i)} for i in range(8)]
    rows += [{"ref": f"B{i}", "body": DOCS.format(n=i)} for i in range(8)]
    rows += [{"ref": "C1", "body": ""}, {"ref": "A0", "body": HOLD.format(n=0, p=1000)}]
    path = tmp_path / "complaints.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_themes_one_row_per_input_row_and_no_personal_data(complaints, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["themes", str(complaints), "--text-col", "body", "--id-col", "ref", "--n-themes", "2",
                 "--seed", "3", "--out", str(out), "--no-progress"])
    assert code == 0
    assert "rows in 18 = themed 16 + quarantined 2; 2 themes" in capsys.readouterr().out
    a = pd.read_csv(out / "assignments.csv", dtype=str, keep_default_na=False)
    assert list(a.columns) == ["id", "source_row", "status", "theme_id", "theme_label"]
    assert a["source_row"].tolist() == [str(r) for r in range(2, 20)]
    assert a["status"].str.startswith("quarantined").sum() == 2
    themed = a[a["status"] == "themed"]
    assert themed.groupby(themed["id"].str[0])["theme_id"].nunique().tolist() == [1, 1]  # A* and B* apart
    for name in ("assignments.csv", "themes.csv", "quarantine.csv"):
        text = (out / name).read_text(encoding="utf-8")
        assert "555-010" not in text and "@example.org" not in text
    themes = pd.read_csv(out / "themes.csv")
    assert {"theme_id", "label", "size", "severity", "quotes"} <= set(themes.columns)


def test_same_input_and_seed_give_identical_files(complaints, tmp_path):
    for run in ("a", "b"):
        assert main(["themes", str(complaints), "--text-col", "body", "--n-themes", "2", "--out",
                     str(tmp_path / run), "--no-progress"]) == 0
    for name in ("assignments.csv", "themes.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize(("content", "args", "message"), [
    (b"\x00\x01\x02", ["--text-col", "body"], "looks like a binary file"),
    (b"ref,text\nA,hello there\n", ["--text-col", "body"], "column(s) not found: body"),
    (b"ref,body\nA,\n", ["--text-col", "body"], "only 0 text(s) left to theme"),
    (b"ref,body\nA,12345\nB,678 90\nC,2024-01-01\nD,[NAME]\n", ["--text-col", "body"], "has a word to theme"),
])
def test_bad_input_exits_2_with_a_clear_message(tmp_path, capsys, content, args, message):
    f = tmp_path / "in.csv"
    f.write_bytes(content)
    assert main(["themes", str(f), *args, "--out", str(tmp_path / "o"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert message in err and "in.csv" in err and "Traceback" not in err


def test_n_themes_must_be_a_number_or_auto(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        main(["themes", "x.csv", "--n-themes", "many", "--out", str(tmp_path)])
    assert e.value.code == 2
    assert "'many' is not a whole number or 'auto'" in capsys.readouterr().err


def test_more_themes_than_texts_is_a_clear_error(complaints, tmp_path, capsys):
    assert main(["themes", str(complaints), "--text-col", "body", "--n-themes", "50", "--out", str(tmp_path / "o"),
                 "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "50 themes asked for but only 16 texts" in err and "Traceback" not in err


def _command(*args: str) -> subprocess.CompletedProcess:
    """``python -m hcd ...`` in a fresh interpreter: the file is read in a second process while the libraries load."""
    return subprocess.run([sys.executable, "-m", "hcd", *args], capture_output=True, text=True)


def test_reading_in_a_second_process_writes_the_same_files(complaints, tmp_path):
    args = ["themes", str(complaints), "--text-col", "body", "--n-themes", "2", "--seed", "3", "--no-progress"]
    import sklearn  # noqa: F401  (loaded: main() here reads the file in this process)

    assert main([*args, "--out", str(tmp_path / "here")]) == 0
    done = _command("-v", *args, "--out", str(tmp_path / "forked"))
    assert done.returncode == 0, done.stderr
    assert "read in a second process" in done.stderr
    for name in ("assignments.csv", "themes.csv", "quarantine.csv"):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "forked" / name).read_bytes()


def test_a_bad_file_read_in_a_second_process_gives_the_same_clear_error(tmp_path):
    f = tmp_path / "in.csv"
    f.write_bytes(b"ref,text\nA,hello there\n")
    done = _command("themes", str(f), "--text-col", "body", "--out", str(tmp_path / "o"), "--no-progress")
    assert done.returncode == 2
    assert "column(s) not found: body" in done.stderr and "in.csv" in done.stderr
    assert "Traceback" not in done.stderr


def test_sentiment_from_a_failed_second_process_is_computed_here():
    from concurrent.futures import Future

    from hcd.themes.quick_look import _SecondProcess

    failed: Future = Future()
    failed.set_exception(RuntimeError("the worker died"))
    assert _SecondProcess.scores(None, failed) is None  # theme_file then scores the texts itself

