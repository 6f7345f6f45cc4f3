"""Alt text for images in cells' own HTML: the same tags the standard library's parser finds, in linear time."""

import random
from html.parser import HTMLParser

import pytest

from hcd.render.alt_text import NO_ALT, images_without_alt, with_alt_text


class _Reference(HTMLParser):
    """The standard library's parser (what BeautifulSoup used for nbconvert): where each image without alt starts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lines = [0] + [i + 1 for i, c in enumerate(html) if c == "\n"]
        self.found: list[int] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "img" and not any(name == "alt" for name, _ in attrs):
            line, column = self.getpos()
            self.found.append(self.lines[line - 1] + column)

    handle_startendtag = handle_starttag


_PIECES = ['<img src="a.png">', "<IMG SRC=b.png>", '<img alt="Chart" src=c.png>', "<img alt src=d>",
           '<img title="x > y" src=e>', "<img title='<img src=f>' alt=''>", "<img\nsrc=g\n/>", "<img/src=h>",
           '<p class="note">text</p>', "<!-- <img src=i> -->", "<script>var s = '<img src=j>';</script>",
           "<style>img{}</style>", "a < b and c > d", "&lt;img src=k&gt;", "<br/>", "</div>", "<!DOCTYPE html>",
           '<figure><img src="data:image/png;base64,AAAA" alt="Claims by month"></figure>', "\n", " ",
           '<a href="x" title="<img src=l>">link</a>', "<table><tr><td><img src=m></td></tr></table>"]


@pytest.mark.parametrize("seed", range(300))
def test_the_images_found_are_those_the_standard_parser_finds(seed):
    rng = random.Random(seed)
    html = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 25)))
    assert images_without_alt(html) == _Reference(html).found, html


def test_each_image_without_alt_gets_the_placeholder_and_nothing_else_changes(caplog):
    html = '<p><img src="a.png"><img alt="" src=b.png><!-- <img src=c> --><script>"<img src=d>"</script></p>'
    out = with_alt_text(html)
    assert out == html.replace('<img src="a.png">', f'<img alt="{NO_ALT}" src="a.png">')
    assert "1 image(s)" in caplog.text
    assert with_alt_text("<p>no images here</p>") == "<p>no images here</p>"


@pytest.mark.parametrize(("hostile", "found"), [
    ("<img a=b " * 2000, []),  # a tag that never ends is no tag
    ('<img src="x ' * 2000, []),  # nor is one whose quoted value runs to the end
    ("<!-- <img src=x>" * 2000, []),  # all of it one comment that never ends
    ("<img src=x>" + "< " * 2000, [0]),
    ("<img " + "= " * 2000 + ">", [0]),
    ("<script>" + "<img src=x>" * 2000, []),
])
def test_broken_html_gives_what_the_standard_parser_gives(hostile, found):
    """``benchmarks/bench_pages.py`` times these at full size: one pass, where the standard parser is quadratic."""
    assert images_without_alt(hostile) == found == _Reference(hostile).found
