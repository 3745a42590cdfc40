"""Whether a build can be skipped: nothing it reads changed since the last one.

A build is a function of its inputs: the project's files (content/, translations/,
site_src/, mkdocs.yml), the builder's code, the versions of the packages it runs, the
build date and the environment variables it reads. When all of them hash as they did
after the last build, and its outputs (build/docs, build/mkdocs.yml and site/) are as
that build left them, the same build would write the same bytes; it is skipped, and its
report is shown again so that no problem goes unseen. Like make, this can only be wrong
when a file is changed without its bytes changing, which cannot happen.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from .publish import add_file_stats, environment_names, installed_version

STAMP = "build.stamp"
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "mkdocs-redirects", "pysbd", "simplemma",
            "HanTa", "PyYAML", "trafilatura", "htmldate", "Jinja2", "polib")
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)  # and every BUILDER_* variable and those mkdocs.yml reads
INPUT_FOLDERS = ("content", "translations", "site_src")


def inputs(root: Path, settings: dict) -> str:
    """A hash of everything a build reads (see the module's docstring)."""
    digest = hashlib.sha256()
    digest.update(json.dumps(settings, sort_keys=True).encode())
    digest.update(sys.version.encode())
    for package in PACKAGES:
        digest.update(f"{package}={installed_version(package)}\n".encode())
    read = {*ENVIRONMENT, *environment_names(root / "mkdocs.yml")}
    for name in sorted(read | {name for name in os.environ if name.startswith("BUILDER_")}):
        digest.update(f"{name}={os.environ.get(name)}\n".encode())
    code = Path(__file__).resolve().parent
    files = [root / "mkdocs.yml", *sorted(code.rglob("*.py")), *sorted((code / "lexicons").rglob("*"))]
    files += [p for folder in INPUT_FOLDERS for p in sorted((root / folder).rglob("*"))]
    for path in files:
        if path.is_file():
            digest.update(f"{path}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def outputs(root: Path) -> str:
    """A hash of the names, sizes and times of the files a build writes; pages are written
    only when their bytes change, so an unchanged page keeps its time."""
    digest = hashlib.sha256()
    add_file_stats(digest, root, (root / "build" / "docs", root / "site"))
    config = root / "build" / "mkdocs.yml"
    if config.is_file():
        digest.update(config.read_bytes())
    return digest.hexdigest()


def previous(root: Path, settings: dict) -> dict | None:
    """The last build's record ({"status", "report"}) if nothing changed since, else None."""
    try:
        record = json.loads((root / "build" / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("inputs") != inputs(root, settings) \
            or record.get("outputs") != outputs(root):
        return None
    return record


def remember(root: Path, settings: dict, status: int, report: str, pending: list[str]) -> None:
    """Record a finished build: its inputs, outputs, exit status, printed report and the
    recorded files it found out of date."""
    record = {"inputs": inputs(root, settings), "outputs": outputs(root), "status": status, "report": report,
              "pending": pending}
    (root / "build" / STAMP).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def forget(root: Path) -> None:
    """A build is under way or failed: the next one must run."""
    (root / "build" / STAMP).unlink(missing_ok=True)
