import re
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

from hcd.errors import HcdError
from hcd.themes.qdpx import NAMESPACE, QdpxError, read_qdpx, write_qdpx
from tests.conftest import FIXTURES

NS = "{" + NAMESPACE + "}"
XSD = FIXTURES / "refi-qda" / "Project-mrt2019.xsd"
GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")

TEXTS = {
    "P01": "I called 6 times 😩 and nobody called back.\r\nThen the form said <b>fee</b> & \"late\".",
    "P02": "Mi solicitud tardó 3 semanas. 𝒜𝓈𝓉𝓇𝒶𝓁 letters and 家族 too.\n",
    "C123": "Complaint: they asked for my SSN twice.\x0c\x00 Control characters stay in the text.",
}


def _documents():
    return pd.DataFrame({
        "doc_id": ["P01", "P02", "C123"],
        "text": [TEXTS["P01"], TEXTS["P02"], TEXTS["C123"]],
        "source": ["P01.md:17", "P02.md:3", "complaint 123 (cfpb.csv row 5)"],
        "kind": ["interview", "interview", "complaint"],
        "participant": ["P01", "P02", None],
        "agency": ["SSA", "DMV", "CFPB"],
    })


def _codes():
    return pd.DataFrame({
        "code_id": ["access", "contact", "repeat", "cost"],
        "name": ["Access", "Contact", "Repeat contact", "Fees & charges"],
        "description": ["Getting in", "", "Had to call more than once", "Money asked"],
        "parent": ["", "access", "contact", None],
        "color": ["#1F77B4", "#ff7f0e", None, ""],
    })


def _span(doc_id, needle):
    start = TEXTS[doc_id].index(needle)
    return start, start + len(needle)


def _coded():
    rows = [("P01", "repeat", *_span("P01", "called 6 times 😩")),
            ("P01", "cost", *_span("P01", "<b>fee</b> & \"late\"")),
            ("P01", "contact", *_span("P01", "called 6 times 😩")),  # same span, second code
            ("P02", "access", *_span("P02", "𝒜𝓈𝓉𝓇𝒶𝓁 letters and 家族")),
            ("C123", "access", 0, len(TEXTS["C123"]))]  # whole document
    return pd.DataFrame(rows, columns=["doc_id", "code_id", "start", "end"])


def _write(tmp_path, name="sprint.qdpx", **kw):
    args = {"documents": _documents(), "codes": _codes(), "coded": _coded(), "project_name": "Sprint <1> & \"co\""}
    args.update(kw)
    return write_qdpx(tmp_path / name, args.pop("documents"), args.pop("codes"), args.pop("coded"), **args)


def _qde(path):
    with zipfile.ZipFile(path) as archive:
        return ET.fromstring(archive.read("project.qde"))


# --------------------------------------------------------------------------- round trip


def test_round_trip_documents_codes_and_spans(tmp_path):
    docs, codes, coded = read_qdpx(_write(tmp_path))

    assert dict(zip(docs["doc_id"], docs["text"], strict=True)) == TEXTS

    by_guid = codes.set_index("code_id")
    names = {guid: row["name"] for guid, row in by_guid.iterrows()}
    hierarchy = {row["name"]: names.get(row["parent"], "") for _, row in by_guid.iterrows()}
    assert hierarchy == {"Access": "", "Contact": "Access", "Repeat contact": "Contact", "Fees & charges": ""}
    assert dict(zip(codes["name"], codes["description"], strict=True))["Repeat contact"] == "Had to call more than once"
    assert dict(zip(codes["name"], codes["color"], strict=True)) == {
        "Access": "#1F77B4", "Contact": "#ff7f0e", "Repeat contact": "", "Fees & charges": ""}

    original = _coded().merge(_codes()[["code_id", "name"]], on="code_id")
    want = sorted(zip(original["doc_id"], original["name"], original["start"], original["end"], strict=True))
    got = sorted(zip(coded["doc_id"], coded["code"], coded["start"], coded["end"], strict=True))
    assert got == want
    assert set(coded["code_id"]) <= set(codes["code_id"])


def test_selected_text_equals_the_original_span(tmp_path):
    docs, _, coded = read_qdpx(_write(tmp_path))
    text = dict(zip(docs["doc_id"], docs["text"], strict=True))
    for row in _coded().itertuples():
        matches = coded[(coded["doc_id"] == row.doc_id) & (coded["start"] == row.start) & (coded["end"] == row.end)]
        assert not matches.empty
        assert text[row.doc_id][row.start:row.end] == TEXTS[row.doc_id][row.start:row.end]
    assert "called 6 times 😩" in set(
        text[r.doc_id][r.start:r.end] for r in coded.itertuples())


def test_source_files_hold_the_exact_text_as_utf8_without_bom(tmp_path):
    path = _write(tmp_path)
    root = _qde(path)
    with zipfile.ZipFile(path) as archive:
        for source in root.iter(NS + "TextSource"):
            member = "sources/" + source.get("plainTextPath").removeprefix("internal://")
            raw = archive.read(member)
            assert raw == TEXTS[source.get("name")].encode("utf-8")  # \r\n, \x00 and \x0c kept
            assert not raw.startswith(b"\xef\xbb\xbf")


# --------------------------------------------------------------------------- determinism


def test_identical_input_gives_identical_bytes(tmp_path):
    first = _write(tmp_path, "a.qdpx").read_bytes()
    second = _write(tmp_path, "b.qdpx").read_bytes()
    assert first == second


def test_row_order_does_not_change_the_bytes(tmp_path):
    first = _write(tmp_path, "a.qdpx").read_bytes()
    shuffled = _write(tmp_path, "b.qdpx",
                      documents=_documents().sample(frac=1, random_state=1),
                      codes=_codes().sample(frac=1, random_state=2),
                      coded=_coded().sample(frac=1, random_state=3).reset_index(drop=True)).read_bytes()
    assert first == shuffled


def test_guids_are_stable_uuid5_and_unique(tmp_path):
    root = _qde(_write(tmp_path))
    guids = [el.get("guid") for el in root.iter() if el.get("guid")]
    assert all(GUID.fullmatch(g) for g in guids)
    assert len(set(guids)) == len(guids)
    other = _qde(_write(tmp_path, "other.qdpx", project_name="Another sprint"))
    source_guids = {el.get("guid") for el in root.iter(NS + "TextSource")}
    assert source_guids.isdisjoint(el.get("guid") for el in other.iter(NS + "TextSource"))


def test_created_is_omitted_by_default_and_written_in_utc(tmp_path):
    root = _qde(_write(tmp_path))
    assert not [el for el in root.iter() if "creationDateTime" in el.attrib]

    stamp = datetime(2024, 5, 1, 12, 30, tzinfo=timezone(timedelta(hours=2)))
    dated = _qde(_write(tmp_path, "dated.qdpx", created=stamp))
    assert dated.get("creationDateTime") == "2024-05-01T10:30:00Z"
    for tag in ("TextSource", "PlainTextSelection", "Coding"):
        assert {el.get("creationDateTime") for el in dated.iter(NS + tag)} == {"2024-05-01T10:30:00Z"}
    assert _qde(_write(tmp_path, "s.qdpx", created="2024-05-01T10:30:00")).get("creationDateTime") == \
        "2024-05-01T10:30:00Z"


# --------------------------------------------------------------------------- archive and XML shape


def test_archive_layout(tmp_path):
    path = _write(tmp_path)
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert archive.testzip() is None
    assert names[0] == "project.qde"
    assert names == sorted(names)
    assert len(names) == 1 + len(TEXTS)
    assert all(re.fullmatch(r"sources/[0-9a-f-]{36}\.txt", n) for n in names[1:])
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert not list(tmp_path.glob("*.part"))


def test_root_element_and_required_attributes(tmp_path):
    root = _qde(_write(tmp_path))
    assert root.tag == f"{{{NAMESPACE}}}Project"
    assert root.get("name") == "Sprint <1> & \"co\""
    assert root.get("origin").startswith("hcd ")
    users = root.findall(f"{NS}Users/{NS}User")
    assert [u.get("name") for u in users] == ["hcd"]
    assert root.get("creatingUserGUID") == users[0].get("guid")

    # children in the order of the ProjectType sequence
    order = ["Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs",
             "Description", "NoteRef"]
    tags = [child.tag.removeprefix(NS) for child in root]
    assert tags == ["Users", "CodeBook", "Variables", "Cases", "Sources"]
    assert tags == sorted(tags, key=order.index)

    for code in root.iter(NS + "Code"):
        assert {"guid", "name", "isCodable"} <= set(code.attrib)
        assert code.get("isCodable") == "true"
    for source in root.iter(NS + "TextSource"):
        assert source.get("plainTextPath") == f"internal://{source.get('guid')}.txt"
        children = [c.tag.removeprefix(NS) for c in source]
        assert children == sorted(children, key=["Description", "PlainTextContent", "PlainTextSelection",
                                                 "Coding", "NoteRef", "VariableValue"].index)
    code_guids = {c.get("guid") for c in root.iter(NS + "Code")}
    for selection in root.iter(NS + "PlainTextSelection"):
        assert {"guid", "startPosition", "endPosition", "name"} <= set(selection.attrib)
        codings = selection.findall(NS + "Coding")
        assert len(codings) == 1
        assert codings[0].find(NS + "CodeRef").get("targetGUID") in code_guids


def test_nested_codes_become_nested_elements(tmp_path):
    root = _qde(_write(tmp_path))
    top = root.findall(f"{NS}CodeBook/{NS}Codes/{NS}Code")
    assert [c.get("name") for c in top] == ["Access", "Fees & charges"]  # sorted by code_id: access, cost
    contact = top[0].find(NS + "Code")
    assert contact.get("name") == "Contact"
    assert contact.find(NS + "Code").get("name") == "Repeat contact"
    assert top[0].find(NS + "Description").text == "Getting in"
    assert contact.find(NS + "Description") is None  # empty description is left out
    assert top[0].get("color") == "#1F77B4" and "color" not in top[1].attrib


def test_variables_and_cases(tmp_path):
    root = _qde(_write(tmp_path))
    variables = {v.get("guid"): v.get("name") for v in root.iter(NS + "Variable")}
    assert sorted(variables.values()) == ["agency", "kind", "participant"]
    assert {v.get("typeOfVariable") for v in root.iter(NS + "Variable")} == {"Text"}
    source = {s.get("name"): s for s in root.iter(NS + "TextSource")}
    values = {variables[vv.find(NS + "VariableRef").get("targetGUID")]: vv.find(NS + "TextValue").text
              for vv in source["C123"].findall(NS + "VariableValue")}
    assert values == {"agency": "CFPB", "kind": "complaint"}  # no participant for a complaint
    cases = {c.get("name"): [r.get("targetGUID") for r in c.findall(NS + "SourceRef")] for c in root.iter(NS + "Case")}
    assert cases == {"P01": [source["P01"].get("guid")], "P02": [source["P02"].get("guid")]}
    assert source["P01"].find(NS + "Description").text == "Source: P01.md:17"


def test_minimal_tables_without_optional_columns(tmp_path):
    documents = pd.DataFrame({"doc_id": [1, 2], "text": ["one", "two"], "source": ["a", "b"]})
    codes = pd.DataFrame({"code_id": [10], "name": ["Ten"], "description": [None]})
    coded = pd.DataFrame({"doc_id": [2], "code_id": [10], "start": [0.0], "end": [3.0]})
    root = _qde(write_qdpx(tmp_path / "m.qdpx", documents, codes, coded, project_name="m"))
    assert [c.tag.removeprefix(NS) for c in root] == ["Users", "CodeBook", "Sources"]
    docs, _, spans = read_qdpx(tmp_path / "m.qdpx")
    assert docs["doc_id"].tolist() == ["1", "2"]
    assert spans[["doc_id", "code", "start", "end"]].values.tolist() == [["2", "Ten", 0, 3]]


def test_no_codes_and_no_codings(tmp_path):
    documents = pd.DataFrame({"doc_id": ["a"], "text": [""], "source": [""]})
    empty_codes = pd.DataFrame(columns=["code_id", "name", "description"])
    empty_coded = pd.DataFrame(columns=["doc_id", "code_id", "start", "end"])
    path = write_qdpx(tmp_path / "e.qdpx", documents, empty_codes, empty_coded, project_name="e")
    assert [c.tag.removeprefix(NS) for c in _qde(path)] == ["Users", "Sources"]  # no empty CodeBook
    docs, codes, coded = read_qdpx(path)
    assert docs["text"].tolist() == [""] and codes.empty and coded.empty
    assert list(coded.columns) == ["doc_id", "code_id", "code", "start", "end"]


# --------------------------------------------------------------------------- hostile text


def test_hostile_names_are_escaped_and_cleaned(tmp_path):
    nasty = "<script>alert('x')</script> & \"q\" \x00\x01\x08\x0b\x0c\x1f\ufffe end 🙂𝕏"
    documents = pd.DataFrame({"doc_id": ["d<1>&\"2\""], "text": [nasty], "source": ["s\x07rc <i>"]})
    codes = pd.DataFrame({"code_id": ["c"], "name": [nasty], "description": [nasty]})
    coded = pd.DataFrame({"doc_id": ["d<1>&\"2\""], "code_id": ["c"], "start": [0], "end": [len(nasty)]})
    path = write_qdpx(tmp_path / "h.qdpx", documents, codes, coded, project_name=nasty, user="r\x00<b>")

    with zipfile.ZipFile(path) as archive:
        raw = archive.read("project.qde")
        texts = [archive.read(n) for n in archive.namelist() if n.startswith("sources/")]
    assert b"<script>" not in raw and b"\x00" not in raw and b"\x0b" not in raw
    root = ET.fromstring(raw)  # well-formed despite everything
    cleaned = "<script>alert('x')</script> & \"q\" \ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd end 🙂𝕏"
    assert root.get("name") == cleaned
    assert root.find(f"{NS}CodeBook/{NS}Codes/{NS}Code").get("name") == cleaned
    assert root.find(f"{NS}Users/{NS}User").get("name") == "r\ufffd<b>"
    selection = next(root.iter(NS + "PlainTextSelection"))
    assert "\x00" not in selection.get("name") and selection.get("name").startswith("<script>")
    assert texts == [nasty.encode("utf-8")]  # the source text itself is untouched

    docs, _, coded_back = read_qdpx(path)
    assert docs.loc[0, "doc_id"] == "d<1>&\"2\""
    assert docs.loc[0, "text"][coded_back.loc[0, "start"]:coded_back.loc[0, "end"]] == nasty


def test_long_selection_names_are_shortened_on_one_line(tmp_path):
    text = "word " * 100 + "\n\tend"
    documents = pd.DataFrame({"doc_id": ["d"], "text": [text], "source": [""]})
    codes = pd.DataFrame({"code_id": ["c"], "name": ["C"], "description": [""]})
    coded = pd.DataFrame({"doc_id": ["d"], "code_id": ["c"], "start": [0], "end": [len(text)]})
    name = next(_qde(write_qdpx(tmp_path / "l.qdpx", documents, codes, coded, project_name="l"))
                .iter(NS + "PlainTextSelection")).get("name")
    assert len(name) <= 60 and name.endswith("…") and "\n" not in name


def test_emoji_and_astral_offsets_are_code_points(tmp_path):
    text = "😩😩 a 𝒜b"  # each emoji and 𝒜 is one code point (two UTF-16 units, four UTF-8 bytes)
    documents = pd.DataFrame({"doc_id": ["e"], "text": [text], "source": [""]})
    codes = pd.DataFrame({"code_id": ["c"], "name": ["C"], "description": [""]})
    coded = pd.DataFrame({"doc_id": ["e"], "code_id": ["c"], "start": [5], "end": [7]})
    path = write_qdpx(tmp_path / "e.qdpx", documents, codes, coded, project_name="e")
    selection = next(_qde(path).iter(NS + "PlainTextSelection"))
    assert (selection.get("startPosition"), selection.get("endPosition")) == ("5", "7")
    assert selection.get("name") == "𝒜b"
    docs, _, spans = read_qdpx(path)
    assert docs.loc[0, "text"][spans.loc[0, "start"]:spans.loc[0, "end"]] == "𝒜b"


# --------------------------------------------------------------------------- bad input


def _bad(**changes):
    tables = {"documents": _documents(), "codes": _codes(), "coded": _coded()}
    for name, change in changes.items():
        tables[name] = change(tables[name])
    return tables


@pytest.mark.parametrize(("changes", "expected"), [
    ({"coded": lambda t: t.assign(doc_id=t["doc_id"].where(t.index != 2, "P99"))},
     "coded row 2 (doc_id 'P99', code_id 'contact'): unknown doc_id 'P99'"),
    ({"coded": lambda t: t.assign(code_id=t["code_id"].where(t.index != 1, "nope"))},
     "coded row 1 (doc_id 'P01', code_id 'nope'): unknown code_id 'nope'"),
    ({"coded": lambda t: t.assign(end=t["end"].where(t.index != 4, 10_000))},
     "coded row 4 (doc_id 'C123', code_id 'access'): end 10000 is past the end of the text"),
    ({"coded": lambda t: t.assign(start=t["start"].where(t.index != 0, -1))},
     "coded row 0 (doc_id 'P01', code_id 'repeat'): start -1 is negative"),
    ({"coded": lambda t: t.assign(end=t["start"])}, "is not after start"),
    ({"coded": lambda t: t.astype({"start": object}).assign(start=["x", 0, 0, 0, 0])},
     "coded row 0 (doc_id 'P01', code_id 'repeat'): start 'x' is not an integer"),
    ({"coded": lambda t: pd.concat([t, t.iloc[[3]]], ignore_index=True)},
     "coded row 5 (doc_id 'P02', code_id 'access'): duplicates row 3"),
    ({"documents": lambda t: pd.concat([t, t.iloc[[0]]], ignore_index=True)},
     "documents row 3 (doc_id 'P01'): duplicate doc_id (first at row 0)"),
    ({"documents": lambda t: t.assign(text=[TEXTS["P01"], None, TEXTS["C123"]])},
     "documents row 1 (doc_id 'P02'): text must be a string, got a missing value"),
    ({"documents": lambda t: t.assign(text=pd.Series([TEXTS["P01"], "bad \udc80 byte", TEXTS["C123"]],
                                                     dtype=object, index=t.index))},
     "documents row 1 (doc_id 'P02'): text has a lone surrogate at offset 4"),
    ({"codes": lambda t: pd.concat([t, t.iloc[[1]]], ignore_index=True)},
     "codes row 4 (code_id 'contact'): duplicate code_id (first at row 1)"),
    ({"codes": lambda t: t.assign(parent=["", "ghost", "contact", ""])},
     "codes row 1 (code_id 'contact'): unknown parent 'ghost'"),
    ({"codes": lambda t: t.assign(parent=["repeat", "access", "contact", ""])},
     "parent cycle access -> repeat -> contact -> access"),
    ({"codes": lambda t: t.assign(color=["red", "", "", ""])},
     "codes row 0 (code_id 'access'): color 'red' is not of the form #RRGGBB"),
    ({"codes": lambda t: t.assign(name=["Access", " ", "Repeat", "Cost"])},
     "codes row 1 (code_id 'contact'): name is missing"),
    ({"coded": lambda t: t.drop(columns="end")}, "coded: missing column(s) end"),
])
def test_bad_input_names_the_row(tmp_path, changes, expected):
    tables = _bad(**changes)
    target = tmp_path / "bad.qdpx"
    with pytest.raises(ValueError, match=re.escape(expected)) as info:
        write_qdpx(target, tables["documents"], tables["codes"], tables["coded"], project_name="p")
    assert isinstance(info.value, QdpxError) and isinstance(info.value, HcdError)
    assert str(target) in str(info.value)
    assert not target.exists() and not list(tmp_path.iterdir())


def test_all_problems_are_reported_at_once(tmp_path):
    coded = _coded().assign(doc_id=["P01", "X1", "P01", "X2", "C123"])
    with pytest.raises(QdpxError) as info:
        write_qdpx(tmp_path / "bad.qdpx", _documents(), _codes(), coded, project_name="p")
    assert len(info.value.problems) == 2
    assert "coded row 1" in str(info.value) and "coded row 3" in str(info.value)


def test_a_failed_write_keeps_an_existing_file(tmp_path):
    path = _write(tmp_path)
    before = path.read_bytes()
    with pytest.raises(QdpxError):
        _write(tmp_path, coded=_coded().assign(end=10_000))
    assert path.read_bytes() == before


def test_bad_arguments():
    with pytest.raises(QdpxError, match="project_name must be a non-empty string"):
        write_qdpx("x.qdpx", _documents(), _codes(), _coded(), project_name=" ")
    with pytest.raises(QdpxError, match="documents: expected a pandas DataFrame"):
        write_qdpx("x.qdpx", [("P01", "text")], _codes(), _coded(), project_name="p")
    with pytest.raises(QdpxError, match="not an ISO 8601"):
        write_qdpx("x.qdpx", _documents(), _codes(), _coded(), project_name="p", created="yesterday")


# --------------------------------------------------------------------------- reading other programs' files


def test_read_a_foreign_project(tmp_path):
    """Upper-case Sources folder and GUIDs, a BOM, inline text, and a Coding of a whole source."""
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{NAMESPACE}" name="from elsewhere" origin="Other QDA 1.0">
 <CodeBook><Codes>
  <Code guid="AAAAAAAA-0000-4000-8000-000000000001" name="Parent" isCodable="false">
   <Description>Top</Description>
   <Code guid="AAAAAAAA-0000-4000-8000-000000000002" name="Child" isCodable="true" color="#00FF00"/>
  </Code>
 </Codes></CodeBook>
 <Sources>
  <TextSource guid="BBBBBBBB-0000-4000-8000-000000000001" name="Interview A"
              plainTextPath="internal://BBBBBBBB-0000-4000-8000-000000000001.txt">
   <PlainTextSelection guid="CCCCCCCC-0000-4000-8000-000000000001" startPosition="0" endPosition="5">
    <Coding guid="DDDDDDDD-0000-4000-8000-000000000001">
     <CodeRef targetGUID="aaaaaaaa-0000-4000-8000-000000000002"/>
    </Coding>
   </PlainTextSelection>
  </TextSource>
  <TextSource guid="BBBBBBBB-0000-4000-8000-000000000002" name="Note B">
   <PlainTextContent>inline text</PlainTextContent>
   <Coding guid="DDDDDDDD-0000-4000-8000-000000000002">
    <CodeRef targetGUID="AAAAAAAA-0000-4000-8000-000000000001"/>
   </Coding>
  </TextSource>
 </Sources>
</Project>"""
    path = tmp_path / "foreign.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("Sources/BBBBBBBB-0000-4000-8000-000000000001.txt", "\ufeffHéllo world".encode())
    docs, codes, coded = read_qdpx(path)
    assert docs.values.tolist() == [["Interview A", "Héllo world"], ["Note B", "inline text"]]
    assert codes[["name", "description", "color"]].values.tolist() == [["Parent", "Top", ""], ["Child", "", "#00FF00"]]
    assert codes.loc[1, "parent"] == codes.loc[0, "code_id"]
    assert coded[["doc_id", "code", "start", "end"]].values.tolist() == [
        ["Interview A", "Child", 0, 5], ["Note B", "Parent", 0, 11]]


def test_read_rejects_what_is_not_a_project(tmp_path):
    path = tmp_path / "not.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", "<CodeBook xmlns='urn:QDA-XML:codebook:1.0'/>")
    with pytest.raises(QdpxError, match="not a REFI-QDA Project"):
        read_qdpx(path)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hi")
    with pytest.raises(QdpxError, match=r"no project\.qde"):
        read_qdpx(path)


# --------------------------------------------------------------------------- schema


def test_valid_against_the_refi_qda_project_schema(tmp_path):
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    for name, kw in [("plain.qdpx", {}), ("dated.qdpx", {"created": datetime(2024, 5, 1)})]:
        with zipfile.ZipFile(_write(tmp_path, name, **kw)) as archive:
            document = etree.fromstring(archive.read("project.qde"))
        assert schema.validate(document), schema.error_log


def test_schema_catches_misordered_elements():
    """Guard for the test above: the shipped schema really enforces the sequence order."""
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    user = "<Users><User guid='cf5038ee-b1ad-5813-a9a3-3141afb63ae0'/></Users>"
    code = "<Code guid='7e19ebdf-23f1-5e27-b6e8-a1276258b2fb' name='c' isCodable='true'/>"
    codes = f"<CodeBook><Codes>{code}</Codes></CodeBook>"
    good = etree.fromstring(f"<Project xmlns='{NAMESPACE}' name='p'>{user}{codes}</Project>")
    bad = etree.fromstring(f"<Project xmlns='{NAMESPACE}' name='p'>{codes}{user}</Project>")
    assert schema.validate(good)
    assert not schema.validate(bad)
