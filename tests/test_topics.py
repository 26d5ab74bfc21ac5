from analysis import load_corpus
from analysis.text import Doc
from analysis.metrics.topics import coverage, load_topics, topic_evidence

from conftest import BUNDLED_CORPUS


def _doc(text: str) -> Doc:
    return Doc.from_text(text)


def test_topics_load_with_labels():
    ids = [t.id for t in load_topics()]
    assert ids == ["thaad_culture", "yellow_sea", "north_korea_nuclear", "taiwan", "trade_business", "us_alliance"]


def test_evidence_spans_point_at_the_matched_term():
    body = "Seoul raised the THAAD dispute. Nothing else happened here."
    evidence = topic_evidence(_doc(body))
    assert list(evidence["topic"]) == ["thaad_culture"]
    row = evidence.iloc[0]
    assert body[row["start"]:row["end"]] == "THAAD"
    assert row["sentence"] == 0


def test_taiwan_is_case_sensitive_and_plural_alliances_count():
    evidence = topic_evidence(_doc("He spoke of taiwanese tea. Existing alliances matter."))
    assert list(evidence["topic"]) == ["us_alliance"]


def test_bundled_corpus_coverage_matrix():
    docs = [Doc.from_article(a) for a in load_corpus(BUNDLED_CORPUS)]
    matrix = coverage(docs).set_index("article_id")
    # Only the two summit reports mention the Yellow Sea structures; the press-conference piece
    # mentions none of THAAD, the Yellow Sea, North Korea's weapons or Taiwan.
    assert matrix["yellow_sea"].to_dict() == {
        "cdb-2026-01-21-press-conference": 0, "focus-2026-01-summit": 2,
        "unnamed002-2026-01-cctv-interview": 0, "unnamed003-2026-01-summit": 1,
        "wal-2025-06-phone-call": 0,
    }
    assert matrix.loc["cdb-2026-01-21-press-conference", ["thaad_culture", "north_korea_nuclear", "taiwan"]].sum() == 0
    assert matrix.loc["focus-2026-01-summit", "north_korea_nuclear"] == 4
    assert matrix.loc["unnamed002-2026-01-cctv-interview", "us_alliance"] == 1
