"""Tests for analysis/corpus/pageimport.py (and corpus/html.py, the `import` command): saved pages and text files into the corpus format.

The pages in tests/fixtures/pages/ were written for these tests (invented local news): each wraps
a real article body in page furniture (navigation, cookie banner, share buttons, related links,
comments, a figure caption, a newsletter box, a paywall teaser, a sidebar).
"""
from __future__ import annotations

import re
import shutil
import socket
from pathlib import Path

import pytest
import yaml

from analysis.corpus import validate_corpus
from analysis.cli import main
from analysis.corpus.html import page_text
from analysis.corpus.pageimport import (
    ID_MAX_LENGTH, UNASSIGNED_EVENT, date_precision, drop_furniture, import_pages, make_id, slugify,
    written_date,
)

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
HARBOUR, RIVER, GARDEN, MARKET, LETTER = (PAGES / n for n in (
    "harbour-news.html", "river-feature.html", "garden-notes.html", "night-market.html", "letter.txt"))

#: Text of page furniture in the fixture pages: none of it may reach a body.
BOILERPLATE = (
    "cookie", "Accept all", "Home", "Local News", "Sport Results", "Weather Forecast", "Share on",
    "Email this story", "Share this", "Twitter", "LinkedIn", "Photo: Gazette archive",
    "morning ferry leaves", "Related stories", "Bridge repairs", "centenary", "Comments",
    "Great news for night workers", "Sunday service", "All rights reserved", "Privacy policy",
    "Terms of use", "Subscribe", "Sign in", "Front page", "Opinion", "newsletter", "Sign up",
    "free articles", "unlimited access", "one euro", "Tags:", "Most read", "Ten walks", "bakery",
    "Contact us", "Advertise", "Got it", "Archive", "You might also like", "seed swap",
    "beekeeping course", "Leave a Reply", "email address", "Required fields", "Print",
    "Maria Okafor", "Samuel Lindqvist", "14 March 2025",
    # night-market.html: furniture with no class names to give it away
    "Advertisement", "Read more", "Storm damage across the city", "become a member", "Support our",
    "Photo by", "WhatsApp", "Food", "Metro Daily", "Lee Park",
)

#: Every block of each article body, in order, as (start, end) of its text: all paragraphs are
#: there, whole, and the outlet's own section headings survive as `## ` lines.
EXPECTED_BLOCKS = {
    "harbour-news.html": [
        ("The harbour council voted on Thursday", "island route from April."),
        ("Councillors said the change", "existing transport budget."),
        ("“People have been asking", "too early for most of them.”"),
        ("The operator, Island Link,", "Fares will not change this year."),
        ("Some residents of the island", "review parking in the autumn."),
    ],
    "river-feature.html": [
        ("For three generations", "the walls were built again."),
        ("Ten years ago the villages", "before it reached the houses."),
        ("## The first flood", "## The first flood"),
        ("The first real test came", "the village streets stayed dry."),
        ("“We stood on the bridge", "not afraid of the water.”"),
        ("## What it cost", "## What it cost"),
        ("Giving up the fields", "cattle to higher ground."),
        ("Engineers now say", "failed in the worst storms."),
    ],
    "garden-notes.html": [
        ("The community garden behind", "said this week."),
        ("The school building is being", "already in place."),
        ("Members will carry the raised beds", "write to the association."),
        ("The garden grew out of", "and a waiting list."),
    ],
    "night-market.html": [  # paragraphs as <br><br>-separated text, the first outside any <p>
        ("The night market on Canal Street", "stalls last month."),
        ("Traders said that business", "on the first evening."),
        ('"We lost two weeks of sales,"', 'that is what matters."'),
        ("The city paid for new roofs", "before the rainy season."),  # a link inside: kept
        ("The market opens every evening", "from six until midnight."),
    ],
    "letter.txt": [
        ("The library will open on Sundays", "cultural office announced."),
        ("Opening hours on Sundays", "will both be staffed."),
        ("The office said the change", "a trial of six months."),
    ],
}


def read_article(path: str | Path) -> tuple[dict, str]:
    """(front matter, body) of an article file."""
    text = Path(path).read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body.strip()


def blocks(body: str) -> list[str]:
    return [b for b in body.split("\n\n") if b.strip()]


def imported(results) -> dict[str, tuple[dict, str]]:
    """{input file name: (front matter, body)} of the articles written."""
    return {Path(r.path).name: read_article(r.article) for r in results if r.article}


def check_problems(corpus: Path) -> list[str]:
    _, problems, _, _ = validate_corpus(corpus)
    return [str(p) for p in problems]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """An empty user corpus (no events.yaml)."""
    return tmp_path / "corpus"


def write_page(folder: Path, name: str, title: str, extra_head: str = "", body: str | None = None) -> Path:
    """A small page of our own with a given <title> (and h1) and a four-paragraph article."""
    folder.mkdir(parents=True, exist_ok=True)
    body = body or "".join(
        f"<p>Paragraph {n} says that the council of the town met again on Monday and that it "
        f"agreed to repair the old bridge over the canal before the winter.</p>" for n in range(1, 5))
    path = folder / name
    path.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='og:site_name' content='Town Crier'>{extra_head}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/b'>Business</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright Town Crier</footer></body></html>", encoding="utf-8")
    return path


# --- the fixture pages ----------------------------------------------------------------------------

def test_pages_with_metadata_become_articles_that_pass_check(corpus):
    results = import_pages([HARBOUR, RIVER], corpus)
    assert [r.problem for r in results] == [None, None]
    assert all(r.ok and not r.warnings for r in results)
    assert check_problems(corpus) == []
    articles = imported(results)

    front, _ = articles["harbour-news.html"]
    assert front["title"] == "Harbour council approves new ferry timetable"
    assert (front["date"], front["date_precision"]) == ("2025-03-14", "day")  # article:published_time
    assert front["byline"] == "Maria Okafor"  # <meta name="author">
    assert front["outlet"] == "The Harbour Gazette"  # og:site_name
    assert front["url"] == "https://gazette.example/news/2025/03/14/ferry-timetable"
    assert front["language"] == "en" and front["event"] == UNASSIGNED_EVENT
    assert front["id"] == "the-harbour-gazette-2025-03-14-harbour-council-approves-new-ferry"
    assert front["source"] == front["id"] + ".html"
    assert (corpus / "raw" / front["source"]).read_bytes() == HARBOUR.read_bytes()  # verbatim
    assert list(front) == ["id", "outlet", "title", "date", "date_precision", "event", "language",
                           "byline", "source", "url", "notes"]

    front, _ = articles["river-feature.html"]  # JSON-LD NewsArticle only
    assert front["title"] == "How the valley learned to live with the river"
    assert (front["date"], front["date_precision"]) == ("2024-11-02", "day")  # datePublished, not dateModified
    assert front["byline"] == "Samuel Lindqvist"
    assert front["outlet"] == "Valley Weekly"  # publisher
    assert front["url"] == "https://valleyweekly.example/features/living-with-the-river"
    assert not any(n.startswith(("title", "byline", "url", "date", "outlet")) for n in front["notes"])


def test_every_paragraph_and_heading_survives_and_no_boilerplate(corpus):
    results = import_pages([PAGES], corpus, outlet="Test Outlet", date="2025-04")
    assert [Path(r.path).name for r in results] == sorted(EXPECTED_BLOCKS)  # the folder, in name order
    articles = imported(results)
    assert set(articles) == set(EXPECTED_BLOCKS)
    for name, (_, body) in articles.items():
        found = blocks(body)
        assert [(b[: len(s)], b[-len(e):]) for b, (s, e) in zip(found, EXPECTED_BLOCKS[name])] == EXPECTED_BLOCKS[name]
        assert len(found) == len(EXPECTED_BLOCKS[name]), name
        for phrase in BOILERPLATE:
            assert phrase.lower() not in body.lower(), (name, phrase)
    # Entities decoded, inline markup gone, curly quotes kept as the page has them.
    assert "six o’clock" in articles["harbour-news.html"][1] and "<em>" not in articles["harbour-news.html"][1]
    assert check_problems(corpus) == []


def test_furniture_without_class_names_is_dropped_and_noted(corpus):
    (result,) = import_pages([MARKET], corpus)
    assert result.ok
    front, _ = read_article(result.article)
    assert (front["title"], front["date"], front["byline"], front["outlet"]) == (
        "Night market reopens after storm", "2025-02-21", "Lee Park", "Metro Daily")  # "By " dropped
    assert ("3 short block(s) dropped as page furniture (related links, calls to subscribe or read more, "
            "headings with no text after them).") in front["notes"]
    assert check_problems(corpus) == []


def test_drop_furniture_keeps_article_text():
    blocks = [
        ("Advertisement", 0.0), ("## Key points", 0.0),  # a heading that opens the text is kept
        ("The council met on Monday.", 0.0),
        ("Volunteers can sign up at the town hall.", 0.0),  # a call to the reader, but mid-text: kept
        ("The full report is online.", 0.8),  # mostly link, not labelled as a related link: kept
        ("Read more: Bridge repairs delayed", 0.7),  # a related link anywhere: dropped
        ("The vote was " + "very " * 40 + "close.", 0.0),
        ("## Comments", 0.0), ("Read the full story in our app", 0.0), ("Next story", 0.9),
    ]
    kept, dropped = drop_furniture(blocks)
    assert kept == ["## Key points", "The council met on Monday.", "Volunteers can sign up at the town hall.",
                    "The full report is online.", blocks[6][0]]
    assert dropped == 5
    # A long block at the edge is text, whatever words it has.
    long_call = "Subscribe " + "to the idea that the council " * 8
    assert drop_furniture([(long_call, 0.0)]) == ([long_call], 0)


def test_byline_and_dateline_lines_leave_the_body(tmp_path, corpus):
    body = ("<p>By Jane Doe</p><p>Updated 3 February 2025, 10:04 GMT</p>"
            "<p>By Monday, the bridge was closed.</p>"  # a sentence, not a byline: kept
            "<p>The council of the town met again on Monday and agreed to repair the old bridge over "
            "the canal before the winter, and the region will pay half of the cost.</p>"
            "<p>The meeting on 5 January 2025 was long.</p>"  # a date inside a sentence: kept, not the date
            "<p>Jane Doe covers local government for the Town Crier.</p>")
    page = write_page(tmp_path / "in", "byline.html", "Bridge repairs agreed", body=body)
    (result,) = import_pages([page], corpus)
    assert result.ok
    front, text = read_article(result.article)
    assert (front["byline"], front["date"], front["date_precision"]) == ("Jane Doe", "2025-02-03", "day")
    assert "byline from the page's 'By' line." in front["notes"]
    assert ("date from the page's dateline 'Updated 3 February 2025, 10:04 GMT', no date in its metadata "
            "(an update's date: the first publication may be earlier).") in front["notes"]
    assert "3 byline, dateline or author's-note block(s) moved out of the text." in front["notes"]
    assert blocks(text) == [
        "By Monday, the bridge was closed.",
        "The council of the town met again on Monday and agreed to repair the old bridge over the canal "
        "before the winter, and the region will pay half of the cost.",
        "The meeting on 5 January 2025 was long."]
    assert check_problems(corpus) == []

    letter = tmp_path / "in" / "letter.txt"
    letter.write_text("By Ana Prieto · 14 March 2025\n\nThe ferry will run later in the evening from April, "
                      "the council said on Thursday.\n", encoding="utf-8")
    (result,) = import_pages([letter], corpus, outlet="Town Crier")
    front, text = read_article(result.article)
    assert (front["byline"], front["date"], text) == (
        "Ana Prieto", "2025-03-14", "The ferry will run later in the evening from April, the council said on Thursday.")
    assert result.ok and check_problems(corpus) == []


@pytest.mark.parametrize("text, expected", [
    ("Published 14 March 2025", "2025-03-14"), ("March 14th, 2025 at 9:30 am", "2025-03-14"),
    ("Sept. 2, 2025", "2025-09-02"), ("2025-03-14T09:30", "2025-03-14"), ("31 February 2025", None),
    ("March 2025", None), ("no date here", None),
])
def test_written_date(text, expected):
    assert written_date(text) == expected


def test_fields_not_in_the_page_are_null_with_a_note(corpus):
    results = import_pages([GARDEN, LETTER], corpus)
    assert [r.problem for r in results] == [None, None]
    articles = imported(results)

    front, _ = articles["garden-notes.html"]
    assert front["title"] == "Why the community garden is moving"  # the <title> is there
    for name in ("byline", "url", "outlet", "date", "date_precision"):
        assert front[name] is None, name
    notes = " ".join(front["notes"])
    for phrase in ("byline left null", "url left null", "outlet left null", "date left null"):
        assert phrase in notes
    assert "title left null" not in notes

    front, _ = articles["letter.txt"]
    for name in ("title", "byline", "url", "outlet", "date"):
        assert front[name] is None, name
    assert "title left null; a plain-text file has no title markup." in front["notes"]

    # outlet and date are required by the corpus format: written, flagged, and check names them.
    for result in results:
        assert not result.ok
        assert [w.split(" not found")[0] for w in result.warnings] == [
            "required field 'outlet'", "required field 'date'"]
    problems = check_problems(corpus)
    assert len(problems) == 4
    assert sum("field 'outlet' must be non-empty text" in p for p in problems) == 2
    assert sum("field 'date' is not an ISO 8601 date" in p for p in problems) == 2

    # Given by the user, they complete the articles (a new id, since outlet and date are in it).
    for path in (corpus / "articles").iterdir():
        path.unlink()
    results = import_pages([GARDEN, LETTER], corpus, outlet="Garden Club News", date="2025-05-02", force=True)
    assert all(r.ok for r in results)
    assert check_problems(corpus) == []
    front, _ = imported(results)["letter.txt"]
    assert (front["outlet"], front["date"], front["date_precision"]) == ("Garden Club News", "2025-05-02", "day")
    assert front["id"] == "garden-club-news-2025-05-02-letter"  # no title: the file name


# --- overwrite, ids, events -----------------------------------------------------------------------

def test_no_overwrite_without_force(corpus):
    (first,) = import_pages([HARBOUR], corpus)
    article = Path(first.article)
    raw = corpus / "raw" / f"{first.id}.html"
    article.write_text(article.read_text(encoding="utf-8") + "\nA line the user added by hand.\n", encoding="utf-8")
    edited = article.read_bytes()

    (again,) = import_pages([HARBOUR], corpus)
    assert again.article is None and "exists" in again.problem and "--force" in again.problem
    assert article.read_bytes() == edited

    # The same id written by hand under another file name is not overwritten either, even with force.
    other = corpus / "articles" / "by-hand.md"
    article.rename(other)
    for force in (False, True):
        (again,) = import_pages([HARBOUR], corpus, force=force)
        assert "already used by" in again.problem
    assert not article.exists() and other.read_bytes() == edited
    other.rename(article)

    # A different raw file of the same name is never replaced without force.
    raw.write_bytes(b"<html><body><p>other</p></body></html>")
    article.unlink()
    (again,) = import_pages([HARBOUR], corpus)
    assert "exists with other content" in again.problem and not article.exists()

    (forced,) = import_pages([HARBOUR], corpus, force=True)
    assert forced.ok and article.read_bytes() != edited
    assert raw.read_bytes() == HARBOUR.read_bytes()
    assert check_problems(corpus) == []

    # Two inputs that make the same id in one run: the second is refused.
    copy = corpus.parent / "copy.html"
    shutil.copy(HARBOUR, copy)
    results = import_pages([HARBOUR, copy], corpus, force=True)
    assert results[0].ok and "already imported in this run" in results[1].problem


@pytest.mark.parametrize("title", [
    "../../etc/passwd", "..\\..\\Windows\\System32", "🔥🚀🎉", "🔥 Fire ⚠️ alert 🔥", "x" * 500,
    " ".join(["word"] * 200), "CON", "x " * 45 + "--- " + "y" * 120 + " ---\n---\nid: evil", "Ærøskøbing café – naïve “quotes” & <b>tags</b>", ".hidden", "-",
])
def test_ids_are_safe_for_any_title(tmp_path, corpus, title):
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    page = write_page(tmp_path / "in", "page.html", escaped)
    (result,) = import_pages([page], corpus, date="2025-01-02", outlet="../../Evil/Outlet\u0000")
    assert result.problem is None, result.problem
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", result.id) and len(result.id) <= ID_MAX_LENGTH
    assert result.id.startswith("evil-outlet-2025-01-02-")
    assert Path(result.article).resolve().parent == (corpus / "articles").resolve()
    assert [p.name for p in (corpus / "raw").iterdir()] == [result.id + ".html"]
    assert read_article(result.article)[0]["outlet"] == "../../Evil/Outlet"  # a name, control characters dropped
    assert check_problems(corpus) == []


def test_slug_and_id_rules():
    assert slugify("../../etc", 40) == "etc"
    assert slugify("Ærøskøbing café", 40) == "rskbing-cafe"  # ASCII letters only (Æ and ø have no ASCII form)
    assert slugify("🔥🚀", 40) == ""
    assert slugify("alpha beta gamma", 11) == "alpha-beta"  # cut at a word boundary
    assert slugify("a" * 50, 10) == "a" * 10
    assert make_id(None, None, None, "") == "unknown-outlet-undated-article"
    assert make_id("X", "2025-13-99x", "T", "") == "x-undated-t"  # not a date: never put in an id
    assert len(make_id("o" * 300, "2025-01-02", "t" * 300, "")) <= ID_MAX_LENGTH


def test_event_required_when_the_corpus_has_events(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "events.yaml").write_text(
        "events:\n  - id: ferry-vote-2025-03\n    date: '2025-03'\n    title: Ferry vote\n", encoding="utf-8")
    (result,) = import_pages([HARBOUR], corpus)
    assert "--event" in result.problem and "ferry-vote-2025-03" in result.problem
    (result,) = import_pages([HARBOUR], corpus, event="no-such-event")
    assert "unknown event 'no-such-event'" in result.problem
    assert not (corpus / "articles").exists()  # nothing written
    (result,) = import_pages([HARBOUR], corpus, event="ferry-vote-2025-03")
    assert result.ok
    front, _ = read_article(result.article)
    assert front["event"] == "ferry-vote-2025-03"
    assert not any("event" in n for n in front["notes"])
    assert check_problems(corpus) == []


# --- dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("page, expected", [
    ("<meta content='2025-03-14T09:30:00Z'>", "day"),
    ("Published 14 March 2025", "day"),
    ("March 14th, 2025", "day"),
    ("Mar. 14, 2025", "day"),
    ("14-Mar-2025", "day"),
    ("/news/2025/3/14/story", "day"),
    ("20250314", "day"),
    ("14.03.2025", "day"),
    ("March 2025", "month"),
    ("2025-03", "month"),
    ("(c) 2025 The Gazette", None),
    ("4 March 2025", "month"),  # another day: only the month and year are supported
    ("2025-03-140", "month"),
    ("Sept. 14, 2025", None),  # another month
])
def test_date_precision_is_what_the_page_writes(page, expected):
    assert date_precision("2025-03-14", page) == expected


def test_month_only_date_keeps_month_precision(tmp_path, corpus):
    # htmldate reads "2025-03" as a full date with a day of its own; the page supports the month.
    page = write_page(tmp_path / "in", "month.html", "Bridge repairs agreed",
                      "<meta property='article:published_time' content='2025-03'>")
    (result,) = import_pages([page], corpus)
    front, _ = read_article(result.article)
    assert (front["date"], front["date_precision"]) == ("2025-03", "month")
    assert "date to the month; the page gives the month, not the day." in front["notes"]
    assert result.id == "town-crier-2025-03-bridge-repairs-agreed"
    assert check_problems(corpus) == []


def test_a_copyright_year_is_not_a_date(tmp_path, corpus):
    page = write_page(tmp_path / "in", "copy.html", "Bridge repairs agreed",
                      body="<p>" + "The council agreed to repair the old bridge before the winter. " * 5
                           + "</p><p>Work starts when the river is low.</p><footer>© 2023 Town Crier</footer>")
    (result,) = import_pages([page], corpus)
    front, _ = read_article(result.article)
    assert front["date"] is None and "date left null; no publication date found in the page; give it with --date." in front["notes"]


# --- the check on HTML raw files ------------------------------------------------------------------

def test_check_reads_an_html_raw_file_as_text(tmp_path, corpus):
    body = ("<p>The mayor&rsquo;s <a href='/plan'>new plan</a> for the <em>old</em> bridge was approved"
            "<br>on Monday&nbsp;evening, and the work will start in the spring when the river is low.</p>"
            "<p>The council said that the repairs would cost less than a new bridge and that the "
            "<span>town</span><span>ship</span> would share the cost with the region.</p>"
            "<ul><li>The bridge will close for six weeks.</li><li>A ferry will carry people across.</li></ul>"
            "<p>Residents said they were glad that the bridge would be saved.</p>")
    page = write_page(tmp_path / "in", "bridge.html", "Bridge plan approved", body=body)
    (result,) = import_pages([page], corpus, date="2025-02-03")
    assert result.ok and not result.warnings
    front, text = read_article(result.article)
    assert blocks(text) == [
        "The mayor’s new plan for the old bridge was approved on Monday\u00a0evening, and the work will "
        "start in the spring when the river is low.",
        "The council said that the repairs would cost less than a new bridge and that the township "
        "would share the cost with the region.",
        "- The bridge will close for six weeks.",
        "- A ferry will carry people across.",
        "Residents said they were glad that the bridge would be saved.",
    ]
    assert check_problems(corpus) == []
    # A sentence that is not in the page is caught by check, as for a text raw file.
    article = Path(result.article)
    article.write_text(article.read_text(encoding="utf-8") + "\nThe bridge was built in 1850.\n", encoding="utf-8")
    problems = check_problems(corpus)
    assert len(problems) == 1 and "paragraph not found in raw file" in problems[0] and "1850" in problems[0]


def test_page_text_strips_tags_scripts_and_entities():
    text = page_text(b"<html><head><title>T</title><script>var a = '<p>not text</p>';</script>"
                     b"<style>p {color: red}</style></head><body><p>A&amp;B <b>bold</b>"
                     b"&#8217;s</p><p>next</p><!-- a comment --></body></html>")
    assert " ".join(text.split()) == "T A&B bold’s next"
    # Declared charset (a windows-1252 page), then UTF-8.
    assert "café’s" in page_text("<meta charset='windows-1252'><p>café’s</p>".encode("cp1252"))
    assert "café" in page_text("<p>café</p>".encode("utf-8"))


# --- inputs, offline, command line ----------------------------------------------------------------

def test_folders_skip_hidden_files_and_saved_page_resources(tmp_path, corpus):
    folder = tmp_path / "saved"
    write_page(folder, "story.html", "Bridge repairs agreed")
    write_page(folder / "story_files", "ad-frame.html", "Buy a car today")
    write_page(folder, ".draft.html", "A hidden draft")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    write_page(folder / "more", "second.htm", "Ferry timetable changed")
    results = import_pages([folder, tmp_path / "missing.html", folder / "notes.pdf"], corpus, date="2025")
    assert [(Path(r.path).name, r.problem) for r in results] == [
        ("second.htm", None), ("story.html", None),
        ("missing.html", "no such file or directory"),
        ("notes.pdf", "not an HTML page or text file (expected .html, .htm, .xhtml, .txt)"),
    ]
    assert sorted(p.name for p in (corpus / "raw").iterdir()) == [
        "town-crier-2025-bridge-repairs-agreed.html", "town-crier-2025-ferry-timetable-changed.htm"]
    assert check_problems(corpus) == []


def test_text_files(tmp_path, corpus):
    lines = tmp_path / "lines.txt"
    lines.write_text("The ferry will run later in the evening from April.\r\n* * *\r\n"
                     "The council said that the change was made for the workers of the hospital.\r\n",
                     encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("The café opened.".encode("cp1252"))
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n\n", encoding="utf-8")
    results = import_pages([lines, latin, empty], corpus, outlet="Town Crier", date="2025-03")
    assert results[0].ok
    assert blocks(read_article(results[0].article)[1]) == [
        "The ferry will run later in the evening from April.",
        "The council said that the change was made for the workers of the hospital."]
    assert results[1].problem == "not UTF-8 text (byte offset 7); save the file as UTF-8"
    assert results[2].problem == "empty text file"
    assert check_problems(corpus) == []


def test_nothing_is_fetched(tmp_path, corpus, monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    url_page = tmp_path / "url.html"
    url_page.write_text("https://news.example/2025/03/14/story", encoding="utf-8")
    results = import_pages([url_page, HARBOUR], corpus)
    assert attempts == []
    assert results[0].problem in ("not an HTML page (the parser found no document)", "no article text found in the page")
    assert results[1].ok


def test_same_page_gives_the_same_bytes(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    (one,) = import_pages([RIVER], first)
    (two,) = import_pages([RIVER], second)
    assert Path(one.article).read_bytes() == Path(two.article).read_bytes()


def test_command_line(tmp_path, corpus, capsys):
    assert main(["import", str(HARBOUR), str(GARDEN), "--corpus", str(corpus)]) == 1  # the garden page lacks outlet and date
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == f"{HARBOUR} -> {corpus / 'articles' / 'the-harbour-gazette-2025-03-14-harbour-council-approves-new-ferry.md'}"
    assert f"{GARDEN}: warning: required field 'date' not found" in out
    assert "imported 2 of 2 file(s)" in err
    assert main(["import", str(HARBOUR), "--corpus", str(corpus)]) == 1
    assert "not imported" in capsys.readouterr().err
    assert main(["import", str(HARBOUR), "--corpus", str(corpus), "--force"]) == 0
    for bad in ("March 2025", "2025-13", "2025-02-30"):
        assert main(["import", str(HARBOUR), "--date", bad, "--corpus", str(corpus)]) == 1
        assert "--date must be YYYY, YYYY-MM or YYYY-MM-DD" in capsys.readouterr().err


def test_fragments_and_garbage(tmp_path, corpus):
    fragment = tmp_path / "fragment.html"
    fragment.write_text("<p>The council of the town met again on Monday and agreed to repair the old bridge.</p>"
                        "<p>The work will start in the spring, when the river is low.</p>", encoding="utf-8")
    garbage = tmp_path / "garbage.html"
    garbage.write_bytes(bytes(range(256)) * 20)
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    nav = tmp_path / "nav.html"
    nav.write_text("<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>", encoding="utf-8")
    results = import_pages([fragment, garbage, empty, nav], corpus, outlet="Town Crier", date="2025")
    assert results[0].ok
    assert blocks(read_article(results[0].article)[1]) == [
        "The council of the town met again on Monday and agreed to repair the old bridge.",
        "The work will start in the spring, when the river is low."]
    assert [r.article for r in results[1:]] == [None, None, None]
    assert all(r.problem for r in results[1:])
    assert sorted(p.name for p in (corpus / "articles").iterdir()) == ["town-crier-2025-fragment.md"]
    assert check_problems(corpus) == []
