"""`python -m builder bundle`: the whole site as one zip, to read offline from file://.

It builds the site, then packs site/ into `dist/<name>-offline-<date>.zip` under one top
folder of the same name; a reader unzips it and opens `index.html` (English:
`en/index.html`). Search, citations and the language switch work from the disk: the
offline plugin inlines the search index and the vendored iframe-worker shim runs the
search worker. Source maps are left out. The zip is deterministic: sorted entries, the
build date as every entry's time, fixed permissions.
"""
from __future__ import annotations

import sys
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .build import Project, build, build_date
from .config import load_yaml

LEFT_OUT = (".map",)
SIZE_AIM = 5 * 1024 * 1024  # the seed site's bundle stays under this


@dataclass(frozen=True)
class Bundle:
    """A written bundle: where it is, how big, how many files, how big unpacked."""

    path: Path
    size: int
    files: int
    unpacked: int


UMLAUTS: dict[str, str | int | None] = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}


def slug(text: str) -> str:
    """A file-name slug: lower case ASCII words joined by '-' (ä -> ae)."""
    text = text.lower().translate(str.maketrans(UMLAUTS))
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text).split()) or "site"


def default_name(root: Path) -> str:
    """The bundle's name: the slug of mkdocs.yml's site_name."""
    return slug(str((load_yaml(root / "mkdocs.yml") or {}).get("site_name") or root.name))


def bundled_files(site_dir: Path) -> list[Path]:
    """The files of the built site that go into the bundle, sorted."""
    return sorted(p for p in site_dir.rglob("*") if p.is_file() and not p.name.endswith(LEFT_OUT))


def write_bundle(site_dir: Path, dest: Path, folder: str, date: str) -> Bundle:
    """Zip the site into dest/<folder>.zip under the top folder <folder>/."""
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / f"{folder}.zip"
    tmp = path.with_name(path.name + ".tmp")
    year, month, day = (int(x) for x in date.split("-"))
    stamp = (year, month, day, 0, 0, 0)
    files = bundled_files(site_dir)
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for file in files:
            info = zipfile.ZipInfo(f"{folder}/{file.relative_to(site_dir).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, file.read_bytes())
    tmp.replace(path)
    return Bundle(path, path.stat().st_size, len(files), sum(f.stat().st_size for f in files))


def megabytes(size: int) -> str:
    """A size in MB with two decimals."""
    return f"{size / 1024 / 1024:.2f} MB"


def bundle(project: Project, name: str | None = None, out=sys.stdout) -> int:
    """Build the site and write the offline bundle; report its size; return the exit status."""
    status = build(project, out=out)
    if status:
        print("bundle: not written, the build failed (see above)", file=out)
        return status
    date = build_date()
    folder = f"{name or default_name(project.root)}-offline-{date}"
    result = write_bundle(project.site, project.root / "dist", folder, date)
    shown = project.shown(result.path)
    print(f"bundle: {shown}: {megabytes(result.size)} ({result.files} files, "
          f"{megabytes(result.unpacked)} unpacked); unzip it and open {folder}/index.html", file=out)
    if result.size > SIZE_AIM:
        print(f"bundle: warning: bigger than {megabytes(SIZE_AIM)}; look for large files in site/", file=out)
    return 0
