"""Report figures: each plot draws the data it is given and carries alternative text."""

from itertools import pairwise

import pandas as pd
import pytest
from matplotlib.figure import Figure

from hcd.render import plots


@pytest.fixture
def themes():
    return pd.DataFrame({"theme_id": [0, 1, -1], "label": ["hold / phone", "documents / lost", "Unassigned"],
                         "size": [30, 20, 5], "severity": [4.0, 6.5, 0.0],
                         "mean_sentiment": [-0.5, 0.1, 0.0]})


def test_plot_themes_draws_one_bar_per_theme(themes):
    fig = plots.plot_themes(themes)
    assert isinstance(fig, Figure)
    size_ax = fig.axes[0]
    widths = sorted(p.get_width() for p in size_ax.patches)
    assert widths[-2:] == [20, 30]


def test_plot_scores_by_quarter_and_ingest_summary_draw_their_inputs():
    summary = pd.DataFrame({"kind": ["complaints", "survey"], "source": ["a.csv", "b.csv"],
                            "rows_in": [10, 5], "accepted": [8, 5], "quarantined": [2, 0]})
    fig = plots.plot_ingest_summary(summary)
    bars = [p.get_width() for p in fig.axes[0].patches]
    assert bars == [8, 5, 2, 0]


def test_save_figure_writes_png_and_displays_with_alt_text(tmp_path, themes):
    image = plots.save_figure(plots.plot_themes(themes), tmp_path / "f" / "themes.png")
    assert (tmp_path / "f" / "themes.png").read_bytes()[:4] == b"\x89PNG"
    bundle = image._repr_mimebundle_()
    assert bundle["text/html"].startswith('<figure class="chart"><img src="data:image/png;base64,')
    assert 'alt="Chart: Size' in bundle["text/html"]
    custom = plots.save_figure(plots.plot_themes(themes), tmp_path / "t.png", alt='Themes "A" <b>')
    assert 'alt="Themes &quot;A&quot; &lt;b&gt;"' in custom._repr_mimebundle_()["text/html"]


def test_theme_trend_plots_one_line_per_top_theme(themes):
    trend = pd.DataFrame({"theme_id": [0, 0, 1], "label": ["a", "a", "b"], "period": ["FY2026 Q1", "FY2026 Q2",
                          "FY2026 Q2"], "items": [3, 1, 1], "share_of_period": [1.0, 0.5, 0.5]})
    fig = plots.plot_theme_trend(trend, themes, top=2)
    lines = fig.axes[0].get_lines()
    assert len(lines) == 2
    assert list(lines[1].get_ydata()) == [0.0, 50.0]


def test_theme_trend_labels_do_not_overlap_over_many_years(themes):
    """Real complaint data spans years: one tick per fiscal year, never a label per quarter on top of another."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    periods = [f"FY{y} Q{q}" for y in range(2016, 2024) for q in range(1, 5)]
    trend = pd.DataFrame({"theme_id": 0, "label": "a", "period": periods, "items": 1, "share_of_period": 0.5})
    fig = plots.plot_theme_trend(trend, themes, top=2)
    renderer = FigureCanvasAgg(fig).get_renderer()
    ticks = [t for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert [t.get_text() for t in ticks] == [f"FY{y}" for y in range(2016, 2024)]
    boxes = sorted((t.get_window_extent(renderer) for t in ticks), key=lambda b: b.x0)
    assert all(a.x1 < b.x0 for a, b in pairwise(boxes))
