"""Look at a rendered report the way a reader does: in a real browser.

Opens each HTML page of a run in headless Chromium (Debian's ``chromium``
package, driven by Playwright), takes a full-page screenshot, and reports per
page: error or stderr output cells, images that did not load, inline figures,
script dialogs (an ``alert`` would mean user text ran as code) and console
errors. :func:`problems` turns the checks into readable complaints.

Usage::

    python -m hcd.render.browser_check reports/financial-shock/<run-id> --screenshots /tmp/shots
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hcd.errors import HcdError

__all__ = ["PageCheck", "find_chromium", "check_pages", "report_pages", "problems", "main"]

_CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]

_INSPECT = """() => {
  const imgs = Array.from(document.images);
  const stderr = document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]');
  return {
    title: document.title,
    images: imgs.length,
    broken: imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => (i.getAttribute('src') || '').slice(0, 60)),
    svgs: document.querySelectorAll('svg[role="img"], .jp-RenderedSVG svg, .jp-RenderedHTMLCommon svg').length,
    stderr: Array.from(stderr).map(e => e.innerText.slice(0, 300)),
    text: document.body ? document.body.innerText : '',
  };
}"""


@dataclass
class PageCheck:
    """What the browser saw on one page."""

    page: Path
    title: str = ""
    images: int = 0
    broken_images: list[str] = field(default_factory=list)
    svgs: int = 0
    error_outputs: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    text: str = ""
    screenshot: Path | None = None


def find_chromium() -> str:
    """Path of a Chromium to drive: ``HCD_CHROMIUM``, else ``chromium`` / ``chromium-browser`` on PATH.

    Raises
    ------
    HcdError
        Saying how to install it.
    """
    for candidate in (os.environ.get("HCD_CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    raise HcdError("no Chromium found (fix: apt-get install chromium, or set HCD_CHROMIUM to a Chromium binary)")


def report_pages(run_dir: Path) -> list[Path]:
    """The HTML pages of a run: the index, the rendered notebooks, the draft and the evidence register."""
    return sorted(p for p in Path(run_dir).glob("*.html"))


def check_pages(pages: Iterable[Path], screenshots: Path | None = None, chromium: str | None = None,
                width: int = 1280) -> list[PageCheck]:
    """Open each page in headless Chromium and record what it shows (see :class:`PageCheck`)."""
    from playwright.sync_api import sync_playwright

    executable = chromium or find_chromium()
    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)
    checks = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=_CHROMIUM_ARGS)
        try:
            for page_path in pages:
                page_path = Path(page_path).resolve()
                check = PageCheck(page_path)
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.on("dialog", lambda d, c=check: (c.dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
                page.on("console", lambda m, c=check: c.console_errors.append(m.text) if m.type == "error" else None)
                page.goto(page_path.as_uri(), wait_until="load")
                seen = page.evaluate(_INSPECT)
                check.title, check.images, check.broken_images = seen["title"], seen["images"], seen["broken"]
                check.svgs, check.error_outputs, check.text = seen["svgs"], seen["stderr"], seen["text"]
                if screenshots is not None:
                    check.screenshot = screenshots / f"{page_path.parent.name}-{page_path.stem}.png"
                    page.screenshot(path=str(check.screenshot), full_page=True)
                page.close()
                checks.append(check)
        finally:
            browser.close()
    return checks


def problems(checks: Sequence[PageCheck], must_show: Iterable[str] = ()) -> list[str]:
    """Everything wrong with the pages, as sentences; empty when all is well.

    ``must_show`` are texts (e.g. a complaint containing ``<script>``) that must
    appear as visible text on at least one page.
    """
    out = []
    for c in checks:
        name = c.page.name
        out += [f"{name}: error or stderr output cell: {e!r}" for e in c.error_outputs]
        out += [f"{name}: image did not load: {b}" for b in c.broken_images]
        out += [f"{name}: a script ran and opened a dialog ({d}); user text was not escaped" for d in c.dialogs]
        # nbconvert's lab template asks for require.js and MathJax from a CDN; offline, that fails harmlessly.
        out += [f"{name}: console error: {e}" for e in c.console_errors
                if "net::ERR" not in e and "Failed to load resource" not in e]
    everything = "\n".join(c.text for c in checks)
    out += [f"no page shows {text!r} as text" for text in must_show if text not in everything]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m hcd.render.browser_check RUN_DIR``: check every page of a run; exit 1 on any problem."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", type=Path, help="a run folder, e.g. reports/financial-shock/<run-id>")
    parser.add_argument("--screenshots", type=Path, help="folder for full-page PNG screenshots")
    parser.add_argument("--must-show", action="append", default=[], help="text that must be visible as text")
    args = parser.parse_args(argv)
    try:
        checks = check_pages(report_pages(args.run_dir), args.screenshots)
    except HcdError as exc:
        print(f"hcd: {exc}", file=sys.stderr)
        return 2
    for c in checks:
        print(f"{c.page.name:<28} images {c.images:>3} (broken {len(c.broken_images)}), inline svg {c.svgs:>2}, "
              f"error cells {len(c.error_outputs)}" + (f", screenshot {c.screenshot}" if c.screenshot else ""))
    found = problems(checks, args.must_show)
    for p in found:
        print(f"PROBLEM {p}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
