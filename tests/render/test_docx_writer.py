"""The Word writer copes with what users put in titles and texts."""

import docx

from hcd.render.docx_writer import docx_text, markdown_to_docx


def test_long_titles_and_control_characters_never_stop_the_draft(tmp_path):
    title = "CX action plan draft: " + "Recovering after the storm " * 20
    path = markdown_to_docx("# Plan\x1b\n\nText with a Ctrl-Z \x1a and an ESC \x1b here.\n", tmp_path / "p.docx",
                            title=title + "\x00")
    props = docx.Document(path).core_properties
    assert len(props.title) == 255 and props.title.endswith("…")
    assert docx_text(path) == "Plan Text with a Ctrl-Z and an ESC here."
