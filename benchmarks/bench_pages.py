"""Benchmark: rendering a sprint's notebook pages, and alt text for broken HTML in one pass.

    .venv/bin/python benchmarks/bench_pages.py [--sprint sprints/financial-shock.yml] [--repeat 3]
    PYTHONPATH=DIR .venv/bin/python benchmarks/bench_pages.py     # another hcd source tree's pages

Runs the sample sprint once (``hcd run --force`` into a temporary folder), then renders each of its executed
notebooks as a page (stakeholder and full view) ``--repeat`` times and prints the median seconds per page and in
all. Then times :func:`hcd.render.alt_text.with_alt_text` on broken HTML (tags and quoted values that never end,
unended comments) at 100,000-240,000 characters, beside the standard library's ``html.parser`` (which
BeautifulSoup, and so nbconvert's HTML exporter, used) on the same text cut to a tenth and to a fifth: its time
grows with the square of the length.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HOSTILE = {
    "tags that never end": "<img a=b " * 20000,
    "quoted values that never end": '<img src="x ' * 20000,
    "comments that never end": "<!-- <img src=x>" * 20000,
    "many images without alt": '<img src="x">' * 20000,
}


def _parse(html: str) -> None:
    parser = HTMLParser()
    parser.feed(html)
    parser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sprint", default="sprints/financial-shock.yml")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("MPLBACKEND", "Agg")
    logging.disable(logging.WARNING)  # the alt-text warnings for the hostile inputs
    from hcd.render.notebook_pages import render_html

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "hcd", "run", str(ROOT / args.sprint), "--no-input", "--force",
                        "--output", tmp, "--run-id", "bench", "--no-progress"], check=True, cwd=ROOT,
                       capture_output=True)
        run = next(Path(tmp).glob("*/bench"))
        render_html(next((run / "notebooks").glob("*.ipynb")), Path(tmp) / "warm.html", True)  # exporter built
        total = 0.0
        for notebook in sorted((run / "notebooks").glob("*.ipynb")):
            for no_input in (True, False):
                times = []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    render_html(notebook, Path(tmp) / "page.html", no_input)
                    times.append(time.perf_counter() - t0)
                total += statistics.median(times)
                print(f"{notebook.stem:>20} {'stakeholder' if no_input else 'full':>11}: "
                      f"{statistics.median(times):.3f} s ({(Path(tmp) / 'page.html').stat().st_size:,} bytes)")
        print(f"all pages: {total:.2f} s (medians of {args.repeat})\n")
    try:
        from hcd.render.alt_text import with_alt_text
    except ImportError:  # an older tree (PYTHONPATH=DIR), whose pages nbconvert's HTML exporter re-parsed
        return 0
    for name, html in HOSTILE.items():
        t0 = time.perf_counter()
        with_alt_text(html)
        ours = time.perf_counter() - t0
        tenth, fifth = html[: len(html) // 10], html[: len(html) // 5]
        t0 = time.perf_counter()
        _parse(tenth)
        a = time.perf_counter() - t0
        t0 = time.perf_counter()
        _parse(fifth)
        b = time.perf_counter() - t0
        print(f"{name:>30}: with_alt_text {ours:.3f} s for {len(html):,} characters; html.parser {a:.3f} s for "
              f"{len(tenth):,}, {b:.3f} s for {len(fifth):,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
