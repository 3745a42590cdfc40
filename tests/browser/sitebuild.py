"""Helpers of the site tests: a copy of the project's inputs, the builder command, what
the built site holds, and the guard that keeps browser requests on this machine. Used by
conftest.py and the tests of this folder."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tests.conftest import make_project

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@dataclass(frozen=True)
class Built:
    """A project copy that was built and bundled once for the session."""

    root: Path
    output: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def bundle(self) -> Path:
        return next((self.root / "dist").glob("*-offline-*.zip"))


def copy_project(dest: Path) -> Path:
    """A copy of the project's inputs (config, templates, content, translations)."""
    return make_project(dest, seeds=True)


def unzip_bundle(bundle: Path, dest: Path) -> Path:
    """Unzip an offline bundle into `dest`; the folder that holds its index.html."""
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(dest)
    (top,) = [p for p in dest.iterdir() if p.is_dir()]
    return top


def run_builder(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m builder --project <project> <args>` with this checkout's builder."""
    environ = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "builder", "--project", str(project), *args],
                          cwd=ROOT, capture_output=True, text=True, env=environ, timeout=300)


def people_pages(site: Path) -> list[str]:
    """The people pages of the built site (default language), if the site has any."""
    return sorted(p.relative_to(site).as_posix() for p in (site / "people").glob("*.html")
                  if p.name != "index.html") if (site / "people").is_dir() else []


def is_local(url: str) -> bool:
    """Whether a request stays on this machine: file://, data:, about:, or 127.0.0.1."""
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname == "127.0.0.1"


@dataclass
class Guard:
    """What a browser context asked for that was not local, and the page's script errors."""

    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def route(self, route):
        """Let local requests through; abort and record any other."""
        if is_local(route.request.url):
            route.continue_()
        else:
            self.request(route.request)
            route.abort()

    def request(self, request):
        """Record a non-local request that the router did not see."""
        if not is_local(request.url) and request.url not in self.foreign:
            self.foreign.append(request.url)
