"""Hostile input (issue 17): no code runs from a parameter, no YAML bomb, no stale row after a resume,
one bad row never sinks a run, no formula in a CSV cell, and the smaller holes of the same attack.

Every fixture is built here, small: the bombs are a few hundred bytes that would expand (or recurse)
if read by the old loaders, never committed files.
"""
from __future__ import annotations

import ast
import errno
import functools
import json
import os
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.base import plain_yaml
from analysis.base.io import OutputLocked, atomic_path, output_lock, write_table
from analysis.corpus import CorpusError, validate_corpus
from analysis.present.notebooks import _parse_cli_parameters, check_parameter_value, validate_parameters
from analysis.present.report import sanitize_html
from analysis.run.parts import make_manifest
from analysis.run.runner import run_table
from conftest import PROJECT_ROOT, PYTHON, run_cli
from test_cli import VALID_BODY, add_file, article_text

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))


def row_of(article) -> dict:
    """A cheap per-article function for the runner (module level: picklable)."""
    return {"id": article.id, "outlet": article.outlet, "chars": len(article.body)}


def problems_of(path) -> list[str]:
    return [str(p) for p in validate_corpus(path)[1]]


def valid_row(article_id: str, **fields) -> dict:
    return {"id": article_id, "outlet": "Test Wire", "date": "2026-01-05", "text": VALID_BODY, **fields}


# ------------------------------------------------------------------ 1. notebook parameters
@pytest.mark.parametrize("value", [
    '!!omap [ {"a\\"+__import__(\\"os\\").system(\\"touch /tmp/x\\")+\\"": 1} ]',
    '!!pairs [ [a, 1] ]', "!!set {a, b}", "!!binary aGVsbG8=", "2026-01-05", "[1, 2]", "{a: [1]}",
    "{a: true}", "[[a]]",
])
def test_a_parameter_of_an_undeclared_type_is_a_parameter_error(value):
    with pytest.raises(ValueError, match="parameter figures_dir"):
        _parse_cli_parameters([("figures_dir", value)])


def test_declared_parameter_types_pass_and_become_safe_literals():
    from papermill.translators import PythonTranslator

    values = {"a": 'x"; import os #\\', "b": 3, "c": -0.5, "d": True, "e": None,
              "f": ["quote'\"", "\\n"], "g": {"w": 1.5, 'k"': 2}}
    params = _parse_cli_parameters([(k, json.dumps(v)) for k, v in values.items()])
    assert params == values
    for value in params.values():
        assert ast.literal_eval(PythonTranslator.translate(value)) == value


def test_validate_parameters_checks_every_parameter_type():
    notebook = PROJECT_ROOT / "notebooks" / "05_compare.ipynb"
    for name, value in (("figures_dir", ("a", 1)), ("figures_dir", {"x": "y"})):
        with pytest.raises(ValueError, match=f"parameter {name}"):
            validate_parameters(notebook, {name: value})
    with pytest.raises(ValueError, match="parameter prominence_weights"):
        check_parameter_value("prominence_weights", {"a": [("b", 1)]})


def test_a_yaml_typo_in_a_parameter_is_a_parameter_error_not_a_bug(tmp_path):
    result = run_cli("figures", "--notebook", "05_compare", "-p", "outlets", "[oops", "--out-dir", tmp_path)
    assert result.returncode == 2, result.stderr
    assert "parameter outlets" in result.stderr and "internal error" not in result.stderr


# ------------------------------------------------------------------ 3. YAML bombs
def test_an_alias_chain_in_front_matter_is_refused_fast_without_printing_the_expansion(mini_corpus):
    add_file(mini_corpus, "bomb.md", article_text(extra=LAUGHS))
    started = time.process_time()
    problems = problems_of(mini_corpus)
    assert time.process_time() - started < 5
    bomb = [p for p in problems if "bomb.md" in p]
    assert bomb and "anchors and aliases" in bomb[0] and "lol, lol" not in "\n".join(problems)


@pytest.mark.parametrize("name", ["events.yaml", "outlets.yaml", "actors.yaml"])
def test_an_alias_chain_in_a_corpus_yaml_file_is_refused(mini_corpus, name):
    (mini_corpus / name).write_text(LAUGHS, encoding="utf-8")
    problems = [p for p in problems_of(mini_corpus) if name in p]
    assert problems and "anchors and aliases" in problems[0], problems


def test_deep_nesting_in_events_yaml_is_a_problem_not_a_recursion_error(mini_corpus):
    (mini_corpus / "events.yaml").write_text("events: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    problems = [p for p in problems_of(mini_corpus) if "events.yaml" in p]
    assert problems and "nested more than" in problems[0]


def test_lexicon_and_topic_files_refuse_aliases(tmp_path):
    from analysis.metrics.hedging import load_lexicon
    from analysis.metrics.topics import load_topics

    path = tmp_path / "bomb.yaml"
    path.write_text(LAUGHS, encoding="utf-8")
    for loader in (load_topics, load_lexicon):
        with pytest.raises(ValueError, match="bomb.yaml.*anchors and aliases"):
            loader(str(path))


def test_an_id_written_twice_in_front_matter_is_refused(mini_corpus):
    add_file(mini_corpus, "twice.md", article_text(extra="id: other"))
    problems = [p for p in problems_of(mini_corpus) if "twice.md" in p]
    assert problems and "'id' appears twice" in problems[0]


def test_plain_yaml_reads_ordinary_documents():
    assert plain_yaml.load("a: [1, {b: c}]\nd: 2026-01-05", "x") == {"a": [1, {"b": "c"}], "d": __import__("datetime").date(2026, 1, 5)}
    assert plain_yaml.load("d: 2026-01-05", "x", dates_as_text=True) == {"d": "2026-01-05"}


# ------------------------------------------------------------------ 4. resume fingerprints every input
@pytest.mark.parametrize("name", ["actors.yaml", "events.yaml", "outlets.yaml"])
def test_the_resume_manifest_changes_with_each_corpus_file(mini_corpus, name):
    before = make_manifest(mini_corpus, 5, row_of, False)
    target = mini_corpus / name
    target.write_text((target.read_text(encoding="utf-8") if target.exists() else "") + "\n# edited\n",
                      encoding="utf-8")
    assert make_manifest(mini_corpus, 5, row_of, False) != before


def test_the_resume_manifest_changes_with_a_file_given_as_an_option(mini_corpus, tmp_path):
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("categories: {}\n", encoding="utf-8")
    func = functools.partial(row_of)
    func = functools.partial(lambda article, lexicon=None: row_of(article), lexicon=str(lexicon))
    before = make_manifest(mini_corpus, 5, func, False)
    lexicon.write_text("categories: {a: []}\n", encoding="utf-8")
    assert make_manifest(mini_corpus, 5, func, False) != before


def test_a_resumed_run_after_editing_actors_yaml_recomputes(mini_corpus, tmp_path):
    out = tmp_path / "out.csv"
    run_table(mini_corpus, out, row_of, chunk_size=1, progress=False, keep_parts=True)
    (mini_corpus / "actors.yaml").write_text("groups: []\n", encoding="utf-8")
    result = run_table(mini_corpus, out, row_of, chunk_size=1, progress=False)
    assert result.reused_chunks == 0 and result.computed_chunks == 2


# ------------------------------------------------------------------ 5. one bad row never sinks a run
def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    return path


BAD_JSONL = [
    json.dumps(valid_row("ok-1")),
    '{"id": "s1", "outlet": "\\udfff", "date": "2026-01-05", "text": %s}' % json.dumps(VALID_BODY),
    '{"id": "s2", "outlet": "W", "date": "2026-01-05", "text": "%s \\ud800"}' % VALID_BODY,
    "[" * 100_000 + "]" * 100_000,
    '{"id": %s}' % ("9" * 5000),
    json.dumps(valid_row("n1", outlet="Wire\u0000")),
    json.dumps(valid_row("n2", outlet="Wire\u001b[31m")),
    json.dumps(valid_row("n3", outlet="Wire\nInjected")),
    json.dumps(valid_row("bad\n")),
    json.dumps(valid_row("ok-2")),
]


def test_check_names_each_bad_jsonl_row(tmp_path):
    source = _jsonl(tmp_path / "rows.jsonl", BAD_JSONL)
    articles, problems, _, _ = validate_corpus(source)
    assert [a.id for a in articles] == ["ok-1", "ok-2"]
    rows = sorted({p.line for p in problems})
    assert rows == list(range(2, 10)), problems
    text = "\n".join(map(str, problems))
    assert "row 2: field 'outlet' holds a lone surrogate" in text
    assert "row 3: field 'text' holds a lone surrogate" in text
    assert "row 4: not a JSON object: nested too deeply" in text
    assert "row 5: not a JSON object" in text and "9999999999" not in text
    assert "row 6: field 'outlet' holds control character U+0000" in text
    assert "row 7: field 'outlet' holds control character U+001B" in text
    assert "row 8: field 'outlet' holds control character U+000A" in text
    assert "row 9: field 'id'" in text


def test_skip_invalid_skips_each_bad_row_alone(tmp_path):
    source = _jsonl(tmp_path / "rows.jsonl", BAD_JSONL)
    out = tmp_path / "out.csv"
    result = run_table(source, out, row_of, chunk_size=3, progress=False, skip_invalid=True)
    assert result.rows == 2 and len(result.problems) >= 8
    assert list(pd.read_csv(out)["id"]) == ["ok-1", "ok-2"]


def test_skip_invalid_in_the_command_line_writes_the_valid_rows(tmp_path):
    source = _jsonl(tmp_path / "rows.jsonl", BAD_JSONL)
    check = run_cli("check", source)
    assert check.returncode == 1 and "row 2:" in check.stdout and "row 9:" in check.stdout
    out = tmp_path / "out.csv"
    result = run_cli("profile", "--corpus", source, "--out", out, "--skip-invalid", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert list(pd.read_csv(out)["article_id"]) == ["ok-1", "ok-2"]


def _csv_line(*cells: str) -> bytes:
    return (",".join('"' + c.replace('"', '""') + '"' for c in cells) + "\n").encode("utf-8")


def test_csv_tokenising_errors_are_problems_of_their_own_rows(tmp_path):
    body = VALID_BODY
    data = (b"id,outlet,date,text\n" + _csv_line("ok-1", "W", "2026-01-05", body)
            + _csv_line("extra", "W", "2026-01-05", body, "stray")
            + b'utf,W\xff,2026-01-05,"' + body.encode() + b'"\n'
            + b'unclosed,W,2026-01-05,"' + body.encode() + b'\n'
            + _csv_line("ok-2", "W", "2026-01-05", "Multi-line\n\n" + body)
            + _csv_line("ok-3", "W", "2026-01-05", body))
    source = tmp_path / "rows.csv"
    source.write_bytes(data)
    articles, problems, _, _ = validate_corpus(source)
    assert [a.id for a in articles] == ["ok-1", "ok-2", "ok-3"], problems
    text = "\n".join(map(str, problems))
    assert "row 2: 5 fields but the header has 4" in text
    assert "row 3: field 'outlet' holds a lone surrogate or bytes that are not UTF-8" in text
    assert "row 4: cannot read this CSV row (line 5)" in text
    result = run_table(source, tmp_path / "out.parquet", row_of, chunk_size=2, progress=False, skip_invalid=True)
    assert result.rows == 3
    assert list(pd.read_parquet(tmp_path / "out.parquet")["id"]) == ["ok-1", "ok-2", "ok-3"]


def test_a_quote_never_closed_at_the_end_of_a_csv_is_one_problem(tmp_path):
    source = tmp_path / "rows.csv"
    source.write_bytes(b"id,outlet,date,text\n" + _csv_line("ok-1", "W", "2026-01-05", VALID_BODY)
                       + b'cut,W,2026-01-05,"' + VALID_BODY.encode() + b"\n")
    articles, problems, _, _ = validate_corpus(source)
    assert [a.id for a in articles] == ["ok-1"]
    assert [p.line for p in problems] == [2] and "cannot read this CSV row" in str(problems[0])


def test_invalid_utf8_in_a_parquet_string_column_is_one_row_problem(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    def strings(values: list[bytes]):
        offsets = [0]
        for v in values:
            offsets.append(offsets[-1] + len(v))
        return pa.Array.from_buffers(pa.string(), len(values), [
            None, pa.py_buffer(pa.array(offsets, pa.int32()).buffers()[1].to_pybytes()),
            pa.py_buffer(b"".join(values))])

    table = pa.table({
        "id": pa.array(["ok-1", "bad", "ok-2"]), "outlet": strings([b"W", b"W\xff\xfe", b"W"]),
        "date": pa.array(["2026-01-05"] * 3), "text": pa.array([VALID_BODY] * 3),
    })
    source = tmp_path / "rows.parquet"
    pq.write_table(table, source)
    articles, problems, _, _ = validate_corpus(source)
    assert [a.id for a in articles] == ["ok-1", "ok-2"]
    assert [p.line for p in problems] == [2] and "not UTF-8" in str(problems[0])


@pytest.mark.parametrize("name,content", [
    ("empty.jsonl", b""), ("header.csv", b"id,outlet,date,text\n"), ("none.parquet", None)])
def test_an_input_without_rows_is_an_error_not_a_columnless_file(tmp_path, name, content):
    source = tmp_path / name
    if content is None:
        pd.DataFrame({c: pd.Series([], dtype=str) for c in ("id", "outlet", "date", "text")}).to_parquet(source)
    else:
        source.write_bytes(content)
    out = tmp_path / "out.csv"
    with pytest.raises(CorpusError, match="no rows"):
        run_table(source, out, row_of, progress=False)
    assert not out.exists()


# ------------------------------------------------------------------ 6. CSV formula injection
def test_csv_cells_that_start_a_formula_are_neutralised_and_numbers_kept(tmp_path):
    frame = pd.DataFrame({"outlet": ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "+1", "-x", "\tq", "Plain"],
                          "score": [-0.5, 1, -2, 0, 3, 5]})
    path = write_table(frame, tmp_path / "t.csv")
    back = pd.read_csv(path)
    assert list(back["outlet"]) == ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)", "'+1", "'-x", "'\tq", "Plain"]
    assert list(back["score"]) == [-0.5, 1, -2, 0, 3, 5]
    assert b"'\rq" in write_table(pd.DataFrame({"t": ["\rq"]}), tmp_path / "r.csv").read_bytes()
    assert list(frame["outlet"])[0].startswith("=")  # the caller's frame is not changed


def test_runner_csv_output_neutralises_formulas(tmp_path):
    source = _jsonl(tmp_path / "rows.jsonl", [json.dumps(valid_row("a", outlet="=cmd|' /C calc'!A0")),
                                             json.dumps(valid_row("b", outlet="@SUM(1)"))])
    out = tmp_path / "out.csv"
    run_table(source, out, row_of, chunk_size=1, progress=False)
    assert list(pd.read_csv(out)["outlet"]) == ["'=cmd|' /C calc'!A0", "'@SUM(1)"]


# ------------------------------------------------------------------ smaller ones
def test_check_reads_the_corpus_actors_file(mini_corpus):
    (mini_corpus / "actors.yaml").write_text("groups:\n  - id: china2\n    terms: China\n", encoding="utf-8")
    problems = [p for p in problems_of(mini_corpus) if "actors.yaml" in p]
    assert problems and "'terms' must be a list of text" in problems[0] and "actors.yaml:2:" in problems[0]


def test_a_term_in_two_groups_is_reported(mini_corpus):
    (mini_corpus / "actors.yaml").write_text(
        "groups:\n  - id: mainland\n    terms: [Beijing]\nactors:\n  - name: Zed Person\n    group: a\n"
        "  - name: Zed Person\n    group: b\n", encoding="utf-8")
    text = "\n".join(p for p in problems_of(mini_corpus) if "actors.yaml" in p)
    assert "'Beijing' is a term or alias of groups china, mainland" in text
    assert "actor 'Zed Person' is listed in two groups" in text


def test_a_broken_actors_file_is_named_by_profile_not_an_internal_error(mini_corpus, tmp_path):
    (mini_corpus / "actors.yaml").write_text("groups: [\n", encoding="utf-8")
    result = run_cli("profile", "--corpus", mini_corpus, "--out", tmp_path / "p.csv")
    assert result.returncode == 1 and "actors.yaml" in result.stderr, result.stderr
    assert "internal error" not in result.stderr


def test_an_id_with_a_final_newline_is_refused(mini_corpus):
    add_file(mini_corpus, "nl.md", article_text(id='"bad\\n"'))
    assert any("nl.md" in p and "field 'id'" in p for p in problems_of(mini_corpus))


def test_a_lone_surrogate_in_a_title_is_refused(mini_corpus):
    add_file(mini_corpus, "sur.md", article_text(title='"T \\udfff"'))
    problems = [p for p in problems_of(mini_corpus) if "sur.md" in p]
    assert problems and "field 'title' holds a lone surrogate" in problems[0]


def test_special_files_and_links_in_articles_are_reported(mini_corpus, tmp_path):
    articles = mini_corpus / "articles"
    os.mkfifo(articles / "fifo.md")
    (articles / "zero.md").symlink_to("/dev/zero")
    (articles / "broken.md").symlink_to(articles / "nowhere.md")
    (articles / "loop.md").symlink_to(articles / "loop.md")
    (articles / "dir.md").mkdir()
    outside = tmp_path / "outside.md"
    outside.write_text(article_text(id="outside"), encoding="utf-8")
    (articles / "out.md").symlink_to(outside)
    (articles / "z-inside.md").symlink_to(articles / "mini-a.md")  # a link within the corpus is read
    result = run_cli("check", mini_corpus, timeout=60)
    lines = result.stdout.splitlines()
    assert result.returncode == 1

    def says(name, fragment):
        return any(f"/articles/{name}:" in line and fragment in line for line in lines)

    assert says("fifo.md", "not a regular file") and says("zero.md", "outside the corpus")
    assert says("broken.md", "broken or looping") and says("loop.md", "broken or looping")
    assert says("dir.md", "a directory") and says("out.md", "outside the corpus")
    assert says("z-inside.md", "duplicate id")


def test_a_second_run_on_the_same_output_is_told_another_runs(mini_corpus, tmp_path):
    out = tmp_path / "out.csv"
    with output_lock(out):
        with pytest.raises(OutputLocked, match="another run is writing this output"):
            run_table(mini_corpus, out, row_of, progress=False)
    assert not (tmp_path / "out.csv.parts").exists()
    run_table(mini_corpus, out, row_of, progress=False)  # the lock ends with the first run
    assert len(pd.read_csv(out)) == 2


def test_a_second_cli_run_on_the_same_output_gets_a_clear_message(mini_corpus, tmp_path):
    out = tmp_path / "out.csv"
    holder = subprocess.Popen([PYTHON, "-c", "import sys, time; from analysis.base.io import output_lock\n"
                               f"with output_lock({str(out)!r}):\n    print('held', flush=True); time.sleep(60)"],
                              cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run_cli("profile", "--corpus", mini_corpus, "--out", out, "--jobs", "1", "--no-progress")
        assert result.returncode == 2 and "another run is writing this output" in result.stderr
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("dirty", [
    "<img/onerror=alert(1) src=x>", "<svg/onload=alert(1)>", '<a href="&#106;avascript:alert(1)">x</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "<a href=' java\tscript:x'>y</a>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>', "<math><mi xlink:href='javascript:x'>m</mi></math>",
    '<img src="data:text/html;base64,PHNjcmlwdD4=">', "<style>*{background:url(javascript:x)}</style>",
])
def test_sanitize_html_is_an_allow_list(dirty):
    clean = sanitize_html(dirty).lower()
    for bad in ("onerror", "onload", "javascript", "&#106;", "refresh", "<svg", "<iframe", "<script",
                "<style", "<meta", "data:text"):
        assert bad not in clean, clean


def test_sanitize_html_keeps_tables_images_and_links():
    html = ('<table border="1" class="dataframe"><tr><th>a</th><td>&lt;b&gt; 1</td></tr></table>'
            '<img alt="fig" src="data:image/png;base64,iVBORw0KGgo="><a href="#x">x</a><a href="page.html">p</a>')
    assert sanitize_html(html) == html


def test_no_space_left_names_the_file(tmp_path):
    target = tmp_path / "profile.csv"
    with pytest.raises(OSError) as caught:
        with atomic_path(target):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert caught.value.errno == errno.ENOSPC and str(target) in str(caught.value)


def test_leftover_notebook_temporaries_are_not_collected_by_nbval(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    source = PROJECT_ROOT / "notebooks" / "00_corpus.ipynb"
    (notebooks / "00_corpus.ipynb").write_bytes(source.read_bytes())
    (notebooks / ".00_corpus.4242.abcd.tmp.ipynb").write_bytes(source.read_bytes())
    result = subprocess.run([PYTHON, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "--nbval",
                             "notebooks", "-c", str(PROJECT_ROOT / "pyproject.toml")],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "00_corpus.ipynb::Cell 0" in result.stdout, result.stdout + result.stderr
    assert ".tmp.ipynb" not in result.stdout
