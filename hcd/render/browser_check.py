"""Look at a rendered report the way a reader does: in a real browser, with axe-core and the keyboard.

Opens each HTML page of a run in headless Chromium (Debian's ``chromium``
package, driven by Playwright), takes a full-page screenshot, and reports per
page:

- error or stderr output cells, images that did not load, script dialogs (an
  ``alert`` would mean user text ran as code) and console errors;
- **requests that leave the machine**: every request for anything but a local
  file or inline data is blocked and counted (a report must open offline, on
  an air-gapped agency network); ``<script>`` elements are counted too;
- **accessibility**: axe-core (run offline from the copy the
  ``axe-playwright-python`` package ships) at WCAG 2.1 A and AA, which is what
  Section 508 asks; every image and figure with alternative text, every table
  with a caption, a page title that says what the page is;
- **the keyboard**: Tab from the top of the page reaches every link, control
  and scrolling region, the first Tab lands on the skip link, and each stop
  shows a visible focus indicator.

:func:`problems` turns the checks into readable complaints.

Usage::

    python -m hcd.render.browser_check reports/financial-shock/<run-id> --screenshots /tmp/shots --json axe.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from hcd.errors import HcdError

__all__ = ["PageCheck", "WCAG_TAGS", "find_chromium", "check_pages", "report_pages", "problems", "main"]

#: The axe-core rule tags a report must pass: WCAG 2.1 levels A and AA (the Section 508 standard).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

_CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
_MAX_TABS = 400  # keyboard stops checked per page

_INSPECT = """() => {
  const imgs = Array.from(document.images);
  const stderr = document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]');
  const named = (e) => ['aria-label', 'aria-labelledby'].some(a => (e.getAttribute(a) || '').trim())
      || (e.querySelector(':scope > title') && e.querySelector(':scope > title').textContent.trim());
  const svgs = Array.from(document.querySelectorAll('svg')).filter(s => !s.parentElement.closest('svg'));
  return {
    title: document.title,
    images: imgs.length,
    broken: imgs.filter(i => !(i.complete && i.naturalWidth > 0))
                .map(i => (i.getAttribute('src') || '').slice(0, 60)),
    no_alt: imgs.filter(i => !(i.getAttribute('alt') || '').trim())
                .map(i => (i.getAttribute('src') || '').slice(0, 60)),
    svgs: svgs.length,
    unnamed_svgs: svgs.filter(s => s.getAttribute('aria-hidden') !== 'true' && !named(s)).length,
    tables: document.querySelectorAll('table').length,
    uncaptioned: Array.from(document.querySelectorAll('table')).filter(
        t => !(t.caption && t.caption.textContent.trim())).map(t => t.innerText.slice(0, 80)),
    scripts: document.querySelectorAll('script').length,
    stderr: Array.from(stderr).map(e => e.innerText.slice(0, 300)),
    text: document.body ? document.body.innerText : '',
  };
}"""

# Every element the keyboard should reach, in document order, tagged so the Tab walk can name it.
_FOCUSABLE = """() => {
  const sel = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, summary, [tabindex]';
  const folded = (e) => { const d = e.closest('details:not([open])');
                          return d !== null && !(e.tagName === 'SUMMARY' && e.parentElement === d); };
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' && !folded(e);
  const all = Array.from(document.querySelectorAll(sel)).filter(
      e => e.getAttribute('tabindex') !== '-1' && (shown(e) || e.classList.contains('skipnav')));
  all.forEach((e, i) => e.setAttribute('data-hcd-kb', String(i)));
  window.__hcdFocus = [];
  document.addEventListener('focusin', (ev) => {
    const e = ev.target, s = getComputedStyle(e);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
        || (s.boxShadow && s.boxShadow !== 'none');
    window.__hcdFocus.push({id: e.getAttribute('data-hcd-kb'), ring: ring,
                            what: e.tagName.toLowerCase() + ' '
                                  + (e.innerText || e.getAttribute('aria-label') || '').slice(0, 50)});
  });
  return all.map(e => e.tagName.toLowerCase() + ' ' + (e.innerText || e.getAttribute('aria-label') || '').slice(0, 50));
}"""


@dataclass
class PageCheck:
    """What the browser saw on one page."""

    page: Path
    title: str = ""
    images: int = 0
    broken_images: list[str] = field(default_factory=list)
    images_without_alt: list[str] = field(default_factory=list)
    svgs: int = 0
    unnamed_svgs: int = 0
    tables: int = 0
    tables_without_caption: list[str] = field(default_factory=list)
    scripts: int = 0
    error_outputs: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    axe_violations: list[dict[str, Any]] = field(default_factory=list)  # id, impact, help, nodes, targets
    axe_passes: int = -1  # rules passed; -1 when axe did not run
    keyboard_stops: int = 0  # elements the keyboard should reach
    keyboard_missed: list[str] = field(default_factory=list)
    keyboard_no_focus_ring: list[str] = field(default_factory=list)
    first_tab: str = ""
    text: str = ""
    screenshot: Path | None = None

    def summary(self) -> dict[str, Any]:
        """The results without the page text, for a JSON report."""
        out = asdict(self)
        out.pop("text")
        out["page"], out["screenshot"] = str(self.page), str(self.screenshot) if self.screenshot else None
        return out


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


def _axe() -> Any:
    """axe-core, from the copy ``axe-playwright-python`` ships (``HCD_AXE_JS``: another ``axe.min.js``)."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError as exc:
        raise HcdError("axe-core is not installed (fix: pip install 'hcd[check]')") from exc
    path = os.environ.get("HCD_AXE_JS")
    return Axe.from_file(path) if path else Axe()


def _run_axe(axe: Any, page: Any, check: PageCheck) -> None:
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
                                     "resultTypes": ["violations"]}).response
    check.axe_passes = len(results.get("passes", []))
    check.axe_violations = [{"id": v["id"], "impact": v.get("impact"), "help": v.get("help", ""),
                             "nodes": len(v.get("nodes", [])),
                             "targets": [", ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])[:5]]}
                            for v in results.get("violations", [])]


def _walk_keyboard(page: Any, check: PageCheck) -> None:
    expected = page.evaluate(_FOCUSABLE)
    check.keyboard_stops = len(expected)
    page.evaluate("() => { if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0); }")
    for _ in range(min(len(expected), _MAX_TABS) + 1):
        page.keyboard.press("Tab")
    seen = page.evaluate("() => window.__hcdFocus")
    reached = {s["id"] for s in seen if s["id"] is not None}
    check.first_tab = seen[0]["what"] if seen else ""
    check.keyboard_missed = [what for i, what in enumerate(expected[:_MAX_TABS]) if str(i) not in reached]
    check.keyboard_no_focus_ring = sorted({s["what"] for s in seen if not s["ring"]})


def check_pages(pages: Iterable[Path], screenshots: Path | None = None, chromium: str | None = None,
                width: int = 1280, accessibility: bool = True) -> list[PageCheck]:
    """Open each page in headless Chromium and record what it shows (see :class:`PageCheck`).

    ``accessibility=False`` skips axe-core and the keyboard walk (the other checks still run).
    """
    from playwright.sync_api import sync_playwright

    executable = chromium or find_chromium()
    axe = _axe() if accessibility else None
    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)
    checks = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=_CHROMIUM_ARGS)
        try:
            for page_path in pages:
                page_path = Path(page_path).resolve()
                check = PageCheck(page_path)
                context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")

                def block(route: Any, request: Any = None, c: PageCheck = check) -> None:
                    c.external_requests.append(route.request.url[:200])
                    route.abort()

                context.route(lambda url: not url.startswith(_LOCAL_SCHEMES), block)
                page = context.new_page()
                page.on("request", lambda r, c=check: c.external_requests.append(r.url[:200])
                        if not r.url.startswith(_LOCAL_SCHEMES) and r.url[:200] not in c.external_requests else None)
                page.on("dialog", lambda d, c=check: (c.dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
                page.on("console", lambda m, c=check: c.console_errors.append(m.text) if m.type == "error" else None)
                page.goto(page_path.as_uri(), wait_until="load")
                seen = page.evaluate(_INSPECT)
                check.title, check.images, check.broken_images = seen["title"], seen["images"], seen["broken"]
                check.images_without_alt, check.svgs = seen["no_alt"], seen["svgs"]
                check.unnamed_svgs = seen["unnamed_svgs"]
                check.tables, check.tables_without_caption = seen["tables"], seen["uncaptioned"]
                check.scripts, check.error_outputs, check.text = seen["scripts"], seen["stderr"], seen["text"]
                if screenshots is not None:
                    check.screenshot = screenshots / f"{page_path.parent.name}-{page_path.stem}.png"
                    page.screenshot(path=str(check.screenshot), full_page=True)
                if axe is not None:
                    _run_axe(axe, page, check)
                    _walk_keyboard(page, check)
                check.external_requests = sorted(set(check.external_requests))
                context.close()
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
    titles: dict[str, list[str]] = {}
    for c in checks:
        name = c.page.name
        titles.setdefault(c.title.strip(), []).append(name)
        if not c.title.strip() or c.title.strip() == "Notebook":
            out.append(f"{name}: the page has no title of its own ({c.title!r})")
        out += [f"{name}: error or stderr output cell: {e!r}" for e in c.error_outputs]
        out += [f"{name}: image did not load: {b}" for b in c.broken_images]
        out += [f"{name}: image without alternative text: {b}" for b in c.images_without_alt]
        if c.unnamed_svgs:
            out.append(f"{name}: {c.unnamed_svgs} figure(s) drawn as SVG without alternative text")
        out += [f"{name}: table without a caption: {t!r}" for t in c.tables_without_caption]
        out += [f"{name}: a script ran and opened a dialog ({d}); user text was not escaped" for d in c.dialogs]
        out += [f"{name}: a request left the machine (blocked): {u}" for u in c.external_requests]
        if c.scripts:
            out.append(f"{name}: {c.scripts} <script> element(s); report pages need none")
        out += [f"{name}: console error: {e}" for e in c.console_errors]
        out += [f"{name}: accessibility (axe-core {v['id']}, {v['impact']}): {v['help']}; {v['nodes']} element(s), "
                f"e.g. {'; '.join(v['targets'][:2])}" for v in c.axe_violations]
        if c.axe_passes >= 0:
            out += [f"{name}: the keyboard never reaches {what!r}" for what in c.keyboard_missed[:5]]
            if len(c.keyboard_missed) > 5:
                out.append(f"{name}: ... and {len(c.keyboard_missed) - 5} more elements the keyboard never reaches")
            out += [f"{name}: no visible focus indicator on {what!r}" for what in c.keyboard_no_focus_ring[:5]]
            if c.keyboard_stops and "skip to main content" not in c.first_tab.lower():
                out.append(f"{name}: the first Tab does not reach a 'Skip to main content' link ({c.first_tab!r})")
    out += [f"{', '.join(names)}: pages share the title {title!r}" for title, names in titles.items()
            if len(names) > 1 and title]
    everything = "\n".join(c.text for c in checks)
    out += [f"no page shows {text!r} as text" for text in must_show if text not in everything]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m hcd.render.browser_check RUN_DIR``: check every page of a run; exit 1 on any problem."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", type=Path, help="a run folder, e.g. reports/financial-shock/<run-id>")
    parser.add_argument("--screenshots", type=Path, help="folder for full-page PNG screenshots")
    parser.add_argument("--json", type=Path, help="write every page's results (axe-core included) to this file")
    parser.add_argument("--must-show", action="append", default=[], help="text that must be visible as text")
    args = parser.parse_args(argv)
    try:
        checks = check_pages(report_pages(args.run_dir), args.screenshots)
    except HcdError as exc:
        print(f"hcd: {exc}", file=sys.stderr)
        return 2
    print(f"{'page':<24} {'axe (WCAG 2.1 AA)':<22} {'external requests':<18} {'keyboard':<18} {'images':<12} tables")
    for c in checks:
        axe = f"{len(c.axe_violations)} violations/{c.axe_passes} passed"
        keys = f"{c.keyboard_stops - len(c.keyboard_missed)}/{c.keyboard_stops} reached"
        print(f"{c.page.name:<24} {axe:<22} {len(c.external_requests):<18} {keys:<18} "
              f"{c.images + c.svgs} ({len(c.images_without_alt) + c.unnamed_svgs} no alt)  "
              f"{c.tables} ({len(c.tables_without_caption)} no caption)")
    if args.json:
        args.json.write_text(json.dumps([c.summary() for c in checks], indent=2, sort_keys=True) + "\n",
                             encoding="utf-8")
    found = problems(checks, args.must_show)
    for p in found:
        print(f"PROBLEM {p}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
