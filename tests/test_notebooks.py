"""The notebook runner: parameters validated up front, one notebook into another directory,
volatile metadata stripped, and 05_compare run with non-default parameters."""
import json
import subprocess
import sys

import nbformat
import pytest

from analysis.base import config
from analysis.present.notebooks import notebook_paths, parameters_of, strip_volatile, validate_parameters
from conftest import BUNDLED_CORPUS

NOTEBOOKS = ["00_corpus", "01_sentiment", "02_hedging", "03_quotes", "04_emphasis", "05_compare", "06_words"]


def test_every_notebook_is_numbered_and_has_one_parameters_cell():
    assert [p.stem for p in notebook_paths()] == NOTEBOOKS
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, path.name
        assert nb.metadata.kernelspec.name == "python3"
        assert nb.cells[0].cell_type == "markdown"
        params = parameters_of(path)
        assert {"corpus_dir", "event", "outlets", "figures_dir"} <= set(params), path.name


def test_committed_notebooks_have_outputs_and_no_volatile_metadata():
    for path in notebook_paths():
        raw = json.loads(path.read_text(encoding="utf-8"))
        assert "papermill" not in raw["metadata"], path.name
        code = [c for c in raw["cells"] if c["cell_type"] == "code"]
        assert any(c.get("outputs") for c in code), path.name
        for cell in code:
            assert "execution" not in cell["metadata"] and "papermill" not in cell["metadata"]
            for output in cell.get("outputs", []):
                assert output.get("output_type") != "error", (path.name, output)


def test_strip_volatile_removes_timings():
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"start_time": "x"}
    cell = nbformat.v4.new_code_cell("1")
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    cell.metadata["papermill"] = {"duration": 1.0}
    nb.cells.append(cell)
    strip_volatile(nb)
    assert "papermill" not in nb.metadata
    assert cell.metadata == {}


def test_unknown_outlet_and_event_list_valid_names():
    path = config.NOTEBOOKS_DIR / "05_compare.ipynb"
    with pytest.raises(ValueError, match="valid outlets: China Daily Brief, Focus"):
        validate_parameters(path, {"outlets": ["Nonexistent Daily"], "corpus_dir": str(BUNDLED_CORPUS)})
    with pytest.raises(ValueError, match="valid events: .*beijing-summit-2026-01-05"):
        validate_parameters(path, {"event": "moon-landing", "corpus_dir": str(BUNDLED_CORPUS)})
    with pytest.raises(ValueError, match="unknown parameter"):
        validate_parameters(path, {"colour": "red"})


def test_parameters_of_the_wrong_type_or_missing_paths_are_refused(tmp_path):
    emphasis = config.NOTEBOOKS_DIR / "04_emphasis.ipynb"
    with pytest.raises(ValueError, match="prominence_weights must be a dict"):
        validate_parameters(emphasis, {"prominence_weights": 3})
    with pytest.raises(ValueError, match="parameter outlets must be a list of outlet names or null, not 42"):
        validate_parameters(emphasis, {"outlets": 42})
    hedging = config.NOTEBOOKS_DIR / "02_hedging.ipynb"
    missing = str(tmp_path / "nope.yaml")
    with pytest.raises(ValueError, match=r"02_hedging.ipynb: parameter lexicon: no such file or directory .*nope.yaml"):
        validate_parameters(hedging, {"lexicon": missing})
    with pytest.raises(ValueError, match="parameter corpus_dir: no such file"):
        validate_parameters(hedging, {"corpus_dir": str(tmp_path / "absent")})
    validate_parameters(hedging, {"lexicon": str(config.HEDGES_FILE)})  # an existing lexicon is fine
    validate_parameters(emphasis, {"prominence_weights": {"title": 5.0}, "figures_dir": str(tmp_path / "new")})


def test_every_notebook_has_a_knob_of_its_own_beyond_selection():
    common = {"corpus_dir", "event", "outlets", "figures_dir"}
    own = {p.stem: set(parameters_of(p)) - common for p in notebook_paths()}
    assert own["01_sentiment"] == {"actor_groups"}
    assert own["02_hedging"] == {"lexicon"}
    assert own["03_quotes"] == {"voiced_kinds"}
    assert own["04_emphasis"] == {"prominence_weights"}
    assert own["05_compare"] == {"topics_file"}
    assert own["06_words"] == {"min_count", "quotes_across_events"}


def test_cli_rejects_unknown_outlet_without_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "figures", "--notebook", "05_compare", "-p", "outlets", "[Nowhere Times]",
         "-p", "corpus_dir", str(BUNDLED_CORPUS),
         "--out-dir", str(tmp_path)], capture_output=True, text=True, cwd=config.PROJECT_ROOT)
    assert result.returncode != 0
    assert "Nowhere Times" in result.stderr and "valid outlets:" in result.stderr and "WaL" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())


def test_compare_notebook_runs_with_other_event_and_outlets(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "figures", "--notebook", "05_compare", "-p", "event", "null",
         "-p", "outlets", "[China Daily Brief, WaL]", "-p", "corpus_dir", str(BUNDLED_CORPUS), "--out-dir", str(tmp_path)],
        capture_output=True, text=True, cwd=config.PROJECT_ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "05_compare" in result.stderr
    executed = nbformat.read(tmp_path / "05_compare.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "WaL" in injected[0].source
    figure_csv = tmp_path / "figures" / "05-framing-fingerprint.csv"
    figure_png = tmp_path / "figures" / "05-framing-fingerprint.png"
    assert figure_png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    import pandas as pd

    data = pd.read_csv(figure_csv)
    assert sorted(data["outlet"].unique()) == ["China Daily Brief", "WaL"]
    # The committed notebook and figures are untouched by a run into another directory.
    committed = nbformat.read(config.NOTEBOOKS_DIR / "05_compare.ipynb", as_version=4)
    assert not [c for c in committed.cells if "injected-parameters" in c.metadata.get("tags", [])]
