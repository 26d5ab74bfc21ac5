"""A corpus directory: `articles/<id>.md` files, `events.yaml`, `outlets.yaml`, `raw/`."""
from __future__ import annotations

import stat
from pathlib import Path

from ..base import config, plain_yaml
from .actors_file import read_actors
from .article import read_article
from .model import Article, Problem
from .rules import relative_path, relative_paths_under


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
        data = plain_yaml.load_file(path, relative_path(path)) or {}
    except plain_yaml.PlainYamlError as exc:
        problems.append(Problem(relative_path(path), exc.line or 1, f"cannot read YAML: {exc.message}"))
        return {}
    except OSError as exc:
        problems.append(Problem(relative_path(path), 1, f"cannot read file: {exc.strerror or exc}"))
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
    if (root / "actors.yaml").exists():
        problems.extend(read_actors(root / "actors.yaml")[1])
    raw_dir = root / "raw" if (root / "raw").is_dir() else None
    files = []
    for entry in sorted(p for p in articles_dir.iterdir() if not p.name.startswith(".")):
        refused = _entry_problem(entry, root)
        if refused:
            problems.append(Problem(relative_path(entry), 1, refused))
        elif entry.is_file():
            files.append(entry)
    if not files and not problems:
        problems.append(Problem(relative_path(articles_dir), 0, "no article files"))
    articles: list[Article] = []
    seen: dict[str, str] = {}
    where = relative_paths_under(articles_dir)
    for file in files:
        if file.suffix != ".md":
            problems.append(Problem(relative_path(file), 1, _not_markdown_message(file)))
            continue
        article, file_problems = read_article(file, events, raw_dir, where(file))
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

def _entry_problem(entry: Path, root: Path) -> str | None:
    """Why an entry of articles/ is not read (None for a regular file, or a directory not named
    like an article, which is left alone): a broken or looping link, a link leaving the corpus, a
    FIFO, device or socket (reading one could block or never end), a directory named `x.md`."""
    if entry.is_symlink():
        try:
            target = entry.resolve(strict=True)
        except (OSError, RuntimeError):
            return "broken or looping symbolic link: not read"
        try:
            target.relative_to(root.resolve())
        except ValueError:
            return (f"symbolic link to {target}, outside the corpus: not read (copy the article "
                    "into articles/)")
    try:
        mode = entry.stat().st_mode
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return "a directory, not an article file" if entry.suffix == ".md" else None
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, device or socket): not read"
    return None


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
