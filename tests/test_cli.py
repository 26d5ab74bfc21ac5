"""Bad input on the command line: a clear `path:line: message`, a non-zero exit, never a traceback.

Every case adds one file to a copy of the fixture corpus (tests/fixtures/mini_corpus, two valid
articles) and runs `python -m analysis check` in a subprocess with the venv python. The decisions
on ambiguous input (documented in analysis/corpus.py and the README):

- UTF-8 BOM and Windows (CRLF) or old Mac (CR) line endings: accepted.
- A file over 2,000,000 bytes: refused (one news article is ~60 KB; checked before reading).
- Only emoji or only marks: refused ("no words"); only headings: refused ("only headings"); both
  because every rate is per 1,000 words of text. Only numbers: accepted (numbers are words).
- Control characters (C0 except tab/newline, DEL, C1): refused with line and column.
- An unknown front-matter field: refused (catches typos such as `evnet:`).
- `language` other than en (en-GB etc. are fine), or a body that is not English: refused.
- A `source` that is a path rather than a file name under raw/: refused.
- `profile`/`quotes` stop before writing anything (exit 1), or with `--skip-invalid` process the
  rest and print `skipped: path:line: message` for each problem.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import BUNDLED_CORPUS, metrics_pending, quotes_pending, run_cli

VALID_BODY = (
    "The president spoke with the Chinese leader by phone on Tuesday. Officials in Washington said "
    "they were watching the talks closely, and the foreign ministry in Beijing called the "
    "conversation candid and constructive. Both sides agreed to meet again before the end of the "
    "year, and trade officials will hold talks in Seoul next month."
)
FRONT = {
    "id": "bad", "outlet": "Test Wire", "title": "A title", "date": "2026-01-05",
    "event": "test-summit", "language": "en",
}


def article_text(body: str = VALID_BODY, drop: tuple[str, ...] = (), extra: str = "", **fields: str) -> str:
    """An article file: front matter from FRONT (fields override, `drop` removes), then the body."""
    front = {**FRONT, **fields}
    lines = [f"{key}: {value}" for key, value in front.items() if key not in drop]
    return "---\n" + "\n".join(lines) + ("\n" + extra if extra else "") + "\n---\n\n" + body + "\n"


def add_file(corpus: Path, name: str, content: str | bytes) -> Path:
    path = corpus / "articles" / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout


def check_fails(corpus: Path, file_name: str, *fragments: str, line: int | None = None) -> str:
    """Run `check`; assert exit 1, no traceback, and a `path:line: message` naming the file and problem."""
    result = run_cli("check", corpus)
    assert_no_traceback(result)
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = [ln for ln in result.stdout.splitlines() if file_name in ln]
    assert lines, f"no problem line names {file_name}:\n{result.stdout}"
    matching = [ln for ln in lines if all(f in ln for f in fragments)]
    assert matching, f"no line for {file_name} says {fragments}:\n{result.stdout}"
    if line is not None:
        assert any(f"{file_name}:{line}: " in ln for ln in matching), matching
    # The valid articles are not blamed.
    assert "mini-a.md" not in result.stdout and "mini-b.md" not in result.stdout
    assert "2 valid article(s)" in result.stderr
    return matching[0]


def check_passes(corpus: Path, articles: int = 3) -> None:
    result = run_cli("check", corpus)
    assert_no_traceback(result)
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert f"ok: {articles} article(s)" in result.stderr


# ------------------------------------------------------------------ the bundled corpus
def test_check_bundled_corpus_passes():
    result = run_cli("check", BUNDLED_CORPUS)
    assert result.returncode == 0, result.stdout
    assert "ok: 5 article(s)" in result.stderr
    assert_no_traceback(result)


def test_check_fixture_corpus_passes(mini_corpus):
    check_passes(mini_corpus, articles=2)


# ------------------------------------------------------------------ one test per bad input
def test_malformed_yaml_front_matter(mini_corpus):
    add_file(mini_corpus, "bad.md", article_text(title="[unclosed, list"))
    check_fails(mini_corpus, "bad.md", "malformed YAML front matter")


def test_front_matter_not_closed(mini_corpus):
    add_file(mini_corpus, "bad.md", "---\nid: bad\noutlet: X\n\nBody text without a closing line.\n")
    check_fails(mini_corpus, "bad.md", "front matter is not closed", line=1)


def test_no_front_matter(mini_corpus):
    add_file(mini_corpus, "bad.md", VALID_BODY + "\n")
    check_fails(mini_corpus, "bad.md", "no YAML front matter", line=1)


def test_missing_field(mini_corpus):
    add_file(mini_corpus, "bad.md", article_text(drop=("event",)))
    check_fails(mini_corpus, "bad.md", "missing required field 'event'")


def test_mistyped_field(mini_corpus):
    # outlet is on line 3 of the file (after '---' and 'id:').
    add_file(mini_corpus, "bad.md", article_text(outlet="[1, 2]"))
    check_fails(mini_corpus, "bad.md", "field 'outlet' must be non-empty text", line=3)


def test_mistyped_id(mini_corpus):
    add_file(mini_corpus, "bad.md", article_text(id="42"))
    check_fails(mini_corpus, "bad.md", "field 'id' must be text", line=2)


def test_unknown_event(mini_corpus):
    add_file(mini_corpus, "bad.md", article_text(event="no-such-event"))
    message = check_fails(mini_corpus, "bad.md", "unknown event 'no-such-event'", line=6)
    assert "test-call, test-summit" in message  # the valid ids are listed


@pytest.mark.parametrize("date", ["January 5th", "2026-13-45", "2026-02-30", "'2026/01/05'", "20260105"])
def test_date_that_is_not_a_date(mini_corpus, date):
    add_file(mini_corpus, "bad.md", article_text(date=date))
    check_fails(mini_corpus, "bad.md", "field 'date' is not an ISO 8601 date", line=5)


def test_dates_accepted_in_every_iso_form(mini_corpus):
    for number, date in enumerate(["2026-01-05", "'2026-01-05'", "2026-01", "'2026'", "2026-01-05T09:30:00+09:00"]):
        add_file(mini_corpus, f"ok{number}.md", article_text(id=f"ok{number}", date=date))
    check_passes(mini_corpus, articles=7)


def test_duplicate_ids(mini_corpus):
    # Path order: "mini-a.md" < "zz-copy.md", so mini-a.md is kept and zz-copy.md reported.
    add_file(mini_corpus, "zz-copy.md", article_text(id="mini-a"))
    result = run_cli("check", mini_corpus)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{mini_corpus / 'articles' / 'zz-copy.md'}:2: duplicate id 'mini-a': already used by "
        f"{mini_corpus / 'articles' / 'mini-a.md'} (the first in path order is kept)"
    ]


def test_empty_body(mini_corpus):
    add_file(mini_corpus, "bad.md", article_text(body="\n\n   \n"))
    check_fails(mini_corpus, "bad.md", "empty body")


def test_bytes_not_utf8(mini_corpus):
    content = article_text().encode("utf-8")
    offset = content.index(b"phone")
    content = content[:offset] + b"\xe9" + content[offset + 1:]  # Latin-1 'é' in a UTF-8 file
    add_file(mini_corpus, "bad.md", content)
    check_fails(mini_corpus, "bad.md", f"not UTF-8 at byte offset {offset}", "0xe9", line=10)


def test_bom_and_windows_line_endings_are_accepted(mini_corpus):
    content = "\ufeff" + article_text().replace("\n", "\r\n")
    add_file(mini_corpus, "bom-crlf.md", content.encode("utf-8"))
    add_file(mini_corpus, "old-mac.md", article_text(id="old-mac").replace("\n", "\r").encode("utf-8"))
    check_passes(mini_corpus, articles=4)
    from analysis import load_corpus

    article = load_corpus(mini_corpus).get("bad")
    assert article.body == VALID_BODY  # no BOM, no '\r'


@pytest.mark.parametrize("name", ["photo.png", "binary.md"])
def test_binary_file_in_articles(mini_corpus, name):
    add_file(mini_corpus, name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    check_fails(mini_corpus, name, "binary file", "not a Markdown article", line=1)


def test_non_markdown_text_file_in_articles(mini_corpus):
    add_file(mini_corpus, "notes.txt", "some notes\n")
    check_fails(mini_corpus, "notes.txt", "not a Markdown article: expected a .md file", line=1)


def test_non_english_language_field(mini_corpus):
    add_file(mini_corpus, "bad.md", article_text(language="ko"))
    check_fails(mini_corpus, "bad.md", "language 'ko' is not supported", "English-only", line=7)


def test_non_english_body(mini_corpus):
    french = (
        "Le président sud-coréen a rencontré son homologue chinois à Pékin lundi. Les deux "
        "dirigeants ont discuté du commerce, des droits de douane américains et de la situation "
        "dans la péninsule. Selon les analystes, cette rencontre pourrait marquer un tournant "
        "dans les relations entre Séoul et Pékin, après des années de tensions diplomatiques."
    )
    add_file(mini_corpus, "bad.md", article_text(body=french))
    check_fails(mini_corpus, "bad.md", "does not look like English", "English-only", line=10)


def test_korean_body(mini_corpus):
    korean = "이재명 대통령은 월요일 베이징에서 시진핑 국가주석과 만났다. " * 12
    add_file(mini_corpus, "bad.md", article_text(body=korean))
    check_fails(mini_corpus, "bad.md", "does not look like English", "English-only")


def test_english_regional_tags_accepted(mini_corpus):
    add_file(mini_corpus, "gb.md", article_text(id="gb", language="en-GB"))
    add_file(mini_corpus, "us.md", article_text(id="us", language="EN_us"))
    check_passes(mini_corpus, articles=4)


def test_ten_megabyte_article(mini_corpus):
    body = (VALID_BODY + "\n\n") * (10_000_000 // (len(VALID_BODY) + 2) + 1)
    add_file(mini_corpus, "huge.md", article_text(body=body))
    check_fails(mini_corpus, "huge.md", "over the 2,000,000-byte limit for one article", line=1)


def test_article_all_on_one_line(mini_corpus):
    body = " ".join([VALID_BODY] * 30)  # ~1,600 words, no newline
    add_file(mini_corpus, "oneline.md", article_text(id="oneline", body=body))
    check_passes(mini_corpus)
    from analysis import load_corpus
    from analysis.text import Doc

    doc = Doc.from_article(load_corpus(mini_corpus).get("oneline"))
    assert len(doc.paragraphs) == 1
    assert len(doc.sentences) == 90  # 3 sentences x 30


STRAY_QUOTES = (
    "He said \"this is never closed. Officials in Washington said ” they were watching. "
    "The ministry called it “candid and ‘constructive. '' Trade \" officials \"\" will meet "
    "again “in Seoul“ next month ‘ and ’ after that. \"\"\" The end of the year is near."
)


def test_unbalanced_and_stray_quote_marks_load(mini_corpus):
    add_file(mini_corpus, "quotes.md", article_text(id="quotes", body=STRAY_QUOTES))
    check_passes(mini_corpus)


def test_only_emoji_is_rejected(mini_corpus):
    add_file(mini_corpus, "bad.md", article_text(body="🎉🎉 🇰🇷🤝🇨🇳 😀\n\n👍👍👍"))
    check_fails(mini_corpus, "bad.md", "body has no words", "only marks, symbols or emoji", line=10)


def test_only_headings_is_rejected(mini_corpus):
    add_file(mini_corpus, "bad.md", article_text(body="## Summit in Beijing\n\n## What comes next"))
    check_fails(mini_corpus, "bad.md", "body has only headings", line=10)


def test_only_numbers_is_accepted(mini_corpus):
    add_file(mini_corpus, "numbers.md", article_text(id="numbers", body="2026 1 5\n\n3.5 42 100,000 7"))
    check_passes(mini_corpus)


def test_control_characters(mini_corpus):
    body = VALID_BODY + "\n\nA second paragraph with a bell\x07 in it."
    add_file(mini_corpus, "bad.md", article_text(body=body))
    check_fails(mini_corpus, "bad.md", "control character U+0007 in body (column 31)", line=12)


def test_c1_control_character(mini_corpus):
    add_file(mini_corpus, "bad.md", article_text(body="Mojibake \x93quote\x94 from cp1252. " + VALID_BODY))
    check_fails(mini_corpus, "bad.md", "control character U+0093", line=10)


def test_path_that_does_not_exist(tmp_path):
    missing = tmp_path / "no-such-corpus"
    result = run_cli("check", missing)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.strip() == f"{missing}:0: no such file or directory"


def test_directory_without_articles(tmp_path):
    result = run_cli("check", tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert "no articles/ directory in this corpus" in result.stdout


def test_python_object_yaml_tag_is_an_error(mini_corpus, tmp_path):
    marker = tmp_path / "pwned"
    extra = f"notes: !!python/object/apply:os.system ['touch {marker}']"
    add_file(mini_corpus, "bad.md", article_text(extra=extra))
    check_fails(mini_corpus, "bad.md", "YAML tag not allowed in front matter", "python/object", line=8)
    assert not marker.exists()


def test_unknown_front_matter_field(mini_corpus):
    add_file(mini_corpus, "bad.md", article_text(extra="auther: Somebody"))
    check_fails(mini_corpus, "bad.md", "unknown field 'auther'", line=8)


def test_empty_title_must_be_null(mini_corpus):
    add_file(mini_corpus, "bad.md", article_text(title="''"))
    check_fails(mini_corpus, "bad.md", "field 'title' is empty: use null", line=4)


def test_paragraph_not_in_raw_file(mini_corpus):
    path = mini_corpus / "articles" / "mini-a.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThis sentence was never in the raw page.\n",
                    encoding="utf-8")
    result = run_cli("check", mini_corpus)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.strip() == (
        f"{path}:15: paragraph not found in raw file 'mini-a.txt': 'This sentence was never in the raw page.'"
    )


def test_source_path_traversal_is_refused(mini_corpus):
    add_file(mini_corpus, "bad.md", article_text(source="../../../../etc/passwd"))
    check_fails(mini_corpus, "bad.md", "field 'source' must be a file name under raw/, not a path", line=8)


def test_missing_source_file(mini_corpus):
    add_file(mini_corpus, "bad.md", article_text(source="nope.txt"))
    check_fails(mini_corpus, "bad.md", "source file 'nope.txt' not found", line=8)


def test_every_problem_is_listed_not_just_the_first(mini_corpus):
    add_file(mini_corpus, "bad.md", article_text(drop=("outlet",), event="nope", language="de",
                                                 extra="colour: red"))
    result = run_cli("check", mini_corpus)
    assert result.returncode == 1
    problems = [ln for ln in result.stdout.splitlines() if "bad.md" in ln]
    assert len(problems) == 4, problems
    assert "4 problem(s)" in result.stderr


# ------------------------------------------------------------------ profile and quotes
#: (file name, content, message fragment) for each invalid file put together in one corpus.
def invalid_files() -> list[tuple[str, bytes, str]]:
    bad_utf8 = article_text(id="b-utf8").encode("utf-8").replace(b"phone", b"ph\xffne")
    return [
        ("b-yaml.md", article_text(id="b-yaml", title="[unclosed").encode(), "malformed YAML"),
        ("b-missing.md", article_text(id="b-missing", drop=("date",)).encode(), "missing required field 'date'"),
        ("b-type.md", article_text(id="b-type", outlet="42").encode(), "field 'outlet' must be non-empty text"),
        ("b-event.md", article_text(id="b-event", event="nope").encode(), "unknown event 'nope'"),
        ("b-date.md", article_text(id="b-date", date="2026-13-45").encode(), "not an ISO 8601 date"),
        ("b-empty.md", article_text(id="b-empty", body="").encode(), "empty body"),
        ("b-utf8.md", bad_utf8, "not UTF-8 at byte offset"),
        ("b-binary.png", b"\x89PNG\x00\x00", "binary file"),
        ("b-lang.md", article_text(id="b-lang", language="fr").encode(), "English-only"),
        ("b-emoji.md", article_text(id="b-emoji", body="🎉🎉🎉").encode(), "body has no words"),
        ("b-control.md", article_text(id="b-control", body="Bell\x07 " + VALID_BODY).encode(), "control character"),
        ("b-tag.md", article_text(id="b-tag", extra="notes: !!python/object:os.system {}").encode(), "YAML tag not allowed"),
        ("b-field.md", article_text(id="b-field", extra="auther: X").encode(), "unknown field 'auther'"),
        ("zz-dup.md", article_text(id="mini-a").encode(), "duplicate id 'mini-a'"),
    ]


@pytest.fixture
def broken_corpus(mini_corpus: Path) -> Path:
    """The fixture corpus plus every invalid file of `invalid_files()` and three odd but valid ones."""
    for name, content, _ in invalid_files():
        add_file(mini_corpus, name, content)
    add_file(mini_corpus, "v-oneline.md", article_text(id="v-oneline", body=" ".join([VALID_BODY] * 20)))
    add_file(mini_corpus, "v-quotes.md", article_text(id="v-quotes", body=STRAY_QUOTES))
    add_file(mini_corpus, "v-numbers.md", article_text(id="v-numbers", body="2026 1 5\n\n3.5 42 100,000 7"))
    add_file(mini_corpus, "v-bom.md", ("\ufeff" + article_text(id="v-bom").replace("\n", "\r\n")).encode())
    return mini_corpus


VALID_IDS = ["mini-a", "mini-b", "v-bom", "v-numbers", "v-oneline", "v-quotes"]


def test_check_lists_every_invalid_file(broken_corpus):
    result = run_cli("check", broken_corpus)
    assert_no_traceback(result)
    assert result.returncode == 1
    for name, _, fragment in invalid_files():
        assert any(name in ln and fragment in ln for ln in result.stdout.splitlines()), (name, result.stdout)
    assert "6 valid article(s)" in result.stderr


@pytest.mark.parametrize("command", ["profile", "quotes"])
def test_table_command_stops_before_writing(broken_corpus, tmp_path, command):
    if command == "quotes" and quotes_pending():
        pytest.skip(quotes_pending())
    out = tmp_path / "out" / f"{command}.csv"
    result = run_cli(command, "--corpus", broken_corpus, "--out", out)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert "nothing written" in result.stderr
    for name, _, fragment in invalid_files():
        assert any(name in ln and fragment in ln for ln in result.stderr.splitlines()), (name, result.stderr)
    assert not out.exists()
    assert not out.parent.exists() or not any(out.parent.iterdir())


def _pending(command: str) -> str | None:
    return metrics_pending() if command == "profile" else quotes_pending()


@pytest.mark.parametrize("command", ["profile", "quotes"])
def test_table_command_skip_invalid(broken_corpus, tmp_path, command):
    reason = _pending(command)
    if reason:
        pytest.skip(reason)
    out = tmp_path / f"{command}.csv"
    result = run_cli(command, "--corpus", broken_corpus, "--out", out, "--skip-invalid")
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    skipped = [ln for ln in result.stderr.splitlines() if ln.startswith("skipped: ")]
    for name, _, fragment in invalid_files():
        assert any(name in ln and fragment in ln for ln in skipped), (name, skipped)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    if command == "profile":
        assert sorted(r["article_id"] for r in rows) == VALID_IDS
        numbers = next(r for r in rows if r["article_id"] == "v-numbers")
        assert float(numbers["words"]) == 7
        assert float(numbers["china_mentions"]) == 0 and numbers["china_share"] == ""  # NaN
        quotes_row = next(r for r in rows if r["article_id"] == "v-quotes")
        assert float(quotes_row["sentences"]) == 3  # stray marks before a capital hide two boundaries
    else:
        assert {r["article_id"] for r in rows} <= set(VALID_IDS)
        assert "mini-a" in {r["article_id"] for r in rows}  # "We will open a new chapter"


@pytest.mark.parametrize("command", ["profile", "quotes"])
def test_table_command_missing_corpus(tmp_path, command):
    if command == "quotes" and quotes_pending():
        pytest.skip(quotes_pending())
    out = tmp_path / "out.csv"
    result = run_cli(command, "--corpus", tmp_path / "missing", "--out", out)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert "no such file or directory" in result.stderr
    assert not out.exists()


def test_profile_bad_output_extension(mini_corpus, tmp_path):
    reason = metrics_pending()
    if reason:
        pytest.skip(reason)
    result = run_cli("profile", "--corpus", mini_corpus, "--out", tmp_path / "out.xlsx")
    assert_no_traceback(result)
    assert result.returncode == 2
    assert "unsupported table format .xlsx" in result.stderr
    assert not (tmp_path / "out.xlsx").exists()


def test_unexpected_error_is_one_line_not_a_traceback(tmp_path):
    """A bug (simulated by a broken module on the path) gives a one-line message and exit 3."""
    from conftest import PYTHON, cli_env
    import subprocess

    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(
        "import analysis.corpus as c\n"
        "def boom(*a, **k):\n    raise RuntimeError('simulated bug')\n"
        "c.validate_corpus = boom\n"
    )
    env = cli_env()
    env["PYTHONPATH"] = str(shim)
    code = "import sys, analysis.cli as m; m.validate_corpus = __import__('analysis.corpus').corpus.validate_corpus; sys.exit(m.main(['check']))"
    result = subprocess.run([PYTHON, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr
    assert result.returncode == 3
    assert "internal error RuntimeError: simulated bug" in result.stderr
    env["ANALYSIS_TRACEBACK"] = "1"
    result = subprocess.run([PYTHON, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert "Traceback" in result.stderr  # a developer can still see it
