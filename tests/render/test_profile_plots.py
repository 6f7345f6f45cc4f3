"""Self-assessment figures draw the scores they are given, hide suppressed cells and carry alternative text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from hcd.render import profile_plots as pp
from hcd.render.plots import alt_text, save_figure


@pytest.fixture
def dims():
    names = {"voice": "Feedback and the voice of the customer", "processes": "Customer-serving processes and systems"}
    rows = []
    for dim, (me, org) in {"voice": (16.0, 8.0), "processes": (15.0, 6.0)}.items():
        for p, score in (("me", me), ("organisation", org)):
            rows.append({"dimension": dim, "dimension_name": names[dim], "perspective": p, "score": score,
                         "max_possible": 24.0, "share_of_max": score / 24, "gap": me - org, "suppressed": False})
    return pd.DataFrame(rows)


@pytest.fixture
def teams(dims):
    big = dims.assign(team="Call Center", n_respondents=9)
    small = dims.assign(team="Digital Services", n_respondents=4, score=np.nan, share_of_max=np.nan, gap=np.nan,
                        suppressed=True)
    return pd.concat([small, big], ignore_index=True)


def test_profile_draws_paired_bars_on_a_0_to_max_axis(dims):
    fig = pp.plot_profile(dims)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    widths = [float(p.get_width()) for p in ax.patches]
    assert widths == [16.0, 15.0, 8.0, 6.0]  # me bars, then organisation bars, in dimension order
    assert ax.get_xlim() == (0.0, 24.0)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["my own practice", "my organisation"]
    assert alt_text(fig) == "Chart: Self-assessment profile (x: score (0-24))"


def test_profile_uses_percent_when_maxima_differ(dims):
    mixed = dims.assign(max_possible=[24.0, 24.0, 20.0, 20.0], share_of_max=[0.5, 0.25, 0.75, 0.3])
    ax = pp.plot_profile(mixed, title="Mixed").axes[0]
    assert [round(float(p.get_width()), 1) for p in ax.patches] == [50.0, 75.0, 25.0, 30.0]
    assert ax.get_xlabel() == "% of the maximum score" and ax.get_xlim() == (0.0, 100.0)


def test_profile_refuses_several_groups(teams):
    with pytest.raises(ValueError, match="by=None"):
        pp.plot_profile(teams)


def test_gaps_diverge_around_zero_largest_first(dims):
    flipped = dims.assign(gap=np.where(dims["dimension"] == "voice", -2.0, 9.0))
    fig = pp.plot_gaps(flipped)
    ax = fig.axes[0]
    assert [float(p.get_width()) for p in ax.patches] == [9.0, -2.0]
    colours = [p.get_facecolor()[:3] for p in ax.patches]
    assert colours[0] != colours[1]  # positive and negative gaps differ in colour
    low, high = ax.get_xlim()
    assert low == pytest.approx(-high) and high > 9.0
    assert ax.get_yticklabels()[0].get_text().startswith("Customer-serving")
    assert "Own practice minus organisation" in alt_text(fig)


def test_team_comparison_hatches_suppressed_teams(teams):
    fig = pp.plot_team_comparison(teams)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Call Center", "Digital Services"]
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["33%", "25%", "n<5", "n<5"]  # organisation shares; the small team hidden
    assert sum(1 for p in ax.patches if p.get_hatch() == "///") == 2
    values = ax.images[0].get_array()
    assert values.mask[1].all() and not values.mask[0].any()
    alt = alt_text(fig)
    assert alt.startswith("Chart: Self-assessment by team (my organisation)") and "suppressed" in alt
    me = pp.plot_team_comparison(teams, perspective="me")
    assert [t.get_text() for t in me.axes[0].texts][:2] == ["67%", "62%"]
    with pytest.raises(ValueError, match="no rows for perspective 'board'"):
        pp.plot_team_comparison(teams, perspective="board")


def test_figures_save_with_alt_text(tmp_path, dims):
    image = save_figure(pp.plot_profile(dims, title="Service commitment"), tmp_path / "profile.png")
    assert (tmp_path / "profile.png").read_bytes()[:4] == b"\x89PNG"
    assert image.alt == "Chart: Service commitment (x: score (0-24))"
    assert 'alt="Chart: Service commitment' in image._repr_mimebundle_()["text/html"]
