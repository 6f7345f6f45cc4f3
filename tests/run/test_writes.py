"""The kernel-side record of the files notebooks write (Python audit hooks)."""

import os
import shutil
from pathlib import Path

from hcd.run import writes


def test_writes_and_reads_under_the_folder_are_noted_apart(tmp_path):
    watched, elsewhere = tmp_path / "run", tmp_path / "other"
    (watched / "data").mkdir(parents=True)
    elsewhere.mkdir()
    (elsewhere / "input.csv").write_text("a\n1\n", encoding="utf-8")
    writes.record(str(watched))
    writes.take()
    (watched / "data" / "a.csv").write_text("x", encoding="utf-8")  # written
    _ = (elsewhere / "input.csv").read_text(encoding="utf-8")  # read, elsewhere
    (elsewhere / "tmp.txt").write_text("y", encoding="utf-8")  # written, elsewhere
    shutil.copy2(elsewhere / "input.csv", watched / "copied.csv")  # copied into the folder
    os.replace(elsewhere / "tmp.txt", watched / "moved.txt")  # renamed into the folder
    fd = os.open(watched / "raw.bin", os.O_WRONLY | os.O_CREAT)
    os.close(fd)
    _ = (watched / "data" / "a.csv").read_text(encoding="utf-8")  # a read of a watched file
    written, read = writes.take()
    assert written == [str(watched / n) for n in ("data/a.csv", "copied.csv", "moved.txt", "raw.bin")]
    assert list(read) == [str(watched / "data" / "a.csv")]  # the read of input.csv was elsewhere
    assert writes.take() == ([], {})


def test_a_file_is_noted_with_the_time_it_was_first_read(tmp_path):
    import time

    writes.record(str(tmp_path))
    writes.take()
    (tmp_path / "a.csv").write_text("x", encoding="utf-8")
    before = time.time_ns()
    _ = (tmp_path / "a.csv").read_text(encoding="utf-8")
    after = time.time_ns()
    _ = (tmp_path / "a.csv").read_text(encoding="utf-8")  # a later read keeps the first time
    _, read = writes.take()
    assert before <= read[str(tmp_path / "a.csv")] <= after


def test_relative_names_are_made_absolute(tmp_path, monkeypatch):
    writes.record(str(tmp_path))
    writes.take()
    monkeypatch.chdir(tmp_path)
    Path("rel.txt").write_text("z", encoding="utf-8")
    assert writes.take() == ([str(tmp_path / "rel.txt")], {})
