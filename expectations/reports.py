"""The reports folder beside a warehouse (`warehouse.reports/`: validations, Data Docs, damaged files set aside),
files written there atomically, and Data Docs that open offline.

GX's HTML loads Bootstrap, jQuery and friends from CDNs, so without a network it renders unstyled.
Bootstrap 4 and jQuery come from the XStatic packages (PyPI) and are copied beside the pages. What GX
itself keeps in the folder, and how a damaged file is set aside, is `expectations.store`.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

ENV_REPORTS = "PLENARY_REPORTS_DIR"
_REMOTE_TAG = re.compile(
    r"<link[^>]+href=\"https?://[^\"]+\"[^>]*>|<script[^>]+src=\"https?://[^\"]+\"[^>]*>\s*</script>", re.I
)
_REMOTE_IMAGE = re.compile(r"<img[^>]+src=\"https?://[^\"]+\"[^>]*>", re.I | re.S)
_OFFLINE_MARK = "<!-- plenary: offline assets -->"


def default_reports_dir(warehouse: str | Path) -> Path:
    """`$PLENARY_REPORTS_DIR`, else the folder beside the warehouse named for it (`warehouse.duckdb` ->
    `warehouse.reports/`): each warehouse has its own validation history and Data Docs."""
    if os.environ.get(ENV_REPORTS):
        return Path(os.environ[ENV_REPORTS])
    warehouse = Path(warehouse)
    return warehouse.with_name(f"{warehouse.stem}.reports")


def make_offline(site_dir: Path, changed_since: float | None = None) -> int:
    """Copy Bootstrap and jQuery into the site (once) and point its pages at them; returns pages rewritten.

    With `changed_since` (a time.time() value), only pages written since then are read: the rest were
    made offline by an earlier run, and reading every page would take longer with each run."""
    assets = site_dir / "static" / "offline"
    _copy_assets(assets)
    count = 0
    for page in site_dir.rglob("*.html"):
        if changed_since is not None and page.stat().st_mtime < changed_since:
            continue
        html = page.read_text(encoding="utf-8")
        if _OFFLINE_MARK in html:
            continue
        prefix = os.path.relpath(assets, page.parent).replace(os.sep, "/")
        local = (
            f'{_OFFLINE_MARK}<link rel="stylesheet" href="{prefix}/bootstrap.min.css">'
            f'<link rel="stylesheet" href="{prefix}/offline-shim.css">'
            f'<script src="{prefix}/jquery.min.js"></script><script src="{prefix}/bootstrap.bundle.min.js"></script>'
            f'<script src="{prefix}/offline-shim.js"></script>'
        )
        html = _REMOTE_TAG.sub("", html).replace("<head>", "<head>" + local, 1)
        html = _REMOTE_IMAGE.sub('<span class="h4 text-primary">Great Expectations</span>', html)  # no remote logo
        write_atomically(page, html.encode("utf-8"))
        count += 1
    return count


def _copy_assets(assets: Path) -> None:
    """Bootstrap, jQuery and the shims beside the pages, where they are missing or differ in size."""
    import xstatic.pkg.bootstrap as bootstrap
    import xstatic.pkg.jquery as jquery

    assets.mkdir(parents=True, exist_ok=True)
    sources = {
        "bootstrap.min.css": Path(bootstrap.BASE_DIR) / "css" / "bootstrap.min.css",
        "bootstrap.bundle.min.js": Path(bootstrap.BASE_DIR) / "js" / "bootstrap.bundle.min.js",
        "jquery.min.js": Path(jquery.BASE_DIR) / "jquery.min.js",
        **{shim: Path(__file__).parent / "static" / shim for shim in ("offline-shim.js", "offline-shim.css")},
    }
    for name, source in sources.items():
        target = assets / name
        if not target.exists() or target.stat().st_size != source.stat().st_size:
            write_atomically(target, source.read_bytes())


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that it is either the old file or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
