"""The journey file: validation of cards, transitions, durations and targets."""

import pytest

from hcd.errors import JourneyError
from hcd.journeys import load_journey, parse_journey
from hcd.journeys.durations import format_duration, parse_duration
from tests.conftest import ROOT
from tests.journeys.conftest import small_spec

SAMPLES = sorted((ROOT / "journeys").glob("*.yml"))


def test_sample_journeys_validate_and_say_they_are_fictional():
    assert len(SAMPLES) >= 1
    for path in SAMPLES:
        j = load_journey(path)
        assert j.fictional, path
        assert "FICTIONAL" in path.read_text(encoding="utf-8").splitlines()[0], path
        assert j.targets, f"{path.name} has no time targets"


def test_cards_carry_the_blueprint_fields():
    j = parse_journey(small_spec())
    apply_a = j.touchpoints[0]
    assert apply_a.requirements.items() == [("document", "Pay stubs"), ("identity", "photo ID"),
                                            ("data", "household income")]
    assert apply_a.time.expected == pytest.approx(20 / 1440)
    assert apply_a.time.observed == pytest.approx(1 / 24)
    # a plain list of requirements means documents; bare numbers for time are minutes
    apply_b = j.touchpoints[2]
    assert apply_b.requirements.documents == ("pay stubs", "lease")
    assert apply_b.time.observed == pytest.approx(45 / 1440)
    assert j.transitions[2].observed_days == 21
    assert j.targets[1].source == ("apply-a",) and j.targets[1].target == 7


def test_validation_errors_are_all_reported():
    bad = small_spec(
        touchpoints=[{"id": "x", "name": "X", "stage": "nope", "agency": "a", "channel": "web"},
                     {"id": "x", "name": "X2", "stage": "s1", "agency": "zzz", "channel": "web"}],
        transitions=[{"from": "x", "to": "ghost"}],
        targets=[{"id": "t", "name": "T", "target": "1 day", "from": ["x"], "to": ["nowhere"]}])
    with pytest.raises(JourneyError) as info:
        parse_journey(bad, "j.yml")
    msg = str(info.value)
    assert "j.yml" in msg
    assert "duplicate touchpoint id 'x'" in msg
    assert "unknown stage 'nope'" in msg
    assert "unknown agency 'zzz'" in msg
    assert "'to: ghost' is not a touchpoint id (dangling edge)" in msg
    assert "target 't': to 'nowhere' is not a touchpoint id" in msg


@pytest.mark.parametrize(("change", "expected"), [
    ({"channel": "pigeon"}, r"touchpoints\[0\] \(apply-a\)\.channel"),
    ({"emotion": 5}, r"emotion: Input should be less than or equal to 2"),
    ({"time": {"observed": "a while"}}, r"time\.observed: 'a while' is not a duration"),
    ({"colour": "red"}, r"colour: Extra inputs are not permitted"),
])
def test_card_errors_name_the_touchpoint_and_field(change, expected):
    spec = small_spec()
    spec["touchpoints"][0] = {**spec["touchpoints"][0], **change}
    with pytest.raises(JourneyError, match=expected):
        parse_journey(spec, "j.yml")


def test_target_needs_one_form():
    spec = small_spec(targets=[{"id": "t", "name": "T", "target": "1 day", "touchpoints": ["paid"],
                                "from": ["apply-a"], "to": ["paid"]}])
    with pytest.raises(JourneyError, match="either touchpoints"):
        parse_journey(spec)
    with pytest.raises(JourneyError, match="needs both from and to"):
        parse_journey(small_spec(targets=[{"id": "t", "name": "T", "target": "1 day", "to": ["paid"]}]))


def test_bad_files(tmp_path):
    f = tmp_path / "j.yml"
    f.write_text("id: [x\n", encoding="utf-8")
    with pytest.raises(JourneyError, match=r"j.yml:\n  line 2: not valid YAML"):
        load_journey(f)
    f.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(JourneyError, match="not UTF-8"):
        load_journey(f)
    f.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(JourneyError, match="expected a mapping"):
        load_journey(f)


def test_durations():
    assert parse_duration("1 h 30 min") == pytest.approx(1.5 / 24)
    assert parse_duration("2 weeks") == 14
    assert parse_duration(90, "minutes") == pytest.approx(90 / 1440)
    for bad in ("soon", "3 fortnights", -1, True):
        with pytest.raises(ValueError):
            parse_duration(bad)
    assert [format_duration(x) for x in (10 / 1440, 0.5, 3.0, float("nan"))] == ["10 min", "12 h", "3 days", "n/a"]
