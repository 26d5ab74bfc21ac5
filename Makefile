# Two commands for a newcomer: `make figures` and `make test`. Both create .venv if needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: figures test unit nbval lint lab report bench check clean-venv validate-quotes

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

figures: $(STAMP)
	$(BIN)/python -m analysis figures

test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest tests -q
	$(BIN)/python -m pytest -q -p no:cacheprovider --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg

lint: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/python -m pytest tests -q

nbval: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg

check: $(STAMP)
	$(BIN)/python -m analysis check corpus

report: $(STAMP)
	$(BIN)/python -m analysis report

bench: $(STAMP)
	$(BIN)/python -m analysis bench

# JupyterLab opens copies in lab/ (git-ignored, made once, never overwritten), so autosave never
# dirties the committed notebooks; `make figures` regenerates those.
lab: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,lab]'
	mkdir -p lab
	for nb in notebooks/*.ipynb; do test -e lab/$$(basename $$nb) || cp $$nb lab/; done
	$(BIN)/jupyter lab lab

# Outside gold (not part of `make test`: CI cannot fetch it). Needs the PolNeAR repository
# (github.com/networkdynamics/PolNeAR) at POLNEAR; texts and gold stay in validation/.data/.
POLNEAR ?= /work/.mirror/networkdynamics+PolNeAR/repo
SPLIT ?= dev
validate-quotes: $(STAMP)
	test -d validation/.data/polnear/gold || $(BIN)/python validation/polnear/convert.py --repo $(POLNEAR)
	$(BIN)/python validation/polnear/score.py --split $(SPLIT)

clean-venv:
	rm -rf $(VENV)
