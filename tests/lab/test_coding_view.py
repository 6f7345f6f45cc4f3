"""The coding session and widget, driven without a browser: code, save, resume, the CSV round trip, keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from hcd.errors import HcdError
from hcd.ingest.codings import read_codings
from hcd.lab.coding import CodingSession, open_coding, parse_entry
from hcd.lab.coding_view import AgreementView, CodingView, agreement, code_items
from hcd.schemas import CODINGS
from hcd.themes.codebooks import load_codebook
from tests.lab.conftest import make_tiny_run

BOOK = load_codebook("a11-drivers")


def _clock(start=datetime(2026, 12, 1, 9, 0, tzinfo=UTC)):
    now = [start]

    def tick():
        now[0] += timedelta(minutes=1)
        return now[0]
    return tick


def test_code_save_and_resume(tiny_sprint):
    session = open_coding(tiny_sprint, "ab")
    session.clock = _clock()
    assert len(session) == 6 and session.position == 0 and session.progress == (0, 6)
    first, second = session.items[0].doc_id, session.items[1].doc_id
    session.code({"efficiency", "ease"})
    session.code(set())  # no code applies: a decision too
    path = tiny_sprint.parent / "codings" / "ab.csv"
    saved = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(saved.columns) == list(CODINGS) and len(saved) == 2 * len(BOOK.codes)
    assert set(saved.loc[saved["applied"] == "1", "code"]) == {"efficiency", "ease"}
    assert set(saved.loc[saved["doc_id"] == first, "coded_at"]) == {"2026-12-01T09:01:00Z"}
    assert set(saved.loc[saved["doc_id"] == second, "applied"]) == {"0"}
    # a new session (the notebook reopened) resumes at the first item not coded, with the saved codes
    again = open_coding(tiny_sprint, "ab")
    assert again.position == 2 and again.progress == (2, 6)
    assert again.applied(first) == {"efficiency", "ease"} and again.applied(second) == set()
    # the CSV reads back as the pipeline reads it
    codings, quarantine = read_codings(path.parent, BOOK.name, BOOK.ids)
    assert quarantine.empty
    pd.testing.assert_frame_equal(codings, again.codings)


def test_back_recode_skip_and_done(tiny_sprint):
    session = open_coding(tiny_sprint, "ab")
    session.code({"trust"})
    session.back()
    session.code({"equity"})  # changing one's mind replaces the item's codes, never duplicates them
    assert session.applied(session.items[0].doc_id) == {"equity"}
    assert len(session.codings) == len(BOOK.codes)
    session.skip()
    assert session.position == 2 and not session.is_coded(session.items[1].doc_id)
    session.go(99)
    assert session.done and session.progress == (1, 6)
    session.go(-5)
    assert session.position == 0
    with pytest.raises(ValueError, match="not codes of codebook a11-drivers: speed"):
        session.code({"speed"})


def test_rows_for_items_outside_the_sample_are_kept(tiny_sprint):
    folder = tiny_sprint.parent / "codings"
    folder.mkdir()
    (folder / "ab.csv").write_text("doc_id,code,applied\nP1.md:7,trust,1\n", encoding="utf-8")
    session = open_coding(tiny_sprint, "ab", n=2)
    assert all(item.doc_id != "P1.md:7" for item in session.items)
    session.code({"ease"})
    kept = pd.read_csv(folder / "ab.csv", dtype=str)
    assert kept.loc[kept["doc_id"] == "P1.md:7", ["code", "applied"]].values.tolist() == [["trust", "1"]]


def test_bad_coders_files_and_sprints_say_how_to_fix(tmp_path, tiny_sprint):
    with pytest.raises(HcdError, match=r"coder 'Jane Doe' is not a coder id.*fix: pass coder="):
        open_coding(tiny_sprint, "Jane Doe")
    folder = tiny_sprint.parent / "codings"
    folder.mkdir()
    (folder / "ab.csv").write_text("doc_id,code,applied\nC-1,speed,1\n", encoding="utf-8")
    with pytest.raises(HcdError, match=r"ab.csv: rows that cannot be used: row 2: not a code of codebook"):
        open_coding(tiny_sprint, "ab")
    plain = make_tiny_run(tmp_path / "other", codings="")
    with pytest.raises(HcdError, match=r"has no codings folder \(fix: add to the sprint file\n  codings:\n    path: "
                                       r"../codings/tiny"):
        open_coding(plain, "ab")


def test_items_show_their_context(tiny_sprint):
    session = open_coding(tiny_sprint, "ab", n=7)
    by_id = {i.doc_id: i for i in session.items}
    turns = by_id["P1.md:3"].context
    assert [(t["speaker"], t["current"]) for t in turns] == [("I1", False), ("P1", True), ("I1", False),
                                                             ("P1", False)]
    assert by_id["C-3"].context == () and by_id["C-3"].details == "State Agency"
    assert by_id["C-3"].theme_label == "theme 1"


def test_parse_entry_keys():
    assert parse_entry("2,5", 8) == ("code", (2, 5))
    assert parse_entry("3 3 1", 8) == ("code", (1, 3))
    assert parse_entry("s", 8) == ("skip", ())
    assert parse_entry("0 1", 8) == ("error", ()) and parse_entry("x", 8) == ("error", ())


def test_the_widget_codes_from_toggles_and_keys(tiny_sprint):
    view = code_items(tiny_sprint, "ab")
    session = view.session
    assert len(view.toggles) == len(BOOK.codes) and view.toggles[0].description == "1. Trust"
    assert "Item 1 of 6" in view.item_html.value
    view.toggles[0].value = True
    view.toggles[3].value = True
    view.save_button.click()
    assert session.applied(session.items[0].doc_id) == {"trust", "ease"}
    assert "Saved C-5: Trust, Ease helpfulness" not in view.status.value and "Saved C-5: Trust, Ease" in \
        view.status.value
    assert "Item 2 of 6" in view.item_html.value and not any(t.value for t in view.toggles)
    view.entry.value = "5 8"  # Enter in the box
    assert session.applied(session.items[1].doc_id) == {"efficiency", "employee"}
    assert view.entry.value == "" and session.position == 2
    view.entry.value = "b"
    assert session.position == 1 and view.toggles[4].value and view.toggles[7].value  # saved codes shown
    view.entry.value = "zz"
    assert "Not understood" in view.status.value and session.position == 1
    view.entry.value = "0"
    assert session.applied(session.items[1].doc_id) == set() and "no code applies" in view.status.value
    view.skip_button.click()
    view.back_button.click()
    assert session.position == 2


def test_without_a_coder_the_cell_says_how_to_start(tiny_sprint):
    note = code_items(tiny_sprint)
    assert "set coder to your initials" in note._repr_html_() and not (tiny_sprint.parent / "codings").exists()


def test_the_widget_escapes_text_and_finishes(tiny_sprint):
    view = CodingView(open_coding(tiny_sprint, "ab", n=7))
    session = view.session
    session.go([i.doc_id for i in session.items].index("C-2"))
    view.refresh()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in view.item_html.value
    assert "<script>" not in view.item_html.value
    session.go([i.doc_id for i in session.items].index("P1.md:3"))
    view.refresh()
    assert "P1 (this item):" in view.item_html.value and "I1: What happened next?" in view.item_html.value
    for _ in session.items:
        session.go(session.first_uncoded())
        view.entry.value = "1"
    assert session.done and "7 of 7 items coded" in view.item_html.value and view.save_button.disabled
    assert view._repr_mimebundle_()  # displays as the widget


def test_agreement_view_shows_the_paragraph_flags_and_tables(tiny_sprint):
    folder = tiny_sprint.parent / "codings"
    for coder, codes in (("ab", {"C-1": {"efficiency"}, "C-2": set()}), ("cd", {"C-1": {"efficiency"}, "C-2": set()})):
        session = CodingSession([i for i in open_coding(tiny_sprint, coder, n=7).items if i.doc_id in codes], BOOK,
                                coder, folder / f"{coder}.csv")
        for item in session.items:
            session.code(codes[item.doc_id])
    view = agreement(tiny_sprint)
    html = view._repr_html_()
    assert view.paragraph.startswith("Two researchers coded 2 items of a sample of 6 stratified by theme against the "
                                     "a11-drivers codebook")
    assert "<caption>Cohen&#x27;s kappa per code</caption>" in html or "<caption>Cohen's kappa per code" in html
    assert "Employee helpfulness" in html and "Codes to look at" in html  # the rules coded C-2, nobody else did
    plain = make_tiny_run(tiny_sprint.parent / "plain", codings="")
    assert "has no codings folder" in AgreementView(agreement(plain).result)._repr_html_()
