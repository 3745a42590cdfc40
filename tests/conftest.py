"""Shared fixtures: throwaway copies of the project to build in."""
from __future__ import annotations

import io
import shutil
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# A registry entry of a spokesperson of the harbour office (`harbour-office`), for the tests
# of speaks_for (test_people, test_attribution).
SPOKESMAN = """\
- id: ole-sund
  name: Ole Sund
  kind: person
  variants: [Ole Sund, Sund]
  gender: m
  side: europe
  role: {de: Sprecher des Hafenamts, en: Harbour office spokesman}
  role_nouns: [Sprecher]
  speaks_for: [harbour-office]
"""


def make_project(dest: Path, articles: dict[str, str | bytes] | None = None, seeds: bool = False,
                 translations: bool = True) -> Path:
    """A project in `dest` with the real config, templates and translations and the given articles.

    `seeds=True` copies this project's own articles, and with them its manifest of
    published URLs (for other articles those URLs would rightly count as gone).
    """
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "site_src", dest / "site_src")
    (dest / "content" / "articles").mkdir(parents=True)
    for path in sorted((ROOT / "content").glob("*.yml")):
        if seeds or path.name != "published.yml":
            shutil.copy(path, dest / "content" / path.name)
    (dest / "translations").mkdir()
    if translations and (ROOT / "translations").exists():
        for po in (ROOT / "translations").glob("*.po"):
            shutil.copy(po, dest / "translations" / po.name)
    if seeds:
        for path in sorted((ROOT / "content" / "articles").iterdir()):
            shutil.copy(path, dest / "content" / "articles" / path.name)
    for name, body in (articles or {}).items():
        target = dest / "content" / "articles" / name
        target.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return dest


def generated_docs(root: Path) -> dict[str, bytes]:
    """Every generated file of a project's build/docs by path."""
    folder = root / "build" / "docs"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def many_articles(count: int) -> dict[str, str]:
    """Invented articles, each a little different."""
    return {f"runde{i:02d}.md": f"---\ntitle: Runde {i}\ndate: 2025-03-{i % 28 + 1:02d}\n---\n"
            f"Die {i}. Runde der Gespräche über die Ukraine begann in Kiew, Selenskyj empfing die Gäste. "
            f"Trump ließ ausrichten, er erwarte {i + 2} Vorschläge bis zum Abend.\n\n"
            f"Selenskyj sagte: „Wir haben {i} Punkte geklärt und {i + 1} offen.“ Der Kreml nannte das verfrüht.\n"
            for i in range(count)}


def build_pages(root: Path) -> str:
    """Build a project without MkDocs (exit 0, or 1 for problems in its input); the output."""
    from builder.build import Project, build

    out = io.StringIO()
    assert build(Project(root), run_mkdocs=False, out=out) in (0, 1), out.getvalue()
    return out.getvalue()


@pytest.fixture
def project(tmp_path):
    """A factory for throwaway projects: project(articles={...}, seeds=False)."""
    def factory(**kwargs) -> Path:
        return make_project(tmp_path / "project", **kwargs)
    return factory


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
