import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import NotFittedError

from hcd.themes import UNASSIGNED, ThemeModel, describe_themes

HOLD = ["I waited on hold for hours and the phone line kept disconnecting",
        "nobody answers the phone line, on hold again for two hours",
        "the call center hung up on me after an hour on hold"]
DOCS = ["they lost my pay stubs and asked for the same documents again",
        "I uploaded my documents three times and they still say documents missing",
        "had to send pay stubs and bank statements to every agency again"]
CARD = ["my EBT card never arrived in the mail", "the replacement EBT card was not activated",
        "EBT card declined at the store, benefits not loaded"]


def _texts():
    return HOLD + DOCS + CARD


def test_fit_finds_the_planted_groups():
    m = ThemeModel(n_themes=3, random_state=0).fit(_texts())
    labels = m.labels_
    assert len(set(labels[:3])) == 1 and len(set(labels[3:6])) == 1 and len(set(labels[6:])) == 1
    assert len(set(labels)) == 3
    assert m.n_themes_ == 3
    assert any("hold" in lab or "phone" in lab for lab in m.themes_["label"])
    assert m.themes_["size"].sum() == 9


def test_deterministic_for_a_seed():
    a = ThemeModel(n_themes=3, random_state=7).fit(_texts())
    b = ThemeModel(n_themes=3, random_state=7).fit(_texts())
    assert a.labels_.tolist() == b.labels_.tolist()
    assert a.themes_["label"].tolist() == b.themes_["label"].tolist()


def test_auto_reports_its_curve():
    m = ThemeModel(n_themes="auto", min_themes=2, max_themes=4, random_state=0).fit(_texts())
    assert m.selection_curve_["k"].tolist() == [2, 3, 4]
    assert m.n_themes_ in (2, 3, 4)


def test_transform_predict_and_unassigned():
    m = ThemeModel(n_themes=3, random_state=0).fit(_texts())
    sims = m.transform(["on hold for hours on the phone"])
    assert sims.shape == (1, 3)
    assert m.predict(["on hold for hours on the phone"])[0] == m.labels_[0]
    assert m.predict(["zebra giraffe"])[0] == UNASSIGNED


def test_input_validation():
    with pytest.raises(TypeError, match="single string"):
        ThemeModel().fit("one text")
    with pytest.raises(TypeError, match="one column"):
        ThemeModel().fit(pd.DataFrame({"a": ["x"]}))
    with pytest.raises(ValueError, match="n_themes"):
        ThemeModel(n_themes=1).fit(_texts())
    with pytest.raises(ValueError, match="method"):
        ThemeModel(method="lda").fit(_texts())
    with pytest.raises(NotFittedError):
        ThemeModel().predict(["x"])


def test_nmf_method():
    m = ThemeModel(n_themes=3, method="nmf", random_state=0).fit(_texts())
    assert len(set(m.labels_)) == 3


def test_describe_themes_severity_and_quotes():
    texts = _texts()
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(9)], "text": texts,
                         "source": [f"f.md:{i}" for i in range(9)],
                         "participant": ["P1", "P2", "P3"] * 3, "agency": [""] * 9})
    m = ThemeModel(n_themes=3, random_state=0).fit(texts)
    themes = describe_themes(docs, m, n_quotes=2)
    assigned = themes[themes["theme_id"] >= 0]
    assert np.isclose(assigned["share"].sum(), 1.0)
    assert themes["severity"].is_monotonic_decreasing
    assert all(len(q) == 2 and {"text", "source", "doc_id"} <= set(q[0]) for q in assigned["quotes"])
    assert themes.iloc[-1]["theme_id"] == UNASSIGNED
