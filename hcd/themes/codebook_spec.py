"""The declared shape of a codebook file, validated by :mod:`hcd.yaml_files`.

:func:`hcd.themes.codebooks.load_codebook` reads a codebook file into a
:class:`CodebookSpec` and turns it into a :class:`~hcd.themes.codebooks.Codebook`.
Every problem is reported at once, each with its field and fix: unknown
fields, a missing or invalid id or name, duplicate ids, a parent that is not a
code (or the code itself, or a cycle), a code with neither keywords nor
patterns, an invalid keyword (see :func:`hcd.themes._keyword_scanner.keyword_problem`),
a regex that does not compile, uses a back-reference or matches empty text,
and a yes/no that YAML read as true/false.

Examples
--------
>>> spec = CodebookSpec.model_validate({"codes": [{"id": "ease", "name": "Ease", "keywords": ["hassle", 311]}]})
>>> spec.codes[0].keywords, spec.name
(('hassle', '311'), '')
>>> from hcd.errors import CodebookError
>>> from hcd.yaml_files import validate_data
>>> validate_data({"codes": [{"id": "a", "name": "A", "keywords": ["x"], "parent": "b"}]}, CodebookSpec,
...               CodebookError, source="my.yml")
Traceback (most recent call last):
...
hcd.errors.CodebookError: invalid codebook my.yml: codes[0].parent: 'b' is not a code in this codebook \
(fix: use the id of another code in this file)
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, model_validator

from hcd.themes._keyword_scanner import keyword_problem
from hcd.yaml_files import Identifier, Issue, YamlModel, did_you_mean, invalid

__all__ = ["CodeSpec", "CodebookSpec"]

_BACKREF = re.compile(r"(?<!\\)\\[1-9]|\(\?P=")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise invalid(f"must be text, not {type(value).__name__}",
                      "write a single line of text (quote it if it starts with [ { or :)")
    return str(value).strip()


def _item(value: object) -> str:
    if isinstance(value, bool):
        raise invalid(f"YAML read this as {value} (unquoted yes/no/on/off)",
                      "put the word in quotes, e.g. 'no' or 'on'")
    if isinstance(value, (int, float)):
        return str(value)
    if not isinstance(value, str):
        raise invalid(f"must be text, not {type(value).__name__}",
                      "write plain text; quote it if it contains ': ', '#', '[' or '{'")
    if not value.strip():
        raise invalid("is empty", "remove it or write the text")
    return value.strip()


def _list(value: object, info: ValidationInfo) -> object:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise invalid(f"must be a list, not {type(value).__name__}",
                      f"write e.g. {info.field_name}: [first, second] or one '- item' per line")
    return value


def _filled(value: str, info: ValidationInfo) -> str:
    if not value:
        raise invalid("is empty", f"give the code its {info.field_name}")
    return value


def _keyword(keyword: str) -> str:
    problem = keyword_problem(keyword)
    if problem:
        raise invalid(f"keyword {keyword!r} {problem}", "write e.g. wait* for a prefix, or use patterns: for a regex")
    return keyword


def _pattern_problem(pattern: str) -> str | None:
    try:
        rx = re.compile(f"(?i:{pattern})")
    except re.error as exc:
        return f"not a valid regular expression: {exc}"
    if _BACKREF.search(pattern):
        return "uses a back-reference (\\1 or (?P=name)), which breaks when a code's patterns are combined"
    if rx.fullmatch("") is not None:
        return "matches empty text, so it would code every document"
    return None


def _pattern(pattern: str) -> str:
    problem = _pattern_problem(pattern)
    if problem:
        raise invalid(problem, "correct the regex (test it at the Python prompt with re.compile); quote it in single "
                               "quotes in YAML; use (?i:...) rather than a flag like (?i) in the middle")
    return pattern


def _usable(value: object) -> bool:
    """Whether a raw keywords/patterns value has an entry that reads as text."""
    return isinstance(value, list) and any(_plain(v) for v in value)


def _plain(value: object) -> str:
    """The text of a raw scalar ('' if it is not text or a number)."""
    return str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


#: Text: None is ``""``, a number its text, surrounding space dropped; a list or a yes/no is an error.
Text = Annotated[str, BeforeValidator(_text)]
#: An entry of a list of text: a number is its text; empty text, a list or a yes/no YAML read as true/false is an error.
TextItem = Annotated[str, BeforeValidator(_item)]
#: ``Annotated[tuple[X, ...], YamlList]``: None is an empty list; anything but a list is an error naming the field.
YamlList = BeforeValidator(_list)
Keyword = Annotated[TextItem, AfterValidator(_keyword)]
Pattern = Annotated[TextItem, AfterValidator(_pattern)]


class CodeSpec(YamlModel):
    """One entry of ``codes:`` (see :mod:`hcd.themes.codebooks` for the meaning of each field)."""

    id: Annotated[Identifier, BeforeValidator(_text)]
    name: Annotated[Text, AfterValidator(_filled)]
    description: Text = ""
    keywords: Annotated[tuple[Keyword, ...], YamlList] = ()
    patterns: Annotated[tuple[Pattern, ...], YamlList] = ()
    parent: Text = ""
    examples: Annotated[tuple[TextItem, ...], YamlList] = ()

    @model_validator(mode="before")
    @classmethod
    def _mapping(cls, data: object) -> object:
        if not isinstance(data, dict):
            raise invalid("must be a mapping with id:, name: and keywords: or patterns:",
                          "write e.g. {id: ease, name: Ease, keywords: [hassle, hoops]}")
        return data

    @classmethod
    def cross_check(cls, data: dict[str, Any]) -> list[Issue]:
        """A code needs a keyword or a pattern."""
        if _usable(data.get("keywords")) or _usable(data.get("patterns")):
            return []
        code = _plain(data.get("id")) or _plain(data.get("name"))
        return [((), f"code '{code}' has neither keywords nor patterns" if code else
                 "the code has neither keywords nor patterns", "add keywords: [...] or patterns: ['...']")]


def _code_list(value: object) -> object:
    if not isinstance(value, list) or not value:
        raise invalid("missing or not a list of codes",
                      "add codes: with one '- id: ..., name: ..., keywords: [...]' entry per code")
    return value


def _parent_problems(entries: list[tuple[int, str, str | None]], ids: dict[str, int]) -> list[Issue]:
    problems: list[Issue] = []
    parents = {code_id: parent for _, code_id, parent in entries if code_id}
    for i, code_id, parent in entries:
        where = ("codes", i, "parent")
        if parent is None:
            continue
        if parent == code_id:
            problems.append((where, f"code '{code_id}' is its own parent", "remove parent: or fix it"))
        elif parent not in ids:
            hint = did_you_mean(parent, ids)
            problems.append((where, f"'{parent}' is not a code in this codebook",
                             (f"{hint} " if hint else "") + "use the id of another code in this file"))
        else:
            chain, node = [code_id], parent
            while node is not None and node not in chain and node in parents:
                chain.append(node)
                node = parents[node]
            if node == code_id:
                problems.append((where, "parents form a cycle: " + " -> ".join([*chain, node]),
                                 "make one of these codes a top-level code (parent: null)"))
    return problems


class CodebookSpec(YamlModel):
    """A codebook file: ``name``, ``description``, ``source`` and ``codes``."""

    name: Text = ""
    description: Text = ""
    source: Text = ""
    codes: Annotated[tuple[CodeSpec, ...], BeforeValidator(_code_list)] = Field(default=None, validate_default=True)

    @classmethod
    def cross_check(cls, data: dict[str, Any]) -> list[Issue]:
        """Duplicate ids; parents that are not codes of the file, the code itself, or form a cycle."""
        raw = data.get("codes")
        entries = [(i, _plain(c.get("id")), _plain(c.get("parent")) or None)
                   for i, c in enumerate(raw if isinstance(raw, list) else []) if isinstance(c, dict)]
        problems: list[Issue] = []
        ids: dict[str, int] = {}
        for i, code_id, _ in entries:
            if code_id in ids:
                problems.append((("codes", i, "id"), f"duplicate id '{code_id}' (also codes[{ids[code_id]}])",
                                 "give every code its own id"))
            elif code_id:
                ids[code_id] = i
        return problems + _parent_problems(entries, ids)
