"""The unit tests never read the user's live `corpus/`: they read the frozen copy in
tests/fixtures/bundled_corpus/ (or fixtures built in the test), so adding, editing or removing
articles in corpus/ breaks no unit test. Only the committed notebooks (nbval) follow corpus/.
"""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

from analysis import load_corpus
from analysis.base import config
from conftest import BUNDLED_CORPUS, MINI_CORPUS, TESTS_DIR

#: Functions that read the corpus (a call without a path means "the live corpus/").
_READERS = {"load_corpus", "validate_corpus", "iter_articles", "resolve_corpus_dir"}
#: Benchmark helpers that vary the live corpus unless given one: (function, keyword, positional slot).
_BENCH_SOURCES = {"synthetic_articles": ("source", 2), "write_synthetic_corpus": ("source", 3),
                  "run_bench": ("corpus_dir", 99)}
#: Tests allowed to touch config.CORPUS_DIR: each monkeypatches it to a temporary copy first.
_ALLOWED_DEFAULT_PATH = {("test_fixture_isolation.py", "test_default_path_reads_config_corpus_dir")}


def _live_corpus_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Module))]:
        name = getattr(function, "name", "<module>")
        if (path.name, name) in _ALLOWED_DEFAULT_PATH:
            continue
        body = [n for n in function.body if not isinstance(n, ast.FunctionDef)] \
            if isinstance(function, ast.Module) else [function]
        for node in (n for top in body for n in ast.walk(top)):
            if isinstance(node, ast.Attribute) and node.attr == "CORPUS_DIR":
                found.append(f"{path.name}:{node.lineno}: config.CORPUS_DIR in {name}")
            if isinstance(node, ast.Call):
                callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                no_path = not node.args and not any(k.arg in ("path", "corpus") for k in node.keywords)
                if callee in _READERS and no_path:
                    found.append(f"{path.name}:{node.lineno}: {callee}() without a path in {name}")
                if callee in _BENCH_SOURCES:
                    keyword, slot = _BENCH_SOURCES[callee]
                    if len(node.args) <= slot and not any(k.arg == keyword for k in node.keywords):
                        found.append(f"{path.name}:{node.lineno}: {callee}() without {keyword}= in {name}")
                if callee == "build_report" and not any(k.arg == "corpus" for k in node.keywords):
                    found.append(f"{path.name}:{node.lineno}: build_report() without corpus= in {name}")
                if callee == "run_cli" and node.args and isinstance(node.args[0], ast.Constant):
                    command = node.args[0].value
                    rest = [a.value for a in node.args[1:] if isinstance(a, ast.Constant)]
                    default = (command == "check" and len(node.args) == 1) or (
                        command in ("profile", "quotes") and "--corpus" not in rest)
                    if default:
                        found.append(f"{path.name}:{node.lineno}: run_cli({command!r}) on the default corpus")
    return sorted(set(found))


def test_no_test_module_reads_the_live_corpus():
    uses = [use for path in sorted(TESTS_DIR.glob("test_*.py")) for use in _live_corpus_uses(path)]
    assert uses == [], "tests must read tests/fixtures/bundled_corpus, not corpus/:\n" + "\n".join(uses)


def test_the_guard_catches_a_live_read(tmp_path):
    module = tmp_path / "test_bad.py"
    module.write_text("import analysis\nfrom analysis.base import config\n"
                      "def test_x():\n    analysis.load_corpus()\n    print(config.CORPUS_DIR)\n"
                      "    run_cli('profile', '--out', 'x.csv')\n    run_cli('profile', '--corpus', 'c', '--out', 'x.csv')\n"
                      "    synthetic_articles(9)\n    synthetic_articles(9, source=rows)\n")
    assert _live_corpus_uses(module) == ["test_bad.py:4: load_corpus() without a path in test_x",
                                         "test_bad.py:5: config.CORPUS_DIR in test_x",
                                         "test_bad.py:6: run_cli('profile') on the default corpus",
                                         "test_bad.py:8: synthetic_articles() without source= in test_x"]


def test_frozen_copy_is_complete():
    corpus = load_corpus(BUNDLED_CORPUS)
    assert len(corpus.articles) == 5
    assert all((BUNDLED_CORPUS / "raw" / a.source).is_file() for a in corpus.articles)
    assert (BUNDLED_CORPUS / "events.yaml").is_file() and (BUNDLED_CORPUS / "outlets.yaml").is_file()


def test_default_path_reads_config_corpus_dir(tmp_path, monkeypatch):
    """`load_corpus()` without a path reads config.CORPUS_DIR (here a temporary copy, not corpus/)."""
    target = tmp_path / "corpus"
    shutil.copytree(MINI_CORPUS, target)
    monkeypatch.setattr(config, "CORPUS_DIR", target)
    assert [a.id for a in load_corpus().articles] == ["mini-a", "mini-b"]
