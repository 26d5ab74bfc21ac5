"""An offline HTML report: every notebook as a page without code, one evidence page per article
(`articles/<article_id>.html`, see evidence.py), the codebook of profile columns, and an index.

Every notebook page ends with links to the evidence pages of the articles behind it, and article
ids in its tables link to those pages.

No external scripts, fonts or styles: the CSS is inline and images are embedded (data: URIs), so
the report opens from disk on an air-gapped laptop. Notebook outputs are rendered by nbconvert's
`basic` template; as a second line of defence the generated HTML is rebuilt from an allow-list
of elements and attributes (`sanitize_html`): no script, handler, style, SVG or `javascript:` URL. Article text
reaches the report only through pandas tables and print output, which are HTML-escaped.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat

from ..base import config
from ..base.io import write_text
from ..corpus import Corpus, load_corpus
from ..profiling import codebook
from .evidence import build_article_pages, esc
from .notebooks import notebook_paths, parameters_of

CSS = """
body { font-family: Georgia, 'DejaVu Serif', serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.5; }
nav a { margin-right: 1rem; }
table.dataframe { border-collapse: collapse; font: 0.8rem 'DejaVu Sans', sans-serif; margin: 1rem 0; }
table.dataframe th, table.dataframe td { border: 1px solid #ddd; padding: 0.2rem 0.4rem; text-align: right; }
table.dataframe thead th { background: #f3f3f3; }
pre { background: #f7f7f7; padding: 0.5rem; overflow-x: auto; font-size: 0.8rem; white-space: pre-wrap; }
img { max-width: 100%; height: auto; }
a.anchor-link { display: none; }
.footer { color: #777; font-size: 0.8rem; margin-top: 3rem; }
"""

#: Elements kept (their attributes filtered); any other tag is dropped and its text kept.
ALLOWED_TAGS = frozenset("""a abbr b blockquote br caption cite code col colgroup dd del details div dl dt em
    figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp section small span
    strong sub summary sup table tbody td tfoot th thead tr u ul var""".split())
#: Elements dropped with everything inside them.
DROPPED_WITH_CONTENT = frozenset("""script style iframe frame frameset object embed applet svg math template
    noscript head title meta link base form textarea select option button input audio video source
    canvas""".split())
VOID_TAGS = frozenset("br col hr img".split())
ALLOWED_ATTRIBUTES = frozenset("class id title alt width height colspan rowspan align border start open".split())
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_LINK_SCHEMES = frozenset(("http", "https", "mailto"))
_IMAGE_DATA = re.compile(r"^data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$")


def _safe_url(value: str, image: bool) -> bool:
    """A link to a page (http, https, mailto, relative, #anchor) or an embedded raster image."""
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", value)  # browsers ignore these inside a scheme
    if image:
        return bool(_IMAGE_DATA.match(cleaned))
    scheme = _SCHEME.match(cleaned)
    return scheme is None or scheme.group(1).lower() in _LINK_SCHEMES


class _AllowList(HTMLParser):
    """Rebuilds HTML from an allow-list of elements and attributes; all text re-escaped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping: list[str] = []  # open elements dropped with their content

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            if tag == self.skipping[-1] or tag in DROPPED_WITH_CONTENT and tag not in VOID_TAGS:
                self.skipping.append(tag)
            return
        if tag in DROPPED_WITH_CONTENT:
            if tag not in ("meta", "link", "base", "input", "source"):  # void: nothing to skip
                self.skipping.append(tag)
            return
        if tag not in ALLOWED_TAGS:
            return
        kept = []
        for name, value in attrs:
            value = value or ""
            if name in ALLOWED_ATTRIBUTES or (name == "href" and tag == "a" and _safe_url(value, False)) or (
                    name == "src" and tag == "img" and _safe_url(value, True)):
                kept.append(f' {name}="{html.escape(value, quote=True)}"')
        self.out.append(f"<{tag}{''.join(kept)}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and tag in ALLOWED_TAGS and not self.skipping:
            self.out.append(f"</{tag}>")
        elif self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in ALLOWED_TAGS and tag not in VOID_TAGS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(html.escape(data, quote=False))


def sanitize_html(fragment: str) -> str:
    """`fragment` rebuilt from an allow-list: known formatting elements only, attributes limited to
    layout ones, links to http(s)/mailto/relative targets, images only as embedded PNG/JPEG/GIF/WebP,
    every text re-escaped. Scripts, styles, SVG, frames, forms, event handlers, `javascript:` (however
    encoded), meta refresh and comments are gone."""
    parser = _AllowList()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)


def notebook_html(path: Path) -> tuple[str, str]:
    """(title, body HTML without code cells) of one notebook."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="basic")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    nb = nbformat.read(path, as_version=4)
    body, _ = exporter.from_notebook_node(nb)
    title = path.stem
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.MULTILINE)
            if match:
                title = match.group(1).strip()
                break
    return title, sanitize_html(body)


def _page(title: str, nav: str, body: str, extra_css: str = "") -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n<body>\n"
        f"<nav>{nav}</nav>\n{body}\n"
        "<p class=\"footer\">Generated by the framing-comparison suite from committed notebooks; "
        "no external resources.</p>\n</body>\n</html>\n"
    )


def _selection(path: Path, corpus: Corpus | None) -> list:
    """The articles a notebook shows by default (its parameters cell's corpus, event and outlets)."""
    params = parameters_of(path)
    source = corpus if corpus is not None else load_corpus(params.get("corpus_dir"))
    outlets = params.get("outlets")
    outlets = [outlets] if isinstance(outlets, str) else outlets
    try:
        return sorted(source.select(event=params.get("event"), outlets=outlets).articles, key=lambda a: a.id)
    except ValueError:  # the notebook's default event is not in this corpus: every article
        return sorted(source.articles, key=lambda a: a.id)


def link_article_ids(fragment: str, article_ids: list[str], prefix: str = "articles/") -> str:
    """Turn table cells that hold exactly an article id into links to its evidence page."""
    if not article_ids:
        return fragment
    ids = "|".join(re.escape(html.escape(i)) for i in sorted(article_ids, key=len, reverse=True))
    cell = re.compile(rf"(<t[dh][^>]*>)\s*({ids})\s*(</t[dh]>)")
    return cell.sub(lambda m: f'{m.group(1)}<a href="{prefix}{m.group(2)}.html">{m.group(2)}</a>{m.group(3)}', fragment)


def _articles_behind(articles: list) -> str:
    items = "\n".join(f'<li><a href="articles/{esc(a.id)}.html">{esc(a.outlet)} · {esc(a.date)} · '
                      f"{esc(a.title or a.id)}</a></li>" for a in articles)
    return ("<h2>The articles behind this page</h2>\n<p>Each page shows the full text with every quote, "
            "hedge, booster, distancing cue, actor mention and sentence tone marked.</p>\n"
            f"<ul>\n{items}\n</ul>")


def build_report(notebooks: list[Path] | None = None, out_dir: Path | None = None,
                 corpus: Corpus | None = None) -> Path:
    """Write `reports/<notebook>.html` for every notebook, `reports/articles/<id>.html` for every
    article of `corpus` (None: the bundled corpus), `reports/codebook.html` and `reports/index.html`;
    returns the index."""
    out_dir = out_dir or config.REPORTS_DIR
    notebooks = notebooks if notebooks is not None else notebook_paths()
    corpus = corpus if corpus is not None else load_corpus()
    article_ids = [a.id for a in corpus.articles]
    pages = []
    for path in notebooks:
        title, body = notebook_html(path)
        body = link_article_ids(body, article_ids) + "\n" + _articles_behind(_selection(path, corpus))
        pages.append((path.stem + ".html", title, body))
    nav = "<a href=\"index.html\">Index</a>" + "".join(
        f"<a href=\"{html.escape(name)}\">{html.escape(name.split('_', 1)[0])}</a>" for name, _, _ in pages) + \
        "<a href=\"articles/index.html\">Articles</a><a href=\"codebook.html\">Codebook</a>"
    for name, title, body in pages:
        write_text(out_dir / name, _page(title, nav, body))
    article_nav = nav.replace('href="', 'href="../')
    written = build_article_pages(corpus, out_dir, lambda t, css, b: _page(t, article_nav, b, css))
    write_text(out_dir / "codebook.html", _page("Codebook", nav, (
        "<h1>Codebook: every column of the profile</h1>\n<p>One row per article "
        "(<code>analysis.profile</code>); a name with &lt;group&gt;, &lt;code&gt;, &lt;category&gt; or "
        "&lt;kind&gt; stands for every column of that shape. Generated from "
        "<code>analysis/data/codebook.yaml</code>.</p>\n" + codebook.html_table())))
    items = "\n".join(f"<li><a href=\"{html.escape(name)}\">{html.escape(title)}</a></li>" for name, title, _ in pages)
    article_items = "\n".join(f'<li><a href="articles/{esc(f)}">{esc(a.outlet)} · {esc(a.date)} · '
                               f"{esc(a.title or a.id)}</a></li>" for a, f in written)
    index = ("<h1>How outlets framed Lee Jae-myung's reset with China</h1>\n"
             "<p>Each page is one notebook of the suite, with its tables and figures and without code.</p>\n"
             f"<ul>\n{items}\n</ul>\n"
             "<h2>Articles</h2>\n<p>The evidence behind every number: each article in full, with its quotes, "
             "cues, mentions and sentence tone marked.</p>\n"
             f"<ul>\n{article_items}\n</ul>\n"
             "<p><a href=\"codebook.html\">Codebook</a>: what every column of the profile measures.</p>")
    index_path = out_dir / "index.html"
    write_text(index_path, _page("Framing-comparison report", nav, index))
    return index_path
