from pathlib import Path

import pytest

from hcd.errors import IngestError
from hcd.ingest.interviews import parse_interview, read_interviews, speaker_role
from hcd.privacy import Redactor
from tests.conftest import ROOT

SAMPLE = ROOT / "interviews" / "financial-shock"


def test_sample_notes_front_matter_tags_and_roles():
    utter, quarantine = read_interviews(SAMPLE)
    assert utter["participant"].nunique() == 14
    assert set(utter["role"]) == {"interviewer", "participant", "note"}
    assert len(quarantine) == 0
    p01 = utter[utter["participant"] == "P01"]
    assert p01["segment"].iloc[0] != "" and "Unemployment Insurance" in p01["programs"].iloc[0]
    tagged = utter[utter["pain_codes"] != ""]
    assert len(tagged) > 100
    assert not utter["text"].str.contains("#pain:", regex=False).any()
    assert not utter["text"].str.contains("[touchpoint", regex=False).any()
    assert utter["interviewer"].isin(["I1", "I2", "I3"]).all()
    # every utterance points back to its file and line
    first = utter.iloc[0]
    line = (SAMPLE / first["source_file"]).read_text(encoding="utf-8").splitlines()[first["line"] - 1]
    assert first["text"][:20].split("[")[0].strip()[:10] in line


def test_front_matter_name_is_redacted(tmp_path):
    f = tmp_path / "p1.md"
    f.write_text("---\nparticipant: P1\nname: Ada Quint\n---\nInterviewer: Hello\n"
                 "P1: I'm Ada Quint, Quint is my married name. #pain:identity\n", encoding="utf-8")
    utter = parse_interview(f)
    text = " ".join(utter["text"])
    assert "Quint" not in text and "Ada" not in text
    assert utter.loc[utter["role"] == "participant", "pain_codes"].tolist() == ["identity"]


def test_consecutive_paragraphs_continue_the_speaker(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("Interviewer 1: Question?\n\nInterviewee: First part.\n\nSecond part.\n", encoding="utf-8")
    utter = parse_interview(f, Redactor())
    assert utter["role"].tolist() == ["interviewer", "participant", "participant"]
    assert utter["line"].tolist() == [1, 3, 5]


@pytest.mark.parametrize(("label", "role"), [
    ("Interviewer 1", "interviewer"), ("Interviewer1 ", "interviewer"), ("interviewer", "interviewer"),
    ("Interviewee", "participant"), ("interviewee", "participant"), ("Interviewee1", "participant"),
    ("Interviewer 2", "interviewer"), ("P12", "participant"), ("Note", None), ("Step 1", None),
])
def test_speaker_labels_of_real_transcripts(label, role):
    assert speaker_role(label) == role


def test_real_mlss_transcripts_ingest_with_defaults(shared):
    folder = shared / "interviews_mlss"
    utter, quarantine = read_interviews(folder)
    files = sorted(p.name for p in folder.glob("*.txt"))
    assert sorted(utter["source_file"].unique()) == files
    counts = utter.groupby("source_file")["role"].value_counts().unstack(fill_value=0)
    # every transcript has both interviewer and interviewee turns
    assert (counts["interviewer"] > 20).all() and (counts["participant"] > 20).all()
    # label variants were recognised: almost nothing is left without a speaker
    assert (utter["role"] == "note").sum() <= len(files)
    assert len(utter) + len(quarantine) >= 1983


@pytest.mark.parametrize(("content", "message"), [
    (b"", "file is empty"),
    (b"\x00\x01\x02binary", "binary file"),
    (b"---\nparticipant: [P1\n---\nP1: hi\n", "malformed front matter"),
    (b"---\nparticipant: P1\nP1: hi\n", "never closed"),
])
def test_bad_files_give_clear_errors(tmp_path, content, message):
    f = tmp_path / "bad.md"
    f.write_bytes(content)
    with pytest.raises(IngestError, match=message) as info:
        parse_interview(f)
    assert "bad.md" in str(info.value)


def test_folder_without_notes(tmp_path):
    with pytest.raises(IngestError, match="no interview notes"):
        read_interviews(tmp_path)
    with pytest.raises(IngestError, match="not found"):
        read_interviews(Path(tmp_path / "missing"))
