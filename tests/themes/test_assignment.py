"""Assigning texts to fitted themes in chunks and worker processes gives the serial result, in order."""

from __future__ import annotations

import random

import numpy as np
import pytest

import hcd.themes.assignment as assignment
from hcd.themes import ThemeModel
from hcd.themes.assignment import assign_texts, canonical_order

TOPICS = ["waited on hold for hours and nobody answered the phone", "they lost my pay stubs and asked again",
          "the portal locked me out after the password reset", "my benefit payment was late again this month",
          "the letter said my claim was denied without a reason"]


def _texts(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return [f"{rng.choice(TOPICS)} {rng.choice(['today', 'again', 'twice', ''])} case {i % 7}" for i in range(n)]


@pytest.fixture(scope="module")
def fitted() -> tuple[ThemeModel, list[str]]:
    texts = _texts(300)
    return ThemeModel(n_themes=4, min_df=1, sample_size=120, random_state=0).fit(texts), texts


def test_workers_give_the_serial_assignment_in_order(fitted, monkeypatch):
    model, texts = fitted
    kinds = np.array(["complaint"] * len(texts), dtype=object)
    serial = assign_texts(model, texts, kinds)
    monkeypatch.setattr(assignment, "PARALLEL_FROM", 10)
    monkeypatch.setattr(assignment, "CHUNK", 37)
    labels, sims = assign_texts(model, texts, kinds, workers=2)
    assert labels.tolist() == serial[0].tolist() and np.allclose(sims, serial[1])
    assert labels.tolist() == model.predict(texts).tolist()  # the same as the model's own predict
    assert len(labels) == len(texts)


def test_a_sampled_fit_assigns_every_text(fitted):
    model, texts = fitted
    assert model.n_fit_ == 120 and len(model.labels_) == len(texts)
    assert model.labels_.tolist() == model.predict(texts).tolist()
    assert int(model.themes_["size"].sum()) == len(texts)


def test_canonical_order_is_sorted_order():
    rng = random.Random(3)
    texts = [rng.choice(["b", "a", "c", "ab", "", "a"]) for _ in range(200)]
    kinds = [rng.choice(["x", "y", ""]) for _ in range(200)]
    expected = sorted(range(200), key=lambda i: (texts[i], kinds[i]))
    assert canonical_order(texts, kinds).tolist() == expected


def test_no_texts():
    model = ThemeModel(n_themes=2, min_df=1, random_state=0).fit(_texts(20))
    labels, sims = assign_texts(model, [], np.array([], dtype=object))
    assert labels.shape == (0,) and sims.shape == (0,)
