"""A corpus directory: `articles/<id>.md` files, `events.yaml`, `outlets.yaml`, `raw/`."""
from __future__ import annotations

from pathlib import Path

import yaml

from ..base import config
from .article import read_article
from .model import Article, Problem
from .rules import one_line, relative_path


def resolve_corpus_dir(path: str | Path | None) -> Path:
    """The corpus directory for `path` (None: the bundled corpus); accepts the corpus or its articles/."""
    if path is None:
        return config.CORPUS_DIR
    path = Path(path)
    if path.name == "articles" and path.is_dir() and not (path / "articles").is_dir():
        return path.parent
    return path


def _load_yaml_mapping(path: Path, key: str, problems: list[Problem]) -> dict[str, dict]:
    """Read `events.yaml` / `outlets.yaml` into {id-or-name: entry}."""
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        problems.append(Problem(relative_path(path), line, f"cannot read YAML: {one_line(exc)}"))
        return {}
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        problems.append(Problem(relative_path(path), 1, f"expected a list under '{key}:'"))
        return {}
    name_field = "id" if key == "events" else "name"
    result = {}
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get(name_field), str):
            result[entry[name_field]] = entry
        else:
            problems.append(Problem(relative_path(path), 1, f"an entry under '{key}:' has no '{name_field}'"))
    return result

def validate_directory(root: Path) -> tuple[list[Article], list[Problem], dict, dict]:
    """Read every article of a corpus directory; returns (valid articles, problems, events, outlets)."""
    problems: list[Problem] = []
    if not root.is_dir():
        return [], [Problem(str(root), 0, "not a corpus directory (expected a directory holding articles/)")], {}, {}
    articles_dir = root / "articles"
    if not articles_dir.is_dir():
        return [], [Problem(relative_path(root), 0, "no articles/ directory in this corpus")], {}, {}
    events = _load_yaml_mapping(root / "events.yaml", "events", problems)
    outlets = _load_yaml_mapping(root / "outlets.yaml", "outlets", problems)
    raw_dir = root / "raw" if (root / "raw").is_dir() else None
    files = sorted(p for p in articles_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        problems.append(Problem(relative_path(articles_dir), 0, "no article files"))
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for file in files:
        if file.suffix != ".md":
            problems.append(Problem(relative_path(file), 1, _not_markdown_message(file)))
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
