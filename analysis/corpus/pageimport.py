"""Import saved web pages and plain-text files into a corpus: `python -m analysis import PATH...`.

One input file becomes `<corpus>/raw/<id>.<ext>` (the page, byte for byte) and
`<corpus>/articles/<id>.md` (front matter, then the article's paragraphs in the corpus format).

- HTML (`.html`, `.htm`, `.xhtml`): trafilatura finds the main text, so navigation, cookie
  banners, share buttons, related links, comments, captions and paywall teasers stay out; its
  metadata gives the title, byline (author), site name (the outlet, unless given) and canonical URL.
  The date comes from htmldate on the page's markup only (meta tags, JSON-LD, `<time>`, dated
  elements, a full date in the URL), never from a free-text search: htmldate's extensive search
  turns a copyright line "(c) 2023" into 2023-01-01. Its precision is what the page supports: a
  day when the page writes the day, a month when it writes only month and year (htmldate then
  fills in a day of its own, which is dropped).
- What trafilatura lets through when a page gives no class names to go by is handled at the
  text's edges only (`drop_furniture`, `take_byline_and_dateline`): short link or
  call-to-the-reader blocks (Advertisement, "Read more: ...", subscribe, donate), "By ..." lines
  and datelines (which give byline and date when the metadata has none), an author's note at the
  end. Each removal is counted in a note.
- Plain text (`.txt`, UTF-8): paragraphs are blank-line separated (one line each when the file has
  no blank lines). A text file has no metadata: title and url are null; byline and date come from
  a leading "By" line or dateline, else null, unless given.
- A folder is walked in path order for those suffixes; hidden files and a browser's
  `<page>_files/` folder beside a saved page are skipped.

Every field that could not be found is null and a note says so ("never guessed"). `outlet` and
`date` are required by the corpus format: when neither the page nor the caller gives one the
article is still written, with null and a note, and the result carries a warning, because
`check` fails on it until the user fills it in (`--outlet`, `--date`).

Event: when the corpus has an events.yaml with events, `event` must name one of them and nothing
is written without it (an article cannot be assigned by guessing). A corpus without events.yaml
gets `event: unassigned` and a note, which `check` accepts.

Every body paragraph is checked to be in the page's text (tags stripped, entities decoded,
whitespace normalised: `source_text`, the same function `check` uses for an HTML raw file); a
paragraph that is not (an extractor artefact) is left out and counted in a note.

Ids are `<outlet>-<date>-<title words>` slugs: ASCII `[a-z0-9-]`, at most ID_MAX_LENGTH characters,
so a hostile title cannot name a path. An existing article (same id, or same file) is never
overwritten without `force`. Nothing is fetched: the page is parsed here into a tree before
trafilatura or htmldate see it (htmldate downloads a string that looks like a URL).
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import html
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from ..base import plain_yaml
from ..base.io import write_bytes
from .html import HTML_SUFFIXES, decode_page, raw_text

TEXT_SUFFIXES = (".txt",)
#: A saved page larger than this is refused (pages with inline scripts reach a few MB; 25 MB is not
#: one news article) and checked before reading.
MAX_PAGE_BYTES = 25_000_000
ID_MAX_LENGTH = 80
OUTLET_SLUG_MAX = 24
TITLE_SLUG_MAX = 40
#: The event of an article imported into a corpus without events.yaml.
UNASSIGNED_EVENT = "unassigned"
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Page furniture that trafilatura can let through when the page does not label it (class names
#: like "paywall", "share", "related" are caught by trafilatura itself): see `drop_furniture`.
FURNITURE_MAX_WORDS = 30
FURNITURE_LINK_SHARE = 0.5
CALL_TO_READER = re.compile(
    r"\b(?:subscribe|subscription|subscriber|sign up|sign in|log in|newsletter|become a member|"
    r"membership|continue reading|keep reading|read more|read the full|free articles?|unlimited access|"
    r"already have an account|support our journalism|donate|advertisement|follow us|"
    r"listen to this article)\b", re.I)
RELATED_LABEL = re.compile(r"(?:read more|related|see also|also read|more on this|recommended)\b\s*[:|»>-]", re.I)
LAYOUT_SPACE = re.compile(r"[ \t\r\n\f\v]+")
#: A month's name or its abbreviation (group: the name as written).
MONTH_NAME = r"(january|february|march|april|may|june|july|august|september|october|november|december|" \
             r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
WRITTEN_DATES = (  # (pattern, order of the day/month/year groups)
    (re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{MONTH_NAME},?\s+(\d{{4}})(?!\d)", re.I), "dmy"),
    (re.compile(rf"(?<!\w){MONTH_NAME}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.I), "mdy"),
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"), "ymd"),
)
#: What a dateline holds besides its date ("Updated 3 February 2025, 10:04 GMT").
DATELINE_WORDS = re.compile(
    r"\b(?:published|updated|posted|last|modified|first|on|at|date|am|pm|a\.m|p\.m|utc|gmt|[a-z]{1,2}[sd]t|"
    r"cet|cest|kst|ist|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b"
    r"|\d{1,2}[:.]\d{2}(?::\d{2})?", re.I)
BYLINE_LINE = re.compile(r"^(?:by|written by|words by|reporting by)\s+(.+)$", re.I)
#: At most this many words in a byline or dateline block.
EDGE_LINE_MAX_WORDS = 12
NAME_PARTICLES = frozenset("and de da del della der di du la le van von bin al el y".split())


@dataclass(frozen=True)
class ImportResult:
    """What happened to one input file.

    `id`/`article` are set when an article was written; `problem` says why nothing was written;
    `warnings` say what a written article still needs (a required field the page lacks, left-out
    paragraphs).
    """

    path: str
    id: str | None = None
    article: str | None = None
    problem: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when an article was written that needs nothing more for `check`."""
        return self.problem is None and not any(w.startswith("required") for w in self.warnings)

    def __str__(self) -> str:
        if self.problem:
            return f"{self.path}: not imported: {self.problem}"
        lines = [f"{self.path} -> {self.article}"]
        lines += [f"{self.path}: warning: {w}" for w in self.warnings]
        return "\n".join(lines)


@dataclass
class _Extracted:
    """The article found in one input file, before it gets an id."""

    paragraphs: list[str]
    title: str | None = None
    date: str | None = None
    date_precision: str | None = None
    byline: str | None = None
    outlet: str | None = None
    url: str | None = None
    notes: list[str] = field(default_factory=list)


def _normalise_space(text: str) -> str:
    return " ".join(text.split())


# --- ids and file names ---------------------------------------------------------------------------

def slugify(text: str | None, max_length: int) -> str:
    """ASCII `[a-z0-9-]` slug of `text`, cut at a word boundary to at most `max_length` characters."""
    if not text:
        return ""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut[:max_length]).strip("-")


def make_id(outlet: str | None, date: str | None, title: str | None, fallback: str) -> str:
    """`<outlet>-<date>-<title words>`: ASCII `[a-z0-9-]`, at most ID_MAX_LENGTH characters.

    `fallback` (e.g. the file name, then a hash of the text) names the article when the title
    has no ASCII letters or digits.
    """
    outlet_part = slugify(outlet, OUTLET_SLUG_MAX) or "unknown-outlet"
    date_part = date if date and re.fullmatch(r"\d{4}(-\d{2}){0,2}", date) else "undated"
    title_part = slugify(title, TITLE_SLUG_MAX) or slugify(fallback, TITLE_SLUG_MAX) or "article"
    article_id = f"{outlet_part}-{date_part}-{title_part}"
    return article_id[:ID_MAX_LENGTH].rstrip("-")


# --- finding input files --------------------------------------------------------------------------

def iter_inputs(paths: Iterable[str | Path]) -> list[tuple[Path, str | None]]:
    """(file, problem or None) for every input: files as given, folders walked in path order."""
    found: list[tuple[Path, str | None]] = []
    for raw_path in paths:
        path = Path(raw_path)
        if path.is_dir():
            found += [(p, None) for p in _walk(path)]
        elif path.is_file():
            found.append((path, None if _kind(path) else
                          f"not an HTML page or text file (expected {', '.join(HTML_SUFFIXES + TEXT_SUFFIXES)})"))
        else:
            found.append((path, "no such file or directory"))
    return found


def _kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else None


def _walk(folder: Path) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):  # symlinked folders are not followed
        here = Path(root)
        pages = {Path(n).stem for n in names if Path(n).suffix.lower() in HTML_SUFFIXES}
        # A browser's "save page" puts scripts, styles and ad frames in <page>_files/.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not (d.endswith("_files") and d[: -len("_files")] in pages))
        files += [here / n for n in names if not n.startswith(".") and _kind(here / n)]
    return sorted(files, key=lambda p: p.relative_to(folder).parts)  # path order


# --- extraction -----------------------------------------------------------------------------------

def _element_text(element) -> str:
    """Text of an extracted element, a line break as a space, layout whitespace collapsed."""
    parts: list[str] = []

    def walk(node) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return LAYOUT_SPACE.sub(" ", CONTROL_CHARS.sub(" ", "".join(parts))).strip()


def _link_share(element, text: str) -> float:
    """Share (0..1) of an element's characters that are link text (trafilatura's `ref`)."""
    linked = sum(len("".join(ref.itertext()).strip()) for ref in element.iter("ref"))
    return min(1.0, linked / len(text)) if text else 0.0


def _body_blocks(body, title: str | None) -> list[tuple[str, float]]:
    """trafilatura's extracted tree as corpus-format blocks (paragraphs, `## ` headings, `- ` list
    items), each with its link share."""
    blocks: list[tuple[str, float]] = []

    def loose(text: str | None) -> None:  # text outside any element (trafilatura leaves some there)
        text = LAYOUT_SPACE.sub(" ", CONTROL_CHARS.sub(" ", text or "")).strip()
        if text:
            blocks.append((text, 0.0))

    loose(body.text)
    for position, element in enumerate(body):
        _add_block(blocks, element, position, title)
        loose(element.tail)
    return blocks


def _add_block(blocks: list[tuple[str, float]], element, position: int, title: str | None) -> None:
    """Append the block(s) of one extracted element."""
    tag = element.tag
    if tag in ("graphic", "table"):
        return
    if tag == "list":
        for item in element:  # a nested list stays inside its item's text
            text = _element_text(item) if item.tag == "item" else ""
            if text:
                blocks.append((f"- {text}", _link_share(item, text)))
        return
    if tag in ("quote", "div") and len(element) and all(c.tag in ("p", "head", "list") for c in element):
        blocks += _body_blocks(element, None)
        return
    text = _element_text(element)
    if not text:
        return
    if tag == "head":
        # The page's headline is the title, not a section heading of the body.
        if element.get("rend") == "h1" and (position == 0 or _same(text, title)):
            return
        text = f"## {text}"
    blocks.append((text, _link_share(element, text)))


def drop_furniture(blocks: Sequence[tuple[str, float]]) -> tuple[list[str], int]:
    """The article's blocks without the page furniture trafilatura let through, and how many were dropped.

    Dropped: at the start or end of the body, a short block (at most FURNITURE_MAX_WORDS words)
    that is mostly link text or a call to the reader (subscribe, sign up, read more, donate,
    advertisement); anywhere, a short mostly-link block labelled as a related link ("Read more:",
    "Related:", "See also:"); and a heading with no text after it ("Comments", "More stories").
    """
    def short(text: str) -> bool:
        return len(text.split()) <= FURNITURE_MAX_WORDS

    def edge_furniture(text: str, links: float) -> bool:
        return short(text) and (links >= FURNITURE_LINK_SHARE or CALL_TO_READER.search(text) is not None)

    kept = [(t, l) for t, l in blocks
            if not (short(t) and l >= FURNITURE_LINK_SHARE and RELATED_LABEL.match(_strip_marker(t)))]
    start, end = 0, len(kept)
    while start < end and edge_furniture(*kept[start]):
        start += 1
    while end > start and (edge_furniture(*kept[end - 1]) or kept[end - 1][0].startswith("## ")):
        end -= 1
    result = [text for text, _ in kept[start:end]]
    return result, len(blocks) - len(result)


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and _normalise_space(a).casefold() == _normalise_space(b).casefold()


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = LAYOUT_SPACE.sub(" ", CONTROL_CHARS.sub(" ", value)).strip()
    return text or None


def _month_pattern(month: int) -> str:
    name = MONTHS[month - 1]
    extra = r"|sept\.?" if month == 9 else ""
    return rf"(?:{name}|{name[:3]}\.?{extra})"


def date_precision(found: str, page: str) -> str | None:
    """How precisely the page writes the date htmldate found (YYYY-MM-DD): 'day', 'month' or None.

    `page` is the page's markup with entities decoded (attributes and URLs count). Day forms:
    2025-03-14, 2025/3/14, 20250314, 14.03.2025, 03/14/2025, 14 March 2025, Mar. 14th, 2025 ...;
    month forms: 2025-03, 03/2025, March 2025.
    """
    year, month, day = (int(part) for part in found.split("-"))
    m, d, y = rf"0?{month}", rf"0?{day}", str(year)
    name = _month_pattern(month)
    ordinal = r"(?:st|nd|rd|th)?"
    day_forms = (
        rf"(?<!\d){y}[-/.]{m}[-/.]{d}(?!\d)",
        rf"(?<!\d){y}{month:02d}{day:02d}(?!\d)",
        rf"(?<!\d){d}[-/.]{m}[-/.]{y}(?!\d)",
        rf"(?<!\d){m}[-/.]{d}[-/.]{y}(?!\d)",
        rf"(?<![\d\w]){d}{ordinal}[\s.,/-]+(?:of\s+)?{name}[\s.,/-]+{y}(?!\d)",
        rf"(?<!\w){name}[\s.,/-]+{d}{ordinal}[\s.,/-]+{y}(?!\d)",
    )
    if any(re.search(form, page, re.I) for form in day_forms):
        return "day"
    month_forms = (
        rf"(?<!\d){y}[-/.]{m}(?![\d])",
        rf"(?<![\d.]){m}[-/.]{y}(?!\d)",
        rf"(?<!\w){name}[\s.,/-]+{y}(?!\d)",
    )
    if any(re.search(form, page, re.I) for form in month_forms):
        return "month"
    return None


def _extract_html(data: bytes) -> _Extracted | str:
    """The article of a saved page, or a problem message."""
    import htmldate
    import trafilatura
    from trafilatura.utils import load_html

    markup = decode_page(data)
    # Parsed here, so neither library sees a string: htmldate downloads one that starts "http".
    tree = load_html(markup)
    if tree is None and "<" in markup:  # a fragment ("<p>...</p>" alone) is refused unwrapped
        tree = load_html(f"<html><body>{markup}</body></html>")
    if tree is None:
        return "not an HTML page (the parser found no document)"
    found_date = htmldate.find_date(copy.deepcopy(tree), extensive_search=False, original_date=True)
    document = trafilatura.bare_extraction(
        copy.deepcopy(tree), include_comments=False, include_tables=False, include_images=False,
        include_links=True, with_metadata=True, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or document.body is None:
        return "no article text found in the page"
    title = _clean_field(document.title)
    paragraphs, dropped = drop_furniture(_body_blocks(document.body, title))
    if not paragraphs:
        return "no article text found in the page"
    article = _Extracted(paragraphs=paragraphs, title=title)
    if dropped:
        article.notes.append(f"{dropped} short block(s) dropped as page furniture (related links, calls to "
                             "subscribe or read more, headings with no text after them).")
    if title is None:
        article.notes.append("title left null; the page has no title (no <title>, og:title or headline).")
    article.byline = _clean_field(document.author)
    url = _clean_field(document.url)
    article.url = url if url and re.match(r"https?://\S+$", url) else None
    if article.url is None:
        article.notes.append("url left null; the page names no canonical URL (link rel=canonical, og:url).")
    article.outlet = _clean_field(document.sitename)
    if found_date:
        precision = date_precision(found_date, html.unescape(markup))
        if precision == "day":
            article.date, article.date_precision = found_date, "day"
        elif precision == "month":
            article.date, article.date_precision = found_date[:7], "month"
            article.notes.append("date to the month; the page gives the month, not the day.")
        else:
            article.date, article.date_precision = found_date, "day"
            article.notes.append(f"date {found_date} as htmldate read it; the page writes it in a form "
                                 "not recognised here, so please verify it.")
    return article


def _extract_text(data: bytes) -> _Extracted | str:
    """The article of a plain-text file, or a problem message."""
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        return f"not UTF-8 text (byte offset {exc.start}); save the file as UTF-8"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = re.split(r"\n[ \t\f\v]*\n", text)
    if len(blocks) == 1:  # no blank lines: one paragraph per line
        blocks = text.split("\n")
    paragraphs = [LAYOUT_SPACE.sub(" ", CONTROL_CHARS.sub(" ", b)).strip() for b in blocks]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return "empty text file"
    return _Extracted(paragraphs=paragraphs, notes=[
        "title left null; a plain-text file has no title markup.",
        "url left null; a plain-text file has no URL.",
    ])


def written_date(text: str) -> str | None:
    """The first full date written in `text` (14 March 2025, March 14th, 2025, 2025-03-14) as YYYY-MM-DD."""
    for pattern, order in WRITTEN_DATES:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups()))
            month = parts["m"]
            if not month.isdigit():
                month = next(i for i, name in enumerate(MONTHS, 1) if name.startswith(month.lower().rstrip(".")[:3]))
            try:
                return dt.date(int(parts["y"]), int(month), int(parts["d"])).isoformat()
            except ValueError:
                continue
    return None


def _dateline(text: str) -> str | None:
    """The date of a dateline block ("Published 14 March 2025, 10:04"), None if the block is not one."""
    if len(text.split()) > EDGE_LINE_MAX_WORDS:
        return None
    found = written_date(text)
    if found is None:
        return None
    rest = text
    for pattern, _ in WRITTEN_DATES:
        rest = pattern.sub(" ", rest)
    rest = DATELINE_WORDS.sub(" ", rest)
    return found if not re.search(r"\w", rest) else None


def take_byline_and_dateline(article: _Extracted) -> tuple[str | None, str | None, int]:
    """Move the page's byline and dateline blocks out of the body (trafilatura leaves them when the
    page gives no class names); returns (byline written there, dateline text, blocks removed).

    Only blocks before the first paragraph of more than EDGE_LINE_MAX_WORDS words count: "By Jane
    Doe", "By Jane Doe · 3 February 2025", "Updated 3 February 2025, 10:04", the known byline
    alone. At the end, a short block naming the known byline is an author's note or sign-off.
    """
    blocks = article.paragraphs
    byline, dateline, removed = None, None, 0
    index = 0
    while index < len(blocks) and len(blocks[index].split()) <= EDGE_LINE_MAX_WORDS:
        text = blocks[index]
        match = BYLINE_LINE.match(text)
        name, _, rest = _split_byline(match.group(1)) if match else ("", "", "")
        if match and _looks_like_name(name):
            byline = byline or name
            if rest and _dateline(rest):
                dateline = dateline or rest
        elif _dateline(text):
            dateline = dateline or text
        elif not (article.byline and _same(text, article.byline)):
            index += 1
            continue
        del blocks[index]
        removed += 1
    author = article.byline or byline
    if author and len(author.split()) >= 2:
        while len(blocks) > 1 and len(blocks[-1].split()) <= 30 and author.casefold() in blocks[-1].casefold():
            blocks.pop()
            removed += 1
    return byline, dateline, removed


def _looks_like_name(text: str) -> bool:
    """A byline's names: capitalised words (and particles), no digits, no sentence ("By Monday, the ...")."""
    words = text.replace(",", " , ").split()
    if not 1 <= len(words) <= 8 or re.search(r"\d|[.!?]$", text):
        return False
    return all(w[0].isupper() or w.lower() in NAME_PARTICLES for w in words if w != ",") and words[0][0].isupper()


def _split_byline(text: str) -> tuple[str, str, str]:
    """("Jane Doe", separator, "3 February 2025") from "Jane Doe · 3 February 2025"."""
    parts = re.split(r"(\s+[|·•–—-]\s+|,\s+(?=[^,]*\d))", text, maxsplit=1)
    if len(parts) == 3:
        return parts[0].strip(), parts[1], parts[2].strip()
    return text.strip(), "", ""


# --- writing --------------------------------------------------------------------------------------

def _read_events(corpus_dir: Path) -> tuple[set[str] | None, str | None]:
    """Event ids of the corpus's events.yaml (None: no file), or a problem reading it."""
    path = corpus_dir / "events.yaml"
    if not path.is_file():
        return None, None
    try:
        data = plain_yaml.load_file(path) or {}
    except (plain_yaml.PlainYamlError, OSError) as exc:
        return None, f"cannot read {path}: {' '.join(str(exc).split())}"
    entries = data.get("events") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return None, f"cannot read {path}: expected a list under 'events:'"
    return {e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)}, None


def _existing_ids(articles_dir: Path) -> dict[str, Path]:
    """{id: file} of the articles already in the corpus (front matter `id:`, else the file name)."""
    ids: dict[str, Path] = {}
    if not articles_dir.is_dir():
        return ids
    for path in sorted(articles_dir.glob("*.md")):
        ids.setdefault(path.stem, path)
        try:
            with path.open(encoding="utf-8-sig", errors="replace") as handle:
                head = handle.read(4096)
        except OSError:
            continue
        front = head.split("\n---", 1)[0] if head.startswith("---") else ""
        match = re.search(r"^id:[ \t]*['\"]?([^'\"\n]+?)['\"]?[ \t]*$", front, re.M)
        if match:
            ids.setdefault(match.group(1), path)
    return ids


def render_article(front: dict, paragraphs: Sequence[str]) -> str:
    """An article file: YAML front matter between `---` lines, then blank-line separated blocks."""
    # No line folding: a folded title or note could put a bare `---` on a line of its own.
    front_text = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1_000_000,
                                default_flow_style=False)
    return f"---\n{front_text}---\n\n" + "\n\n".join(paragraphs) + "\n"


def import_pages(paths: Iterable[str | Path], corpus_dir: str | Path, outlet: str | None = None,
                 event: str | None = None, force: bool = False, date: str | None = None) -> list[ImportResult]:
    """Import saved HTML pages, plain-text files and folders of them into the corpus at `corpus_dir`.

    `outlet`, `event` and `date` (YYYY, YYYY-MM or YYYY-MM-DD) apply to every input and win over
    what the page says. Creates `articles/` and `raw/` as needed. Returns one `ImportResult` per
    input file, in input order (a folder's files in path order); nothing is ever overwritten unless `force`.
    """
    corpus_dir = Path(corpus_dir)
    inputs = iter_inputs(paths)
    if corpus_dir.exists() and not corpus_dir.is_dir():
        return [ImportResult(str(p), problem=f"corpus {corpus_dir} is not a directory") for p, _ in inputs]
    events, events_problem = _read_events(corpus_dir)
    batch_problem = events_problem
    if batch_problem is None and events:
        if event is None:
            batch_problem = (f"this corpus has events.yaml: give the event with --event "
                             f"(one of {', '.join(sorted(events))})")
        elif event not in events:
            batch_problem = f"unknown event {event!r}; known events: {', '.join(sorted(events))}"
    if batch_problem is None and event is not None and not event.strip():
        batch_problem = "--event is empty"
    if batch_problem is None and date is not None and not _is_iso_date(date):
        batch_problem = f"--date must be YYYY, YYYY-MM or YYYY-MM-DD, got {date!r}"
    if batch_problem is None and outlet is not None and _clean_field(outlet) is None:
        batch_problem = "--outlet is empty"
    if batch_problem:
        return [ImportResult(str(p), problem=batch_problem) for p, _ in inputs]

    articles_dir, raw_dir = corpus_dir / "articles", corpus_dir / "raw"
    existing = _existing_ids(articles_dir)
    written: dict[str, str] = {}
    results = []
    for path, problem in inputs:
        if problem is None:
            result = _import_one(path, articles_dir, raw_dir, existing, written, outlet, event, date, force)
        else:
            result = ImportResult(str(path), problem=problem)
        results.append(result)
    return results


def _is_iso_date(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real month and day."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return False
    padded = text + {4: "-01-01", 7: "-01", 10: ""}[len(text)]
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        return False
    return True


def _read_input(path: Path) -> bytes | str:
    """The file's bytes, or why it cannot be imported."""
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            return f"file is {size:,} bytes, over the {MAX_PAGE_BYTES:,}-byte limit"
        return path.read_bytes()
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"


def _fill_fields(extracted: _Extracted, what: str, outlet: str | None, date: str | None,
                 event: str | None) -> tuple[list[str], list[str], str]:
    """Byline, date, outlet and event from the page or the caller: (notes, warnings, event).

    A field found nowhere stays None with a note; a missing required field is also a warning."""
    warnings: list[str] = []
    notes = list(extracted.notes)
    byline_line, dateline, moved = take_byline_and_dateline(extracted)
    if moved:
        notes.append(f"{moved} byline, dateline or author's-note block(s) moved out of the text.")
    if extracted.byline is None and byline_line:
        extracted.byline = byline_line
        notes.append(f"byline from the {what}'s 'By' line.")
    if extracted.byline is None:
        notes.append(f"byline left null; no author in the {what}'s metadata or a 'By' line.")
    if extracted.date is None and dateline:
        extracted.date, extracted.date_precision = written_date(dateline), "day"
        updated = " (an update's date: the first publication may be earlier)" if re.search(
            r"updated|modified", dateline, re.I) else ""
        notes.append(f"date from the {what}'s dateline {dateline!r}, no date in its metadata{updated}.")
    if outlet is not None:
        extracted.outlet = _clean_field(outlet)
    elif extracted.outlet is None:
        notes.append(f"outlet left null; the {what} names no site (og:site_name, publisher); give it with --outlet.")
        warnings.append("required field 'outlet' not found: set it (or import again with --outlet)")
    if date is not None:
        extracted.date = date
        extracted.date_precision = {4: "year", 7: "month", 10: "day"}[len(date)]
        notes = [n for n in notes if not n.startswith("date ")]
    elif extracted.date is None:
        notes.append(f"date left null; no publication date found in the {what}; give it with --date.")
        warnings.append("required field 'date' not found: set it (or import again with --date)")
    if event is None:
        event = UNASSIGNED_EVENT
        notes.append(f"event '{UNASSIGNED_EVENT}'; no event given at import and the corpus has no events.yaml.")
    return notes, warnings, event


def _verbatim_paragraphs(extracted: _Extracted, data: bytes, is_html: bool) -> tuple[list[str], int]:
    """The extracted paragraphs found in the page as written (what `check` verifies), and how
    many were left out. A block with no letter or digit is a separator ("* * *"), not text."""
    page = _normalise_space(raw_text(data, is_html))
    paragraphs = [p for p in extracted.paragraphs if re.search(r"\w", _strip_marker(p))]
    kept = [p for p in paragraphs if _normalise_space(_strip_marker(p)) in page]
    return kept, len(paragraphs) - len(kept)


def _target_problem(article_id: str, target: Path, raw_target: Path, data: bytes, existing: dict[str, Path],
                    written: dict[str, str], force: bool) -> str | None:
    """Why the article or its raw file may not be written under this id, or None."""
    if article_id in written:
        return f"id {article_id!r} already imported in this run from {written[article_id]}"
    holder = existing.get(article_id)
    if holder is not None and holder != target:
        return f"id {article_id!r} is already used by {holder}"
    if (holder is not None or target.exists()) and not force:
        return f"{target} exists (give --force to replace it)"
    if raw_target.exists() and not force and raw_target.read_bytes() != data:
        return f"{raw_target} exists with other content (give --force to replace it)"
    return None


def _import_one(path: Path, articles_dir: Path, raw_dir: Path, existing: dict[str, Path],
                written: dict[str, str], outlet: str | None, event: str | None, date: str | None,
                force: bool) -> ImportResult:
    where = str(path)
    data = _read_input(path)
    if isinstance(data, str):
        return ImportResult(where, problem=data)
    kind = _kind(path)
    extracted = _extract_html(data) if kind == "html" else _extract_text(data)
    if isinstance(extracted, str):
        return ImportResult(where, problem=extracted)
    notes, warnings, event = _fill_fields(extracted, "page" if kind == "html" else "text file",
                                          outlet, date, event)
    kept, left_out = _verbatim_paragraphs(extracted, data, kind == "html")
    if left_out:
        notes.append(f"{left_out} extracted paragraph(s) left out: not found verbatim in the page's text.")
        warnings.append(f"{left_out} extracted paragraph(s) left out (not verbatim in the page)")
    if not any(not p.startswith("## ") for p in kept):
        return ImportResult(where, problem="no article paragraph found verbatim in the page")

    fallback = slugify(path.stem, TITLE_SLUG_MAX) or hashlib.sha1(data).hexdigest()[:8]
    article_id = make_id(extracted.outlet, extracted.date, extracted.title, fallback)
    target = articles_dir / f"{article_id}.md"
    raw_name = f"{article_id}{path.suffix.lower()}"
    raw_target = raw_dir / raw_name
    problem = _target_problem(article_id, target, raw_target, data, existing, written, force)
    if problem:
        return ImportResult(where, problem=problem)
    front = {
        "id": article_id, "outlet": extracted.outlet, "title": extracted.title, "date": extracted.date,
        "date_precision": extracted.date_precision, "event": event, "language": "en",
        "byline": extracted.byline, "source": raw_name, "url": extracted.url,
        "notes": [f"Imported from {path.name!r} by `python -m analysis import` (trafilatura, htmldate)."
                  if kind == "html" else f"Imported from {path.name!r} by `python -m analysis import`."]
                 + notes,
    }
    articles_dir.mkdir(parents=True, exist_ok=True)
    raw_dir.mkdir(parents=True, exist_ok=True)
    write_bytes(raw_target, data)  # the raw file first: an article never points at a missing file
    write_bytes(target, render_article(front, kept).encode("utf-8"))
    written[article_id] = where
    existing[article_id] = target
    return ImportResult(where, id=article_id, article=str(target), warnings=tuple(warnings))


def _strip_marker(block: str) -> str:
    return block[3:] if block.startswith("## ") else block[2:] if block.startswith("- ") else block


# --- command line ---------------------------------------------------------------------------------
