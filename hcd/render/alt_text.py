"""Alt text for every image of a notebook page: images in a cell's own HTML output that have none get a placeholder.

hcd's nbconvert template writes alt text for each figure it renders; an
``<img>`` in a cell's own HTML output (``IPython.display.HTML``) may have none.
nbconvert's HTML exporter fills those in by re-parsing the whole page with
BeautifulSoup, which was most of a page's rendering time. :func:`with_alt_text`
does it for one output at a time, in one forward pass over the text that
follows HTML's own rules where they matter: text in comments, scripts, styles
and attribute values is not a tag, and a quoted value may hold ``<`` and ``>``.
Its cost is linear in the length of the text, whatever the text (the standard
library's parser, under BeautifulSoup, takes quadratic time on some broken HTML).

Examples
--------
>>> with_alt_text('<img src="a.png" alt="Chart"><!-- <img src=x> --><p title="<img src=y>">')
'<img src="a.png" alt="Chart"><!-- <img src=x> --><p title="<img src=y>">'
>>> with_alt_text('<IMG src=b.png title="x > y">')
'<IMG alt="No description has been provided for this image" src=b.png title="x > y">'
"""

from __future__ import annotations

import logging
import re
from itertools import pairwise

__all__ = ["with_alt_text", "images_without_alt", "NO_ALT"]

log = logging.getLogger(__name__)

#: What an image without alt text gets (nbconvert's words).
NO_ALT = "No description has been provided for this image"

_IMG = re.compile("<img", re.IGNORECASE)
_NAME = re.compile(r"[A-Za-z][^\s/>]*")
_BETWEEN = re.compile(r"[\s/]*")  # between a tag's attributes
_ATTRIBUTE = re.compile(r"[^\s/>=][^\s/>=]*")
_EQUALS = re.compile(r"\s*=\s*")
_UNQUOTED = re.compile(r"[^\s>]*")
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"})


def images_without_alt(html: str) -> list[int]:
    """Where each ``<img>`` tag without an ``alt`` attribute starts in ``html`` (offsets of its ``<``).

    >>> images_without_alt('<p><img src=a.png><img alt="" src=b.png><IMG/SRC=c></p>')
    [3, 40]
    """
    found: list[int] = []
    lower, n, i = html.lower(), len(html), 0
    while (i := html.find("<", i)) >= 0:
        if html.startswith("<!--", i):
            end = html.find("-->", i + 4)
            if end < 0:
                break  # the rest is a comment
            i = end + 3
            continue
        if html.startswith(("</", "<!", "<?"), i):  # an end tag, a declaration, a processing instruction
            end = html.find(">", i + 2)
            if end < 0:
                break
            i = end + 1
            continue
        name = _NAME.match(html, i + 1)
        if name is None:  # "<" as text
            i += 1
            continue
        tag, j, attributes = name.group(0).lower(), name.end(), set()
        while True:  # the attributes, up to the ">" that ends the tag (not one inside a quoted value)
            j = _BETWEEN.match(html, j).end()
            if j >= n or html[j] == ">":
                break
            attribute = _ATTRIBUTE.match(html, j)
            if attribute is None:  # a stray "="
                j += 1
                continue
            attributes.add(attribute.group(0).lower())
            j = attribute.end()
            equals = _EQUALS.match(html, j)
            if equals is None:
                continue
            j = equals.end()
            if j < n and html[j] in "\"'":
                j = html.find(html[j], j + 1) + 1
                if j == 0:
                    return found  # the value runs to the end of the text: no tag after it
            else:
                j = _UNQUOTED.match(html, j).end()
        if j >= n:
            break  # the last tag never ends
        if tag == "img" and "alt" not in attributes:
            found.append(i)
        i = j + 1
        if tag in _RAW_TEXT:  # its content is text up to its end tag
            end = lower.find(f"</{tag}", i)
            if end < 0:
                break
            i = end
    return found


def with_alt_text(html: str) -> str:
    """``html`` with each ``<img>`` that has no alt text given :data:`NO_ALT`, and a warning that names how many.

    Text that mentions no image is returned as it is without being scanned.
    """
    if _IMG.search(html) is None:
        return html
    starts = images_without_alt(html)
    if not starts:
        return html
    log.warning("%d image(s) in a notebook's output have no alternative text; add it where the image is made "
                "(an <img alt=...>, or a figure saved with hcd.render.plots, which has it)", len(starts))
    cut = [0, *(s + len("<img") for s in starts), len(html)]
    return f' alt="{NO_ALT}"'.join(html[a:b] for a, b in pairwise(cut))
