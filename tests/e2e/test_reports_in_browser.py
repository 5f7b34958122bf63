"""Reports people open: Data Docs and `plenary report --html` render styled in headless Chromium, offline."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.support.paths import SEEDS

pytestmark = pytest.mark.slow  # `plenary ingest` in a subprocess, then headless Chromium

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
OFFLINE_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",  # no name resolves, no route out
]


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    assert CHROMIUM, "Debian's chromium is required: `make test` installs it (apt-get install chromium)"
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    return subprocess.run([CHROMIUM, *OFFLINE_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


def _screenshot(tmp: Path, url: str, name: str) -> Image.Image:
    png = tmp / name
    _chromium(tmp, "--window-size=1280,900", f"--screenshot={png}", url)
    return Image.open(png).convert("RGB")


def _dom(tmp: Path, url: str) -> str:
    return _chromium(tmp, "--virtual-time-budget=3000", "--dump-dom", url).stdout


def _share_of(image: Image.Image, rgb: tuple[int, int, int], tolerance: int = 6) -> float:
    pixels = list(image.get_flattened_data())
    hits = sum(1 for p in pixels if all(abs(a - b) <= tolerance for a, b in zip(p, rgb)))
    return hits / len(pixels)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("browser")
    env = dict(os.environ, PLENARY_REPORTS_DIR=str(tmp / "reports"))
    warehouse = tmp / "wh.duckdb"
    result = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", str(SEEDS), "--warehouse", str(warehouse)],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "3 releases with warnings (loaded), 0 quarantined" in result.stdout
    html = tmp / "quality.html"
    report = subprocess.run([sys.executable, "-m", "flows.cli", "report", "--warehouse", str(warehouse), "--html", str(html)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert report.returncode == 0, report.stderr
    assert "stated_area_count_equals_areas_found" in report.stdout and "area_has_a_heading" in report.stdout
    site = tmp / "reports" / "data_docs"
    return {"tmp": tmp, "site": site, "html": html}


def test_data_docs_reference_nothing_on_the_network(ingested):
    pages = list(ingested["site"].rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text()
        assert 'href="http' not in text.split("<body", 1)[0] and 'src="http' not in text, page


def test_data_docs_index_renders_styled_offline_with_the_failing_suite(ingested):
    index = (ingested["site"] / "index.html").as_uri()
    dom = _dom(ingested["tmp"], index)
    assert "meetings_suite" in dom and "fa-times" in dom  # the failing suite is listed, marked failed
    shot = _screenshot(ingested["tmp"], index, "index.png")
    # Bootstrap's btn-secondary grey (#6c757d) on the "Clear Filters" button only exists if the CSS applied.
    assert _share_of(shot, (0x6C, 0x75, 0x7D)) > 0.0005


def test_data_docs_validation_page_names_the_failing_expectation(ingested):
    page = next(ingested["site"].rglob("validations/meetings_suite/**/*.html")).as_uri()
    dom = _dom(ingested["tmp"], page)
    assert "stated_area_count" in dom and "area_count" in dom and "Failed" in dom
    shot = _screenshot(ingested["tmp"], page, "validation.png")
    assert _share_of(shot, (0xE9, 0xEC, 0xEF), tolerance=8) + _share_of(shot, (0xE2, 0xE3, 0xE5), tolerance=8) > 0.01


def test_report_html_renders_styled_offline_with_the_failing_check(ingested):
    url = ingested["html"].as_uri()
    dom = _dom(ingested["tmp"], url)
    assert "stated_area_count_equals_areas_found" in dom and "<svg" in dom
    shot = _screenshot(ingested["tmp"], url, "report.png")
    assert _share_of(shot, (0x2C, 0x6F, 0xBB)) > 0.002  # table header blue from the inline stylesheet
