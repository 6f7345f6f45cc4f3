"""Researcher overrides: applied after fitting, deterministically, with clear errors."""

import numpy as np
import pandas as pd
import pytest

from hcd.errors import ConfigError
from hcd.themes import ThemeModel
from hcd.themes.overrides import apply_overrides, load_overrides

THEMES = pd.DataFrame({"theme_id": [0, 1, 2, -1],
                       "label": ["hold / phone / hours", "pay stubs / documents", "ebt card / mail", "Unassigned"],
                       "terms": ["hold, phone, hours", "pay stubs, documents, copies", "ebt card, mail", ""]})
TEXTS = ["on hold for hours", "the phone line hung up", "they lost my pay stubs", "sent documents again",
         "my EBT card never came", "the identity check failed, selfie rejected", "nothing useful"]
IDS = [f"d{i}" for i in range(len(TEXTS))]
LABELS = [0, 0, 1, 1, 2, 0, -1]


def _write(tmp_path, text):
    f = tmp_path / "overrides.yml"
    f.write_text(text, encoding="utf-8")
    return load_overrides(f)


def test_all_actions_in_order(tmp_path):
    o = _write(tmp_path, """
merge:
  - [pay stubs, ebt card]
split:
  - theme: 0
    into:
      - {label: Dropped calls, keywords: [hung up]}
pin:
  - {label: Identity proofing, keywords: [identity, selfie]}
move:
  - {item: d6, to: hold}
rename:
  pay stubs: Asked again for documents
""")
    labels, names, log = apply_overrides(LABELS, TEXTS, IDS, THEMES, o)
    assert labels.tolist() == [0, 3, 1, 1, 1, 4, 0]
    assert names == {3: "Dropped calls", 4: "Identity proofing", 1: "Asked again for documents"}
    assert log["action"].tolist() == ["merge", "split", "pin", "move", "rename"]
    assert log["items"].tolist() == [1, 1, 1, 1, 3]


def test_ambiguous_or_unknown_references_are_errors(tmp_path):
    o = _write(tmp_path, "rename:\n  phone: x\n  documents: y\n  9: z\n")
    with pytest.raises(ConfigError, match=r"rename\[9\].*theme 9 does not exist"):
        apply_overrides(LABELS, TEXTS, IDS, THEMES, o)
    o = _write(tmp_path, "rename:\n  o: x\n")
    with pytest.raises(ConfigError, match=r"matches 2 themes \(0: hold / phone / hours; 1: pay stubs"):
        apply_overrides(LABELS, TEXTS, IDS, THEMES, o)
    o = _write(tmp_path, "move:\n  - {item: nope, to: 1}\n")
    with pytest.raises(ConfigError, match="no item with doc_id 'nope'"):
        apply_overrides(LABELS, TEXTS, IDS, THEMES, o)


def test_bad_file_lists_every_problem(tmp_path):
    with pytest.raises(ConfigError) as info:
        _write(tmp_path, "merge:\n  - [1]\nsplit:\n  - theme: 0\n    into:\n      - {label: A, pattern: '(['}\n"
                         "pin:\n  - {keywords: [x]}\ncolour: red\n")
    fields = [p[0] for p in info.value.problems]
    assert fields == ["colour", "merge[0]", "split[0].into[0].pattern", "split[0].into[0]", "pin[0].label"]


def test_model_follows_the_overrides(tmp_path):
    texts = ["waited on hold for hours on the phone"] * 4 + ["they lost my pay stubs and documents"] * 4
    m = ThemeModel(n_themes=2, min_df=1, random_state=0).fit(texts)
    o = _write(tmp_path, "merge:\n  - [0, 1]\nrename:\n  0: Everything\n")
    labels, names, _ = apply_overrides(m.labels_, texts, [str(i) for i in range(8)], m.themes_, o)
    m.set_themes(texts, labels, names)
    assert m.theme_ids_.tolist() == [0] and m.n_themes_ == 1
    assert m.themes_.set_index("theme_id").loc[0, "label"] == "Everything"
    assert m.predict(["on hold again"]).tolist() == [0]
    assert np.all(m.similarity_ > 0)


def test_two_themes_renamed_alike_keep_distinct_labels():
    texts = ["hold music for hours on the phone line"] * 6 + ["the upload page rejected my pay stub pdf"] * 6
    model = ThemeModel(n_themes=2, random_state=0).fit(texts)
    model.set_themes(texts, model.labels_, {0: "Same name", 1: "Same name"})
    labels = model.themes_.loc[model.themes_["theme_id"] >= 0, "label"].tolist()
    assert len(set(labels)) == 2 and all(label.startswith("Same name") for label in labels)


def test_split_parts_and_pins_can_list_items(tmp_path):
    o = _write(tmp_path, """
split:
  - {theme: 0, into: [{label: Picked, items: [d1, d5]}]}
pin:
  - {label: Lost mail, items: [d4], keywords: [stubs]}
""")
    labels, names, log = apply_overrides(LABELS, TEXTS, IDS, THEMES, o)
    assert labels.tolist() == [0, 3, 4, 1, 4, 3, -1]  # d1, d5 split from 0; d4 listed and d2 matching "stubs" pinned
    assert names == {3: "Picked", 4: "Lost mail"} and log["items"].tolist() == [2, 2]
    o = _write(tmp_path, "split:\n  - {theme: 1, into: [{label: Picked, items: [d0]}]}\n")
    assert apply_overrides(LABELS, TEXTS, IDS, THEMES, o)[0].tolist() == LABELS  # d0 is not in theme 1
    o = _write(tmp_path, "pin:\n  - {label: Nothing, items: [d9]}\n")
    with pytest.raises(ConfigError, match=r"pin\[0\].items: no item with doc_id 'd9'"):
        apply_overrides(LABELS, TEXTS, IDS, THEMES, o)
    with pytest.raises(ConfigError, match="no keywords, no pattern and no items"):
        _write(tmp_path, "pin:\n  - {label: Empty}\n")
