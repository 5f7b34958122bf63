"""Data Docs that say severity: a table whose only failures are warnings is a warning (⚠), not failed (✘), in the
index and on its page; every expectation shows its severity on the validation and suite pages."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from expectations import CHECKS, CRITICAL, WARNING
from tests.expectations.test_gate_process import _batch_with_bad_records


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """One batch, the seeds and a release numbered zero: meetings fail a critical check (plenary number) and
    warnings; cooperation areas fail only warnings; releases, attendees and agreements pass."""
    from expectations.gate import QualityGate

    reports = tmp_path_factory.mktemp("docs") / "reports"
    gate = QualityGate(reports)
    gate.validate(_batch_with_bad_records(), "run-severity", 0)
    return gate.build_docs().parent


def _index_rows(index: Path) -> dict[str, tuple[str, str]]:
    """Each validation's row in the index: suite -> (status text, status icon)."""
    rows = {}
    for row in index.read_text().split("{'validation_success':")[1:]:
        suite = re.search(r"'_expectation_suite_name_sort': '([^']+)'", row).group(1)
        text = re.search(r"'_validation_success_text': '([^']+)'", row).group(1)
        icon = re.search(r"fa-(check-circle|times|exclamation-triangle)", row).group(1)
        rows[suite] = (text, icon)
    return rows


def _page(site: Path, table: str) -> str:
    return next(site.glob(f"validations/{table}_suite/**/*.html")).read_text()


def _severities(table: str) -> dict[str, int]:
    return {s: sum(c.table == table and c.severity == s for c in CHECKS) for s in (CRITICAL, WARNING)}


def test_the_index_marks_a_warning_only_table_as_a_warning_and_a_critical_failure_as_failed(site):
    assert _index_rows(site / "index.html") == {
        "releases_suite": ("Success", "check-circle"),
        "meetings_suite": ("Failed", "times"),  # plenary number 0: critical
        "cooperation_areas_suite": ("Warning", "exclamation-triangle"),  # unheaded areas, category other
        "attendees_suite": ("Success", "check-circle"),
        "agreements_suite": ("Success", "check-circle"),
    }


def test_a_warning_only_page_says_warnings_only_and_a_critical_page_says_failed(site):
    areas, meetings = _page(site, "cooperation_areas"), _page(site, "meetings")
    assert "fa-exclamation-triangle text-warning" in areas and "Warnings only" in areas
    assert "Status:</span> <i class=\"fas fa-times text-danger\"" in meetings and "Warnings only" not in meetings


@pytest.mark.parametrize("table", ["cooperation_areas", "meetings", "releases"])
def test_every_expectation_on_a_validation_page_shows_its_severity(site, table):
    page = _page(site, table)
    assert re.search(r"<th[^>]*>\s*Severity\s*</th>", page)
    found = {s: len(re.findall(rf'class="badge badge-\w+ ge-severity-{s}"', page)) for s in (CRITICAL, WARNING)}
    assert found == _severities(table)


def test_a_failed_warning_is_shown_as_a_warning_beside_its_failing_records(site):
    page = _page(site, "cooperation_areas")
    row = page[page.index("values must not belong to this set"):]  # category is not other
    badge = re.search(r"ge-severity-(\w+)", row)
    assert badge.group(1) == WARNING and "shanghai-4/13" in row[:badge.start()]  # the records, then the severity


@pytest.mark.parametrize("table", ["meetings", "attendees"])
def test_every_expectation_on_a_suite_page_shows_its_severity(site, table):
    page = (site / "expectations" / f"{table}_suite.html").read_text()
    found = {s: len(re.findall(rf'class="badge badge-\w+ ge-severity-{s}"', page)) for s in (CRITICAL, WARNING)}
    assert found == _severities(table)


def test_the_stored_results_carry_the_checks_severity_in_gx_own_field(site):
    stored = next(site.parent.glob("validations/cooperation_areas_suite/**/*.json"))
    results = json.loads(stored.read_text())["results"]
    assert {(r["expectation_config"]["meta"]["check"], r["expectation_config"]["severity"]) for r in results} == {
        (c.name, c.severity) for c in CHECKS if c.table == "cooperation_areas"}
