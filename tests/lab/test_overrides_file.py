"""The overrides file as the curation view edits it: signed entries, comments kept, undo, the sprint reference."""

import re

import pytest
import yaml

from hcd.config import load_config
from hcd.errors import HcdError, OverridesError
from hcd.lab.overrides_file import OverridesFile, reference_overrides
from hcd.themes.overrides import load_overrides
from tests.conftest import ROOT

HAND = """# Written by hand: keep this comment.
split:
  - theme: button
    into:
      - {label: "Online accounts", keywords: [password]}  # and this one
rename:
  pay stubs: "Asked again"
"""
WHEN = "2026-03-02T10:00:00-05:00"


def test_actions_are_signed_lines_that_keep_what_was_written_by_hand(tmp_path):
    f = OverridesFile(tmp_path / "o.yml")
    f.replace_text(HAND)
    sig = f.add([("merge", ["on hold", 3]), ("move", {"item": "12:30", "to": "yes"})], "Ana, Team #2", WHEN)
    assert sig.number == 1
    f.rename("appeal", "Appeals: and hearings", "Bo", WHEN)
    text = f.text()
    assert text.startswith("# Written by hand: keep this comment.\nmerge:\n")  # merge goes first, as applied
    assert "# and this one" in text and 'pay stubs: "Asked again"\n' in text
    assert '  - ["on hold", 3]  # action 1 by Ana, Team 2, 2026-03-02T10:00:00-05:00\n' in text
    assert '"appeal": "Appeals: and hearings"  # action 2 by Bo, 2026-03-02T10:00:00-05:00' in text
    data = yaml.safe_load(text)  # the reader hcd uses: YAML 1.1, where 12:30 unquoted would be a number
    assert data["move"] == [{"item": "12:30", "to": "yes"}]
    o = load_overrides(f.path)
    assert o.move == (("12:30", "yes"),) and o.merge == (("on hold", 3),)
    assert list(f.history()[["action", "who", "section"]].itertuples(index=False, name=None)) == [
        (1, "Ana, Team 2", "merge"), (1, "Ana, Team 2", "move"), (2, "Bo", "rename")]


def test_undo_takes_back_the_last_action_and_restores_replaced_labels(tmp_path):
    f = OverridesFile(tmp_path / "o.yml", header="# header of a new file\n")
    f.add([("pin", {"label": "Language", "keywords": ["interpreter"]})], "ana", WHEN)
    f.rename("hold", "First", "ana", WHEN)
    f.rename("hold", "Second", "bo", WHEN)
    assert f.text().startswith("# header of a new file\n")
    assert dict(load_overrides(f.path).rename) == {"hold": "Second"} and f.text().count('"hold"') == 1
    f.replace_text(f.text() + 'move:\n  - {item: "x", to: 1}\n')  # a hand edit between actions is kept
    assert f.undo().number == 3 and dict(load_overrides(f.path).rename) == {"hold": "First"}
    assert "# action 2 by ana" in f.text()
    assert f.undo().number == 2 and dict(load_overrides(f.path).rename) == {}
    assert f.undo().number == 1 and load_overrides(f.path).pin == ()
    assert f.undo() is None
    assert load_overrides(f.path).move == (("x", 1),)
    f2 = OverridesFile(tmp_path / "o2.yml", header="# header\n")
    f2.replace_text(HAND)
    f2.rename("stubs", "Changed", "ana", WHEN, replace="pay stubs")  # the same theme, named otherwise
    assert dict(load_overrides(f2.path).rename) == {"pay stubs": "Changed"}
    f2.undo()
    assert f2.text() == HAND  # a hand-written label comes back as it was, without a comment


def test_undo_of_the_last_entry_keeps_the_opening_comments(tmp_path):
    f = OverridesFile(tmp_path / "o.yml", header="# new\n")
    f.replace_text("# mine\n")
    f.add([("move", {"item": "a", "to": 1})], "ana", WHEN)
    assert f.text().startswith("# mine\n")
    f.undo()
    assert f.text() == "# mine\n"


def test_a_file_that_would_not_read_back_is_never_written(tmp_path):
    f = OverridesFile(tmp_path / "o.yml")
    f.replace_text(HAND)
    with pytest.raises(OverridesError, match=r"pin\[0\]"):
        f.add([("pin", {"label": "No rule"})], "ana", WHEN)
    assert f.text() == HAND
    f.replace_text("- just a list\n")
    with pytest.raises(OverridesError, match="is not a mapping of sections"):
        f.add([("pin", {"label": "x", "keywords": ["y"]})], "ana", WHEN)


@pytest.mark.parametrize("parameters", [
    "parameters:\n  seed: 7   # keep me\n",
    "parameters:\n    seed: 7\n",
    "parameters: {seed: 7}  # keep me\n",
    "",
])
def test_the_sprint_file_gets_one_line_and_nothing_else_changes(tmp_path, parameters):
    sprint = tmp_path / "s.yml"
    csv = ROOT / "complaints" / "financial-shock.csv"
    head = f"# my sprint\nname: demo\ninputs:\n  complaints:\n    - path: {csv}\n"
    sprint.write_text(head + parameters + "output: out\n", encoding="utf-8")
    (tmp_path / "demo-overrides.yml").write_text("", encoding="utf-8")
    reference_overrides(sprint, tmp_path / "demo-overrides.yml", "added by hcd curation")
    text = sprint.read_text(encoding="utf-8")
    cfg = load_config(sprint, check_notebooks=False)
    assert cfg.parameters.theme_overrides == tmp_path / "demo-overrides.yml"
    before, after = (head + parameters + "output: out\n").splitlines(), text.splitlines()
    if parameters.startswith("parameters: {"):  # the one line gains the key, keeping its comment
        line = after[len(head.splitlines())]
        assert line == 'parameters: {seed: 7, theme_overrides: "demo-overrides.yml"}  # keep me'
    else:  # one line more (two when there was no parameters: section), the others as they were
        added = [line for line in after if line not in before]
        assert [line for line in after if line not in added] == before
        assert added[-1].strip().startswith('theme_overrides: "demo-overrides.yml"')
        assert len(added) == (1 if parameters else 2)
    if parameters:
        assert cfg.parameters.seed == 7


def test_a_sprint_file_it_cannot_edit_is_left_as_it_was(tmp_path):
    sprint = tmp_path / "s.yml"
    original = (f"name: demo\ninputs:\n  complaints:\n    - path: {ROOT / 'complaints' / 'financial-shock.csv'}\n"
                "parameters: {seed: 7,\n  n_themes: 4}\n")
    sprint.write_text(original, encoding="utf-8")
    (tmp_path / "o.yml").write_text("", encoding="utf-8")
    with pytest.raises(HcdError, match=re.escape("add the line 'theme_overrides: o.yml' under parameters: by hand")):
        reference_overrides(sprint, tmp_path / "o.yml")
    assert sprint.read_text(encoding="utf-8") == original
