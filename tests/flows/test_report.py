"""`plenary report` as people read it: failing keys each once with "and N more", a trend with shares per run,
and a chart with axes, run labels and rates (Altair, rendered to SVG without network); no browser here
(tests/e2e/test_reports_in_browser.py opens the page in Chromium)."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from flows.runtime.report import build_report, keys_shown, render_html
from warehouse import open_reader, open_writer

START = datetime(2026, 11, 30, 21, 0, tzinfo=timezone.utc)


def test_keys_are_shown_once_each_in_the_order_found_then_counted():
    keys = [f"k{i}" for i in (3, 1, 3, 2, 1, 4, 5, 6, 7, 8, 9, 9, 10, 2)]
    assert keys_shown(keys) == "k3, k1, k2, k4, k5, k6, k7, k8 and 2 more"  # k9 and k10 not shown
    assert keys_shown(keys, cut=3) == "k3, k1, k2 and 7 more"


def test_keys_up_to_the_cut_are_all_shown_and_none_is_none():
    assert keys_shown(["a", "b", "a"] + [f"x{i}" for i in range(6)]) == "a, b, x0, x1, x2, x3, x4, x5"
    assert keys_shown([]) is None and keys_shown(None) is None


def _dq(run_id, batch_no, table, check, severity, success, keys=()):
    return (run_id, batch_no, START, table, check, "ExpectColumnValuesToNotBeNull", severity, success, 10,
            len(keys), None, list(keys))


@pytest.fixture
def warehouse(tmp_path):
    """Three runs: one with a quarantined release and a failed critical check; one that judged nothing; the
    latest, whose two batches fail a warning with keys repeated across them."""
    path = tmp_path / "w.duckdb"
    runs = [("run-aaaaaaaaaaaa", 0, (1, 2, 1)), ("run-bbbbbbbbbbbb", 1, (0, 0, 0)), ("run-cccccccccccc", 2, (2, 3, 0))]
    first = [f"meet-{i}" for i in range(7)]
    second = ["meet-3", "meet-0", "meet-7", "meet-8", "meet-9", "meet-10", "meet-11"]  # 5 new, 2 seen
    rows = [_dq("run-aaaaaaaaaaaa", 0, "meetings", "meeting_id_is_present", "critical", False, ["meet-x", "meet-x"]),
            _dq("run-aaaaaaaaaaaa", 0, "meetings", "venue_is_known", "warning", True),
            _dq("run-cccccccccccc", 1, "meetings", "venue_is_known", "warning", False, second),
            _dq("run-cccccccccccc", 0, "meetings", "venue_is_known", "warning", False, first),
            _dq("run-cccccccccccc", 0, "meetings", "meeting_id_is_present", "critical", True),
            _dq("run-cccccccccccc", 1, "meetings", "meeting_id_is_present", "critical", True)]
    with open_writer(path) as con:
        for run_id, minutes, (passed, warned, quarantined) in runs:
            con.execute("INSERT INTO ingest_runs (run_id, source, started_at, status, read, passed, warned, quarantined, "
                        "loaded) VALUES (?, 'test', ?, 'completed', 5, ?, ?, ?, ?)",
                        [run_id, START + timedelta(minutes=minutes), passed, warned, quarantined, passed + warned])
        con.executemany("INSERT INTO dq_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return path


def _report(path):
    with open_reader(path) as con:
        return build_report(con, 10)


def test_failing_keys_across_batches_are_deduplicated_with_and_n_more(warehouse):
    report = _report(warehouse)
    (failure,) = report.failures
    assert failure["check"] == "venue_is_known" and failure["records"] == 14
    # 12 distinct keys, in the order found (batch 0, then batch 1's new ones, whatever the rows' order): 8 shown
    assert failure["failing_keys"] == "meet-0, meet-1, meet-2, meet-3, meet-4, meet-5, meet-6, meet-7 and 4 more"


def test_the_trend_gives_each_runs_shares_in_per_cent_oldest_first(warehouse):
    report = _report(warehouse)
    shares = [(r["run"], r["started (UTC)"], r["clean %"], r["warned %"], r["quarantined %"], r["checks passed %"],
               r["checks failed"]) for r in report.trend_table]
    assert shares == [
        ("run-aaaaaaaaaaaa", "2026-11-30 21:00", 25.0, 50.0, 25.0, 50.0, "1 critical, 0 warning"),
        ("run-bbbbbbbbbbbb", "2026-11-30 21:01", None, None, None, None, "0 critical, 0 warning"),  # judged nothing
        ("run-cccccccccccc", "2026-11-30 21:02", 40.0, 60.0, 0.0, 50.0, "0 critical, 2 warning"),
    ]


def test_the_html_chart_has_axes_run_labels_and_rates_and_needs_no_network(warehouse):
    page = render_html(_report(warehouse))
    svg = page[page.index("<svg"):page.index("</svg>")]
    texts = re.findall(r"<(?:text|tspan)[^>]*>([^<]+)<", svg)  # a run's label is two lines, two tspans
    assert "share of the run (%)" in texts and "run (start time, UTC, and run id)" in texts  # axis titles
    assert {"0", "20", "40", "60", "80", "100"} <= set(texts)  # the y axis's ticks
    for run_id, started in (("run-aaaaaaaaaaaa", "2026-11-30 21:00"), ("run-cccccccccccc", "2026-11-30 21:02")):
        assert run_id in texts and started in texts  # each run's label: its start over its id
    assert "run-bbbbbbbbbbbb" in texts  # a run that judged nothing keeps its place on the axis
    assert {"loaded clean", "loaded with warnings", "quarantined", "checks passed"} <= set(texts)  # the legend
    assert "50.0%" in texts  # the share of checks passed, on the line
    assert svg.count('fill="#c0392b"') >= 2  # quarantined: a bar (run a) and its legend's swatch
    assert "<script" not in page and not re.search(r"(src|href)=[\"']https?:", page)
