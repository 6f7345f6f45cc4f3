"""Markdown to Word (.docx) with python-docx, from the same text as the HTML.

The action-plan draft is written once, as Markdown; the HTML and the .docx
are both rendered from mistune's parse of it, so the three carry identical
text. Supported: headings, paragraphs, bold, italics, code, links (as Word
hyperlinks), bullet and numbered lists (nested), block quotes and tables.

Examples
--------
>>> import tempfile, docx
>>> path = Path(tempfile.mkdtemp()) / "d.docx"
>>> _ = markdown_to_docx("# Plan\\n\\nSee [evidence](evidence.html#ev-1).\\n\\n| A | B |\\n|---|---|\\n| 1 | 2 |\\n",
...                      path, title="Plan")
>>> d = docx.Document(path)
>>> [p.text for p in d.paragraphs], d.tables[0].cell(1, 1).text
(['Plan', 'See evidence.'], '2')
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
import mistune
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

__all__ = ["markdown_to_docx", "docx_text"]

_ALIGN = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}


def _inline_text(children: list[dict[str, Any]]) -> str:
    out = []
    for c in children:
        if "raw" in c:
            out.append(c["raw"])
        elif c["type"] in ("softbreak", "linebreak"):
            out.append(" " if c["type"] == "softbreak" else "\n")
        else:
            out.append(_inline_text(c.get("children", [])))
    return "".join(out)


def _hyperlink(paragraph, url: str, text: str, bold: bool, italic: bool) -> None:
    part = paragraph.part
    r_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    for flag, tag in ((bold, "w:b"), (italic, "w:i")):
        if flag:
            props.append(OxmlElement(tag))
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "005EA2")
    props.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(underline)
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _inlines(paragraph, children: list[dict[str, Any]], bold: bool = False, italic: bool = False,
             code: bool = False) -> None:
    for c in children:
        kind = c["type"]
        if kind == "text":
            run = paragraph.add_run(c["raw"])
            run.bold, run.italic = bold or None, italic or None
            if code:
                run.font.name = "Consolas"
        elif kind == "codespan":
            run = paragraph.add_run(c["raw"])
            run.font.name = "Consolas"
        elif kind == "strong":
            _inlines(paragraph, c["children"], True, italic, code)
        elif kind == "emphasis":
            _inlines(paragraph, c["children"], bold, True, code)
        elif kind == "link":
            _hyperlink(paragraph, c["attrs"]["url"], _inline_text(c["children"]), bold, italic)
        elif kind == "softbreak":
            paragraph.add_run(" ")
        elif kind == "linebreak":
            paragraph.add_run().add_break()
        else:  # anything else (e.g. raw inline HTML, escaped by the parser) as its text
            paragraph.add_run(_inline_text(c.get("children", [])) or c.get("raw", ""))


def _list_style(document, ordered: bool, depth: int) -> str:
    base = "List Number" if ordered else "List Bullet"
    name = base if depth == 0 else f"{base} {min(depth + 1, 3)}"
    styles = {s.name for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    return name if name in styles else base


def _blocks(document, tokens: list[dict[str, Any]], quote: bool = False) -> None:
    for tok in tokens:
        kind = tok["type"]
        if kind == "heading":
            level = min(int(tok["attrs"]["level"]), 4)
            p = document.add_heading(level=0 if level == 1 else level - 1)
            _inlines(p, tok["children"])
        elif kind in ("paragraph", "block_text"):
            p = document.add_paragraph(style="Quote" if quote else None)
            _inlines(p, tok["children"])
        elif kind == "block_quote":
            _blocks(document, tok["children"], quote=True)
        elif kind == "list":
            _list(document, tok)
        elif kind == "table":
            _table(document, tok)
        elif kind == "thematic_break":
            document.add_paragraph("")
        elif kind == "block_code":
            p = document.add_paragraph()
            run = p.add_run(tok.get("raw", ""))
            run.font.name = "Consolas"


def _list(document, tok: dict[str, Any]) -> None:
    ordered, depth = bool(tok["attrs"].get("ordered")), int(tok["attrs"].get("depth", 0))
    for item in tok["children"]:
        for child in item["children"]:
            if child["type"] == "list":
                _list(document, child)
            elif child["type"] in ("block_text", "paragraph"):
                p = document.add_paragraph(style=_list_style(document, ordered, depth))
                _inlines(p, child["children"])
            else:
                _blocks(document, [child])


def _table(document, tok: dict[str, Any]) -> None:
    head = next(c for c in tok["children"] if c["type"] == "table_head")
    body = next((c for c in tok["children"] if c["type"] == "table_body"), {"children": []})
    rows = [head["children"]] + [r["children"] for r in body["children"]]
    table = document.add_table(rows=len(rows), cols=len(head["children"]))
    table.style = "Table Grid"
    for i, cells in enumerate(rows):
        for j, cell in enumerate(cells):
            target = table.cell(i, j).paragraphs[0]
            _inlines(target, cell["children"], bold=i == 0)
            if cell["attrs"].get("align") in _ALIGN:
                target.alignment = _ALIGN[cell["attrs"]["align"]]
            for run in target.runs:
                run.font.size = Pt(9)


# XML 1.0 forbids C0 controls other than tab, line feed and carriage return (and lone surrogates)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CORE_LIMIT = 255  # characters Word's core properties take


def _core_title(title: str) -> str:
    """The title as the core properties can hold it: XML-safe, on one line, at most 255 characters.

    >>> len(_core_title("A" * 300)), _core_title("Plan\x1b draft")
    (255, 'Plan draft')
    """
    text = " ".join(_XML_ILLEGAL.sub("", title).split())
    return text if len(text) <= _CORE_LIMIT else text[:_CORE_LIMIT - 1].rstrip() + "…"


def markdown_to_docx(markdown: str, path: str | Path, title: str = "") -> Path:
    """Write ``markdown`` as a Word document at ``path``.

    The text is the same as the HTML made from the same Markdown by
    :func:`hcd.plan.draft.markdown_to_html`; the document's core properties carry
    ``title`` and no dates (identical inputs give identical text).
    """
    markdown = _XML_ILLEGAL.sub("", markdown)  # a control character that slipped through must not stop the draft
    tokens = mistune.create_markdown(renderer=None, plugins=["table"])(markdown)
    document = docx.Document()
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        styles[name].font.color.rgb = RGBColor(0x16, 0x2E, 0x51)
    _blocks(document, tokens)
    props = document.core_properties
    props.title, props.author, props.comments = _core_title(title), "hcd", "Draft for the sprint team to edit"
    path = Path(path)
    document.save(path)
    return path


def docx_text(path: str | Path) -> str:
    """All text of a .docx in reading order (paragraphs and table cells), whitespace-normalised.

    Used to check that the Word draft says exactly what the HTML says.
    """
    document = docx.Document(path)
    parts: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            parts.append("".join(t.text or "" for t in block.iter(qn("w:t"))))
        elif block.tag == qn("w:tbl"):
            for cell in block.iter(qn("w:tc")):
                parts.append("".join(t.text or "" for t in cell.iter(qn("w:t"))))
    return " ".join(" ".join(parts).split())
