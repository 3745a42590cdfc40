"""`python -m builder serve`: serve the site on localhost and rebuild when inputs change.

MkDocs' own server watches the generated docs; this loop watches the inputs (content/,
translations/, site_src/, mkdocs.yml) and regenerates the docs when one changes. Only
changed files are rewritten, so MkDocs reloads exactly once per edit.
"""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .build import Project, build

POLL_SECONDS = 1.0


def snapshot(paths: list[Path]) -> dict[str, float]:
    """Modification times of every file below the watched paths."""
    out = {}
    for root in paths:
        files = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for path in files:
            with contextlib.suppress(FileNotFoundError):  # deleted while we looked
                out[str(path)] = path.stat().st_mtime
    return out


def _stop(signum, frame) -> None:
    """On SIGTERM, unwind like Ctrl-C, so that the MkDocs server is stopped as well."""
    raise KeyboardInterrupt


def regenerate(project: Project, out=sys.stdout) -> int:
    """Regenerate the docs after an edit. When that fails (a configuration error, or a
    bug of the builder), the docs stay as they were, so the server goes on showing the
    last good site, and the message says so; the loop survives for the next edit."""
    try:
        status = build(project, run_mkdocs=False, out=out)
    except Exception as exc:  # a bug must not end the server the user is editing against
        print(f"error: the rebuild failed with {type(exc).__name__}: {exc} — this is a bug of the builder, "
              "please report it with the edit that caused it", file=out, flush=True)
        status = 2
    if status == 2:
        print("still serving the last good site; fix the problem above and save again", file=out, flush=True)
    return status


def serve(project: Project, address: str = "127.0.0.1:8000") -> int:
    """Build, start MkDocs' server, and regenerate the docs whenever an input changes."""
    status = build(project)
    if status == 2:
        return status
    watched = [project.root / "content", project.translations, project.site_src, project.root / "mkdocs.yml"]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(project.build / "mkdocs.yml"),
                               "-a", address, "--livereload"], env=env)
    print(f"serving on http://{address}/ — edit content/ and the site rebuilds; Ctrl-C stops", flush=True)
    signal.signal(signal.SIGTERM, _stop)  # a terminated server stops MkDocs' server too
    seen = snapshot(watched)
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = snapshot(watched)
            if now != seen:
                seen = now
                print("inputs changed: regenerating", flush=True)
                regenerate(project)
                seen = snapshot(watched)  # the build may update translations/
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0
