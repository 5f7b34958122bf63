"""What `plenary` prints: tables and run summaries on stdout, one-line errors on stderr, and its exit codes."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.table import Table

from parsers import PlenaryError
from warehouse import open_reader

EXIT_FAILED = 1  # the command could not do what it was asked (one line on stderr says why)
EXIT_USAGE = 2  # a bad argument or setting: nothing was started
EXIT_STOPPED = 130  # stopped by SIGINT or SIGTERM

out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    """Print one clear line on stderr and exit non-zero."""
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def say(message: str) -> None:
    """One line on stdout."""
    out.print(message, highlight=False)


def note(message: str) -> None:
    """One line on stderr that is not an error."""
    err.print(message, highlight=False)


def print_json(value: object, pretty: bool = False, ascii: bool = True) -> None:
    """As rich prints JSON (colours on a terminal), or `pretty`: indented plain JSON on stdout (`ascii`: non-ASCII
    characters escaped)."""
    if pretty:
        sys.stdout.write(json.dumps(value, default=str, indent=2, ensure_ascii=ascii) + "\n")
    else:
        out.print_json(json.dumps(value, default=str))


def print_rows(title: str | None, rows: list[dict], columns: list[str] | None = None) -> None:
    columns = columns or (list(rows[0]) if rows else [])
    if not columns:
        out.print(f"{title}: none" if title else "(no rows)", highlight=False)
        return
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(NULL if row.get(c) is None else str(row.get(c)) for c in columns))
    out.print(table)


NULL = "NULL"  # how a table prints a missing value, in every command


def print_csv(rows: list[dict], columns: list[str]) -> None:
    """Rows as CSV with a header, to stdout (NULL: an empty field)."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])


def print_outcome(summary: dict, failure: str | None, target: Path, json_output: bool) -> None:
    """Print a run's summary (as JSON, or as `print_run` does), then fail with the reason if it failed."""
    if json_output:
        print_json(summary)
    elif summary:
        print_run(summary, target)
    if failure:
        fail(failure)


def print_run(summary: dict, target: Path) -> None:
    """A discover run prints what it found, then the ingest it started; an ingest run prints its summary."""
    if "discovered" not in summary:
        _print_summary(summary, target)
        return
    counts = summary["counts"]
    say(f"discover {summary['run_id']}: {counts['read']} releases listed, {len(summary['discovered'])} new "
        f"to ingest, {counts['skipped']} set aside (not plenary reports), {counts['quarantined']} refused or "
        f"unreadable; {summary['events_sent']} discovered events sent")
    _print_quarantined(summary)
    if summary.get("ingest"):
        _print_summary(summary["ingest"], target)
    if summary.get("ingest_failure"):
        note(f"the ingest of the pending releases failed: {summary['ingest_failure']}")


def _print_summary(summary: dict, target: Path) -> None:
    counts = summary["counts"]
    say(f"run {summary['run_id']}: read {counts['read']}, parsed {counts['parsed']}, loaded {counts['loaded']} "
        f"(new or changed), unchanged {counts['unchanged']}, skipped {counts['skipped']} (not plenary reports), "
        f"quarantined {counts['quarantined']}")
    ids = sorted(set(summary["release_ids"]))
    if ids:
        try:
            _print_meetings(target, ids)
        except PlenaryError as exc:
            note(f"(the meetings loaded are not listed: {exc})")
    _print_quarantined(summary)
    for change in summary.get("meeting_changes") or []:
        say(f"meeting {change['change']}: {change['summary']}")
    say(f"quality: {counts['warned']} releases with warnings (loaded), {counts['quarantined']} quarantined; "
        f"Data Docs: {summary.get('report') or 'not written'}; details: plenary report --warehouse {target}")


def _print_quarantined(summary: dict) -> None:
    for item in summary["quarantined"]:
        note(f"quarantined at {item['stage']}: {item['source']}: {item['reason']}")


def _print_meetings(target: Path, release_ids: list[str]) -> None:
    """The meetings of these releases, one row each (read-only)."""
    with open_reader(target) as con:
        placeholders = ", ".join("?" for _ in release_ids)
        cursor = con.execute(
            f"""SELECT meeting_id, meeting_date, counterpart, plenary_number AS plenary,
                       coalesce(stated_area_count::VARCHAR, '-') || ' / ' || area_count AS "areas stated/found",
                       attendee_count AS attendees, agreement_count AS agreements
                FROM meeting_summary WHERE release_id IN ({placeholders}) ORDER BY meeting_date NULLS LAST, meeting_id""",
            release_ids,
        )
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, r)) for r in cursor.fetchall()]
    print_rows(f"meetings in {target}", rows, columns)


def print_parsed(records: dict) -> None:
    """`plenary parse` without --json: the meeting's fields, then its areas, attendees and agreements."""
    meeting = records["meeting"]
    if meeting is None:
        out.print(f"not a plenary report: {records['release']['not_plenary_reason']}")
        return
    print_rows(f"{meeting['meeting_id']}: {records['release']['title']}",
               [{"field": k, "value": v} for k, v in meeting.items()])
    print_rows("areas", [{k: a[k] for k in ("area_no", "heading", "category", "paragraph_count")} for a in records["areas"]])
    print_rows("attendees", [{k: a[k] for k in ("person", "office", "side", "role")} for a in records["attendees"]])
    print_rows("agreements", [{k: a[k] for k in ("agreement_no", "title")} for a in records["agreements"]])


def print_quality(quality, runs: int) -> None:
    """`plenary report`: the latest run, its checks per table and failures, meetings changed, quarantine, trend."""
    run = quality.latest_run or {}
    say(f"latest run: {run.get('run_id', 'none')} ({run.get('status', '-')}, started {run.get('started_at', '-')})")
    print_rows("checks per table (latest run)", quality.by_table)
    print_rows("failing checks (latest run)", quality.failures)
    print_rows("meetings changed (latest run)", quality.meeting_changes)
    print_rows("quarantined, not yet resolved", quality.quarantined)
    print_rows(f"trend over the last {runs} runs (shares in per cent of the run's releases and checks)",
               quality.trend_table)


def print_bench(figures: dict) -> None:
    """Stage throughput per source, then each target with its measurement."""
    rows = []
    for source in ("files", "http"):
        for name, stage_figures in figures[source]["stages"].items():
            rate = stage_figures["releases_per_second"]
            rows.append({"source": source, "stage": name, "seconds": f"{stage_figures['seconds']:.2f}",
                         "releases/s": f"{rate:,.0f}" if rate else "-"})
        rows.append({"source": source, "stage": "end to end", "seconds": f"{figures[source]['wall_seconds']:.2f}",
                     "releases/s": f"{figures[source]['releases_per_second']:,.0f}"})
    print_rows(f"plenary bench: {figures['releases']} releases ({figures['corpus']})", rows)
    print_rows("targets", [{"target": name, "bound": t["target"],
                            "measured": f"{t['measured']:.3g}" if isinstance(t["measured"], (int, float)) else str(t["measured"]),
                            "met": "yes" if t["met"] else "NO"} for name, t in figures["targets"].items()])
