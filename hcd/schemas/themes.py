"""The tables the themes step writes (``02_themes.ipynb``): documents, themes, assignments and codes.

Annotations are evaluated by pandera, so this module does not postpone them.
"""

from hcd.schemas.base import Boolean, Float, Integer, JsonList, String, TableModel

__all__ = ["DocumentsToTheme", "Documents", "Assignments", "Themes", "ThemeSelection", "ThemeOverrides",
           "FittedThemes", "FittedAssignments",
           "CodebookMatches", "CodedSegments", "CodeSummary"]


class DocumentsToTheme(TableModel):
    """Texts to theme, from interviews, complaints and survey comments alike
    (:func:`hcd.pipeline.build_documents`); ``""`` where a source has no such field."""

    doc_id: String
    kind: String
    text: String
    source: String
    participant: String
    agency: String
    program: String
    channel: String
    segment: String
    date: String
    touchpoints: String
    pain_codes: String


class Documents(DocumentsToTheme):
    """``documents``: :class:`DocumentsToTheme` with each text's sentiment (VADER compound, -1..1)."""

    sentiment: Float


class Assignments(TableModel):
    """``assignments``: each document's theme (``theme_id`` -1: unassigned) and its similarity to the theme."""

    doc_id: String
    kind: String
    source: String
    theme_id: Integer
    theme_label: String
    similarity: Float
    sentiment: Float


class Themes(TableModel):
    """``themes``: one row per theme, most severe first (unassigned last).

    ``label`` is a phrase found verbatim in the theme's items (or the
    researchers' name), ``terms`` its most distinctive terms; ``share`` is
    the share of themed items, ``balanced_share`` the share of voices (each
    kind of source weighing the same, each participant once) that severity
    uses (:mod:`hcd.themes.describe`). ``quotes`` lists the sentences of the
    most typical items that carry the theme, as ``{"text", "source", "doc_id"}`` dicts.
    """

    theme_id: Integer
    label: String
    terms: String
    size: Integer
    share: Float
    balanced_share: Float | None
    mean_sentiment: Float
    negative_share: Float
    participants: Integer
    agencies: Integer
    reach: Float
    severity: Float
    rank: Integer
    quotes: JsonList


class ThemeSelection(TableModel):
    """``theme_selection``: each number of themes tried (NaN when k was given), per kind of source.

    ``silhouette`` is the mean cosine silhouette; ``stability`` and
    ``null_stability`` the agreement (ARI) of clusterings of resamples of the
    data and of a structureless copy; ``score`` the criterion k was chosen by
    (the chosen k has the highest, the smallest on ties); ``warning`` says,
    on the chosen row, when k sits at the edge of the range tried
    (:mod:`hcd.themes.selection`).
    """

    source: String | None
    k: Integer
    silhouette: Float
    stability: Float | None
    null_stability: Float | None
    score: Float | None
    chosen: Boolean | None
    warning: String | None


class ThemeOverrides(TableModel):
    """``theme_overrides``: the researchers' decisions applied after fitting, with the items each changed."""

    step: Integer
    action: String
    detail: String
    theme_id: Integer
    items: Integer


class FittedThemes(TableModel):
    """``fitted_themes``: the themes as the model fitted them, before the researchers' overrides.

    The overrides file names themes by these ids, labels and terms
    (:mod:`hcd.themes.overrides`); ``hcd.lab.Curator`` checks that it fits them again exactly.
    """

    theme_id: Integer
    label: String
    terms: String
    size: Integer
    share: Float


class FittedAssignments(TableModel):
    """``fitted_assignments``: each document's theme as fitted, before the researchers' overrides."""

    doc_id: String
    theme_id: Integer
    similarity: Float


class CodebookMatches(TableModel):
    """One row per codebook match (:func:`hcd.themes.codebooks.apply_codebook`).

    ``start`` and ``end`` are character offsets into the document's ``text``
    (end exclusive), ``matched`` the text between them.
    """

    doc_id: String
    code_id: String
    code_name: String
    start: Integer
    end: Integer
    matched: String


class CodedSegments(CodebookMatches):
    """``coded_segments``: :class:`CodebookMatches` of every codebook, with the codebook's id."""

    codebook: String


class CodeSummary(TableModel):
    """``code_summary``: per codebook and code, the documents and mentions it codes (``parent``: "" at the top)."""

    codebook: String
    code_id: String
    code_name: String
    parent: String
    documents: Integer
    share: Float
    mentions: Integer
