"""Pain-point themes: the theme model, researcher overrides, breakdowns, deductive codebooks and the QDA export.

================================  =============================================================
:mod:`hcd.themes.model`           :class:`ThemeModel` (fit / transform, per-source clustering, labels)
:mod:`hcd.themes.describe`        :func:`describe_themes`: the ranked table, fair severity, trimmed quotes
:mod:`hcd.themes.sentiment`       :func:`fast_sentiment_scores` (of :mod:`hcd.sentiment`): VADER for many texts
:mod:`hcd.themes.labels`          readable, distinct labels: a phrase found verbatim in the theme's items
:mod:`hcd.themes.selection`       how many themes: stability above chance, the range, the edge warning
:mod:`hcd.themes.sources`         each kind of source clustered on its own, matching themes aligned
:mod:`hcd.themes.speech`          fillers and backchannels out of speech; passages in another language
:mod:`hcd.themes.clustering`      the exact LSA, consensus k-means (runs side by side), theme centres
:mod:`hcd.themes.overrides`       the researchers' overrides file: merge, split, pin, move, rename
:mod:`hcd.themes.breakdowns`      themes by program, channel, source and fiscal quarter; by code
:mod:`hcd.themes.codebooks`       deductive codebooks (A-11 drivers, SERVQUAL) applied to texts
:mod:`hcd.themes.codebook_spec`   the declared shape of a codebook file (validated on loading)
:mod:`hcd.themes.coding`          the sample researchers code (stratified by theme) and the rules' codes
:mod:`hcd.themes.agreement`       Cohen's kappa per code, Krippendorff's alpha, intervals, flagged rules
:mod:`hcd.themes.qdpx`            REFI-QDA ``.qdpx`` export and import
:mod:`hcd.themes.quick_look`      ``hcd themes FILE``: one file's themes, no sprint needed
================================  =============================================================

The names below are imported on first use, so that ``hcd themes FILE`` loads
the model, the table and the sentiment, not the codebooks, overrides and
QDA export it does not need.
"""

from __future__ import annotations

from hcd.lazy_names import lazy_names

_EXPORTS = {
    "ThemeModel": "model", "UNASSIGNED": "model", "THEMES": "model",
    "describe_themes": "describe",
    "ThemeOverrides": "overrides", "load_overrides": "overrides", "apply_overrides": "overrides",
    "OVERRIDE_LOG": "overrides",
    "theme_breakdown": "breakdowns", "theme_trend": "breakdowns", "code_by_theme": "breakdowns",
    "BREAKDOWN": "breakdowns", "TREND": "breakdowns",
    "Code": "codebooks", "Codebook": "codebooks", "CodebookError": "codebooks", "SHIPPED_CODEBOOKS": "codebooks",
    "CODE_SUMMARY": "codebooks", "load_codebook": "codebooks", "keyword_regex": "codebooks",
    "apply_codebook": "codebooks", "code_matrix": "codebooks", "code_summary": "codebooks",
    "code_documents": "codebooks",
    "QdpxError": "qdpx", "read_qdpx": "qdpx", "write_qdpx": "qdpx",
    "ThemeFileResult": "quick_look", "theme_file": "quick_look",
    "fast_sentiment_scores": "sentiment",
    "stratified_sample": "coding", "rule_codings": "coding",
    "agreement_tables": "agreement", "cohen_kappa": "agreement", "krippendorff_alpha": "agreement",
    "KAPPA_THRESHOLD": "agreement",
}
__all__ = list(_EXPORTS)


__getattr__, __dir__ = lazy_names(__name__, {name: f".{module}" for name, module in _EXPORTS.items()})
