"""Reports people open: Data Docs and `plenary report --html` render styled in headless Chromium, offline."""
from __future__ import annotations

import os
import re
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


def _screenshot(tmp: Path, url: str, name: str, size: str = "1280,900") -> Image.Image:
    png = tmp / name
    _chromium(tmp, f"--window-size={size}", f"--screenshot={png}", url)
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
    run_id = re.search(r"latest run: (run-[0-9a-f]+)", report.stdout).group(1)
    return {"tmp": tmp, "site": site, "html": html, "run_id": run_id}


def test_data_docs_reference_nothing_on_the_network(ingested):
    pages = list(ingested["site"].rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text()
        assert 'href="http' not in text.split("<body", 1)[0] and 'src="http' not in text, page


def test_data_docs_index_renders_styled_offline_with_the_warning_only_suites_as_warnings(ingested):
    index = (ingested["site"] / "index.html").as_uri()
    dom = _dom(ingested["tmp"], index)
    # the seeds fail only warnings: meetings (stated area count) and cooperation areas are loaded, so marked ⚠, not ✘
    rows = [row for row in re.findall(r'<tr class="clickable-row".*?</tr>', dom, re.S)  # as the page shows them
            if "staged_batch" in row]  # the validations' rows (the suites' tab has rows too)
    statuses = sorted(re.search(r"fa-(check-circle|times|exclamation-triangle)", row).group(1) for row in rows)
    assert "meetings_suite" in dom and statuses == ["check-circle"] * 3 + ["exclamation-triangle"] * 2
    shot = _screenshot(ingested["tmp"], index, "index.png")
    # Bootstrap's btn-secondary grey (#6c757d) on the "Clear Filters" button only exists if the CSS applied.
    assert _share_of(shot, (0x6C, 0x75, 0x7D)) > 0.0005
    assert _share_of(shot, (0xFF, 0xC1, 0x07), tolerance=12) > 0.00002  # the ⚠ signs, in Bootstrap's text-warning


def test_data_docs_validation_page_names_the_failing_expectation_and_its_severity(ingested):
    page = next(ingested["site"].rglob("validations/meetings_suite/**/*.html")).as_uri()
    dom = _dom(ingested["tmp"], page)
    assert "stated_area_count" in dom and "area_count" in dom
    assert re.search(r'Status:</span> <i class="fas fa-exclamation-triangle text-warning"[^>]*></i> Warnings only', dom)
    assert "Severity" in dom and "ge-severity-warning" in dom and "ge-severity-critical" in dom
    shot = _screenshot(ingested["tmp"], page, "validation.png")
    assert _share_of(shot, (0xE9, 0xEC, 0xEF), tolerance=8) + _share_of(shot, (0xE2, 0xE3, 0xE5), tolerance=8) > 0.01
    assert _share_of(shot, (0xDC, 0x35, 0x45), tolerance=8) > 0.0002  # red "critical" badges
    assert _share_of(shot, (0xFF, 0xC1, 0x07), tolerance=8) > 0.0002  # amber "warning" badges (and the ⚠)


def test_report_html_renders_styled_offline_with_the_failing_check(ingested):
    url = ingested["html"].as_uri()
    dom = _dom(ingested["tmp"], url)
    assert "stated_area_count_equals_areas_found" in dom and "<svg" in dom
    shot = _screenshot(ingested["tmp"], url, "report.png")
    assert _share_of(shot, (0x2C, 0x6F, 0xBB)) > 0.002  # table header blue from the inline stylesheet


def test_report_html_trend_chart_renders_with_axes_run_labels_and_rates(ingested):
    url = ingested["html"].as_uri()
    dom = _dom(ingested["tmp"], url)
    chart = dom[dom.index("<svg"):dom.index("</svg>")]
    texts = set(re.findall(r"<(?:text|tspan)[^>]*>([^<]+)<", chart))
    assert {"share of the run (%)", "run (start time, UTC, and run id)", "0", "20", "40", "60", "80", "100"} <= texts
    assert ingested["run_id"] in texts  # the run's label on the x axis
    assert {"loaded clean", "loaded with warnings", "checks passed"} <= texts
    assert any(re.fullmatch(r"\d{1,3}\.\d%", t) for t in texts)  # the share of checks passed, on its point
    shot = _screenshot(ingested["tmp"], url, "report-chart.png", "1280,1800")
    warned, clean = _share_of(shot, (0xE0, 0xA1, 0x00)), _share_of(shot, (0x2E, 0x8B, 0x57))
    assert warned > 0.0015 and clean > 0.001 and warned > clean  # the bars painted: 2 of 5 seeds clean, 3 warned
