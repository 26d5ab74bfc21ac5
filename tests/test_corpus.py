"""The corpus loader and validator (analysis/corpus.py) and the bundled five-article corpus."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from analysis import Corpus, CorpusError, Problem, load_corpus
from analysis.base import config
from analysis.corpus import (
    MAX_ARTICLE_BYTES, body_paragraphs, english_share, is_english_tag, parse_date, read_article,
    validate_corpus,
)
from analysis.corpus.article import FrontMatterLoader

from conftest import BUNDLED_CORPUS, MINI_CORPUS

RAW_DIR = BUNDLED_CORPUS / "raw"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(BUNDLED_CORPUS)


def squash(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------ the bundled corpus
EXPECTED = {
    # id: (outlet, title, date, date_precision, event, byline, source)
    "cdb-2026-01-21-press-conference": (
        "China Daily Brief",
        "Lee Jae\u2011myung Seeks Reset with Beijing and a Diplomatic Thaw on the Peninsula in Second Year Agenda",
        "2026-01-21", "day", "press-conference-2026-01-21", None, "000_9a1217f2d4d7b058.txt"),
    "focus-2026-01-summit": (
        "Focus", "China, S. Korea enter 'new phase' as Lee seeks reset with Beijing",
        "2026-01", "month", "beijing-summit-2026-01-05", "Focus", "001_a1c5ffed28f8a4cf.txt"),
    "unnamed002-2026-01-cctv-interview": (
        "Unnamed outlet 002",
        "South Korea : Signals Renewed Strategic Engagement with China Ahead of Historic State Visit",
        "2026-01", "month", "cctv-interview-2026-01", None, "002_5323763388cca4d5.txt"),
    "unnamed003-2026-01-summit": (
        "Unnamed outlet 003",
        "South Korea\u2019s Lee Jae-myung Meets China\u2019s Xi Jinping as He Seeks to Reset Ties",
        "2026-01", "month", "beijing-summit-2026-01-05", "Admin", "003_be5ff7909fb83393.txt"),
    "wal-2025-06-phone-call": (
        "WaL", None, "2025-06", "month", "phone-call-2025-06", None, "004_30d0f2d53ee8f89c.txt"),
}


def test_five_articles_with_their_fields(corpus):
    assert [a.id for a in corpus.articles] == sorted(EXPECTED)
    for article in corpus.articles:
        outlet, title, date, precision, event, byline, source = EXPECTED[article.id]
        assert (article.outlet, article.title, article.date, article.date_precision) == (outlet, title, date, precision)
        assert (article.event, article.byline, article.source, article.language) == (event, byline, source, "en")
        assert article.path.endswith(f"articles/{article.id}.md")


def test_exactly_one_article_has_no_title(corpus):
    assert [a.id for a in corpus.articles if a.title is None] == ["wal-2025-06-phone-call"]


def test_events_and_outlets_files(corpus):
    assert sorted(corpus.events) == ["beijing-summit-2026-01-05", "cctv-interview-2026-01",
                                     "phone-call-2025-06", "press-conference-2026-01-21"]
    assert {a.outlet for a in corpus} <= set(corpus.outlets)
    assert corpus.skipped == []


def test_to_frame(corpus):
    frame = corpus.to_frame()
    assert list(frame["id"]) == sorted(EXPECTED)
    assert frame.loc[frame["id"] == "wal-2025-06-phone-call", "title"].isna().all()
    assert frame.set_index("id").loc["focus-2026-01-summit", "body_chars"] == len(corpus.get("focus-2026-01-summit").body)
    assert (frame["body_chars"] > 4000).all()


def test_bodies_keep_raw_characters(corpus):
    # Normalisation happens in the text layer, never in the stored body.
    assert "Lee Jae\u2011myung" in corpus.get("cdb-2026-01-21-press-conference").body
    assert "Seoul\u2019s China policy" in corpus.get("unnamed002-2026-01-cctv-interview").body


BOILERPLATE = [
    "Share Article", "Related Articles", "No related articles found", "Do you like this article?",
    "Policy Link", "Back to top button", "TAGGED:", "Share this Article", "Leave a comment",
    "7 Min Read", "We Humbly Ask For Your Support", "PICTURED ABOVE", "Editor's", "Editor\u2019s",
    "China Daily Brief Editorial", "Strategic Insight", "INTERNATIONAL", "WaL", "By Focus",
]
#: Label lines of the raw pages: never a paragraph of their own in a body.
LABEL_LINES = ["Diplomacy", "Desk", "South korean", "China Daily Brief", "Admin", "Focus"]


def test_boilerplate_strings_are_in_the_raw_pages():
    raw = "\n".join(p.read_text(encoding="utf-8") for p in sorted(RAW_DIR.glob("*.txt")))
    missing = [s for s in BOILERPLATE + LABEL_LINES if s not in raw and s != "Editor\u2019s"]
    assert missing == []  # so the next test can fail


@pytest.mark.parametrize("string", BOILERPLATE)
def test_no_boilerplate_in_any_body(corpus, string):
    offenders = [a.id for a in corpus if string in a.body]
    assert offenders == []


def test_no_label_line_is_a_paragraph(corpus):
    for article in corpus:
        paragraphs = {squash(p) for _, p in body_paragraphs(article.body)}
        assert paragraphs.isdisjoint(LABEL_LINES), article.id


def test_wal_sign_off_cut_from_last_paragraph(corpus):
    body = corpus.get("wal-2025-06-phone-call").body
    assert body.endswith("China her largest trading partner.")


def test_every_body_paragraph_is_in_its_raw_file(corpus):
    checked = 0
    for article in corpus:
        raw = squash((RAW_DIR / article.source).read_text(encoding="utf-8"))
        for block in re.split(r"\n\s*\n", article.body):
            text = re.sub(r"^(?:## |- )", "", block.strip())
            if text == "---":
                continue
            assert squash(text) in raw, (article.id, text[:80])
            checked += 1
    assert checked >= 60


def test_no_paragraph_appears_twice(corpus):
    for article in corpus:
        paragraphs = [squash(p) for _, p in body_paragraphs(article.body)]
        duplicates = {p for p in paragraphs if paragraphs.count(p) > 1}
        assert duplicates == set(), article.id


def test_no_line_twice_across_the_corpus(corpus):
    seen: dict[str, str] = {}
    for article in corpus:
        for _, paragraph in body_paragraphs(article.body):
            key = squash(paragraph)
            if len(key) > 40:
                assert key not in seen, (article.id, seen.get(key), key[:60])
                seen[key] = article.id


def test_captions_are_not_in_the_body(corpus):
    captions = [(a, c) for a in corpus for c in a.captions]
    assert len(captions) == 5
    for article, caption in captions:
        paragraphs = {squash(p) for _, p in body_paragraphs(article.body)}
        assert squash(caption) not in paragraphs
        if len(caption) > 20:
            assert squash(caption) not in squash(article.body), (article.id, caption)
            # ... nor its first words (the credit may have been trimmed).
            assert squash(caption)[:50] not in squash(article.body), (article.id, caption)


def test_outlet_evidence_is_in_the_raw_file(corpus):
    for article in corpus:
        raw = (RAW_DIR / article.source).read_text(encoding="utf-8")
        for evidence in article.outlet_evidence:
            assert evidence.rstrip(" ,") in raw, (article.id, evidence)


# ------------------------------------------------------------------ select / get
def test_select_by_event_and_outlet(corpus):
    summit = corpus.select(event="beijing-summit-2026-01-05")
    assert [a.id for a in summit] == ["focus-2026-01-summit", "unnamed003-2026-01-summit"]
    assert [a.id for a in summit.select(outlets=["Focus"])] == ["focus-2026-01-summit"]


def test_select_unknown_names_list_the_valid_ones(corpus):
    with pytest.raises(ValueError, match=r"unknown event 'no-such'.*valid events: beijing-summit"):
        corpus.select(event="no-such")
    with pytest.raises(ValueError, match=r"unknown outlet\(s\) 'Reuters'; valid outlets: China Daily Brief"):
        corpus.select(outlets=["Reuters"])
    with pytest.raises(KeyError, match="no article with id 'nope'"):
        corpus.get("nope")


# ------------------------------------------------------------------ loader behaviour
def test_load_corpus_accepts_the_articles_directory():
    assert [a.id for a in load_corpus(MINI_CORPUS / "articles")] == ["mini-a", "mini-b"]


def test_corpus_error_lists_every_problem(mini_corpus):
    (mini_corpus / "articles" / "x.md").write_text("---\nid: x\n---\n\n", encoding="utf-8")
    (mini_corpus / "articles" / "y.md").write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(mini_corpus)
    messages = [str(p) for p in info.value.problems]
    assert sum("x.md" in m for m in messages) == 6  # outlet, title, date, event, language, empty body
    assert sum("y.md:1: no YAML front matter" in m for m in messages) == 1
    assert str(info.value).startswith(f"{len(messages)} problem(s) in the corpus:")


def test_skip_invalid_keeps_the_valid_and_lists_the_rest(mini_corpus):
    (mini_corpus / "articles" / "y.md").write_text("no front matter\n", encoding="utf-8")
    corpus = load_corpus(mini_corpus, skip_invalid=True)
    assert [a.id for a in corpus] == ["mini-a", "mini-b"]
    assert [p.message for p in corpus.skipped] == ["no YAML front matter: the file must start with a '---' line"]


def test_skip_invalid_with_nothing_valid_still_raises(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "y.md").write_text("nothing\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no YAML front matter"):
        load_corpus(tmp_path, skip_invalid=True)


def test_duplicate_id_first_in_path_order_is_kept(mini_corpus):
    text = (mini_corpus / "articles" / "mini-b.md").read_text(encoding="utf-8")
    (mini_corpus / "articles" / "a-first.md").write_text(text.replace("outlet: Other Daily", "outlet: First"), encoding="utf-8")
    corpus = load_corpus(mini_corpus, skip_invalid=True)
    assert corpus.get("mini-b").outlet == "First"  # a-first.md sorts before mini-b.md
    assert [(Path(p.path).name, p.line) for p in corpus.skipped] == [("mini-b.md", 2)]
    assert "duplicate id 'mini-b'" in corpus.skipped[0].message


def test_corpus_without_events_file_accepts_any_event(mini_corpus):
    (mini_corpus / "events.yaml").unlink()
    text = (mini_corpus / "articles" / "mini-b.md").read_text(encoding="utf-8")
    (mini_corpus / "articles" / "mini-b.md").write_text(text.replace("test-call", "my-own-event"), encoding="utf-8")
    assert load_corpus(mini_corpus).get("mini-b").event == "my-own-event"


def test_corpus_actors_file_is_attached(mini_corpus):
    (mini_corpus / "actors.yaml").write_text("groups: {}\n", encoding="utf-8")
    corpus = load_corpus(mini_corpus)
    assert corpus.actors_file == mini_corpus / "actors.yaml"
    assert all(a.actors_file == str(mini_corpus / "actors.yaml") for a in corpus)


def test_body_offsets_and_body_line():
    article = load_corpus(MINI_CORPUS).get("mini-a")
    assert article.body.startswith("President Lee Jae\u2011myung met")
    assert article.body_line == 11  # 7 fields + 2 '---' lines + 1 blank line
    assert not article.body.endswith("\n")


def test_validate_corpus_missing_path(tmp_path):
    articles, problems, _, _ = validate_corpus(tmp_path / "nope")
    assert articles == [] and problems == [Problem(str(tmp_path / "nope"), 0, "no such file or directory")]


def test_read_article_refuses_large_files_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.md"
    with path.open("wb") as handle:
        handle.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: no 2 MB written
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    article, problems = read_article(path, None, None)
    assert article is None
    assert problems[0].message.startswith(f"file is {MAX_ARTICLE_BYTES + 1:,} bytes, over the")


# ------------------------------------------------------------------ small functions
@pytest.mark.parametrize("value, expected", [
    ("2026-01-05", ("2026-01-05", "day")),
    ("2026-01", ("2026-01", "month")),
    ("2026", ("2026", "year")),
    (" 2026-01-05 ", ("2026-01-05", "day")),
    ("2026-01-05T09:30:00+09:00", ("2026-01-05", "day")),
    ("2026-01-05 09:30", ("2026-01-05", "day")),
    ("2026-01-05T09:30:00Z", ("2026-01-05", "day")),
    (dt.date(2026, 1, 5), ("2026-01-05", "day")),
    (dt.datetime(2026, 1, 5, 9, 30), ("2026-01-05", "day")),
    ("2026-13", None), ("2026-02-30", None), ("2026-01-05T25:00", None), ("Jan 2026", None),
    ("26-01-05", None), (20260105, None), (None, None), ("", None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_front_matter_loader_keeps_dates_as_text_and_builds_no_objects():
    assert yaml.load("date: 2026-01-05\nn: 3\nt: null", Loader=FrontMatterLoader) == {
        "date": "2026-01-05", "n": 3, "t": None}
    assert yaml.load("date: 2026-13-45", Loader=FrontMatterLoader) == {"date": "2026-13-45"}
    with pytest.raises(yaml.constructor.ConstructorError, match="could not determine a constructor"):
        yaml.load("x: !!python/object/apply:os.system ['true']", Loader=FrontMatterLoader)
    # the stock SafeLoader is untouched
    assert yaml.safe_load("d: 2026-01-05") == {"d": dt.date(2026, 1, 5)}


@pytest.mark.parametrize("tag, ok", [("en", True), ("EN", True), ("en-GB", True), ("en_US", True),
                                     ("eng", False), ("fr", False), ("ko-en", False), (None, False), (1, False)])
def test_is_english_tag(tag, ok):
    assert is_english_tag(tag) is ok


def test_english_share(corpus):
    shares = [english_share(a.body) for a in corpus]
    assert [round(s, 2) for s in shares] == [0.19, 0.2, 0.22, 0.18, 0.27]
    assert english_share("Too short to judge.") is None
    german = ("Der Präsident hat sich am Montag in Peking mit dem chinesischen Staatschef getroffen. Die "
              "beiden sprachen über Handel, die Zölle und die Lage auf der Halbinsel. Es war das erste "
              "Treffen seit Jahren, und es wird erwartet, dass weitere Gespräche folgen werden.")
    assert english_share(german) == 0.0


def test_body_paragraphs_strip_markers():
    body = "Lead text.\n\n## A heading\n\n- an item\n\n---\n\nLast\nline."
    assert body_paragraphs(body) == [(0, "Lead text."), (2, "A heading"), (4, "an item"), (8, "Last\nline.")]


def test_corpus_and_article_print_one_short_line(corpus):
    text = repr(corpus)
    assert text.startswith("Corpus(5 articles; outlets: China Daily Brief, Focus,") and "\n" not in text
    article = corpus.get("focus-2026-01-summit")
    assert repr(article) == ("Article(id='focus-2026-01-summit', outlet='Focus', date='2026-01', "
                             "title=\"China, S. Korea enter 'new phase' as Lee seeks reset with Beijing\", "
                             "body=4,977 chars)")
    assert article.body[:40] not in str(corpus) + str(article)


def test_libyaml_reads_only_plain_front_matter():
    """The fast loader takes plain block front matter; anything a stricter loader checks while
    composing (anchors, aliases, flow collections, quoted or explicit or repeated keys, deep or
    one-line nesting) goes to the pure-Python loader."""
    from analysis.corpus.article import _plain_shape

    assert _plain_shape("id: a\ntitle: It's \"x\"\ndate: '2026-01-01'\nnotes:\n- one\n- 'two'")
    for text in ["id: a\nid: b", "a: &x 1\nb: *x", "a: [1, 2]", "a: {b: 1}", "- a: 1\n  a: 2",
                 '"id": x', "'it''s': x", "- - - x", "? a\n: b", "a:\n" + " " * 40 + "b: 1", "a:\tb"]:
        assert not _plain_shape(text), text


def test_relative_paths_under_a_directory_match_relative_path(tmp_path, monkeypatch):
    """The loader resolves the articles/ directory once for all its files: same names in messages
    as `relative_path` file by file, under the current directory, outside it, and for a link."""
    from analysis.corpus.rules import relative_path, relative_paths_under

    articles = tmp_path / "corpus" / "articles"
    articles.mkdir(parents=True)
    (articles / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "elsewhere.md").write_text("x", encoding="utf-8")
    (articles / "link.md").symlink_to(tmp_path / "elsewhere.md")
    files = [articles / "a.md", articles / "link.md", articles / "missing.md"]
    for cwd, expected in ((tmp_path, ["corpus/articles/a.md", "corpus/articles/link.md",
                                      "corpus/articles/missing.md"]),
                          (articles, ["a.md", "link.md", "missing.md"]),
                          (tmp_path / "corpus", ["articles/a.md", "articles/link.md",
                                                 "articles/missing.md"])):
        monkeypatch.chdir(cwd)
        where = relative_paths_under(articles)
        assert [where(f) for f in files] == [relative_path(f) for f in files] == expected
    outside = tmp_path / "other"
    outside.mkdir()
    monkeypatch.chdir(outside)
    where = relative_paths_under(articles)
    assert [where(f) for f in files] == [relative_path(f) for f in files] == [str(f) for f in files]
    assert where(tmp_path / "elsewhere.md") == relative_path(tmp_path / "elsewhere.md")
