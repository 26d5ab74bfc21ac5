"""The HTML report: no code, no external resources, article text escaped."""
import re

import nbformat

from analysis import load_corpus
from analysis.present.report import build_report, link_article_ids, sanitize_html
from conftest import MINI_CORPUS


def _notebook_with(tmp_path, html_output: str, text_output: str):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_markdown_cell("# A test page"))
    cell = nbformat.v4.new_code_cell("secret_code_marker = 1")
    cell.outputs = [
        nbformat.v4.new_output("execute_result", data={"text/html": html_output, "text/plain": "x"}, execution_count=1),
        nbformat.v4.new_output("stream", name="stdout", text=text_output),
    ]
    nb.cells.append(cell)
    path = tmp_path / "01_test.ipynb"
    nbformat.write(nb, path)
    return path


def test_report_escapes_article_text_and_drops_code(tmp_path):
    import pandas as pd

    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    table_html = pd.DataFrame({"title": [hostile]}).to_html()
    path = _notebook_with(tmp_path, table_html, hostile)
    index = build_report([path], out_dir=tmp_path / "out", corpus=load_corpus(MINI_CORPUS))
    page = (tmp_path / "out" / "01_test.html").read_text(encoding="utf-8")
    assert index.name == "index.html" and "A test page" in index.read_text(encoding="utf-8")
    assert "secret_code_marker" not in page
    assert "<script" not in page.lower()
    assert not re.search(r"<img[^>]*onerror", page, re.IGNORECASE)
    assert "&lt;script&gt;" in page
    assert not re.search(r"""(?:src|href)=["']?https?://""", page)
    # the page links to the articles behind it
    assert 'href="articles/mini-a.html"' in page and 'href="articles/mini-b.html"' in page


def test_article_ids_in_tables_become_links():
    fragment = "<table><tr><th>0</th><td>mini-a</td><td>mini-a and more</td></tr></table>"
    assert link_article_ids(fragment, ["mini-a"]) == (
        '<table><tr><th>0</th><td><a href="articles/mini-a.html">mini-a</a></td><td>mini-a and more</td></tr></table>')


def test_sanitize_html_removes_handlers_and_scripts():
    dirty = '<div onclick="x()"><script src="http://e/x.js"></script><a href="javascript:evil()">a</a></div>'
    clean = sanitize_html(dirty)
    assert "onclick" not in clean and "<script" not in clean and "javascript:" not in clean
    assert "<a" in clean
