"""Researchers' coding of a sample of items, and how well coders agree (the action-plan step).

:class:`Codings` is the plain CSV file a researcher's coding view writes
(``<codings folder>/<coder>.csv``, :mod:`hcd.lab.coding_view`) and the
action-plan step reads on every run (:func:`hcd.ingest.codings.read_codings`);
:class:`CodingAgreement` and :class:`CodingReliability` are the agreement
tables that step writes (:mod:`hcd.themes.agreement`). Rows of the coding
files that cannot be used go to ``coding_quarantine``, a
:class:`~hcd.schemas.ingest.Quarantine` table.

Annotations are evaluated by pandera, so this module does not postpone them.
"""

from hcd.schemas.base import Boolean, Float, Integer, String, TableModel

__all__ = ["Codings", "CodingAgreement", "CodingReliability"]


class Codings(TableModel):
    """A researcher's codes: one row per item and code of the codebook.

    ``doc_id`` is the item (``data/documents.csv`` of the run), ``coder`` a
    short id of the researcher (initials or a pseudonym: the file's name),
    ``codebook`` the codebook's name, ``code`` a code id of it, ``applied``
    1 when the researcher applied the code to the item and 0 when they decided
    it does not apply, ``coded_at`` when (ISO 8601, UTC). An item is coded
    when it has rows; a code it has no row for counts as not applied.
    """

    doc_id: String
    coder: String
    codebook: String
    code: String
    applied: Integer
    coded_at: String


class CodingAgreement(TableModel):
    """``coding_agreement``: Cohen's kappa per code between two coders, over the items both coded.

    ``comparison`` is ``researchers`` (two people) or ``rules`` (a person,
    ``coder_a``, and the codebook's keyword rules, ``coder_b`` = ``rules``).
    ``applied_a`` / ``applied_b`` count the items each applied the code to,
    ``agreement`` is the share of items on which they made the same decision;
    ``kappa`` is NaN when it is undefined, ``note`` then says why (e.g.
    nobody applied the code). ``ci_low`` / ``ci_high`` bound a 95% interval
    from a seeded bootstrap over items. ``flagged`` marks a code that needs
    attention, ``advice`` says what to do in plain English.
    """

    codebook: String
    code: String
    code_name: String
    comparison: String
    coder_a: String
    coder_b: String
    items: Integer
    applied_a: Integer
    applied_b: Integer
    agreement: Float
    kappa: Float
    ci_low: Float
    ci_high: Float
    note: String
    flagged: Boolean
    advice: String


class CodingReliability(TableModel):
    """``coding_reliability``: Krippendorff's alpha over every code at once, per comparison.

    Each item-and-code decision is a unit (nominal, 0/1). ``researchers``
    compares all researchers; ``rules`` one researcher with the keyword
    rules. ``items`` counts the items at least two of ``coders`` coded,
    ``decisions`` the item-and-code units; ``alpha`` is NaN when undefined,
    with the reason in ``note``; the interval is a seeded bootstrap over items.
    """

    codebook: String
    comparison: String
    coders: String
    items: Integer
    decisions: Integer
    alpha: Float
    ci_low: Float
    ci_high: Float
    note: String
