"""Every path the package uses, built from the project root (never the current directory)."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROJECT_ROOT = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"
CORPUS_DIR = PROJECT_ROOT / "corpus"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
FIGURES_DIR = PROJECT_ROOT / "figures"
REPORTS_DIR = PROJECT_ROOT / "reports"

ACTORS_FILE = DATA_DIR / "actors.yaml"
HEDGES_FILE = DATA_DIR / "hedges.yaml"
SPEECH_VERBS_FILE = DATA_DIR / "speech_verbs.yaml"
GIVEN_NAMES_FILE = DATA_DIR / "given_names.yaml"
AFFILIATIONS_FILE = DATA_DIR / "affiliations.yaml"
COUNTRIES_FILE = DATA_DIR / "countries.yaml"
SYLLABLES_FILE = DATA_DIR / "syllables.json.gz"
STOPWORDS_FILE = DATA_DIR / "stopwords.yaml"

#: Fixed seed for every bootstrap, so intervals are byte-identical run to run.
BOOTSTRAP_SEED = 20260105
BOOTSTRAP_RESAMPLES = 2000
