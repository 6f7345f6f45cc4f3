"""The one YAML reader: syntax errors with lines, readable fields, "did you mean", one error type per file kind."""

import logging
import pickle
from pathlib import Path

import pytest
from pydantic import ConfigDict, model_validator

from hcd.config import load_config
from hcd.errors import (
    ActionPatternError,
    CodebookError,
    ConfigError,
    FileFormatError,
    FrontMatterError,
    HcdError,
    IngestError,
    InstrumentError,
    JourneyError,
    OverridesError,
)
from hcd.ingest.interviews import parse_interview
from hcd.journeys import load_journey
from hcd.plan.draft import load_action_patterns
from hcd.self_assessment.instruments import load_instrument
from hcd.themes.codebooks import load_codebook
from hcd.themes.overrides import load_overrides
from hcd.yaml_files import (
    YamlModel,
    did_you_mean,
    field_path,
    invalid,
    invalid_all,
    load_yaml,
    parse_yaml,
    validate_data,
)

# --------------------------------------------------------------------------- the reader


class Part(YamlModel):
    id: str
    size: int | str = 1


class Box(YamlModel):
    name: str
    parts: tuple[Part, ...] = ()

    @classmethod
    def cross_check(cls, data):
        ids = [p.get("id") for p in data.get("parts") or [] if isinstance(p, dict)]
        return [(("parts", i, "id"), f"duplicate id '{x}'", "give each part its own id")
                for i, x in enumerate(ids) if x in ids[:i]]


def _problems(text: str, error: type[FileFormatError] = FileFormatError) -> list[tuple[str, str, str]]:
    with pytest.raises(error) as info:
        parse_yaml(text, Box, error, source="box.yml")
    return info.value.problems


def test_valid_text_gives_the_model():
    box = parse_yaml("name: b\nparts:\n  - {id: a, size: 3}\n", Box, FileFormatError)
    assert box.name == "b" and box.parts[0].size == 3


def test_syntax_error_names_the_line_of_the_file():
    assert _problems("name: b\nparts: [\n  {id: a}\n")[0][0] == "line 4"  # where the list should have closed
    problem = _problems("name: b\n  parts: 1\n")[0]
    assert problem[:2] == ("line 2", "not valid YAML: mapping values are not allowed here")
    with pytest.raises(FileFormatError, match=r"box.yml: line 5: not valid YAML"):  # text from line 4 of a file
        parse_yaml("name: b\n  parts: 1\n", Box, FileFormatError, source="box.yml", first_line=4)


def test_unknown_key_gets_did_you_mean_in_nested_models():
    problems = _problems("name: b\nparts:\n  - {id: a, sise: 2}\nnmae: c\n")
    assert ("parts[0].sise", "unknown field", "remove it or correct its spelling; did you mean 'size'?") in problems
    assert any(f == "nmae" and "did you mean 'name'?" in fix for f, _, fix in problems)
    # nothing close: the known fields are listed
    assert any(f == "colour" and "known fields: name, parts" in fix for f, _, fix in _problems("name: b\ncolour: 1\n"))


def test_unknown_keys_come_first_and_union_members_give_one_problem():
    problems = _problems("parts:\n  - {id: a, size: [1]}\nextra: 1\n")
    assert [f for f, _, _ in problems] == ["extra", "name", "parts[0].size"]


def test_cross_checks_are_reported_with_the_field_errors():
    problems = _problems("parts:\n  - {id: a}\n  - {id: a}\n")
    assert [f for f, _, _ in problems] == ["name", "parts[1].id"]
    assert problems[1][1:] == ("duplicate id 'a'", "give each part its own id")


def test_own_messages_and_fixes_from_validators():
    class Checked(YamlModel):
        n: int

        @model_validator(mode="after")
        def _small(self):
            if self.n > 3:
                raise invalid("is too big", "use at most 3")
            if self.n < 0:
                raise invalid_all([(("n",), "is negative", "use 0 to 3"), ((), "and so is the whole", "")])
            return self

    with pytest.raises(FileFormatError) as info:
        validate_data({"n": 4}, Checked, FileFormatError)
    assert info.value.problems == [("", "is too big", "use at most 3")]
    with pytest.raises(FileFormatError) as info:
        validate_data({"n": -1}, Checked, FileFormatError)
    assert info.value.problems == [("n", "is negative", "use 0 to 3"), ("", "and so is the whole", "")]


def test_not_a_mapping_empty_and_unreadable(tmp_path):
    assert _problems("- a\n")[0][1].startswith("expected a mapping with name:, parts:")
    assert _problems("")[0][1].startswith("expected a mapping")

    class Defaults(YamlModel):
        size: int = 1

    assert parse_yaml("# only a comment\n", Defaults, FileFormatError, allow_empty=True).size == 1
    bad = tmp_path / "bad.yml"
    bad.write_bytes(b"name: \xff\n")
    with pytest.raises(CodebookError, match=r"bad.yml: not UTF-8 text"):
        load_yaml(bad, Box, CodebookError)
    with pytest.raises(CodebookError, match="cannot read"):
        load_yaml(tmp_path / "missing.yml", Box, CodebookError)


def test_field_paths_and_did_you_mean():
    data = {"items": [{"id": "v1"}, {"name": "x"}]}
    assert field_path(("items", 0, "wording"), data) == "items[0] (v1).wording"
    assert field_path(("items", 1, "wording"), data) == "items[1].wording"
    assert field_path(("items", 0, "wording"), data, name_entries=False) == "items[0].wording"
    assert field_path(("speakers", "Ann Lee")) == "speakers['Ann Lee']"
    assert did_you_mean("voices", ["voice", "other"]) == "did you mean 'voice'?"
    assert did_you_mean("voices", ["voice"], "dimensions") == "did you mean 'voice'? dimensions: voice"
    assert did_you_mean("zzz", ["voice"]) == ""


def test_extra_keys_allowed_by_a_model_are_kept_and_near_misses_logged(caplog):
    class Loose(YamlModel):
        model_config = ConfigDict(frozen=True, extra="allow")
        participant: str = ""

    with caplog.at_level(logging.WARNING, logger="hcd.yaml_files"):
        meta = parse_yaml("particpant: P1\nmood: fine\n", Loose, FileFormatError, source="n.md")
    assert meta.model_extra == {"particpant": "P1", "mood": "fine"}
    assert "n.md: particpant: unknown field" in caplog.text and "did you mean 'participant'?" in caplog.text
    assert "mood" not in caplog.text


def test_error_messages_one_line_or_one_per_problem():
    one = ConfigError("s.yml", [("name", "Field required", "add this field")])
    assert str(one) == "invalid sprint config s.yml: name: Field required (fix: add this field)"
    two = ConfigError("s.yml", [("name", "Field required", "add this field"), ("", "bad", "")])
    assert str(two) == ("invalid sprint config s.yml:\n  s.yml: name: Field required (fix: add this field)\n"
                        "  s.yml: bad")
    assert str(JourneyError("j.yml", ["line 2: not valid YAML"])) == "invalid journey j.yml:\n  line 2: not valid YAML"
    assert str(FrontMatterError("a.md", [("", "bad", "")], kind="interview metadata file")) == \
        "invalid interview metadata file a.md: bad"


def test_error_classes_keep_their_bases():
    for cls in (CodebookError, InstrumentError, OverridesError):
        assert issubclass(cls, ConfigError)
    for cls in (ConfigError, JourneyError, ActionPatternError, FrontMatterError):
        assert issubclass(cls, FileFormatError) and issubclass(cls, HcdError)
    assert issubclass(FrontMatterError, IngestError)
    err = FrontMatterError("a.md", [("line 3", "malformed", "fix it")], kind="interview metadata file")
    assert (err.line, err.fix, err.path) == (3, "fix it", Path("a.md"))
    again = pickle.loads(pickle.dumps(err))  # e.g. from a worker process
    assert type(again) is FrontMatterError and str(again) == str(err) and again.problems == err.problems


# --------------------------------------------------------------------------- every file kind


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


KINDS = [
    ("sprint config", ConfigError, "sprint.yml", "name: demo\ninputs:\n  interview: notes\n", load_config),
    ("codebook", CodebookError, "book.yml", "codes:\n  - {id: a, name: A, keyword: [x]}\n", load_codebook),
    ("theme overrides file", OverridesError, "overrides.yml", "renam:\n  3: New label\n", load_overrides),
    ("instrument", InstrumentError, "inst.yml", "id: x\nnmae: X\n", load_instrument),
    ("journey", JourneyError, "journey.yml", "id: j\nname: J\nstage: []\n", load_journey),
    ("action-pattern library", ActionPatternError, "patterns.yml",
     "patterns:\n  - {id: a, kind: K, keywords: [x], action: A, measure: ease, standrd: S}\n"
     "fallback: {id: f, kind: K, action: A, measure: ease, standard: S}\n", load_action_patterns),
]


@pytest.mark.parametrize(("kind", "error", "name", "text", "load"), KINDS, ids=[k[0] for k in KINDS])
def test_every_file_kind_names_its_kind_its_file_and_the_close_key(tmp_path, kind, error, name, text, load):
    path = _write(tmp_path, name, text)
    with pytest.raises(error) as info:
        load(path)
    message = str(info.value)
    assert message.startswith(f"invalid {kind} {path}")
    assert "did you mean '" in message
    others = {k for k, *_ in KINDS} - {kind}
    assert not any(f"invalid {other}" in message for other in others)


@pytest.mark.parametrize(("kind", "error", "name", "text", "load"), KINDS, ids=[k[0] for k in KINDS])
def test_every_file_kind_names_the_line_of_a_syntax_error(tmp_path, kind, error, name, text, load):
    path = _write(tmp_path, name, "name: x\nbroken: [a, b\n")
    with pytest.raises(error, match=rf"(?s)invalid {kind} .*{name}.*line 3: not valid YAML"):
        load(path)


def test_action_pattern_typo_is_a_clear_error_not_a_type_error(tmp_path):
    shipped = load_action_patterns()
    assert len(shipped[0]) >= 5 and shipped[1].id == "investigate"
    path = _write(tmp_path, "patterns.yml", "patterns:\n  - id: a\n    kind: K\n    keyword: [x]\n    action: A\n"
                                            "    measure: eas\n    standard: S\nfallback: {id: f, kind: K}\n")
    with pytest.raises(ActionPatternError) as info:
        load_action_patterns(path)
    message = str(info.value)
    assert message.startswith(f"invalid action-pattern library {path}")
    assert "patterns[0] (a).keyword: unknown field" in message and "did you mean 'keywords'?" in message
    assert "patterns[0] (a).measure: unknown A-11 measure 'eas'" in message and "did you mean 'ease'?" in message
    assert "fallback.action: Field required" in message
    assert "patterns[0] (a).keywords: a pattern without keywords never matches" in message


def test_bad_overrides_file_says_theme_overrides_not_sprint_config(tmp_path):
    path = _write(tmp_path, "overrides.yml", "merge:\n  - [1]\n")
    with pytest.raises(ConfigError) as info:
        load_overrides(path)
    message = str(info.value)
    assert isinstance(info.value, OverridesError)
    assert message.startswith(f"invalid theme overrides file {path}: merge[0]: needs a list of at least two themes")
    assert "sprint config" not in message
    with pytest.raises(OverridesError, match="overrides file not found"):
        load_overrides(tmp_path / "missing.yml")


def test_interview_front_matter_and_sidecar_errors_name_their_kind_file_and_line(tmp_path):
    notes = _write(tmp_path, "P1.md", "---\nparticipant: P1\nspeakers: [Ann]\n---\nP1: hi\n")
    with pytest.raises(IngestError) as info:
        parse_interview(notes)
    assert isinstance(info.value, FrontMatterError)
    assert str(info.value).startswith(f"invalid interview front matter {notes}: speakers: must map each speaker")
    notes.write_text("---\nparticipant: P1\nname: [Ann\n---\nP1: hi\n", encoding="utf-8")
    with pytest.raises(FrontMatterError, match=r"P1.md: line 3: malformed front matter") as info:
        parse_interview(notes)
    assert info.value.line == 3
    notes.write_text("P1: hi\n", encoding="utf-8")
    side = _write(tmp_path, "P1.yml", "participant: P1\nspeakers: {Ann: boss}\n")
    with pytest.raises(FrontMatterError, match=rf"invalid interview metadata file {side}: speakers"):
        parse_interview(notes)
    side.write_text("", encoding="utf-8")  # an empty sidecar is no metadata
    assert parse_interview(notes)["participant"].tolist() == ["P1"]
