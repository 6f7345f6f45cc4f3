"""Pain-point themes: the theme model, researcher overrides, breakdowns, deductive codebooks and the QDA export.

================================  =============================================================
:mod:`hcd.themes.model`           :class:`ThemeModel` (fit / transform, per-source clustering, labels)
:mod:`hcd.themes.describe`        :func:`describe_themes`: the ranked table, fair severity, trimmed quotes
:mod:`hcd.themes.sentiment`       :func:`fast_sentiment_scores`: VADER + friction for many texts at once
:mod:`hcd.themes.labels`          readable, distinct labels: a phrase found verbatim in the theme's items
:mod:`hcd.themes.selection`       how many themes: stability above chance, the range, the edge warning
:mod:`hcd.themes.sources`         each kind of source clustered on its own, matching themes aligned
:mod:`hcd.themes.speech`          fillers and backchannels out of speech; passages in another language
:mod:`hcd.themes.clustering`      consensus k-means and theme centres
:mod:`hcd.themes.overrides`       the researchers' overrides file: merge, split, pin, move, rename
:mod:`hcd.themes.breakdowns`      themes by program, channel, source and fiscal quarter; by code
:mod:`hcd.themes.codebooks`       deductive codebooks (A-11 drivers, SERVQUAL) applied to texts
:mod:`hcd.themes.codebook_spec`   the declared shape of a codebook file (validated on loading)
:mod:`hcd.themes.qdpx`            REFI-QDA ``.qdpx`` export and import
:mod:`hcd.themes.quick_look`      ``hcd themes FILE``: one file's themes, no sprint needed
================================  =============================================================
"""

from hcd.themes.breakdowns import BREAKDOWN, TREND, code_by_theme, theme_breakdown, theme_trend
from hcd.themes.codebooks import (
    CODE_SUMMARY,
    SHIPPED_CODEBOOKS,
    Code,
    Codebook,
    CodebookError,
    apply_codebook,
    code_documents,
    code_matrix,
    code_summary,
    keyword_regex,
    load_codebook,
)
from hcd.themes.describe import describe_themes
from hcd.themes.model import THEMES, UNASSIGNED, ThemeModel
from hcd.themes.overrides import OVERRIDE_LOG, ThemeOverrides, apply_overrides, load_overrides
from hcd.themes.qdpx import QdpxError, read_qdpx, write_qdpx
from hcd.themes.quick_look import ThemeFileResult, theme_file
from hcd.themes.sentiment import fast_sentiment_scores

__all__ = [
    "ThemeModel", "describe_themes", "UNASSIGNED", "THEMES",
    "ThemeOverrides", "load_overrides", "apply_overrides", "OVERRIDE_LOG",
    "theme_breakdown", "theme_trend", "code_by_theme", "BREAKDOWN", "TREND",
    "Code", "Codebook", "CodebookError", "SHIPPED_CODEBOOKS", "CODE_SUMMARY", "load_codebook", "keyword_regex",
    "apply_codebook", "code_matrix", "code_summary", "code_documents",
    "QdpxError", "read_qdpx", "write_qdpx",
    "ThemeFileResult", "theme_file", "fast_sentiment_scores",
]
