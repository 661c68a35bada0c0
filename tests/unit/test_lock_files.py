"""The lock files: a fresh clone installs exactly the versions CI tested, and Lambda gets runtime packages only.

requirements.in and requirements-dev.in name what the project needs; `make lock` (pip-compile) pins
them and everything they pull in into requirements.txt (what `chalice package` deploys) and
requirements-dev.txt (what `make venv` installs). These tests read the files; no network.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_IN = ROOT / "requirements.in"
DEV_IN = ROOT / "requirements-dev.in"
RUNTIME_LOCK = ROOT / "requirements.txt"
DEV_LOCK = ROOT / "requirements-dev.txt"
LOCKS = [RUNTIME_LOCK, DEV_LOCK]
# Lines that make pip read another file or install a checkout instead of a pinned release.
INCLUDE_OPTION = re.compile(r"(-r|-c|-e|--requirement|--constraint|--editable)(\s|=|$)")


def logical_lines(path: Path) -> list[str]:
    """The file's lines without comments and blanks, continuation lines (ending in \\) joined."""
    lines: list[str] = []
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = (pending + line).strip()
        pending = ""
        if line:
            lines.append(line)
    return lines


def requirements(path: Path) -> list[Requirement]:
    """The requirement lines of a pip requirements file; option lines (-r, -c, --hash...) are left out."""
    return [Requirement(line.split(" --hash")[0]) for line in logical_lines(path) if not line.startswith("-")]


def names(path: Path) -> set[NormalizedName]:
    return {canonicalize_name(requirement.name) for requirement in requirements(path)}


def pins(path: Path) -> dict[NormalizedName, str]:
    """Package name to the exact version the lock pins (only for lines pinned with ==)."""
    pinned: dict[NormalizedName, str] = {}
    for requirement in requirements(path):
        specifiers = list(requirement.specifier)
        if len(specifiers) == 1 and specifiers[0].operator == "==":
            pinned[canonicalize_name(requirement.name)] = specifiers[0].version
    return pinned


def test_every_runtime_requirement_is_pinned_in_the_lock() -> None:
    missing = sorted(names(RUNTIME_IN) - set(pins(RUNTIME_LOCK)))
    assert not missing, f"in requirements.in but not pinned in requirements.txt (run `make lock`): {missing}"


def test_every_dev_requirement_is_pinned_in_the_dev_lock() -> None:
    missing = sorted((names(RUNTIME_IN) | names(DEV_IN)) - set(pins(DEV_LOCK)))
    assert not missing, f"in the .in files but not pinned in requirements-dev.txt (run `make lock`): {missing}"


@pytest.mark.parametrize("lock", LOCKS, ids=lambda path: path.name)
def test_every_package_in_a_lock_is_pinned_to_one_exact_version(lock: Path) -> None:
    loose = [
        str(requirement)
        for requirement in requirements(lock)
        if [specifier.operator for specifier in requirement.specifier] != ["=="]
        or "*" in str(requirement.specifier)
        or requirement.url
    ]
    assert requirements(lock), f"{lock.name} pins nothing"
    assert not loose, f"{lock.name} has requirements not pinned with ==: {loose}"


@pytest.mark.parametrize("lock", LOCKS, ids=lambda path: path.name)
def test_a_lock_installs_nothing_from_another_file_or_a_checkout(lock: Path) -> None:
    includes = [line for line in logical_lines(lock) if INCLUDE_OPTION.match(line)]
    assert not includes, f"{lock.name} must list every package itself: {includes}"


@pytest.mark.parametrize("lock", LOCKS, ids=lambda path: path.name)
def test_a_lock_pins_each_package_once(lock: Path) -> None:
    seen = [canonicalize_name(requirement.name) for requirement in requirements(lock)]
    duplicates = sorted({name for name in seen if seen.count(name) > 1})
    assert not duplicates, f"{lock.name} pins these more than once: {duplicates}"


def test_the_dev_lock_has_the_runtime_versions_that_lambda_deploys() -> None:
    runtime, dev = pins(RUNTIME_LOCK), pins(DEV_LOCK)
    different = {name: (version, dev.get(name)) for name, version in runtime.items() if dev.get(name) != version}
    assert not different, f"requirements.txt version vs requirements-dev.txt version (run `make lock`): {different}"


def test_the_runtime_lock_deploys_no_dev_tool() -> None:
    dev_only = names(DEV_IN) - names(RUNTIME_IN)
    deployed = sorted(dev_only & set(pins(RUNTIME_LOCK)))
    assert not deployed, f"dev tools in requirements.txt, which `chalice package` deploys: {deployed}"


def test_make_installs_the_dev_lock_and_reinstalls_when_a_lock_changes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^\t.*\bpip install\b.*-r requirements-dev\.txt\b", makefile, re.MULTILINE), (
        "the Makefile must install the dev lock with `pip install -r requirements-dev.txt`"
    )
    stamp_rule = re.search(r"^\$\(STAMP\):(.*)$", makefile, re.MULTILINE)
    assert stamp_rule, "the Makefile has no $(STAMP) rule"
    prerequisites = stamp_rule.group(1).split("|")[0].split()
    assert {"requirements.txt", "requirements-dev.txt"} <= set(prerequisites), (
        f"$(STAMP) must depend on both lock files, has: {prerequisites}"
    )
