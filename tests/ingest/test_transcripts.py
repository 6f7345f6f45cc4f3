"""Timed transcripts (Teams/Zoom WebVTT, SRT): cues, turns, speakers and their roles."""

import pytest

from hcd.config import InterviewSource
from hcd.errors import IngestError
from hcd.ingest.interviews import parse_interview, read_interviews
from hcd.ingest.transcripts import merge_turns, parse_cues

TEAMS = """WEBVTT

3f1a/12-0
00:00:03.210 --> 00:00:07.950
<v Priya Raman>Thanks for joining. Can you tell me what happened?</v>

3f1a/12-1
00:00:08.400 --> 00:00:12.120
<v Marcus Delgado>Sure. I'm Marcus Delgado, I lost my job in June</v>

3f1a/12-2
00:00:12.300 --> 00:00:16.000
<v Marcus Delgado>and the identity check failed three times, so I waited on hold for hours.</v>

NOTE this block is a comment

3f1a/12-3
00:00:17.000 --> 00:00:19.500
<v Priya Raman>What happened next?</v>

3f1a/12-4
00:00:20.000 --> 00:00:25.500
<v Marcus Delgado>They asked for my pay stubs again, call me at 555-010-7788.</v>
"""

ZOOM_SRT = """1
00:00:02,140 --> 00:00:06,880
Jordan Okafor: Hi, thanks for making time today. How did it start?

2
00:00:07,300 --> 00:00:11,020
Luz Herrera: My hours got cut at the store and I applied for SNAP by phone.

3
00:00:11,500 --> 00:00:15,000
Luz Herrera: Nobody called back for two weeks.

4
00:00:15,400 --> 00:00:17,000
Jordan Okafor: Did anyone help you?

5
00:00:17,400 --> 00:00:21,000
Luz Herrera: A navigator did, eventually.
"""


def test_teams_vtt_with_sidecar_metadata(tmp_path):
    (tmp_path / "P15.vtt").write_text(TEAMS, encoding="utf-8")
    (tmp_path / "P15.yml").write_text("participant: P15\nname: Marcus Delgado\ninterviewer: Priya Raman\n"
                                      "segment: seasonal worker\nprograms: [Unemployment Insurance]\n",
                                      encoding="utf-8")
    utter, quarantine = read_interviews(tmp_path)
    assert len(quarantine) == 0
    assert utter["role"].tolist() == ["interviewer", "participant", "interviewer", "participant"]
    assert utter["speaker"].tolist() == ["I1", "P15", "I1", "P15"]
    # consecutive cues of one speaker are one turn; line and start point at its first cue
    turn = utter.iloc[1]
    assert turn["line"] == 8 and turn["timestamp"] == "00:00:08.400"
    assert turn["text"].endswith("so I waited on hold for hours.")
    assert turn["utterance_id"] == "P15.vtt:8"
    text = " ".join(utter["text"])
    assert "Marcus" not in text and "Delgado" not in text and "555-010-7788" not in text
    assert "[NAME]" in text and "[PHONE]" in text
    assert utter["segment"].iloc[0] == "seasonal worker" and utter["interviewer"].iloc[0] == "I1"


def test_srt_without_metadata_guesses_the_interviewer_from_questions(tmp_path, caplog):
    f = tmp_path / "P16.srt"
    f.write_text(ZOOM_SRT, encoding="utf-8")
    utter = parse_interview(f)
    assert utter["role"].tolist() == ["interviewer", "participant", "interviewer", "participant"]
    assert utter["speaker"].tolist() == ["I?", "P16", "I?", "P16"]
    assert utter["timestamp"].tolist()[:2] == ["00:00:02.140", "00:00:07.300"]
    assert "Nobody called back" in utter["text"].iloc[1]
    assert "Herrera" not in " ".join(utter["text"])
    assert "asks more questions" in caplog.text


def test_speakers_mapping_in_the_sprint_config_wins(tmp_path):
    f = tmp_path / "x.srt"
    f.write_text(ZOOM_SRT, encoding="utf-8")
    src = InterviewSource(path=tmp_path, speakers={"Luz Herrera": "interviewer", "Jordan Okafor": "participant"})
    utter, _ = read_interviews(src)
    assert utter["role"].tolist() == ["participant", "interviewer", "participant", "interviewer"]
    assert set(utter["speaker"]) == {"x", "I1"}


def test_three_unknown_speakers_are_kept_as_other(tmp_path):
    srt = ZOOM_SRT + "\n6\n00:00:22,000 --> 00:00:23,000\nSam Ito: I'm her brother, I translated.\n"
    f = tmp_path / "y.srt"
    f.write_text(srt, encoding="utf-8")
    utter = parse_interview(f)
    assert set(utter["role"]) == {"other"}
    assert set(utter["speaker"]) == {"S1", "S2", "S3"}


def test_blocks_that_are_not_cues_are_quarantined(tmp_path):
    bad = TEAMS.replace("00:00:17.000 --> 00:00:19.500\n", "")
    (tmp_path / "t.vtt").write_text(bad, encoding="utf-8")
    utter, quarantine = read_interviews(tmp_path)
    assert quarantine[["line", "reason"]].values.tolist() == [[17, "block has no time range "
                                                                    "('00:00:01.000 --> 00:00:04.000')"]]
    assert len(utter) == 2  # the participant's two runs are now one turn after the broken cue


@pytest.mark.parametrize(("name", "content", "message"), [
    ("a.vtt", "1\n00:00:01.000 --> 00:00:02.000\nhello\n", "first line must be 'WEBVTT'"),
    ("b.srt", "just some text\nwith no cues\n", "no cues found"),
    ("c.vtt", "", "file is empty"),
])
def test_bad_transcripts_give_clear_errors(tmp_path, name, content, message):
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError, match=message) as info:
        parse_interview(f)
    assert name in str(info.value)


def test_cue_parser_handles_short_timestamps_and_styling():
    cues, problems = parse_cues("WEBVTT\n\n01:02.500 --> 01:04.000\n<v.loud Ana>I <b>never</b> got it</v>\n",
                                "s.vtt")
    assert problems == []
    assert cues[0].start == "00:01:02.500" and cues[0].speaker == "Ana" and cues[0].text == "I never got it"
    assert [t.cues for t in merge_turns(cues)] == [1]
