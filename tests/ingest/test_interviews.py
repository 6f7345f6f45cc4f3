from pathlib import Path

import pytest

from hcd.errors import IngestError
from hcd.ingest.interviews import parse_interview, read_interviews, speaker_role
from hcd.privacy import Redactor
from tests.conftest import ROOT

SAMPLE = ROOT / "interviews" / "financial-shock"


def test_sample_notes_front_matter_tags_and_roles():
    utter, quarantine = read_interviews(SAMPLE)
    assert utter["participant"].nunique() == 16  # 14 notes, a Teams .vtt and a Zoom .srt
    assert set(utter["role"]) == {"interviewer", "participant", "note"}
    assert len(quarantine) == 0
    p01 = utter[utter["participant"] == "P01"]
    assert p01["segment"].iloc[0] != "" and "Unemployment Insurance" in p01["programs"].iloc[0]
    tagged = utter[utter["pain_codes"] != ""]
    assert len(tagged) > 100
    assert not utter["text"].str.contains("#pain:", regex=False).any()
    assert not utter["text"].str.contains("[touchpoint", regex=False).any()
    assert utter["interviewer"].str.fullmatch(r"I\d").all()
    timed = utter[utter["source_file"].isin(["P15.vtt", "P16.srt"])]
    assert timed["timestamp"].str.fullmatch(r"\d\d:\d\d:\d\d\.\d{3}").all()
    assert set(timed["role"]) == {"interviewer", "participant"} and set(timed["speaker"]) <= {"P15", "P16", "I1",
                                                                                              "I2", "I3", "I4", "I5"}
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
    # label variants were recognized: almost nothing is left without a speaker
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


def _docx(path, paragraphs, table_rows=()):
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table_rows:
        t = d.add_table(rows=0, cols=2)
        for a, b in table_rows:
            cells = t.add_row().cells
            cells[0].text, cells[1].text = a, b
    d.save(str(path))


def test_word_notes_with_front_matter_and_a_speaker_table(tmp_path):
    f = tmp_path / "P20.docx"
    _docx(f, ["---", "participant: P20", "name: Rosa Lind", "interviewer: Kim Chao", "segment: retiree", "---",
              "Interviewer: How did the Medicaid renewal go?",
              "P20: The packet came after the deadline. #pain:notices [touchpoint: medicaid-renewal]",
              "I called Rosa Lind's caseworker twice."],
          table_rows=[("Interviewer", "And SNAP?"), ("P20", "They asked for the same pay stubs again.")])
    utter, quarantine = read_interviews(tmp_path)
    assert len(quarantine) == 0
    assert utter["role"].tolist() == ["interviewer", "participant", "participant", "interviewer", "participant"]
    assert utter["line"].tolist() == [7, 8, 9, 10, 11]  # paragraph numbers, table rows after
    assert utter.loc[1, "touchpoints"] == "medicaid-renewal" and utter.loc[1, "pain_codes"] == "notices"
    assert "Rosa" not in " ".join(utter["text"]) and utter["segment"].iloc[0] == "retiree"
    assert utter["interviewer"].iloc[0] == "I1"


def test_damaged_word_file_is_a_clear_error(tmp_path):
    f = tmp_path / "P21.docx"
    f.write_bytes(b"PK\x03\x04 not really a docx")
    with pytest.raises(IngestError, match=r"P21\.docx.*not a readable Word document"):
        read_interviews(tmp_path)


def test_other_files_in_the_folder_are_reported_not_silently_skipped(tmp_path):
    (tmp_path / "P1.md").write_text("P1: I waited on hold for three hours.\n", encoding="utf-8")
    (tmp_path / "consent-form.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "orphan.yml").write_text("participant: P9\n", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00")
    utter, quarantine = read_interviews(tmp_path)
    assert len(utter) == 1
    assert sorted(quarantine["source_file"].map(lambda s: s.rsplit("/", 1)[-1])) == ["consent-form.pdf",
                                                                                     "orphan.yml"]
    assert (quarantine["kind"] == "file").all() and quarantine["fix"].str.contains("move the file").all()


def test_configured_labels_mark_roles(tmp_path):
    from hcd.config import InterviewSource

    (tmp_path / "n.txt").write_text("Caseworker: What brings you in?\n\nClient: My benefits stopped.\n",
                                    encoding="utf-8")
    utter, _ = read_interviews(InterviewSource(path=tmp_path, interviewer_labels=("Caseworker",),
                                               participant_labels=("Client",)))
    assert utter["role"].tolist() == ["interviewer", "participant"]
    assert utter["speaker"].tolist() == ["Caseworker", "Client"]


def test_names_in_file_names_speaker_labels_and_introductions_never_reach_the_table(tmp_path):
    (tmp_path / "Interview - Rosalind Abernathy 2026-09-03.md").write_text(
        "Interviewer: Hi, I'm Søren Lindqvist from the research team. Thanks for coming.\n\n"
        "Marcus: I had to send my pay stubs three times to three offices.\n\n"
        "José: The letters never said which office wanted what.\n\n"
        "Interviewer: Thanks, Søren here again: what happened next?\n", encoding="utf-8")
    sub = tmp_path / "round 2"
    sub.mkdir()
    (sub / "P07.md").write_text("P07: The portal logged me out while uploading my lease.\n", encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text("P99: secret notes kept elsewhere\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(outside)
    utter, quarantine = read_interviews(tmp_path)
    everything = utter.to_csv() + quarantine.to_csv()
    for name in ("Rosalind", "Abernathy", "Søren", "Lindqvist", "Marcus", "José", "secret"):
        assert name not in everything, name
    assert set(utter["source_file"]) == {"round 2/P07.md", next(s for s in utter["source_file"] if s.startswith("P-"))}
    assert utter.loc[utter["source_file"] == "round 2/P07.md", "participant"].tolist() == ["P07"]
    assert {"S1", "S2"} <= set(utter["speaker"]) and (utter.loc[utter["speaker"].isin(["S1", "S2"]), "role"]
                                                     == "other").all()
    (linked,) = quarantine[quarantine["kind"] == "file"]["reason"]
    assert "outside the interview folder" in linked


def test_an_error_about_a_file_named_after_a_person_does_not_name_them(tmp_path):
    (tmp_path / "Notes Rosalind Abernathy.md").write_bytes(b"")
    with pytest.raises(IngestError, match="file is empty") as info:
        read_interviews(tmp_path)
    assert "Rosalind" not in str(info.value) and "Abernathy" not in str(info.value)
