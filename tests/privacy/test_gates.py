"""The redaction rules' gates only skip work: every text is redacted as if every regex had scanned it."""

from __future__ import annotations

import random
import re

import pytest

from hcd.privacy import Redactor, learn_from, redact_and_learn, redact_many
from hcd.privacy._rules import _S, _W, RULES, Probe, trie
from hcd.privacy.redactor import _redact
from tests.privacy.planted import plant

TRICKY = [
    "My case worker, Dana Whitfield, said call 555 010 4477.", "ssn:123456789", "Tax ID 123-45-6789 filed",
    "d.ob 01/02/1980", "DO.B: 3/4/1977", "born on March 3, 1990", "reach me at 010-4477 please",
    "account#AB-12345 and ID1234 and case no. 99887", "Claim   number   is   UI-2026-048213", "form HUD-90041",
    "+44 20 7946 0958", "0044 161 496 0000", "(555)010-4477", "1-555-010-4477", "PO Box 1234", "P.O. Box 88",
    "12 N. Alder Street, Apt 4B", "I am Writing To you", "THIS IS NOT MY ACCOUNT", "I'm Caoimhe de la Cruz.",
    "Mr. Ó Súilleabháin", "Dr Patel", "Ms.Okafor", "Sincerely,\nPriya Natarajan", "Thanks, Sarah", "thanks,\n\nBo Li ",
    "my name is maria gonzalez.", "My Name Is Dana", "mY nAmE iS Dana", "the person I spoke to", "my rep,  Jo Cole",
    "ſocial 123-45-6789", "İ am Dana", "KELVIN: call me Dana", "my landlord\tRosa Diaz", "this is\nDana Cole",
    "I’m Dana", "XXXX XXXX called me", "My name is XXXX XXXX and I", "our navigator,Tom Becker",
]


def _corpus(shared_texts: list[str]) -> list[str]:
    rng = random.Random(20261206)
    base = [t for seed in (1, 2, 3) for _, t, _ in plant(seed, 20)] + TRICKY + shared_texts
    mixed = []
    for _ in range(1500):
        pieces = []
        for text in rng.sample(base, 3):
            a = rng.randrange(len(text))
            pieces.append(text[a:a + rng.randint(5, 160)])
        t = rng.choice([" ", "\n", ", ", ". ", "; "]).join(pieces)
        mixed.append(t.upper() if rng.random() < 0.2 else t.lower() if rng.random() < 0.2 else t)
    return base + mixed


@pytest.fixture(scope="module")
def corpus(shared) -> list[str]:
    import pandas as pd

    texts = pd.read_csv(shared / "cfpb_dev.csv", dtype=str, keep_default_na=False)["Consumer complaint narrative"]
    return _corpus(texts.tolist())


def test_ascii_classes_are_what_the_regex_engine_reads():
    for code in range(128):
        c = chr(code)
        assert bool(re.fullmatch(r"\s", c)) == bool(re.fullmatch(_S, c)), repr(c)
        assert bool(re.fullmatch(r"\w", c)) == bool(re.fullmatch(_W, c)), repr(c)


def test_trie_matches_exactly_its_words():
    words = ["call", "cell", "cellphone", "tel", "a b"]
    rx = re.compile(f"(?:{trie(words)})\\Z")
    assert all(rx.match(w) for w in words)
    assert not any(rx.match(w) for w in ("ca", "cel", "cellp", "te", "a", "b"))


@pytest.mark.parametrize("redactor", [Redactor(), Redactor(names=["Dana Whitfield", "Rosa"]),
                                      Redactor(learned=["Cooper", "Sarah", "Lindqvist"]),
                                      Redactor(patterns={"member": r"\bM\d{6}\b"})])
def test_gated_redaction_equals_every_rule_on_every_text(corpus, redactor):
    diffs = [t for t in corpus if _redact(redactor, t) != _redact(redactor, t, gated=False)]
    assert diffs == []
    names = [t for t in corpus if redactor.names_in(t) != redactor._names_in(t, Probe(t), gated=False)]
    assert names == []


def test_gates_skip_most_rules_on_real_complaints(corpus):
    probes = [Probe(t) for t in corpus[-1500:]]
    passed = sum(bool(r.check(p)) for r in RULES if r.check for p in probes)
    assert passed < 0.2 * len(probes) * len(RULES)  # most regexes never scan most texts


def test_redact_and_learn_equals_learning_then_redacting(monkeypatch):
    import hcd.privacy.parallel as parallel

    texts = ([f"Complaint {i}: the agent lost my form; call 555-010-{2000 + i}" for i in range(30)]
             + ["Hi, I'm Rosalind Abernathy.", "Rosalind said no", "ROSALIND again", "no names", ""]
             + [f"case {i} fine" for i in range(20)] + ["Thanks, Rosalind."])
    red = Redactor()
    expected_red = learn_from(red, texts)
    expected = [expected_red.redact(t) for t in texts]
    assert redact_and_learn(red, texts) == (expected, expected_red)  # serial
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10)
    monkeypatch.setattr(parallel, "CHUNK", 7)
    counted = []
    out, learned = redact_and_learn(red, texts, workers=2, progress=counted.append)
    assert out == expected and learned == expected_red and sum(counted) == len(texts)
    assert out[31:33] == ["[NAME] said no", "[NAME] again"]
    assert redact_many(expected_red, texts, workers=2) == expected
    disabled = Redactor(enabled=False)
    assert redact_and_learn(disabled, texts) == (texts, disabled)


def test_unchanged_texts_are_the_same_objects(monkeypatch):
    import hcd.privacy.parallel as parallel

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10)
    monkeypatch.setattr(parallel, "CHUNK", 7)
    texts = [f"nothing personal here {i}" for i in range(30)]
    out, _ = redact_and_learn(Redactor(), texts, workers=2)
    assert all(a is b for a, b in zip(out, texts, strict=True))  # nothing copied back from the workers


def test_plain_digit_ids_need_no_redactor():
    """safe_id's shortcut for ids of plain digits agrees with asking every rule."""
    from hcd.privacy import personal_kinds, safe_id

    rng = random.Random(5)
    ids = [str(rng.randint(0, 10 ** rng.randint(1, 16))) for _ in range(3000)]
    ids += ["0044161496000", "00123456", "123456789", "5550104477", "0", "9" * 15]
    learned = Redactor(learned=["Cooper"])
    for value in ids:
        flagged = bool(personal_kinds(value, learned) - {"CASE_ID"})
        assert (safe_id(value, learned, "C") != value) == flagged, value
