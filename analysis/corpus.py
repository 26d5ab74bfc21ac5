"""Load and validate a corpus: `corpus/articles/<id>.md` files with YAML front matter.

A corpus is a directory holding `articles/` and optionally `events.yaml`, `outlets.yaml`,
`actors.yaml` and `raw/`. Every problem found is collected (never just the first) as a
`Problem(path, line, message)`; `load_corpus` raises `CorpusError` listing all of them.

Untrusted input, decided case by case (tests/test_cli.py has one test per case):
- accepted: a UTF-8 BOM; CRLF or CR line endings (stored as LF); an article on one line; stray or
  unbalanced quote marks; a body of numbers only (numbers are words); `language` en-GB, en_US...;
  dates as YAML dates, quoted ISO strings, YYYY-MM, YYYY or a full date-time (kept to the day).
- refused: front matter that is not YAML or builds anything but plain data (`!!python/object` and
  every other non-standard tag: the loader is PyYAML's SafeLoader); a missing, unknown or mistyped
  field; an impossible date (2026-02-30); an event not in events.yaml (when there is one); a
  duplicate id (the first file in path order is kept); an empty body; a body with no words
  (only emoji or marks) or only headings, since every rate is per 1,000 words; bytes that are not
  UTF-8 (the byte offset is named); NUL bytes or any other binary file in articles/; control
  characters (C0 except tab and newline, DEL, C1); a language other than English, or a body whose
  words are not English; a file over 2 MB (checked before reading); a `source` that is a path
  rather than a file name under raw/; a paragraph not found in the raw file named by `source`
  (an .html/.htm raw file is compared by its visible text: tags stripped, entities decoded).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
import yaml

from . import config

REQUIRED_FIELDS = ("id", "outlet", "title", "date", "event", "language")
OPTIONAL_FIELDS = (
    "byline", "source", "outlet_evidence", "captions", "url", "notes", "date_precision",
)
DATE_PRECISIONS = ("day", "month", "year")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
DATE_PATTERNS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"), "time"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
)
#: Control characters other than tab and newline have no place in an article body (C0, DEL, and
#: the C1 range, which in scraped text is almost always cp1252 mis-decoded as Latin-1).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: An article larger than this is refused: it is almost certainly not one news article (a long
#: feature is ~60 KB; 2 MB is ~300,000 words, a book), and the metrics are not built for it.
MAX_ARTICLE_BYTES = 2_000_000
#: English function words that are not also common words of other Latin-script languages ("in",
#: "a", "is", "was", "on" are left out: German, Italian, Spanish, Dutch, French use them). An
#: English news body has 15-30% of its words among them (the bundled five: 0.18-0.27; German,
#: French, Spanish and Dutch news paragraphs: 0). A body of at least ENGLISH_MIN_WORDS words with
#: letters and under ENGLISH_MIN_SHARE of them is not English, whatever its `language` says.
ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and to that for with by from it are this have has not his its which their but said
    were been would they had""".split()
)
ENGLISH_MIN_WORDS = 40
ENGLISH_MIN_SHARE = 0.08


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a corpus file, printed as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class CorpusError(ValueError):
    """Invalid corpus input; `.problems` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the corpus:\n{lines}")


@dataclass
class Article:
    """One article: front matter fields plus the cleaned Markdown body (raw characters kept)."""

    id: str
    outlet: str
    title: str | None
    date: str
    event: str
    language: str
    body: str
    source: str | None = None
    byline: str | None = None
    date_precision: str | None = None
    outlet_evidence: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    url: str | None = None
    notes: list[str] = field(default_factory=list)
    path: str | None = None
    #: 1-based line of the file on which the body starts (for messages).
    body_line: int = 1
    #: The corpus's own actors.yaml, if any (set by load_corpus; adds to the package gazetteer).
    actors_file: str | None = None


@dataclass
class Corpus:
    """A validated set of articles plus the corpus's events, outlets and extra actors."""

    articles: list[Article]
    root: Path | None = None
    events: dict[str, dict] = field(default_factory=dict)
    outlets: dict[str, dict] = field(default_factory=dict)
    actors_file: Path | None = None
    skipped: list[Problem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self):
        return iter(self.articles)

    def get(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(f"no article with id {article_id!r}; ids: {', '.join(a.id for a in self.articles)}")

    def select(self, event: str | None = None, outlets: Iterable[str] | None = None) -> "Corpus":
        """The articles of one event and/or some outlets; unknown names raise ValueError listing valid ones."""
        articles = list(self.articles)
        if event is not None:
            known = sorted({a.event for a in self.articles} | set(self.events))
            if event not in known:
                raise ValueError(f"unknown event {event!r}; valid events: {', '.join(known)}")
            articles = [a for a in articles if a.event == event]
        if outlets is not None:
            outlets = list(outlets)
            known_outlets = sorted({a.outlet for a in self.articles})
            unknown = [o for o in outlets if o not in known_outlets]
            if unknown:
                raise ValueError(
                    f"unknown outlet(s) {', '.join(map(repr, unknown))}; valid outlets: {', '.join(known_outlets)}"
                )
            articles = [a for a in articles if a.outlet in outlets]
        return Corpus(articles, self.root, self.events, self.outlets, self.actors_file, self.skipped)

    def to_frame(self) -> pd.DataFrame:
        """One row per article: the front matter fields plus body length in characters."""
        rows = [
            {
                "id": a.id, "outlet": a.outlet, "title": a.title, "date": a.date,
                "date_precision": a.date_precision, "event": a.event, "language": a.language,
                "byline": a.byline, "source": a.source, "url": a.url, "body_chars": len(a.body),
            }
            for a in self.articles
        ]
        columns = ["id", "outlet", "title", "date", "date_precision", "event", "language",
                   "byline", "source", "url", "body_chars"]
        return pd.DataFrame(rows, columns=columns)


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _normalise_space(text: str) -> str:
    return " ".join(text.split())


def body_paragraphs(body: str) -> list[tuple[int, str]]:
    """Blank-line separated blocks of a body as (0-based line offset, text without Markdown markers).

    Markers are `## ` (a heading), `- ` (a list item) and a `---` rule (ends a section); a rule
    yields no paragraph.
    """
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(body.split("\n") + [""]):
        if line.strip():
            if not current:
                start = number
            current.append(line)
            continue
        if current:
            text = "\n".join(current)
            if text.strip() != "---":
                if text.startswith("## "):
                    text = text[3:]
                elif text.startswith("- "):
                    text = text[2:]
                blocks.append((start, text))
            current = []
    return blocks


class FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader (plain data only, no Python objects) that keeps dates as text.

    Why: the stock loader turns `2026-13-45` into a ValueError with no line; kept as text, a date
    is validated by `parse_date` and reported on its own line. Dates still work unquoted.
    """


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_date(value: Any) -> tuple[str, str] | None:
    """ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or a date-time, or a YAML date) as (YYYY[-MM[-DD]], precision).

    A date-time keeps its day (precision 'day'). None if the value is not a real date.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), "day"
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    if not isinstance(value, str):
        return None
    text = value.strip()
    for pattern, precision in DATE_PATTERNS:
        if pattern.match(text):
            if precision == "time":
                try:
                    dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
                except ValueError:
                    return None
                return text[:10], "day"
            padded = text + {"day": "", "month": "-01", "year": "-01-01"}[precision]
            try:
                dt.date.fromisoformat(padded)
            except ValueError:
                return None
            return text, precision
    return None


def _load_yaml_mapping(path: Path, key: str, problems: list[Problem]) -> dict[str, dict]:
    """Read `events.yaml` / `outlets.yaml` into {id-or-name: entry}."""
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        problems.append(Problem(_relative(path), line, f"cannot read YAML: {_one_line(exc)}"))
        return {}
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        problems.append(Problem(_relative(path), 1, f"expected a list under '{key}:'"))
        return {}
    name_field = "id" if key == "events" else "name"
    result = {}
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get(name_field), str):
            result[entry[name_field]] = entry
        else:
            problems.append(Problem(_relative(path), 1, f"an entry under '{key}:' has no '{name_field}'"))
    return result


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def read_article(path: Path, events: dict[str, dict] | None, raw_dir: Path | None) -> tuple[Article | None, list[Problem]]:
    """Parse and validate one article file; returns (article or None, problems)."""
    problems: list[Problem] = []
    where = _relative(path)

    def problem(line: int, message: str) -> None:
        problems.append(Problem(where, line, message))

    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:  # checked before reading: never load a huge file whole
            problem(1, f"file is {size:,} bytes, over the {MAX_ARTICLE_BYTES:,}-byte limit for one "
                       "article (is it one news article?)")
            return None, problems
        data = path.read_bytes()
    except OSError as exc:
        problem(1, f"cannot read file: {exc.strerror or exc}")
        return None, problems
    if b"\x00" in data:
        problem(1, f"binary file (NUL byte at byte offset {data.index(0)}), not a Markdown article")
        return None, problems
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem(line, f"bytes that are not UTF-8 at byte offset {exc.start} (0x{data[exc.start]:02x})")
        return None, problems
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")

    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problem(1, "no YAML front matter: the file must start with a '---' line")
        return None, problems
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problem(1, "front matter is not closed by a second '---' line")
        return None, problems
    front_text = "\n".join(lines[1:end])
    try:
        # The safe loader builds only plain data: a tag such as !!python/object is an error.
        meta = yaml.load(front_text, Loader=FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        detail = _one_line(getattr(exc, "problem", None) or exc)
        if isinstance(exc, yaml.constructor.ConstructorError) and "could not determine a constructor" in detail:
            problem(line, f"YAML tag not allowed in front matter (only plain data is read): {detail}")
        else:
            problem(line, f"malformed YAML front matter: {detail}")
        return None, problems
    except (ValueError, TypeError, AttributeError, OverflowError, RecursionError) as exc:
        # PyYAML raises these for well-formed but impossible values (date: 2026-13-45).
        problem(1, f"malformed YAML front matter: {type(exc).__name__}: {_one_line(exc)}")
        return None, problems
    if not isinstance(meta, dict):
        problem(2, "front matter must be a mapping of field: value")
        return None, problems

    def field_line(name: str) -> int:
        for i in range(1, end):
            if lines[i].startswith(f"{name}:"):
                return i + 1
        return 1

    for name in REQUIRED_FIELDS:
        if name not in meta:
            problem(1, f"missing required field '{name}'")
    for name in meta:
        if name not in REQUIRED_FIELDS and name not in OPTIONAL_FIELDS:
            problem(field_line(str(name)), f"unknown field '{name}'")

    article_id = meta.get("id")
    if "id" in meta and not (isinstance(article_id, str) and ID_PATTERN.match(article_id)):
        problem(field_line("id"), f"field 'id' must be text of letters, digits, '.', '_' or '-', got {article_id!r}")
    for name in ("outlet", "event"):
        value = meta.get(name)
        if name in meta and not (isinstance(value, str) and value.strip()):
            problem(field_line(name), f"field '{name}' must be non-empty text, got {value!r}")
    title = meta.get("title")
    if title is not None and not isinstance(title, str):
        problem(field_line("title"), f"field 'title' must be text or null, got {title!r}")
    elif isinstance(title, str) and not title.strip():
        problem(field_line("title"), "field 'title' is empty: use null where the source has no title")
    date_value = meta.get("date")
    parsed = parse_date(date_value) if "date" in meta else None
    if "date" in meta and parsed is None:
        problem(field_line("date"), f"field 'date' is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM or YYYY): {date_value!r}")
    precision = meta.get("date_precision")
    if precision is not None:
        if precision not in DATE_PRECISIONS:
            problem(field_line("date_precision"), f"field 'date_precision' must be one of {', '.join(DATE_PRECISIONS)}, got {precision!r}")
        elif parsed and parsed[1] != precision:
            problem(field_line("date_precision"), f"date {parsed[0]!r} has {parsed[1]} precision but date_precision says {precision!r}")
    event = meta.get("event")
    if isinstance(event, str) and events and event not in events:
        problem(field_line("event"), f"unknown event {event!r}; known events: {', '.join(sorted(events))}")
    language = meta.get("language")
    if "language" in meta and not is_english_tag(language):
        problem(field_line("language"), f"language {language!r} is not supported: the metrics are English-only (language: en)")
    for name in ("byline", "source", "url"):
        value = meta.get(name)
        if value is not None and not isinstance(value, str):
            problem(field_line(name), f"field '{name}' must be text or null, got {value!r}")
    for name in ("outlet_evidence", "captions", "notes"):
        value = meta.get(name)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            problem(field_line(name), f"field '{name}' must be a list of text")

    body_start = end + 1
    body = "\n".join(lines[body_start:])
    # Leading blank lines are layout, not body; offsets count from the first body character.
    stripped = body.lstrip("\n")
    body_line = body_start + 1 + body[: len(body) - len(stripped)].count("\n")
    body = stripped.rstrip()
    match = CONTROL_CHARS.search(body)
    if match:
        line = body_line + body[: match.start()].count("\n")
        column = match.start() - (body.rfind("\n", 0, match.start()) + 1) + 1
        problem(line, f"control character U+{ord(match.group()):04X} in body (column {column})")
    if not body.strip():
        problem(body_start, "empty body: an article needs text after its front matter")
    else:
        words_problem = _words_problem(body)
        if words_problem:
            problem(body_line, words_problem)
        elif "language" in meta and is_english_tag(language):
            share = english_share(body)
            if share is not None and share < ENGLISH_MIN_SHARE:
                problem(body_line, f"body does not look like English ({share:.0%} of its words are common "
                                   "English words): the metrics are English-only")

    source = meta.get("source")
    if isinstance(source, str) and not _is_plain_file_name(source):
        problem(field_line("source"), f"field 'source' must be a file name under raw/, not a path: {source!r}")
    elif isinstance(source, str) and raw_dir is not None and body.strip():
        raw_path = raw_dir / source
        if not raw_path.is_file():
            problem(field_line("source"), f"source file {source!r} not found in {_relative(raw_dir)}")
        else:
            from .pageimport import source_text  # an HTML page's text: tags stripped, entities decoded

            raw_text = _normalise_space(source_text(raw_path))
            for offset, paragraph in body_paragraphs(body):
                if _normalise_space(paragraph) not in raw_text:
                    snippet = _normalise_space(paragraph)[:60]
                    problem(body_line + offset, f"paragraph not found in raw file {source!r}: {snippet!r}")

    if problems:
        return None, problems
    article = Article(
        id=article_id, outlet=meta["outlet"].strip(), title=title, date=parsed[0], event=event,
        language=language, body=body, source=source, byline=meta.get("byline"),
        date_precision=precision or parsed[1], outlet_evidence=list(meta.get("outlet_evidence") or []),
        captions=list(meta.get("captions") or []), url=meta.get("url"), notes=list(meta.get("notes") or []),
        path=where, body_line=body_line,
    )
    return article, problems


def is_english_tag(language: Any) -> bool:
    """True for `en` and its regional tags (`en-GB`, `en_US`), case-insensitive."""
    return isinstance(language, str) and re.fullmatch(r"en(?:[-_][A-Za-z0-9]+)*", language.strip(), re.I) is not None


def english_share(body: str) -> float | None:
    """Share (0..1) of the body's words with letters that are common English function words.

    None when the body has fewer than ENGLISH_MIN_WORDS such words (too short to judge).
    """
    from .text import WORD_PATTERN, normalize

    words = [w.lower() for w in WORD_PATTERN.findall(normalize(body)[0]) if not w.isdigit()]
    words = [w for w in words if any(c.isalpha() for c in w)]
    if len(words) < ENGLISH_MIN_WORDS:
        return None
    return sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words)


def _words_problem(body: str) -> str | None:
    """Why a non-empty body has nothing to measure, or None: every rate is per 1,000 words of text."""
    from .text import Doc

    doc = Doc.from_text(body)
    if doc.words > 0:
        return None
    if any(s.words for s in doc.sentences if s.is_heading):
        return "body has only headings, no text paragraph: nothing to measure (rates are per 1,000 words)"
    return "body has no words (only marks, symbols or emoji): nothing to measure (rates are per 1,000 words)"


def _is_plain_file_name(name: str) -> bool:
    """A bare file name: no directory part, not '.' or '..' (a `source` never leaves raw/)."""
    return bool(name) and name not in (".", "..") and "/" not in name and "\\" not in name and "\x00" not in name


def resolve_corpus_dir(path: str | Path | None) -> Path:
    """The corpus directory for `path` (None: the bundled corpus); accepts the corpus or its articles/."""
    if path is None:
        return config.CORPUS_DIR
    path = Path(path)
    if path.name == "articles" and path.is_dir() and not (path / "articles").is_dir():
        return path.parent
    return path


def validate_corpus(path: str | Path | None = None) -> tuple[list[Article], list[Problem], dict, dict]:
    """Read every article under `path`; returns (valid articles, problems, events, outlets)."""
    root = resolve_corpus_dir(path)
    problems: list[Problem] = []
    if not root.exists():
        return [], [Problem(str(root), 0, "no such file or directory")], {}, {}
    if root.is_file() and root.suffix.lower() in (".jsonl", ".ndjson", ".csv", ".parquet"):
        from .scale import validate_table  # one article per row, read in chunks (issue 5)

        return validate_table(root)
    if not root.is_dir():
        return [], [Problem(str(root), 0, "not a corpus directory (expected a directory holding articles/)")], {}, {}
    articles_dir = root / "articles"
    if not articles_dir.is_dir():
        return [], [Problem(_relative(root), 0, "no articles/ directory in this corpus")], {}, {}
    events = _load_yaml_mapping(root / "events.yaml", "events", problems)
    outlets = _load_yaml_mapping(root / "outlets.yaml", "outlets", problems)
    raw_dir = root / "raw" if (root / "raw").is_dir() else None
    files = sorted(p for p in articles_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        problems.append(Problem(_relative(articles_dir), 0, "no article files"))
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for file in files:
        if file.suffix != ".md":
            problems.append(Problem(_relative(file), 1, _not_markdown_message(file)))
            continue
        article, file_problems = read_article(file, events, raw_dir)
        problems.extend(file_problems)
        if article is None:
            continue
        if article.id in seen:
            problems.append(Problem(article.path, _id_line(file), f"duplicate id {article.id!r}: "
                                    f"already used by {seen[article.id]} (the first in path order is kept)"))
            continue
        seen[article.id] = article.path
        articles.append(article)
    return articles, problems, events, outlets


def _not_markdown_message(path: Path) -> str:
    """Why a non-.md file in articles/ is not an article (binary or just the wrong name)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError:
        head = b""
    if b"\x00" in head:
        return "binary file, not a Markdown article (articles/ holds only <id>.md files)"
    return "not a Markdown article: expected a .md file (articles/ holds only <id>.md files)"


def _id_line(path: Path) -> int:
    """1-based line of the `id:` field of an article file (2 if not found)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    for number, line in enumerate(lines[1:], start=2):
        if line.startswith("id:"):
            return number
        if line.strip() == "---":
            break
    return 2


def load_corpus(path: str | Path | None = None, skip_invalid: bool = False) -> Corpus:
    """Load a corpus directory (None: the bundled corpus).

    Raises `CorpusError` listing every problem unless `skip_invalid`, in which case invalid files
    are left out and listed in `Corpus.skipped`. Of two files sharing an id, the first in path
    order is kept.
    """
    articles, problems, events, outlets = validate_corpus(path)
    root = resolve_corpus_dir(path)
    if problems and (not skip_invalid or not articles):
        raise CorpusError(problems)
    actors = root / "actors.yaml"
    actors_file = actors if actors.is_file() else None
    for article in articles:
        article.actors_file = str(actors_file) if actors_file else None
    return Corpus(articles, root, events, outlets, actors_file, problems)
