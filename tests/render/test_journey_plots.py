"""The swimlane map (PNG and SVG with tooltips), the agency graph and time against targets."""

import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import numpy as np
import pytest

from hcd.journeys import build_graph, load_journey, parse_journey, time_to_targets
from hcd.render import journey_plots as jp
from hcd.render import plots
from tests.conftest import ROOT
from tests.journeys.conftest import small_spec


@pytest.fixture
def small():
    return build_graph(parse_journey(small_spec()))


def test_swimlane_lanes_and_colour(small, tmp_path):
    small.nodes["check-a"]["severity"] = 40.0
    fig = jp.plot_swimlane(small)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert {"Agency A", "Agency B", "Pain-point severity:", "\u21bb severity 40.0"} <= set(texts)
    assert "Most severe pain points:" in plots.alt_text(fig) and "(lanes)" in plots.alt_text(fig)
    assert plots.save_figure(fig, tmp_path / "m.png").path.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("journey", ["financial-shock", "disaster-recovery"])
def test_swimlane_is_legible_at_page_width(journey):
    """Labels at body size, inside their boxes, overlapping nothing; the map fits the report's width."""
    import numpy as np
    from matplotlib.patches import FancyBboxPatch

    G = build_graph(load_journey(ROOT / "journeys" / f"{journey}.yml"))
    for n in sorted(G.nodes)[::3]:
        G.nodes[n]["severity"] = float(len(n) % 7)
    fig = jp.plot_swimlane(G)
    ax = fig.axes[0]
    width_px = fig.get_size_inches()[0] * 96  # an SVG shown at its own size: 1 pt = 4/3 px
    assert width_px <= 1152, "the map must fit the report's content width"
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    boxes = [p.get_window_extent(renderer) for p in ax.patches if isinstance(p, FancyBboxPatch)]
    assert len(boxes) == G.number_of_nodes()
    labels = [t for t in ax.texts if t.get_text() and t.get_fontsize() >= 12 and "\n" in t.get_text() + "\n"]
    squash = {re.sub(r"[\s-]", "", G.nodes[n]["name"]) for n in G.nodes}
    names = [t for t in labels if re.sub(r"[\s-]", "", t.get_text()) in squash]
    assert len(names) == G.number_of_nodes(), "every touchpoint is named on the map at 12 pt or more"
    extents = [t.get_window_extent(renderer) for t in ax.texts if t.get_text().strip()]
    for i, a in enumerate(extents):
        for b in extents[i + 1:]:
            overlap = min(a.x1, b.x1) - max(a.x0, b.x0), min(a.y1, b.y1) - max(a.y0, b.y0)
            assert not (overlap[0] > 1 and overlap[1] > 1), f"labels overlap: {a} {b}"
    for t in names:
        e = t.get_window_extent(renderer)
        assert any(b.x0 <= e.x0 and e.x1 <= b.x1 and b.y0 <= e.y0 and e.y1 <= b.y1 for b in boxes), t.get_text()
    assert np.isclose(fig.dpi, fig.dpi)  # drawn without errors at the default resolution


def test_svg_tooltips_are_escaped_text(small, tmp_path):
    small.nodes["stuck"]["name"] = 'Letter <script>alert("x")</script>'
    small.nodes["stuck"]["barriers"] = "Says to wait & call"
    fig = jp.plot_swimlane(small)
    img = jp.save_svg(fig, tmp_path / "m.svg", jp.touchpoint_tooltips(small))
    svg = img._repr_svg_()
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    root = ET.fromstring(svg.encode())
    titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert len(titles) == small.number_of_nodes()
    assert any("Says to wait & call" in t for t in titles)
    assert root.get("aria-label").startswith("Journey map")


def test_agency_graph_and_targets_plots(small):
    fig = jp.plot_agency_graph(small)
    assert "Handoffs between agencies" in fig.axes[0].get_title()
    fig = jp.plot_time_to_targets(time_to_targets(small))
    assert len(fig.axes[0].get_yticklabels()) == 3
    assert "target" in plots.alt_text(fig)


def test_svg_displays_inline_for_tooltips(small, tmp_path):
    img = jp.save_svg(jp.plot_swimlane(small), tmp_path / "m.svg", jp.touchpoint_tooltips(small))
    bundle = img._repr_mimebundle_()
    assert bundle["text/html"].startswith('<figure class="journey-map"><div class="figure-scroll" role="region" '
                                          'tabindex="0"')
    assert "<?xml" not in bundle["text/html"] and 'role="img" aria-label="Journey map' in bundle["text/html"]


def test_the_map_as_a_table(small):
    table = jp.touchpoint_table(small)
    assert len(table) == small.number_of_nodes()
    assert list(table.columns[:3]) == ["agency", "stage", "touchpoint"]


def test_the_svg_is_the_same_file_every_time(small, tmp_path):
    paths = [tmp_path / f"m{i}.svg" for i in range(2)]
    for path in paths:
        jp.save_svg(jp.plot_swimlane(small), path, jp.touchpoint_tooltips(small))
    assert paths[0].read_bytes() == paths[1].read_bytes()


@pytest.mark.parametrize("journey", ["financial-shock", "disaster-recovery"])
def test_arrows_are_clipped_by_each_box_as_matplotlib_clips_them(journey, tmp_path):
    """Each arrow's clip region answers every point as the touchpoint box itself does (so the map is unchanged)."""
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    fig = jp.plot_swimlane(build_graph(load_journey(ROOT / "journeys" / f"{journey}.yml")))
    plots.save_figure(fig, tmp_path / "m.png")  # laid out and drawn: the transforms are the drawn ones
    ax = fig.axes[0]
    boxes = {p.get_gid(): p for p in ax.patches if isinstance(p, FancyBboxPatch)}
    regions = {id(r): r for a in ax.patches if isinstance(a, FancyArrowPatch) for r in (a.patchA, a.patchB)}
    assert len(regions) > 5 and all(isinstance(r, jp._ClipRegion) for r in regions.values())
    by_box = {id(b): b for b in boxes.values()}
    for region in regions.values():
        box = by_box[id(region._box)]
        x0, y0, x1, y1 = box.get_window_extent().extents
        for x in np.linspace(x0 - 4, x1 + 4, 23):
            for y in np.linspace(y0 - 4, y1 + 4, 17):
                event = SimpleNamespace(x=x, y=y)
                assert region.contains(event)[0] == box.contains(event)[0], (box.get_gid(), x, y)
