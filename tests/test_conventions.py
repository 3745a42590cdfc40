"""The project's conventions hold: the lock pins what the requirements pin, with hashes,
and the package declares what the code needs."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = None

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)", re.M)


def pins(path: Path) -> dict[str, str]:
    """Package name (normalised) -> pinned version of a requirements or lock file."""
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in PIN.findall(path.read_text())}


def test_every_pinned_requirement_is_locked_at_its_version():
    for requirements, lock in (("requirements.txt", "requirements.lock"),
                               ("requirements-dev.txt", "requirements-dev.lock")):
        wanted, locked = pins(ROOT / requirements), pins(ROOT / lock)
        wrong = {name: (version, locked.get(name)) for name, version in wanted.items() if locked.get(name) != version}
        assert not wrong, f"{lock} is out of date (run `make lock`): {wrong}"


def test_every_locked_package_has_a_hash():
    for lock in ("requirements.lock", "requirements-dev.lock", "requirements-pip.lock"):
        entries = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text())
        unhashed = [e.split()[0] for e in entries if PIN.match(e) and "--hash=sha256:" not in e]
        assert not unhashed, f"{lock}: {unhashed}"


@pytest.mark.skipif(tomllib is None, reason="tomllib is Python 3.11+")
def test_the_package_declares_its_python_and_console_script():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.10"
    module, function = project["scripts"]["explainer-builder"].split(":")
    assert module == "builder.cli" and function == "main"
    assert sys.version_info >= (3, 10)
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
