"""The text a raw file holds: an HTML page's visible text (tags stripped, entities decoded, scripts
and styles left out), else the file as UTF-8. `check` compares an article's paragraphs with it, and
the page importer keeps only paragraphs found in it."""
from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: Elements whose start or end separates words when a browser renders the page.
BLOCK_TAGS = frozenset(
    """address article aside blockquote body br caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form frame h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe
    img legend li main menu nav noscript ol optgroup option p pre section select summary table
    tbody td textarea tfoot th thead title tr ul""".split()
)
#: Elements whose content is code or style, not text.
SKIPPED_TAGS = frozenset({"script", "style", "template"})


class _TextParser(HTMLParser):
    """Visible text of an HTML page: tags stripped, entities decoded, block elements as spaces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping = tag
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._skipping:
            self._skipping = None
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self._skipping is None:
            self.parts.append(data)


def decode_page(data: bytes) -> str:
    """An HTML page's bytes as text: BOM, then a declared charset, then UTF-8, then windows-1252."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    match = re.search(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", data[:4096], re.I)
    if match:
        try:
            encoding = codecs.lookup(match.group(1).decode("ascii")).name
        except LookupError:
            encoding = None
        if encoding and not encoding.startswith("utf-16"):  # a UTF-16 page without BOM lies
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # the web's default for undeclared pages


def page_text(data: bytes | str) -> str:
    """The visible text of an HTML page (scripts and styles left out), whitespace as it was."""
    parser = _TextParser()
    parser.feed(decode_page(data) if isinstance(data, bytes) else data)
    parser.close()
    return "".join(parser.parts)


def is_html_file(path: str | Path) -> bool:
    return Path(path).suffix.lower() in HTML_SUFFIXES


def source_text(path: str | Path) -> str:
    """The text a raw file holds: an HTML page's visible text, else the file read as UTF-8."""
    path = Path(path)
    return raw_text(path.read_bytes(), is_html_file(path))


def raw_text(data: bytes, is_html: bool) -> str:
    """The text of a raw file's bytes (see `source_text`)."""
    if is_html:
        return page_text(data)
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff")
