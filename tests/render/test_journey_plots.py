"""The swimlane map (PNG and SVG with tooltips), the agency graph and time against targets."""

import xml.etree.ElementTree as ET

import pytest

from hcd.journeys import build_graph, parse_journey, time_to_targets
from hcd.render import journey_plots as jp
from hcd.render import plots
from tests.journeys.conftest import small_spec


@pytest.fixture
def small():
    return build_graph(parse_journey(small_spec()))


def test_swimlane_lanes_and_colour(small, tmp_path):
    small.nodes["check-a"]["severity"] = 40.0
    fig = jp.plot_swimlane(small)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Agency A", "Agency B"]
    assert "pain-point severity" in fig.axes[1].get_ylabel()
    assert plots.save_figure(fig, tmp_path / "m.png").path.read_bytes()[:4] == b"\x89PNG"


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
    assert root.get("aria-label").startswith("Chart: Journey map")


def test_agency_graph_and_targets_plots(small):
    fig = jp.plot_agency_graph(small)
    assert "Handoffs between agencies" in fig.axes[0].get_title()
    fig = jp.plot_time_to_targets(time_to_targets(small))
    assert len(fig.axes[0].get_yticklabels()) == 3
    assert "target" in plots.alt_text(fig)


def test_svg_displays_inline_for_tooltips(small, tmp_path):
    img = jp.save_svg(jp.plot_swimlane(small), tmp_path / "m.svg", jp.touchpoint_tooltips(small))
    bundle = img._repr_mimebundle_()
    assert bundle["text/html"].startswith('<div style="max-width:100%;overflow-x:auto"><svg')
    assert "<?xml" not in bundle["text/html"] and 'aria-label="Chart: Journey map' in bundle["text/html"]
