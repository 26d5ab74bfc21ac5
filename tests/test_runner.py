"""Tests for analysis.corpus.tables and analysis.run (runner, scan, parts, dask_engine): table readers, validation by row, the chunked runner, resume, Dask."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import CorpusError, load_corpus
from analysis.corpus import RowProblem, iter_articles, iter_chunks
from analysis.run.parts import code_fingerprint, parts_dir_for
from analysis.run.runner import run_table
from analysis.run.scan import scan
from analysis.text import Doc

from conftest import BUNDLED_CORPUS

TESTS_DIR = Path(__file__).resolve().parent
ROOT = TESTS_DIR.parent

#: Calls of `summary_row` in this process (article ids), to see which chunks a run computed.
CALLS: list[str] = []


def summary_row(article) -> dict:
    """A cheap, real per-article function (a stand-in for profile_article): counts from the text layer.

    Sleeps SCALE_TEST_DELAY seconds per article when that variable is set (for the interrupt test).
    """
    delay = float(os.environ.get("SCALE_TEST_DELAY", "0") or 0)
    if delay:
        time.sleep(delay)
    CALLS.append(article.id)
    doc = Doc.from_article(article)
    return {"article_id": article.id, "outlet": article.outlet, "event": article.event,
            "words": doc.words, "sentences": len(doc.text_sentences),
            "first_sentence_end": doc.text_sentences[0].end, "title": article.title}


def _rows(count: int) -> list[dict]:
    """`count` rows made from the bundled articles, ids deliberately not in sorted order."""
    articles = load_corpus(BUNDLED_CORPUS).articles
    rows = []
    for i in range(count):
        article = articles[i % len(articles)]
        paragraphs = article.body.split("\n\n")
        body = "\n\n".join(paragraphs[i % 3:] + paragraphs[: i % 3])  # vary the text a little
        rows.append({"id": f"z{count - i:03d}-{article.id}", "outlet": article.outlet,
                     "date": article.date, "text": body, "title": article.title, "event": article.event})
    return rows


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def table_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("tables")
    rows = _rows(24)
    _write_jsonl(directory / "corpus.jsonl", rows)
    pd.DataFrame(rows).to_csv(directory / "corpus.csv", index=False)
    pd.DataFrame(rows).to_parquet(directory / "corpus.parquet", index=False, row_group_size=5)
    return directory


# ---------------------------------------------------------------- readers and validation
@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.csv", "corpus.parquet"])
def test_every_format_reads_the_same_articles_in_chunks(table_dir, name):
    chunks = list(iter_chunks(table_dir / name, chunk_size=10))
    assert [len(c.articles) for c in chunks] == [10, 10, 4]
    assert all(not c.problems for c in chunks)
    articles = list(iter_articles(table_dir / name, chunk_size=7))
    expected = _rows(24)
    assert [a.id for a in articles] == [r["id"] for r in expected]
    assert [a.body for a in articles] == [r["text"] for r in expected]  # raw characters kept
    assert articles[0].date == expected[0]["date"] and articles[0].date_precision == "day"
    assert articles[4].title is None  # wal has no title: an empty cell is None in every format


def test_load_corpus_accepts_a_table_file(table_dir):
    corpus = load_corpus(table_dir / "corpus.jsonl")
    assert len(corpus) == 24
    assert corpus.articles[0].id == "z024-cdb-2026-01-21-press-conference"
    assert {a.outlet for a in corpus} == {a.outlet for a in load_corpus(BUNDLED_CORPUS)}


def test_invalid_rows_are_reported_with_their_row_number(tmp_path):
    good = _rows(2)
    lines = [
        json.dumps(good[0]),
        json.dumps(dict(good[1], id=good[0]["id"])),  # duplicate id
        "",  # a blank line is not a row, but counts as a line
        json.dumps({"id": "bad id", "outlet": "", "date": "2026-13-01", "text": "Words here.",
                    "language": "fr", "colour": "red"}),
        "{not json",
        json.dumps(dict(good[1], id="ok-2", text="## A heading only")),
        json.dumps(dict(good[1], id="ok-3")),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        load_corpus(path)
    messages = [str(p) for p in caught.value.problems]
    where = str(path)
    assert f"{where}:row 2: duplicate id {good[0]['id']!r}: an earlier row has it (the first is kept)" in messages
    row4 = [m for m in messages if m.startswith(f"{where}:row 4: ")]
    assert len(row4) == 5  # outlet empty, unknown field, id pattern, date, language
    assert any("field 'date' is not an ISO 8601 date" in m for m in row4)
    assert any("unknown field 'colour'" in m for m in row4)
    assert any("language 'fr' is not supported" in m for m in row4)
    assert any(m.startswith(f"{where}:row 5: not a JSON object") for m in messages)
    assert any(m.startswith(f"{where}:row 6: body has no words") for m in messages)
    assert len(messages) == 8
    corpus = load_corpus(path, skip_invalid=True)
    assert [a.id for a in corpus] == [good[0]["id"], "ok-3"]
    assert corpus.articles[1].body_line == 7


def test_a_table_without_a_required_column_is_one_header_problem(tmp_path):
    path = tmp_path / "short.csv"
    pd.DataFrame([{"id": "a", "text": "Some words."}]).to_csv(path, index=False)
    with pytest.raises(CorpusError) as caught:
        load_corpus(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:header: missing column(s) outlet, date; a table needs id, outlet, date, text"]
    assert isinstance(caught.value.problems[0], RowProblem)


def test_scan_counts_valid_articles_per_chunk_and_keeps_no_text(table_dir):
    found = scan(table_dir / "corpus.csv", chunk_size=5)
    assert found.counts == [5, 5, 5, 5, 4] and found.total == 24 and not found.problems


# ---------------------------------------------------------------- the runner
def test_parallel_run_equals_single_process_run_row_for_row(table_dir, tmp_path):
    single = run_table(table_dir / "corpus.jsonl", tmp_path / "one.parquet", summary_row, jobs=1,
                       chunk_size=5, progress=False)
    parallel = run_table(table_dir / "corpus.jsonl", tmp_path / "two.parquet", summary_row, jobs=2,
                         chunk_size=5, progress=False)
    one, two = pd.read_parquet(tmp_path / "one.parquet"), pd.read_parquet(tmp_path / "two.parquet")
    pd.testing.assert_frame_equal(one, two)
    assert single.rows == parallel.rows == 24 and single.computed_chunks == 5
    # rows follow input order (ids were written in descending order), not sorted order
    assert list(one["article_id"]) == [r["id"] for r in _rows(24)]
    # and equal the function applied article by article in memory
    expected = pd.DataFrame([summary_row(a) for a in load_corpus(table_dir / "corpus.jsonl")])
    pd.testing.assert_frame_equal(one, expected)
    assert not parts_dir_for(tmp_path / "one.parquet").exists()  # parts removed after the combine


def test_csv_output_and_csv_input_match_parquet(table_dir, tmp_path):
    run_table(table_dir / "corpus.csv", tmp_path / "out.csv", summary_row, jobs=2, chunk_size=7, progress=False)
    run_table(table_dir / "corpus.parquet", tmp_path / "out.parquet", summary_row, chunk_size=7, progress=False)
    from_csv = pd.read_csv(tmp_path / "out.csv", keep_default_na=False, na_values=[""])
    from_parquet = pd.read_parquet(tmp_path / "out.parquet")
    assert list(from_csv["article_id"]) == list(from_parquet["article_id"])
    assert list(from_csv["words"]) == list(from_parquet["words"])
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith(
        "article_id,outlet,event,words,sentences,first_sentence_end,title\n")


def test_invalid_input_raises_before_any_work_unless_skipped(tmp_path):
    rows = _rows(6)
    rows[3]["date"] = "yesterday"
    rows[4]["text"] = rows[4]["text"] + "\x07"  # a content problem: the run pass does not re-check it
    path = _write_jsonl(tmp_path / "in.jsonl", rows)
    CALLS.clear()
    with pytest.raises(CorpusError) as caught:
        run_table(path, tmp_path / "out.parquet", summary_row, chunk_size=2, progress=False)
    assert [p.line for p in caught.value.problems] == [4, 5] and CALLS == []
    assert "control character U+0007" in str(caught.value.problems[1])
    assert not (tmp_path / "out.parquet").exists()
    for jobs in (1, 2):
        result = run_table(path, tmp_path / "out.parquet", summary_row, jobs=jobs, chunk_size=2,
                           skip_invalid=True, progress=False)
        assert result.rows == 4 and [p.line for p in result.problems] == [4, 5]
        kept = list(pd.read_parquet(tmp_path / "out.parquet")["article_id"])
        assert kept == [r["id"] for k, r in enumerate(rows) if k not in (3, 4)]


def test_finished_parts_are_reused_only_with_a_matching_manifest(table_dir, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes((table_dir / "corpus.jsonl").read_bytes())
    out = tmp_path / "out.parquet"
    run_table(source, out, summary_row, chunk_size=5, progress=False, keep_parts=True)
    parts = parts_dir_for(out)
    manifest = json.loads((parts / "manifest.json").read_text())
    assert manifest["chunk_size"] == 5 and manifest["code"] == code_fingerprint()
    assert manifest["function"].endswith(":summary_row")
    (parts / "part-000003.parquet").unlink()  # as if the run had stopped before chunk 3
    CALLS.clear()
    again = run_table(source, out, summary_row, chunk_size=5, progress=False, keep_parts=True)
    assert (again.computed_chunks, again.reused_chunks) == (1, 4)
    assert CALLS == [r["id"] for r in _rows(24)[15:20]]
    os.utime(source, ns=(time.time_ns(), time.time_ns()))  # the input changed: every part is stale
    CALLS.clear()
    fresh = run_table(source, out, summary_row, chunk_size=5, progress=False)
    assert (fresh.computed_chunks, fresh.reused_chunks) == (5, 0) and len(CALLS) == 24
    CALLS.clear()
    run_table(source, out, summary_row, chunk_size=5, progress=False, resume=False)
    assert len(CALLS) == 24


def test_an_interrupted_run_resumes_without_redoing_finished_chunks(table_dir, tmp_path):
    """SIGINT to a real two-process run midway; the rerun computes only the unfinished chunks."""
    out = tmp_path / "out.parquet"
    script = (
        # A shell without job control starts background commands with SIGINT ignored (`make test &`);
        # a user's interactive run takes Ctrl-C, so the child takes it too.
        "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from test_runner import summary_row\n"
        "from analysis.run.runner import run_table\n"
        "run_table(sys.argv[2], sys.argv[3], summary_row, jobs=2, chunk_size=2, progress=False)\n"
    )
    env = dict(os.environ, SCALE_TEST_DELAY="0.1")
    process = subprocess.Popen([sys.executable, "-c", script, str(TESTS_DIR), str(table_dir / "corpus.jsonl"),
                                str(out)], env=env, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    parts = parts_dir_for(out)
    deadline = time.monotonic() + 30
    while len(list(parts.glob("part-*.parquet"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    try:
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:  # never leave a hung run behind
            process.kill()
            process.communicate()
    assert process.returncode != 0 and not out.exists()
    assert "interrupted:" in stderr and "run the same command again to resume" in stderr
    finished = sorted(int(p.stem.split("-")[1]) for p in parts.glob("part-*.parquet"))
    assert 3 <= len(finished) < 12, finished
    assert not list(parts.glob(".part-*"))  # no half-written part left behind
    CALLS.clear()
    result = run_table(table_dir / "corpus.jsonl", out, summary_row, jobs=1, chunk_size=2, progress=False)
    assert result.reused_chunks == len(finished) and result.computed_chunks == 12 - len(finished)
    ids = [r["id"] for r in _rows(24)]
    assert CALLS == [i for k, i in enumerate(ids) if k // 2 not in finished]
    uninterrupted = run_table(table_dir / "corpus.jsonl", tmp_path / "clean.parquet", summary_row,
                              chunk_size=2, progress=False)
    assert uninterrupted.rows == 24
    pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(tmp_path / "clean.parquet"))


# ---------------------------------------------------------------- Dask
def test_dask_engine_on_a_local_two_worker_cluster_equals_single_process(table_dir, tmp_path):
    pytest.importorskip("distributed")
    run_table(table_dir / "corpus.parquet", tmp_path / "single.parquet", summary_row, chunk_size=6,
              progress=False)
    result = run_table(table_dir / "corpus.parquet", tmp_path / "dask.parquet", summary_row, jobs=2,
                       chunk_size=6, engine="dask", progress=False)
    assert result.computed_chunks == 4 and result.rows == 24
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "single.parquet"),
                                  pd.read_parquet(tmp_path / "dask.parquet"))


# ---------------------------------------------------------------- speed fixes keep outputs
def test_one_pass_readability_equals_textstat_exactly():
    """analysis.readability computes textstat's three formulas in one pass: same floats, unrounded."""
    import random

    from analysis.metrics.readability import _textstat_scores, offline_textstat

    textstat = offline_textstat()

    texts = []
    for article in load_corpus(BUNDLED_CORPUS).articles:
        doc = Doc.from_article(article)
        texts.append("\n".join(s.text for s in doc.text_sentences))
        texts.extend(s.text for s in doc.sentences)
    pieces = ["rock'n'roll", "dogs'", "'tis", "it's", "I'd", "we've", "U.S.", "3.5%", "Jae-myung", "naïve",
              "İstanbul", "...", "!", "?", "co-operation", "supercalifragilistic", "'quoted'", '"x"', "2026",
              "the", "unprecedented", "Beijing's", "o'clock", "\n", "."]
    rng = random.Random(7)
    texts += [" ".join(rng.choice(pieces) for _ in range(rng.randrange(1, 25))) for _ in range(400)]
    for text in texts:
        expected = (textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text),
                    textstat.gunning_fog(text))
        assert _textstat_scores(text) == expected, text


def test_token_before_equals_the_regex_it_replaces():
    import random

    from analysis.text.segment import _TOKEN_BEFORE, _token_before

    rng = random.Random(11)
    alphabet = "ab. \n\t\"'([)]\u00a0\u2009Y!?"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        end = rng.randrange(0, len(text) + 1)
        assert _token_before(text, end) == _TOKEN_BEFORE.search(text, 0, end).group(1), (text, end)


# ---------------------------------------------------------------- command line
def test_cli_profile_with_jobs_equals_the_in_memory_profile(tmp_path, capsys):
    from analysis.profiling import profile
    from analysis.cli import main

    path = _write_jsonl(tmp_path / "in.jsonl", _rows(6))
    out = tmp_path / "profile.parquet"
    assert main(["profile", "--corpus", str(path), "--jobs", "2", "--chunk-size", "2", "--out", str(out)]) == 0
    stderr = capsys.readouterr().err
    assert "wrote 6 row(s)" in stderr and "3 chunk(s) computed" in stderr
    assert "article/s" in stderr  # the tqdm bar's rate
    parallel = pd.read_parquet(out)
    assert list(parallel["article_id"]) == [r["id"] for r in _rows(6)]  # input order
    expected = profile(load_corpus(path))  # sorted by article_id
    got = parallel.sort_values("article_id", kind="mergesort").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_cli_needs_out_for_jobs_and_dask_for_a_scheduler(tmp_path, capsys):
    from analysis.cli import main

    path = _write_jsonl(tmp_path / "in.jsonl", _rows(2))
    assert main(["profile", "--corpus", str(path), "--jobs", "2"]) == 2
    assert "give --out" in capsys.readouterr().err
    assert main(["profile", "--corpus", str(path), "--out", str(tmp_path / "o.csv"),
                 "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


def test_kill_returns_while_the_queue_feeder_is_blocked_on_a_dead_worker():
    """Ctrl-C while a big chunk is on its way to a busy worker: `_kill` returns in a few seconds.
    A guard for the task-pipe side of `_kill`; the old `_kill` passed it too (the hang that was
    seen is the result-pipe case below). Run in a subprocess, so a hang fails this test."""
    _run_kill_scenario(
        "futures = [executor.submit(time.sleep, 30)]\n"
        "futures += [executor.submit(len, 'x' * 20_000_000) for _ in range(3)]\n")


def test_kill_returns_while_the_manager_waits_for_half_a_result():
    """A worker killed half-way through sending its result (seen with Ctrl-C during validation:
    a validated chunk is a few MB): the executor's manager thread then waits for the rest of the
    message, since the parent holds the pipe's write end too. The scenario writes the first bytes
    of a 1 MB message into the result pipe and stops; `_kill` must still return."""
    _run_kill_scenario(
        "import os, struct\n"
        "fd = executor._result_queue._writer.fileno()\n"
        "def half_a_result(fd):\n"
        "    os.write(fd, struct.pack('!i', 1_000_000) + b'x' * 10)\n"
        "    time.sleep(60)\n"
        "futures = [executor.submit(half_a_result, fd)]\n")


def _run_kill_scenario(setup: str) -> None:
    script = (
        "import time\n"
        "from analysis.run import runner as scale\n"
        "executor = scale._executor(1)\n"
        + setup +
        "time.sleep(2)\n"
        "started = time.monotonic()\n"
        "scale._kill(executor)\n"
        "print(round(time.monotonic() - started, 1))\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                               timeout=50, cwd=Path(__file__).resolve().parents[1])
    assert completed.returncode == 0, completed.stderr
    assert float(completed.stdout.strip().splitlines()[-1]) < 20
