"""`plenary report`: the latest run per table, open quarantine, and the trend over recent runs."""
from __future__ import annotations

import html
from dataclasses import dataclass

import duckdb

from .report_chart import started_utc, trend_svg

FAILING_KEYS_SHOWN = 8  # failing keys listed per check; the rest are counted ("and N more")


@dataclass
class QualityReport:
    latest_run: dict | None
    by_table: list[dict]
    failures: list[dict]
    quarantined: list[dict]
    trend: list[dict]
    meeting_changes: list[dict]

    @property
    def trend_table(self) -> list[dict]:
        """The trend as a person reads it: one row per run, oldest first, its shares in per cent."""
        return [{"run": r["run_id"], "started (UTC)": started_utc(r), "read": r["read"], "loaded": r["loaded"],
                 "clean %": r["clean_pct"], "warned %": r["warned_pct"], "quarantined %": r["quarantined_pct"],
                 "checks passed %": r["checks_passed_pct"],
                 "checks failed": f"{r['critical_checks']} critical, {r['warning_checks']} warning"}
                for r in self.trend]


def build_report(con: duckdb.DuckDBPyConnection, runs: int = 10) -> QualityReport:
    """Read the report from a (read-only) warehouse connection."""
    latest = _rows(con, "SELECT * FROM ingest_runs WHERE status <> 'running' ORDER BY started_at DESC LIMIT 1")
    run_id = latest[0]["run_id"] if latest else None
    by_table = _rows(con, """
        SELECT table_name AS "table", count(DISTINCT check_name) AS checks,
               count(DISTINCT check_name) FILTER (WHERE NOT success AND severity = 'critical') AS critical_failed,
               count(DISTINCT check_name) FILTER (WHERE NOT success AND severity = 'warning') AS warnings,
               sum(unexpected_count) FILTER (WHERE NOT success) AS records_flagged
        FROM dq_results WHERE run_id = ? GROUP BY 1 ORDER BY 1""", [run_id])
    failures = _rows(con, """
        SELECT table_name AS "table", check_name AS "check", severity, sum(unexpected_count) AS records,
               flatten(list(coalesce(failing_keys, []) ORDER BY batch_no)) AS failing_keys
        FROM dq_results WHERE run_id = ? AND NOT success GROUP BY ALL ORDER BY severity, 1, 2""", [run_id])
    for failure in failures:
        failure["failing_keys"] = keys_shown(failure["failing_keys"])
    quarantined = _rows(con, """
        SELECT quarantined_at, stage, source_uri AS source, release_id, reason FROM quarantine_open
        ORDER BY quarantined_at DESC""")
    return QualityReport(latest[0] if latest else None, by_table, failures, quarantined, trend(con, runs),
                         meeting_changes(con, run_id))


def keys_shown(keys: list | None, cut: int = FAILING_KEYS_SHOWN) -> str | None:
    """Failing keys for a person: each once, in the order found, the first `cut`, then "and N more" (N: the
    distinct keys not shown)."""
    distinct = [str(k) for k in dict.fromkeys(k for k in keys or [] if k is not None)]
    if not distinct:
        return None
    shown = ", ".join(distinct[:cut])
    return f"{shown} and {len(distinct) - cut} more" if len(distinct) > cut else shown


def trend(con: duckdb.DuckDBPyConnection, runs: int) -> list[dict]:
    """The last `runs` finished runs, oldest first: counts, failed checks, and shares in per cent: of the run's
    releases judged (passed + warned + quarantined), loaded clean, with warnings, quarantined; of its checks
    (one a table a batch), passed. A share is NULL when its run judged nothing."""
    rows = _rows(con, """
        SELECT r.run_id, r.started_at, r.read, r.loaded, r.passed, r.warned, r.quarantined,
               count(d.check_name) FILTER (WHERE NOT d.success AND d.severity = 'warning') AS warning_checks,
               count(d.check_name) FILTER (WHERE NOT d.success AND d.severity = 'critical') AS critical_checks,
               round(100.0 * r.passed / nullif(r.passed + r.warned + r.quarantined, 0), 1) AS clean_pct,
               round(100.0 * r.warned / nullif(r.passed + r.warned + r.quarantined, 0), 1) AS warned_pct,
               round(100.0 * r.quarantined / nullif(r.passed + r.warned + r.quarantined, 0), 1) AS quarantined_pct,
               round(100.0 * count(d.check_name) FILTER (WHERE d.success) / nullif(count(d.check_name), 0), 1)
                   AS checks_passed_pct
        FROM ingest_runs r LEFT JOIN dq_results d ON d.run_id = r.run_id
        WHERE r.status <> 'running' GROUP BY ALL ORDER BY r.started_at DESC LIMIT ?""", [runs])
    return list(reversed(rows))


def meeting_changes(con: duckdb.DuckDBPyConnection, run_id: str | None, limit: int = 200) -> list[dict]:
    """Meetings loaded before whose sources or fields changed in a run (`meeting_changes`: updated or removed),
    then one row counting the meetings new in the run (a backfill makes thousands); at most `limit` rows."""
    changed = _rows(con, """
        SELECT meeting_id, change, sources, summary FROM meeting_changes WHERE run_id = ? AND change <> 'new'
        ORDER BY meeting_id LIMIT ?""", [run_id, limit])
    total, new = con.execute("SELECT count(*), count(*) FILTER (WHERE change = 'new') FROM meeting_changes WHERE run_id = ?",
                             [run_id]).fetchone()
    if total - new > len(changed):
        changed.append({"meeting_id": "...", "change": "updated", "sources": None,
                        "summary": f"and {total - new - len(changed)} more: select * from meeting_changes where run_id = '{run_id}'"})
    if new:
        changed.append({"meeting_id": "*", "change": "new", "sources": None, "summary": f"{new} meetings new in this run"})
    return changed


def _rows(con, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def render_html(report: QualityReport) -> str:
    """A self-contained page (inline CSS and SVG, no script, no network) with the same content and a trend chart."""
    run = report.latest_run or {}
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Plenary data-quality report</title>",
        f"<style>{_CSS}</style></head><body><h1>Plenary data-quality report</h1>",
        f"<p class='meta'>Latest run <b>{html.escape(str(run.get('run_id', 'none')))}</b> started "
        f"{html.escape(str(run.get('started_at', '-')))}: read {run.get('read', 0)}, loaded {run.get('loaded', 0)}, "
        f"warned {run.get('warned', 0)}, quarantined {run.get('quarantined', 0)}.</p>",
        "<h2>Checks per table (latest run)</h2>", _table(report.by_table),
        "<h2>Failing checks (latest run)</h2>", _table(report.failures, css={"severity": True}),
        "<h2>Meetings changed (latest run)</h2>", _table(report.meeting_changes),
        "<h2>Quarantined, not yet resolved</h2>", _table(report.quarantined),
        "<h2>Trend over recent runs</h2>", trend_svg(report.trend), _table(report.trend_table),
        "</body></html>",
    ]
    return "\n".join(parts)


def _table(rows: list[dict], css: dict | None = None) -> str:
    if not rows:
        return "<p class='empty'>none</p>"
    head = "".join(f"<th>{html.escape(k)}</th>" for k in rows[0])
    body = []
    for row in rows:
        cells = []
        for key, value in row.items():
            klass = f" class='{html.escape(str(value))}'" if css and key in css else ""
            cells.append(f"<td{klass}>{html.escape('' if value is None else str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


_CSS = """
body { font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; margin: 2rem; color: #222; }
h1 { font-size: 1.6rem; border-bottom: 3px solid #2c6fbb; padding-bottom: .4rem; }
h2 { font-size: 1.15rem; margin-top: 1.8rem; color: #2c6fbb; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
th { background: #2c6fbb; color: #fff; text-align: left; padding: .35rem .6rem; }
td { border-bottom: 1px solid #ddd; padding: .3rem .6rem; vertical-align: top; }
td.critical { color: #fff; background: #c0392b; font-weight: bold; }
td.warning { background: #fff3cd; font-weight: bold; }
.meta { background: #eef4fb; padding: .6rem .9rem; border-left: 4px solid #2c6fbb; }
.empty { color: #777; font-style: italic; }
svg.trend { border: 1px solid #ddd; margin: .5rem 0; max-width: 100%; height: auto; }
"""
