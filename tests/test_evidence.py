"""Evidence pages (analysis/present/evidence.py): one page per article, every quote marked with its
speaker and affiliation, cues, mentions and sentence tone, everything escaped, elements well nested."""
from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser

import pytest

import analysis
from analysis.present import evidence
from analysis.present.evidence import Mark, render_marked
from analysis.present.report import build_report
from conftest import BUNDLED_CORPUS, MINI_CORPUS

VOID = {"meta", "br", "img", "hr", "link", "input"}


class Elements(HTMLParser):
    """Collects every element's attributes and text content, and checks that tags nest properly."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[list] = []
        self.done: list[tuple[str, dict, str]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append([tag, dict(attrs), []])

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        name, attrs, text = self.stack.pop()
        content = "".join(text)
        self.done.append((name, attrs, content))
        if self.stack:
            self.stack[-1][2].append(content)

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][2].append(data)

    def with_class(self, cls: str) -> list[tuple[dict, str]]:
        """Marks of the article (legend swatches, which carry no data-rule, left out)."""
        return [(a, t) for _, a, t in self.done if cls in (a.get("class") or "").split()
                and ("data-rule" in a or cls not in ("quote", "cue"))]


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    assert parser.errors == [] and parser.stack == [], parser.errors[:5]
    return parser


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    corpus = analysis.load_corpus(BUNDLED_CORPUS)
    build_report([], out_dir=out, corpus=corpus)
    return out, corpus


def test_one_page_per_article_with_every_quote_marked(report):
    out, corpus = report
    table = analysis.quotes(corpus)
    assert len(table) == 41
    for article in corpus.articles:
        page = (out / "articles" / f"{article.id}.html").read_text(encoding="utf-8")
        marked = parse(page).with_class("quote")
        found = {(t, a["data-speaker"], a["data-affiliation"], a["data-kind"]) for a, t in marked}
        rows = table[table["article_id"] == article.id]
        expected = {(r.quote, r.speaker if isinstance(r.speaker, str) else "",
                     r.affiliation if isinstance(r.affiliation, str) else "", r.kind) for r in rows.itertuples()}
        assert found == expected, article.id
        assert len(marked) == len(rows), article.id


def test_page_marks_cues_mentions_and_every_sentence_in_full(report):
    out, corpus = report
    article = corpus.get("focus-2026-01-summit")
    page = (out / "articles" / "focus-2026-01-summit.html").read_text(encoding="utf-8")
    elements = parse(page)
    cues = elements.with_class("cue")
    assert [t for a, t in cues if a["data-kind"] == "hedge" and a["data-voice"] == "narrator"] == \
        ["appear", "appear", "appeared"]
    assert all(a["data-rule"] for a, _ in cues)
    mentions = elements.with_class("mention")
    assert sum(a.get("data-group") == "us" for a, _ in mentions) >= 2
    doc = analysis.Doc.from_article(article)
    rows = [t for n, a, t in elements.done if n == "tr" and a.get("id", "").startswith("s")]
    assert len(rows) == len(doc.text_sentences) == 35
    for sentence in doc.text_sentences:  # the sentence table holds every sentence, never cut
        assert html.escape(article.body[sentence.start:sentence.end], quote=True) in page
    tones = [a for a, _ in elements.with_class("sentence")]
    assert {a["data-sentence"] for a in tones} == {str(s.index) for s in doc.text_sentences}
    assert any("tone-neg" in a["class"] for a in tones) and any("tone-pos" in a["class"] for a in tones)
    assert "Legend." in page and "<th>news tone</th>" in page and "<th>VADER compound</th>" in page
    # the underline is the news tone of each sentence: their mean is the profile's tone_mean
    per_sentence = {a["data-sentence"]: float(a["data-tone"]) for a in tones}
    row = analysis.profile(corpus.select(outlets=["Focus"])).iloc[0]
    assert sum(per_sentence.values()) / len(per_sentence) == pytest.approx(row["tone_mean"], abs=1e-4)
    toward = [float(a["data-tone-toward"]) for a, _ in mentions if a.get("data-group") == "china"
              and "data-tone-toward" in a]
    assert len(toward) == row["n_tone_toward_china"]


def test_report_pages_link_to_the_articles_and_codebook(report):
    out, corpus = report
    index = (out / "index.html").read_text(encoding="utf-8")
    for article in corpus.articles:
        assert f'href="articles/{article.id}.html"' in index
    assert 'href="codebook.html"' in index
    codebook_page = (out / "codebook.html").read_text(encoding="utf-8")
    assert "<code>hedge_rate</code>" in codebook_page and "per 1,000 narrator words" in codebook_page


def test_hostile_article_text_is_escaped_at_the_source(tmp_path):
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(MINI_CORPUS, corpus_dir)
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    article_path = corpus_dir / "articles" / "mini-a.md"
    text = article_path.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    front = re.sub(r"^title: .*$", "title: 'Title " + hostile.replace("'", "''") + "'", front, flags=re.M)
    body = body.rstrip() + f'\n\nThe minister said "{hostile} is a quote" on Monday. Critics {hostile} may disagree.\n'
    article_path.write_text(front + "\n---\n" + body, encoding="utf-8")
    article_path.write_text(re.sub(r"^source: .*\n", "", article_path.read_text(encoding="utf-8"), flags=re.M),
                            encoding="utf-8")  # the hostile lines are not in the raw file
    front_b = (corpus_dir / "articles" / "mini-b.md").read_text(encoding="utf-8")
    (corpus_dir / "articles" / "mini-b.md").write_text(
        re.sub(r"^outlet: .*$", f"outlet: '{hostile}'", front_b, count=1, flags=re.M), encoding="utf-8")
    corpus = analysis.load_corpus(corpus_dir)
    build_report([], out_dir=tmp_path / "out", corpus=corpus)
    pages = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "out").rglob("*.html"))]
    assert len(pages) == 5  # index, codebook, articles/index and two article pages
    for page in pages:
        assert "<script" not in page.lower()
        assert not re.search(r"<img", page, re.IGNORECASE)
        parse(page)
    article_page = (tmp_path / "out" / "articles" / "mini-a.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article_page
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in article_page


def test_render_marked_keeps_outer_elements_whole_and_splits_inner_ones():
    text = 'He said "a b c" then d.'
    marks = [Mark(9, 14, 0, "q", ()), Mark(0, 11, 1, "s", (("class", "x<y"),)), Mark(11, 23, 1, "s", ())]
    out = render_marked(text, marks)
    assert out == ('<s class="x&lt;y">He said &quot;</s><q><s class="x&lt;y">a </s><s>b c</s></q>'
                   '<s>&quot; then d.</s>')


def test_a_sentence_scorer_adds_a_column(tmp_path, monkeypatch):
    monkeypatch.setitem(evidence.SENTENCE_SCORERS, "fake", ("fake tone", lambda doc: {0: 0.5}))
    corpus = analysis.load_corpus(MINI_CORPUS)
    title, body = evidence.article_html(corpus.articles[0])
    assert "<th>fake tone</th>" in body and "+0.500" in body
