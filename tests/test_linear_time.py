"""Every stage is linear in an article's length (issue 17): each pathological shape the attack found
is profiled (and validated, as `check` does) at 1x and 8x in one run, and the CPU time may grow
at most 16-fold (linear: 8; quadratic: 64). The limits that bound a sentence are tested too.

CPU time (time.process_time), the best of two runs at each size, after a warm-up (lexicons load
once). Sizes stay under the limits: 1,000 words per sentence, 2,000,000 bytes per article.
"""
from __future__ import annotations

import json
import time

import pytest

from analysis.corpus import Article, MAX_SENTENCE_WORDS, validate_corpus
from analysis.corpus.tables import record_article
from analysis.profiling import profile_article
from test_cli import VALID_BODY, add_file, article_text

#: The most CPU time may grow from 1x to 8x input (a quadratic stage gives 64).
MAX_RATIO = 16.0


def _article(body: str) -> Article:
    return Article(id="x", outlet="Test Wire", title=None, date="2026-01-05", event=None, language="en",
                   body=body)


def _cpu(func, *args) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        func(*args)
        best = min(best, time.process_time() - started)
    return best


def _check(body: str) -> None:
    record_article(json.dumps({"id": "x", "outlet": "W", "date": "2026-01-05", "text": body}), 1, "t.jsonl")


def _check_file(body: str) -> None:
    from analysis.corpus.article import _check_body, _Report

    _check_body(body, 1, 1, "en", True, _Report("x.md"))


def _profile(body: str) -> None:
    profile_article(_article(body))


SHAPES = {
    # name: (body for n, n at 1x)
    "said-quote-sentences": (lambda n: 'He said "a". ' * n, 150),
    "quotes-in-one-sentence": (lambda n: "He said " + '"a" ' * n + ".", 120),
    "would-in-one-sentence": (lambda n: "It " + "would " * n + "rain.", 120),
    "might-in-one-sentence": (lambda n: "It " + "might " * n + "rain.", 120),
    "all-caps-then-a-quote": (lambda n: "CHINA " * n + 'said "we will talk".', 120),
    "run-of-dots": (lambda n: "The talks ended " + "." * n + " Then they left.", 30_000),
    "line-of-spaces": (lambda n: "The talks ended." + " " * n + "Then they left.", 30_000),
    "blank-line-of-spaces": (lambda n: "The talks ended.\n\n" + " " * n + "\n\nThen they left.", 30_000),
    "ordinary-text": (lambda n: (VALID_BODY + "\n\n") * n, 10),
}


@pytest.fixture(scope="module", autouse=True)
def warm_up():
    _profile(VALID_BODY + ' He said "it went well".')


@pytest.mark.parametrize("stage", [_check, _check_file, _profile], ids=["check-row", "check-file", "profile"])
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_time_grows_linearly(shape, stage):
    make, n = SHAPES[shape]
    small, large = make(n), make(8 * n)
    one = _cpu(stage, small)
    eight = _cpu(stage, large)
    floor = 0.002  # below the clock's resolution a ratio means nothing
    assert eight / max(one, floor) < MAX_RATIO, f"{shape}: {one:.4f} s at 1x, {eight:.4f} s at 8x"


def test_a_sentence_over_the_word_limit_is_refused_in_a_row():
    body = "It " + "would " * (MAX_SENTENCE_WORDS + 1) + "rain."
    started = time.process_time()
    article, problems = record_article({"id": "x", "outlet": "W", "date": "2026-01-05", "text": body}, 7, "t.jsonl")
    assert time.process_time() - started < 1
    assert article is None and len(problems) == 1
    assert str(problems[0]).startswith("t.jsonl:row 7: a sentence of 1,003 words, over the 1,000-word limit")


def test_a_sentence_over_the_word_limit_is_refused_in_a_file(mini_corpus):
    add_file(mini_corpus, "long.md", article_text(body=VALID_BODY + "\n\n" + " ".join(['"a"'] * 3000) + "."))
    problems = [str(p) for p in validate_corpus(mini_corpus)[1]]
    assert any("long.md:12: a sentence of 3,000 words" in p for p in problems), problems


def test_skip_invalid_skips_only_the_article_with_a_long_sentence(tmp_path):
    from analysis.run.runner import run_table
    from test_hostile import row_of

    source = tmp_path / "rows.jsonl"
    rows = [{"id": "ok", "outlet": "W", "date": "2026-01-05", "text": VALID_BODY},
            {"id": "long", "outlet": "W", "date": "2026-01-05", "text": "CHINA " * 3200 + 'said "a".'}]
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = run_table(source, tmp_path / "out.csv", row_of, progress=False, skip_invalid=True)
    assert result.rows == 1 and {p.line for p in result.problems} == {2}


def test_sentences_of_real_news_length_pass():
    words = (VALID_BODY.replace(".", "").replace(",", "").split() * 20)[:MAX_SENTENCE_WORDS]
    body = " ".join(words[:60]) + ". " + " ".join(words) + "."
    assert record_article({"id": "x", "outlet": "W", "date": "2026-01-05", "text": VALID_BODY + "\n\n" + body},
                          1, "t.jsonl")[0] is not None


def test_a_two_megabyte_ordinary_article_profiles_in_seconds():
    """Issue 17's done-when: 2 MB of ordinary news text profiles in under 5 s of CPU (41 s before)."""
    paragraph = (VALID_BODY + ' "We will talk again," he said, adding that the talks might resume.\n\n')
    body = paragraph * (1_990_000 // len(paragraph.encode("utf-8")))
    seconds = []
    for _ in range(2):  # a second try only if the first was slowed by a busy machine
        started = time.process_time()
        row = profile_article(_article(body))
        seconds.append(time.process_time() - started)
        if seconds[-1] < 5:
            break
    assert min(seconds) < 5, seconds
    assert row["words"] > 300_000
