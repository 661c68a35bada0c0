# make run  : the whole service on http://127.0.0.1:8000 (ZAAKSTATUS_PORT), with moto and a Twilio stand-in
# make test : the static checks (make check), then the test suite
# make check: ruff lint, ruff format --check, mypy, lint-imports (.importlinter), failing at the first
# make venv : the virtualenv from the dev lock (requirements-dev.txt), reinstalled when a lock file changed
# make lock : regenerate both lock files with pip-compile (pip-tools) after editing requirements.in or
#             requirements-dev.in. Existing pins are kept unless a changed requirement needs otherwise;
#             `make lock LOCK_FLAGS=--upgrade` moves everything to the newest allowed versions, and
#             `make lock LOCK_FLAGS='--upgrade-package NAME'` one package. Commit the .in and .txt together.
#             requirements.txt (runtime only) is what `chalice package` deploys; requirements-dev.txt
#             pins everything, constrained by requirements.txt so shared packages match. pip and
#             setuptools are not pinned: they come with the virtualenv.
# make clean: remove the virtualenv and caches
# make package: the SAM template for AWS in out/ (chalice package + infra/resources.yaml); see README "Deploy"
# make bench: DynamoDB units, latency, import times, end-to-end speed, CPU and cost (docs/performance.md)
# make fuzz : Schemathesis for a long run (FUZZ_EXAMPLES per operation, default 700, random seed):
#             all phases, >= 50,000 requests, 0 answers of 5xx (15-45 minutes on 2 shared cores)
# make soak : the proofs at full size, figures printed: 10,000 mutated JWTs, 10,000 replays and
#             redeliveries, throttling and SQS failures at every call of three event paths (~35 min)

PYTHON_BOOT := $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements.stamp

.PHONY: run test check lock clean venv browser-deps package bench fuzz soak

venv: $(STAMP)

$(PY):
	$(PYTHON_BOOT) -m venv $(VENV)

# Install the dev lock (runtime + tools, every package pinned); reinstall only when a lock file
# changed since the last install.
$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m local

# The suite on every core (pytest-xdist); a module's tests stay on one worker, so a module's
# shared fixture (a local run, moto with the app) is built once. The Schemathesis module runs on
# its own afterwards: its generated tests share one node id, which xdist cannot tell apart.
FUZZ := tests/security/test_fuzz.py
test: $(STAMP) check browser-deps
	$(PY) -m pytest -n auto --dist loadscope --deselect $(FUZZ)
	$(PY) -m pytest $(FUZZ)

# Configuration: [tool.ruff] and [tool.mypy] in pyproject.toml, contracts in .importlinter.
check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-logo
	$(PY) tools/count_cycles.py
	$(PY) tools/check_sizes.py

# Not a file rule on purpose: a lock is regenerated only when asked (it resolves against PyPI).
# The runtime lock first, because requirements-dev.in is constrained by it.
LOCK_FLAGS ?=
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet --strip-extras \
	--no-allow-unsafe --no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(LOCK_FLAGS)
lock: $(STAMP)
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache test-artifacts out
	find . \( -path ./.git -o -path ./$(VENV) \) -prune -o -name __pycache__ -type d -exec rm -rf {} +

# Debian's Chromium for the browser tests (tests/browser), installed only when missing; Playwright
# drives it and never downloads a browser of its own. Needs root or sudo (CI runs as root).
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

browser-deps: $(CHROMIUM)

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

# Chalice keeps the Lambda-platform wheels it downloads in the git-ignored .chalice/deployments.
package: $(STAMP)
	rm -rf out
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-eu-west-1} $(VENV)/bin/chalice package --stage prod \
		--merge-template infra/resources.yaml --template-format yaml out
	$(VENV)/bin/cfn-lint out/sam.yaml

# Not part of `make test`: it measures and prints (15–25 minutes on 2 cores).
bench: $(STAMP)
	$(PY) -m bench

# The same Schemathesis test `make test` runs (tests/security/test_fuzz.py), with many more
# examples per operation, a random seed instead of the reproducible one, and a floor of
# FUZZ_MIN_REQUESTS requests; its last test prints the requests sent, the 5xx answers and the time.
# Requests grow by about 71 per example (plus about 4,900 from the coverage and stateful phases):
# measured, FUZZ_EXAMPLES=500 sent 40,346 requests, 0 answered 5xx, in 31 minutes (11 CPU minutes)
# on a shared 2-core machine under a load of about 10; the default 700 sent 53,490, 0 answered
# 5xx, in 15 minutes (13 CPU minutes, the machine nearly idle).
FUZZ_EXAMPLES ?= 700
FUZZ_MIN_REQUESTS ?= 50000
fuzz: $(STAMP)
	ZAAKSTATUS_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) ZAAKSTATUS_FUZZ_MIN_REQUESTS=$(FUZZ_MIN_REQUESTS) \
		$(PY) -m pytest tests/security/test_fuzz.py -p no:cacheprovider -s

# The proofs `make test` runs small (tests/proofs.py), with the counts raised; one module per
# core. The JWT mutants get a random seed here instead of the reproducible one.
# The figures are collected in test-artifacts/soak.txt and printed at the end with the duration.
SOAK := tests/security/test_jwt_generated.py tests/property/test_replays.py tests/property/test_fault_injection.py \
	tests/integration/test_local_api_bursts.py tests/e2e/test_local_run_stops.py
SOAK_REPORT := test-artifacts/soak.txt
soak: $(STAMP)
	mkdir -p test-artifacts && rm -f $(SOAK_REPORT)
	start=$$(date +%s); \
	ZAAKSTATUS_SOAK_REPORT=$(SOAK_REPORT) ZAAKSTATUS_SOAK_JWT_RANDOM=10000 \
	ZAAKSTATUS_SOAK_SERIAL_REPLAYS=2000 \
	ZAAKSTATUS_SOAK_PARALLEL_EVENTS=50 ZAAKSTATUS_SOAK_PARALLEL_THREADS=16 \
	ZAAKSTATUS_SOAK_REDELIVERY_EVENTS=300 ZAAKSTATUS_SOAK_REDELIVERY_COPIES=12 \
	ZAAKSTATUS_SOAK_FAULT_KINDS="new case,next status,closing" \
	ZAAKSTATUS_BURST_REQUESTS=1000 ZAAKSTATUS_STOP_RUNS=300 \
		$(PY) -m pytest $(SOAK) -n 2 --dist loadscope -p no:cacheprovider -p no:logging -q; status=$$?; \
	cat $(SOAK_REPORT) 2>/dev/null; echo "soak: $$(( $$(date +%s) - start )) s"; exit $$status
