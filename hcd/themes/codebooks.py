"""Deductive coding: a YAML codebook applied as multi-label codes to texts.

Clustering (:mod:`hcd.themes`) finds the pain points nobody named in advance;
a codebook counts the ones a framework names up front, such as the OMB
Circular A-11 Section 280 trust and drivers. The two sit side by side: every
document can carry any number of codes, and every code match keeps its
character offsets, so a researcher can read each coded span in context.

A codebook file (``*.yml``) looks like this::

    name: my-codebook
    description: What the codes are for.
    source: Where the definitions come from (a citation).
    codes:
      - id: efficiency                  # letters, digits, - _ . (a column name later)
        name: Efficiency
        description: It took a reasonable amount of time.
        keywords: [wait*, on hold, backlog, took forever]
        patterns: ['(?:on hold|waited) for \\d+ (?:minutes|hours)']
        parent: null                    # optional: the id of a broader code
        examples: [I was on hold for 3 hours.]

Only ``codes`` with an ``id``, a ``name`` and at least one keyword or
pattern are required. Two codebooks ship with hcd (:data:`SHIPPED_CODEBOOKS`):
``a11-drivers`` and ``servqual``; :func:`load_codebook` takes their names or a
path to your own file.

Keyword semantics
-----------------
* Case-insensitive (texts and keywords are compared in lower case), whole
  words: ``hold`` matches "Hold" but not "household" or "threshold".
* A keyword of several words matches with any whitespace between them,
  including line breaks: ``on hold`` matches "on\\n  hold". A hyphen is a
  character like any other (write ``follow up`` and ``follow-up`` if you want
  both).
* A word ending in ``*`` is a prefix: ``wait*`` matches wait, waited,
  waiting, waits and waitlist. ``*`` is allowed only at the end of a word.
* Every other word of three or more letters also matches its simple
  inflections: plural ``-s``/``-es``, ``-ed`` and ``-ing``, with the usual
  spelling changes (``document`` matches documents and documented; ``delete``
  deleted and deleting; ``deny`` denies and denied; ``stop`` stopped).
  Irregular forms (told, got, lost) are not derived: list them. Function
  words (on, the, no, not, my ...) match only as written.
* An apostrophe matches both ``'`` and ``’``.

Patterns
--------
``patterns`` are Python regular expressions, matched case-insensitively.
Like keywords they start at a word start (the start of the text, or just
after a space or punctuation), never inside a word; where they end is up to
the pattern (end it with ``\\b`` for a whole word). Back-references and
global flags such as ``(?x)`` are not allowed (use ``(?x:...)``).

Each code is compiled once into one alternation: at a word start its
patterns are tried first, in order, then its keywords from the longest to
the shortest; the first that matches is the code's match there, and the code
is next looked for after its end. So matches of one code never overlap,
while matches of different codes may: coding is multi-label.

Speed: one scan of each text finds the word starts where any code of the
codebook can match, and only those are tried code by code. A pattern that
begins with literal letters (``\\bwait(?:ed|ing)``) is tried only where its
first three letters occur; one that begins with a class (``\\w+``, ``[a-z]``)
is tried at every word start, so keep those few.

Examples
--------
>>> book = Codebook("demo", "", "", (
...     Code("efficiency", "Efficiency", "", ("wait*", "on hold"), ()),
...     Code("documents", "Documents", "", ("document", "pay stub"), ()),
... ))
>>> docs = pd.DataFrame({"doc_id": ["a", "b"],
...                      "text": ["Waited on\\nhold, then they lost my pay stubs.", "All good."]})
>>> coded = apply_codebook(book, docs)
>>> coded[["doc_id", "code_id", "start", "end", "matched"]].values.tolist()
[['a', 'efficiency', 0, 6, 'Waited'], ['a', 'efficiency', 7, 14, 'on\\nhold'], ['a', 'documents', 34, 43, 'pay stubs']]
>>> code_matrix(coded, docs, book).to_dict("index")
{'a': {'efficiency': 1, 'documents': 1}, 'b': {'efficiency': 0, 'documents': 0}}
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hcd.errors import CodebookError
from hcd.schemas import CODED_SEGMENTS
from hcd.themes._keyword_scanner import compile_code, keyword_regex, matcher, scan
from hcd.themes.codebook_spec import CodebookSpec
from hcd.yaml_files import load_yaml, parse_yaml

__all__ = [
    "Code",
    "Codebook",
    "CodebookError",
    "SHIPPED_CODEBOOKS",
    "CODED_SEGMENTS",
    "CODE_SUMMARY",
    "load_codebook",
    "keyword_regex",
    "apply_codebook",
    "code_matrix",
    "code_summary",
    "code_documents",
]

#: Names of the codebooks shipped in ``hcd/resources/codebooks/<name>.yml``.
SHIPPED_CODEBOOKS = ("a11-drivers", "servqual")

#: Columns of :func:`code_summary` (with ``by``, the group column follows ``parent``).
CODE_SUMMARY = ("code_id", "code_name", "parent", "documents", "share", "mentions")



@dataclass(frozen=True)
class Code:
    """One code of a codebook.

    Parameters
    ----------
    id : str
        Short stable identifier (a column name in :func:`code_matrix`).
    name : str
        Human-readable name.
    description : str
        When to apply the code.
    keywords : tuple of str
        Keywords (see the module docstring for their semantics).
    patterns : tuple of str
        Python regular expressions, matched case-insensitively.
    parent : str or None
        The id of a broader code, if any.
    examples : tuple of str
        Example sentences the code applies to.

    Examples
    --------
    >>> code = Code("ease", "Ease", "", ["hassle", "hoops"], [])
    >>> code.keywords
    ('hassle', 'hoops')
    >>> [m.group() for m in code.regex().finditer("Such a hassle, so many hoops.")]
    ['hassle', 'hoops']
    """

    id: str
    name: str
    description: str
    keywords: tuple[str, ...]
    patterns: tuple[str, ...]
    parent: str | None = None
    examples: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("keywords", "patterns", "examples"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise TypeError(f"Code.{name} must be a sequence of strings, not a single string: {value!r}")
            object.__setattr__(self, name, tuple(value))

    def regex(self) -> re.Pattern[str]:
        """This code on its own, as one compiled regex (cached).

        ``code.regex().finditer(text)`` finds the matches that
        :func:`apply_codebook` gives this code in ``text``: handy to check a
        code against a sentence.
        """
        return compile_code(self.keywords, self.patterns)


@dataclass(frozen=True)
class Codebook:
    """A named set of codes.

    Parameters
    ----------
    name : str
        Short name (the file stem if the file gives none).
    description : str
        What the codebook is for.
    source : str
        Where its definitions come from (a citation).
    codes : tuple of Code
        In the order of the file; ids are unique.
    path : pathlib.Path or None
        The file it was loaded from (not part of equality).
    """

    name: str
    description: str
    source: str
    codes: tuple[Code, ...]
    path: Path | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "codes", tuple(self.codes))

    @property
    def ids(self) -> tuple[str, ...]:
        """The code ids, in order."""
        return tuple(c.id for c in self.codes)

    def __getitem__(self, code_id: str) -> Code:
        for c in self.codes:
            if c.id == code_id:
                return c
        raise KeyError(code_id)


# --------------------------------------------------------------------------- loading


def load_codebook(name_or_path: str | Path) -> Codebook:
    """Read and validate a codebook: a shipped one by name, or a YAML file.

    Parameters
    ----------
    name_or_path : str or path-like
        One of :data:`SHIPPED_CODEBOOKS` (``"a11-drivers"``, ``"servqual"``)
        or the path of a ``.yml`` file.

    Returns
    -------
    Codebook

    Raises
    ------
    CodebookError
        A :class:`~hcd.errors.ConfigError` naming the file and listing every problem at once, each with its field
        (e.g. ``codes[3].patterns[1]``) and the fix: unknown fields, a missing
        id or name, duplicate ids, a parent that is not a code, a code with
        neither keywords nor patterns, an invalid keyword or regex.

    Examples
    --------
    >>> book = load_codebook("a11-drivers")
    >>> book.ids
    ('trust', 'satisfaction', 'effectiveness', 'ease', 'efficiency', 'transparency', 'equity', 'employee')
    >>> load_codebook("servqual").ids
    ('reliability', 'assurance', 'tangibles', 'empathy', 'responsiveness')
    >>> load_codebook("a11")
    Traceback (most recent call last):
    ...
    hcd.errors.CodebookError: invalid codebook a11: no shipped codebook by that name and no such file \
(fix: use one of a11-drivers, servqual or the path of a .yml codebook file)
    """
    if isinstance(name_or_path, str) and name_or_path in SHIPPED_CODEBOOKS:
        res = resources.files("hcd").joinpath(f"resources/codebooks/{name_or_path}.yml")
        path = Path(str(res))
        spec = parse_yaml(res.read_text(encoding="utf-8"), CodebookSpec, CodebookError, source=path)
    else:
        path = Path(name_or_path).expanduser()
        if not path.is_file():
            bare = isinstance(name_or_path, str) and not path.suffix and len(path.parts) == 1
            what = "no shipped codebook by that name and no such file" if bare else "codebook file not found"
            raise CodebookError(path, [("", what, f"use one of {', '.join(SHIPPED_CODEBOOKS)} or the path of a "
                                                  ".yml codebook file")])
        spec = load_yaml(path, CodebookSpec, CodebookError)
    codes = tuple(Code(c.id, c.name, c.description, c.keywords, c.patterns, c.parent or None, c.examples)
                  for c in spec.codes)
    return Codebook(spec.name or path.stem, spec.description, spec.source, codes, path=path)


# --------------------------------------------------------------------------- applying


def _check_documents(documents: pd.DataFrame, columns: tuple[str, ...] = ("doc_id",)) -> None:
    missing = [c for c in columns if c not in documents.columns]
    if missing:
        raise ValueError(f"documents lacks the columns {', '.join(missing)} (see hcd.schemas.DOCUMENTS)")
    if documents["doc_id"].duplicated().any():
        dup = documents.loc[documents["doc_id"].duplicated(), "doc_id"].astype(str).unique()[:5]
        raise ValueError(f"documents has duplicate doc_id values ({', '.join(dup)}); make doc_id unique, "
                         "e.g. prefix it with the kind")


def apply_codebook(codebook: Codebook, documents: pd.DataFrame) -> pd.DataFrame:
    """Code every document with every code that matches it (multi-label).

    Parameters
    ----------
    codebook : Codebook
        From :func:`load_codebook`.
    documents : DataFrame
        At least ``doc_id`` (unique) and ``text`` (missing text codes nothing);
        see :data:`hcd.schemas.DOCUMENTS`. Not modified.

    Returns
    -------
    DataFrame
        :data:`~hcd.schemas.CODED_SEGMENTS`: one row per match, with
        ``start``/``end`` character offsets into that document's text (end
        exclusive, so ``text[start:end] == matched``), sorted by ``doc_id``,
        ``start`` and ``code_id``. The same inputs give the same rows.

    Examples
    --------
    >>> book = Codebook("demo", "", "", (Code("hold", "On hold", "", ("on hold",), (r"\\d+ hours",)),))
    >>> docs = pd.DataFrame({"doc_id": ["d1"], "text": ["On hold for 3 hours, on hold again."]})
    >>> apply_codebook(book, docs)["matched"].tolist()
    ['On hold', '3 hours', 'on hold']

    Notes
    -----
    Each text is lower-cased and scanned once for the word starts where any
    code can match; only those are tried code by code. With the shipped
    codebooks this takes roughly 0.1 ms per text of 800 characters (about
    10-15 s for 100,000 such texts on one core); the first call per codebook
    also compiles it (well under a second).
    """
    _check_documents(documents, ("doc_id", "text"))
    compiled = matcher(tuple((c.keywords, c.patterns) for c in codebook.codes))
    doc_col: list[int] = []
    code_col: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    matched: list[str] = []
    for row, text in enumerate(documents["text"].tolist()):
        if not isinstance(text, str):
            if text is None or (isinstance(text, float) and np.isnan(text)):
                continue
            text = str(text)
        for k, s, e in scan(text, compiled):
            doc_col.append(row)
            code_col.append(k)
            starts.append(s)
            ends.append(e)
            matched.append(text[s:e])
    ids = np.array([c.id for c in codebook.codes], dtype=object)
    names = np.array([c.name for c in codebook.codes], dtype=object)
    rows = np.asarray(doc_col, dtype=np.int64)
    ks = np.asarray(code_col, dtype=np.int64)
    out = pd.DataFrame({
        "doc_id": documents["doc_id"].to_numpy()[rows],
        "code_id": ids[ks],
        "code_name": names[ks],
        "start": np.asarray(starts, dtype=np.int64),
        "end": np.asarray(ends, dtype=np.int64),
        "matched": np.array(matched, dtype=object),
    })
    out = out.sort_values(["doc_id", "start", "code_id"], kind="stable", ignore_index=True)
    return out.loc[:, list(CODED_SEGMENTS)]


def _cells(coded: pd.DataFrame, documents: pd.DataFrame, codebook: Codebook) -> tuple[np.ndarray, np.ndarray]:
    """Row (in ``documents``) and column (in the codebook) of each match of one of ``documents``."""
    _check_documents(documents)
    missing = [c for c in ("doc_id", "code_id") if c not in coded.columns]
    if missing:
        raise ValueError(f"coded lacks the columns {', '.join(missing)} (pass the result of apply_codebook)")
    col = pd.Index(codebook.ids).get_indexer(coded["code_id"])
    if (col < 0).any():
        unknown = sorted(set(coded["code_id"].to_numpy()[col < 0].astype(str)))
        raise ValueError(f"coded has codes that are not in codebook '{codebook.name}': {', '.join(unknown[:5])}; "
                         "pass the codebook that apply_codebook used")
    row = pd.Index(documents["doc_id"]).get_indexer(coded["doc_id"])
    keep = row >= 0
    return row[keep], col[keep]


def code_matrix(coded: pd.DataFrame, documents: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """One row per document, one 0/1 column per code.

    Parameters
    ----------
    coded : DataFrame
        :data:`~hcd.schemas.CODED_SEGMENTS` from :func:`apply_codebook`.
    documents : DataFrame
        With a unique ``doc_id``; rows of ``coded`` for other documents are
        ignored, so a subset of documents gives the matrix of that subset.
    codebook : Codebook
        The codebook ``coded`` was made with; every code gets a column, even
        one that never matched.

    Returns
    -------
    DataFrame
        Index ``doc_id`` in the order of ``documents``; columns the code ids
        in codebook order; values 1 if the document has the code, else 0.

    Examples
    --------
    >>> book = Codebook("demo", "", "", (Code("x", "X", "", ("x",), ()), Code("y", "Y", "", ("y",), ())))
    >>> docs = pd.DataFrame({"doc_id": ["b", "a"], "text": ["x x", "nothing"]})
    >>> code_matrix(apply_codebook(book, docs), docs, book).values.tolist()
    [[1, 0], [0, 0]]
    """
    row, col = _cells(coded, documents, codebook)
    values = np.zeros((len(documents), len(codebook.codes)), dtype=np.int64)
    values[row, col] = 1
    return pd.DataFrame(values, index=pd.Index(documents["doc_id"], name="doc_id"),
                        columns=pd.Index(list(codebook.ids), name="code_id"))


def code_summary(coded: pd.DataFrame, documents: pd.DataFrame, codebook: Codebook,
                 by: str | None = None) -> pd.DataFrame:
    """How many documents and matches each code has, overall or per group.

    Parameters
    ----------
    coded : DataFrame
        :data:`~hcd.schemas.CODED_SEGMENTS` from :func:`apply_codebook`.
    documents : DataFrame
        The documents coded (or a subset of them: the counts are of this subset).
    codebook : Codebook
        The codebook ``coded`` was made with.
    by : str, optional
        A column of ``documents`` (e.g. ``"agency"``, ``"kind"``) to count within.

    Returns
    -------
    DataFrame
        :data:`CODE_SUMMARY`: one row per code in codebook order, with
        ``parent`` (None for a top-level code), ``documents`` (documents with the code), ``share`` (of all documents;
        NaN if there are none) and ``mentions`` (matches). With ``by``, one row
        per code and group value (every pair, zeros included; missing values
        are a group of their own), the group column after ``parent``, and
        ``share`` within the group.

    Examples
    --------
    >>> book = Codebook("demo", "", "", (Code("x", "X", "", ("x",), ()),))
    >>> docs = pd.DataFrame({"doc_id": ["1", "2", "3"], "text": ["x x", "x", "no"],
    ...                      "agency": ["A", "B", "B"]})
    >>> coded = apply_codebook(book, docs)
    >>> code_summary(coded, docs, book)[["code_id", "documents", "share", "mentions"]].round(2).to_dict("records")
    [{'code_id': 'x', 'documents': 2, 'share': 0.67, 'mentions': 3}]
    >>> code_summary(coded, docs, book, by="agency")[["agency", "documents", "share"]].values.tolist()
    [['A', 1, 1.0], ['B', 1, 0.5]]
    """
    row, col = _cells(coded, documents, codebook)
    if by is None:
        group_of = np.zeros(len(documents), dtype=np.int64)
        values: Any = None
    else:
        if by not in documents.columns:
            raise ValueError(f"documents has no column '{by}' to group by; use one of "
                             f"{', '.join(map(str, documents.columns))}")
        if by in CODE_SUMMARY:
            raise ValueError(f"cannot group by '{by}': it is a column of the summary; rename it first")
        try:
            group_of, values = pd.factorize(documents[by], sort=True, use_na_sentinel=False)
        except TypeError:  # values that do not sort (mixed types): first-seen order
            group_of, values = pd.factorize(documents[by], sort=False, use_na_sentinel=False)
    n_groups = 1 if values is None else len(values)
    n_codes = len(codebook.codes)
    cell = group_of[row] * n_codes + col
    mentions = np.bincount(cell, minlength=n_groups * n_codes).reshape(n_groups, n_codes)
    first = np.unique(row * n_codes + col)  # each (document, code) once
    docs_per = np.bincount(group_of[first // n_codes] * n_codes + first % n_codes,
                           minlength=n_groups * n_codes).reshape(n_groups, n_codes)
    sizes = np.bincount(group_of, minlength=n_groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(sizes[:, None] > 0, docs_per / np.maximum(sizes, 1)[:, None], np.nan)
    out = pd.DataFrame({
        "code_id": np.repeat(np.array(codebook.ids, dtype=object), n_groups),
        "code_name": np.repeat(np.array([c.name for c in codebook.codes], dtype=object), n_groups),
        "parent": pd.Series(np.repeat(np.array([c.parent for c in codebook.codes], dtype=object), n_groups),
                            dtype=object),
        "documents": docs_per.T.reshape(-1),
        "share": share.T.reshape(-1).astype(float),
        "mentions": mentions.T.reshape(-1),
    })
    if values is None:
        return out.loc[:, list(CODE_SUMMARY)]
    out.insert(3, by, np.tile(np.asarray(values, dtype=object), n_codes))
    return out


def code_documents(documents: pd.DataFrame, codebooks: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply deductive codebooks (shipped names or YAML paths) to the documents.

    Returns
    -------
    (segments, summary) : tuple of DataFrame
        Coded segments (:data:`hcd.schemas.CODED_SEGMENTS` plus ``codebook``)
        and, per codebook and code, the documents coded, their share and mentions.
    """
    segments, summaries = [], []
    for name in codebooks:
        book = load_codebook(name)
        coded = apply_codebook(book, documents)
        segments.append(coded.assign(codebook=book.name))
        summaries.append(code_summary(coded, documents, book).assign(codebook=book.name))
    if not segments:
        return (pd.DataFrame(columns=[*CODED_SEGMENTS, "codebook"]),
                pd.DataFrame(columns=["codebook", "code_id", "code_name", "parent", "documents", "share", "mentions"]))
    summary = pd.concat(summaries, ignore_index=True)
    return pd.concat(segments, ignore_index=True), summary.loc[:, ["codebook", *[c for c in summary.columns
                                                                                 if c != "codebook"]]]
