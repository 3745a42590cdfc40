"""Fixtures for the tests of the built site: one build and bundle per session, a local
server for it, the unzipped bundle, and Debian's Chromium driven by Playwright.

Every browser context fails its test on any request to a host other than 127.0.0.1 or
to anything but file://: the site and its offline bundle must work without the network.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from sitebuild import AXE, CHROMIUM, CHROMIUM_ARGS, ROOT, Built, Guard, copy_project, run_builder, unzip_bundle


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    """The project built and bundled once (no SITE_URL: as a reader's offline copy)."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    proc = run_builder(project, "bundle")
    assert proc.returncode == 0, f"`python -m builder bundle` failed:\n{proc.stdout}\n{proc.stderr}"
    return Built(project, proc.stdout)


@pytest.fixture(scope="session")
def unzipped(built, tmp_path_factory) -> Path:
    """The bundle unzipped: the folder that holds index.html."""
    return unzip_bundle(built.bundle, tmp_path_factory.mktemp("unzipped"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="session")
def server(built):
    """site/ served by http.server on 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(built.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(params=["served", "bundle"])
def base_url(request) -> str:
    """The site's root: served over http on 127.0.0.1, or the unzipped bundle via file://."""
    if request.param == "served":
        return request.getfixturevalue("server")
    return request.getfixturevalue("unzipped").as_uri() + "/"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, launched once."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: run `make browser` (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page whose test fails on any non-local request or uncaught script error."""
    guard = Guard()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    context.route("**/*", guard.route)
    context.on("request", guard.request)
    tab = context.new_page()
    tab.on("pageerror", lambda exc: guard.errors.append(str(exc)))
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
    assert not guard.foreign, f"requests left this machine: {guard.foreign}"
    assert not guard.errors, f"script errors on the page: {guard.errors}"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script (npm package, installed by `make test`)."""
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} not found: run `npm ci` (`make test` does)")
    return AXE.read_text(encoding="utf-8")
