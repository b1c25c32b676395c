# Newcomer entry points: `make run` (set up + run on the sample corpus), `make test`.
VENV := .venv
PYTHON ?= python3
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export PYTHONHASHSEED := 0

.PHONY: setup compile run repro train test bench bench-cluster bench-ocr clean eval-real

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -c constraints.txt -e '.[test,cluster,cache-url]'
	# nlp-id only for its POS corpus (data file): its pinned dependencies would break spaCy's.
	$(VENV)/bin/pip install -q --disable-pip-version-check --no-deps nlp-id==0.1.23.0
	touch $@

setup: $(VENV)/.installed

# byte-compile the package up front: every DVC stage is a fresh process, and where the environment
# sets PYTHONDONTWRITEBYTECODE each of them would compile the package's source again
compile: setup
	$(VENV)/bin/python -m compileall -q pipeline

run: compile
	dvc repro
	kotakembar summary extracted

# `dvc repro` with the venv on PATH (the stages call `kotakembar`); or `. .venv/bin/activate` first
repro: compile
	dvc repro

# the tagger and the NER: not used by the default pipeline (`annotate.places: rules`), so not in `make run`
train: compile
	dvc repro training/dvc.yaml

test: setup
	ruff check pipeline tests scripts benchmarks
	pytest -q -p no:cacheprovider -n 2 --dist loadfile; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$rc

# the real-text corpus: texts restored into gold/real/texts (gold/README.md); test gives scores only
eval-real: compile
	test -f models/gazetteer/gazetteer.msgpack || dvc repro gazetteer
	kotakembar real check
	kotakembar real eval dev --metrics metrics/real_dev.json --errors metrics/real_dev_errors.md --by genre
	kotakembar real eval test --metrics metrics/real_test.json --by genre

bench: compile
	python benchmarks/bench.py

# words/s on 1, 2, 4 Dask worker processes vs the local --jobs path, and a separate scheduler + 2 workers (docs/scaling.md)
bench-cluster: compile
	test -f models/gazetteer/gazetteer.msgpack || dvc repro gazetteer
	python benchmarks/cluster_bench.py --gazetteer models/gazetteer

# the real dev texts as scans (Tesseract from Debian, texts restored into gold/real/texts), scored beside the text path
bench-ocr: compile
	test -f models/gazetteer/gazetteer.msgpack || dvc repro gazetteer
	python benchmarks/ocr_bench.py

# build state only: extracted/ and metrics/ are tracked (the sample corpus's tables and scores)
clean:
	rm -rf interim models reports .dvc/tmp
