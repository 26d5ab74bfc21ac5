"""The codebook (analysis/profiling/codebook.py, analysis/data/codebook.yaml) covers every profile column."""
from __future__ import annotations

import pytest

import analysis
from analysis.base import config
from analysis.profiling import codebook
from conftest import BUNDLED_CORPUS, MINI_CORPUS, run_cli


@pytest.fixture(scope="module")
def columns() -> list[str]:
    return list(analysis.profile(analysis.load_corpus(BUNDLED_CORPUS)).columns)


def test_every_profile_column_is_in_the_codebook(columns):
    assert len(columns) >= 69
    assert codebook.missing_columns(columns) == []


def test_a_column_without_an_entry_is_reported(columns):
    assert codebook.missing_columns(columns + ["mystery_index"]) == ["mystery_index"]


def test_patterns_cover_new_groups_and_codes_but_exact_names_win():
    assert codebook.entry_for("sentiment_mean").name == "sentiment_mean"
    assert codebook.entry_for("sentiment_mongolia").name == "sentiment_<group>"
    assert codebook.entry_for("voice_share_FR").name == "voice_share_<code>"
    assert codebook.entry_for("voice_share_other_states").name == "voice_share_<code>"
    assert codebook.entry_for("china_mentions").name == "china_mentions"
    assert codebook.entry_for("mongolia_mentions").name == "<group>_mentions"
    assert codebook.entry_for("hedge_rate_quoted").voice == "quoted"
    assert codebook.entry_for("hedge_rate_modal").name == "hedge_rate_<category>"
    assert codebook.entry_for("nothing_like_it") is None


def test_every_entry_is_complete_and_units_say_the_scale():
    entries = codebook.load_codebook()
    assert all(e.definition and e.unit and e.rule and e.module.startswith("analysis") for e in entries)
    assert codebook.entry_for("hedge_rate").unit == "per 1,000 narrator words"
    assert codebook.entry_for("china_share").unit == "share, 0..1"


def test_an_incomplete_entry_is_refused(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text("columns:\n  - name: x\n    definition: d\n    unit: u\n    voice: narrator\n    module: m\n")
    with pytest.raises(ValueError, match=r"entry 1 \('x'\) lacks rule"):
        codebook.load_codebook(path)


def test_readme_table_is_generated_from_the_codebook():
    readme = (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert codebook.readme_section(readme) == readme, "run: python -m analysis columns --write-readme"
    assert "| `voice_share_<code>` |" in readme


def test_html_table_escapes_pattern_names():
    page = codebook.html_table()
    assert "<code>voice_share_&lt;code&gt;</code>" in page and "<group>" not in page


def test_columns_command_prints_the_codebook_and_checks_a_corpus():
    result = run_cli("columns", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == codebook.markdown_table()
    result = run_cli("columns", "--corpus", MINI_CORPUS)
    assert result.returncode == 0, result.stderr
    assert "hedge_rate  [per 1,000 narrator words; narrator]" in result.stdout
