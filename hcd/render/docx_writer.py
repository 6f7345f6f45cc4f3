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

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
import mistune
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

__all__ = ["markdown_to_docx", "docx_text"]

_ALIGN = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
#: Evidence ids the draft's annex lists, each as the code span that starts its entry ("- `ev-...`").
_EVIDENCE_ID_IN_TEXT = re.compile(r"^\s*[-*] `(ev-[a-z0-9-]+)`", re.MULTILINE)


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


_EVIDENCE_LINK = re.compile(r"^(?:evidence\.html)?#(ev-[a-z0-9-]+)$")
_EVIDENCE_ID = re.compile(r"^ev-[a-z0-9-]+$")
_ANNEX = "evidence_annex"  # the bookmark on the draft's "Annex: evidence cited" heading


def bookmark_name(evidence_id: str) -> str:
    """A Word bookmark name for an evidence id (letters, digits and underscores, at most 40 characters).

    >>> bookmark_name("ev-p1-md-4")
    'ev_p1_md_4'
    """
    name = re.sub(r"[^A-Za-z0-9]", "_", evidence_id)
    if len(name) > 40:
        name = name[:29] + "_" + hashlib.sha1(evidence_id.encode()).hexdigest()[:10]
    return name


def _hyperlink(paragraph, url: str, text: str, bold: bool, italic: bool, anchors: frozenset[str] = frozenset()
               ) -> None:
    link = OxmlElement("w:hyperlink")
    inside = _EVIDENCE_LINK.match(url)
    if inside and inside.group(1) in anchors:  # the evidence annex of this very document
        link.set(qn("w:anchor"), bookmark_name(inside.group(1)))
    elif url == "evidence.html" and anchors:  # the register itself: the annex stands in for it
        link.set(qn("w:anchor"), _ANNEX)
    else:
        link.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    for flag, tag in ((bold, "w:b"), (italic, "w:i")):
        if flag:
            props.append(OxmlElement(tag))
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "005EA2")
    props.append(color)
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
    anchors = getattr(paragraph.part, "_hcd_anchors", frozenset())
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
            _hyperlink(paragraph, c["attrs"]["url"], _inline_text(c["children"]), bold, italic, anchors)
        elif kind == "softbreak":
            paragraph.add_run(" ")
        elif kind == "linebreak":
            paragraph.add_run().add_break()
        else:  # anything else (e.g. raw inline HTML, escaped by the parser) as its text
            paragraph.add_run(_inline_text(c.get("children", [])) or c.get("raw", ""))


def _list_style(document, ordered: bool, depth: int) -> str:
    base = "List Number" if ordered else "List Bullet"
    name = base if depth == 0 else f"{base} {min(depth + 1, 3)}"
    return name if name in document.part._hcd_paragraph_styles else base


def _blocks(document, tokens: list[dict[str, Any]], quote: bool = False) -> None:
    for tok in tokens:
        kind = tok["type"]
        if kind == "heading":
            level = min(int(tok["attrs"]["level"]), 4)
            p = document.add_heading(level=0 if level == 1 else level - 1)
            if _inline_text(tok["children"]).startswith("Annex: evidence"):
                _bookmark(p, _ANNEX)
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
                first = child["children"][0] if child["children"] else {}
                if first.get("type") == "codespan" and _EVIDENCE_ID.match(first.get("raw", "")):
                    _bookmark(p, bookmark_name(first["raw"]))  # an entry of the evidence annex: links land here
                _inlines(p, child["children"])
            else:
                _blocks(document, [child])


def _bookmark(paragraph, name: str) -> None:
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    ident = str(int(hashlib.sha1(name.encode()).hexdigest()[:7], 16))  # stable: same draft, same bytes
    start.set(qn("w:id"), ident)
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), ident)
    paragraph._p.append(start)
    paragraph._p.append(end)


def _table(document, tok: dict[str, Any]) -> None:
    head = next(c for c in tok["children"] if c["type"] == "table_head")
    body = next((c for c in tok["children"] if c["type"] == "table_body"), {"children": []})
    rows = [head["children"]] + [r["children"] for r in body["children"]]
    table = document.add_table(rows=len(rows), cols=len(head["children"]))
    table.style = "Table Grid"
    _repeat_header(table.rows[0])
    _column_widths(table, [[_inline_text(c["children"]) for c in r] for r in rows])
    for i, cells in enumerate(rows):
        for j, cell in enumerate(cells):
            target = table.cell(i, j).paragraphs[0]
            _inlines(target, cell["children"], bold=i == 0)
            if cell["attrs"].get("align") in _ALIGN:
                target.alignment = _ALIGN[cell["attrs"]["align"]]
            for run in target.runs:
                run.font.size = Pt(9)


def _repeat_header(row) -> None:
    """Mark a table's first row as its header: repeated on each page, read as headers by screen readers."""
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _column_widths(table, texts: list[list[str]], total: float = 6.5) -> None:
    """Widths by content (inches over the 6.5 in text width): a column of long words never splits them."""
    columns = list(zip(*texts, strict=False)) if texts else []
    if not columns:
        return
    longest_word = [max((len(w) for cell in col for w in cell.split()), default=1) for col in columns]
    longest = [max((len(cell) for cell in col), default=1) for col in columns]
    need = [max(0.055 * w + 0.15, 0.6) for w in longest_word]  # room for the longest word at 9 pt
    spare = max(total - sum(need), 0.0)
    weights = [max(n - w, 0) ** 0.5 for n, w in zip(longest, longest_word, strict=True)]
    widths = [n + (spare * w / sum(weights) if sum(weights) else spare / len(need)) for n, w in zip(need, weights,
                                                                                                      strict=True)]
    scale = total / sum(widths) if sum(widths) > total else 1.0
    table.autofit = False
    for j, width in enumerate(widths):
        for cell in table.columns[j].cells:
            cell.width = Inches(width * scale)


def _page_furniture(document, marking: str) -> None:
    """A DRAFT marking in the header and "Page N of M" in the footer of every page."""
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = marking
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in header.runs:
        run.bold, run.font.size, run.font.color.rgb = True, Pt(9), RGBColor(0xB5, 0x09, 0x09)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _field(paragraph, code: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == code:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {code} "
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)


def _us_english(document) -> None:
    props = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    props.append(lang)


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


def markdown_to_docx(markdown: str, path: str | Path, title: str = "", created: datetime | None = None,
                     marking: str = "DRAFT: for the sprint team to edit, not for release") -> Path:
    """Write ``markdown`` as a Word document at ``path``.

    The text is the same as the HTML made from the same Markdown by
    :func:`hcd.plan.draft.markdown_to_html`. The document stands alone: links to
    ``evidence.html#ev-...`` land on the matching entry of the draft's own
    evidence annex (list items that start with the evidence id as code), every
    page carries ``marking`` in its header and "Page N of M" in its footer,
    table header rows repeat on each page, columns are as wide as their words
    need, and the language is US English. ``created`` (default: now) is the
    creation date in the core properties.
    """
    markdown = _XML_ILLEGAL.sub("", markdown)  # a control character that slipped through must not stop the draft
    tokens = mistune.create_markdown(renderer=None, plugins=["table"])(markdown)
    document = docx.Document()
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        styles[name].font.color.rgb = RGBColor(0x16, 0x2E, 0x51)
    document.part._hcd_anchors = frozenset(_EVIDENCE_ID_IN_TEXT.findall(markdown))
    # once, not per list item (reading the styles builds an object per style: ~3 ms each time)
    document.part._hcd_paragraph_styles = frozenset(s.name for s in styles if s.type == WD_STYLE_TYPE.PARAGRAPH)
    _us_english(document)
    _page_furniture(document, marking)
    _blocks(document, tokens)
    props = document.core_properties
    props.title, props.author, props.comments = _core_title(title), "hcd", "Draft for the sprint team to edit"
    props.language = "en-US"
    when = created or datetime.now(UTC)
    props.created = props.modified = when.replace(tzinfo=None) if when.tzinfo else when
    props.last_modified_by, props.revision = "hcd", 1
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
