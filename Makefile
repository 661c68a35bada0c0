# make run  : the whole service on http://127.0.0.1:8000 (ZAAKSTATUS_PORT), with moto and a Twilio stand-in
# make test : the test suite
# make clean: remove the virtualenv and caches

PYTHON_BOOT := $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements.stamp

.PHONY: run test clean venv

venv: $(STAMP)

$(PY):
	$(PYTHON_BOOT) -m venv $(VENV)

# Reinstall only when a requirements file changed since the last install.
$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m local

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
	find . \( -path ./.git -o -path ./$(VENV) \) -prune -o -name __pycache__ -type d -exec rm -rf {} +
