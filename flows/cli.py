"""The `plenary` command: ingest, parse, sql."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from parsers import ParsingError, Source, parse_release
from warehouse import WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError, default_warehouse_path, open_reader

app = typer.Typer(help="Plenary releases pipeline: ingest, inspect and query the warehouse.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)

WarehouseOption = typer.Option(None, "--warehouse", "-w", help="DuckDB file (default: $PLENARY_WAREHOUSE or ./warehouse.duckdb)")


def fail(message: str, code: int = 1) -> None:
    """Print one clear line on stderr and exit non-zero."""
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., exists=True, help="Release files and folders (a folder's manifest.csv gives source URLs)"),
    warehouse: Optional[Path] = WarehouseOption,
    json_output: bool = typer.Option(False, "--json", help="Print the run summary as JSON"),
) -> None:
    """Ingest release files and folders into the warehouse (Prefect flow, embedded mode)."""
    from .ingest import ingest_paths  # imports Prefect: only for the commands that run flows

    target = warehouse or default_warehouse_path()
    try:
        summary = ingest_paths(paths, target)
    except (WarehouseBusyError, WarehouseUnreadableError) as exc:
        fail(str(exc))
    if json_output:
        out.print_json(json.dumps(summary, default=str))
        return
    _print_summary(summary, target)


@app.command()
def parse(
    path: Path = typer.Argument(..., help="A release file (text, Markdown)"),
    source_url: Optional[str] = typer.Option(None, "--source-url", help="The release's web address (gives its id and date)"),
    json_output: bool = typer.Option(False, "--json", help="Print the staged records as JSON"),
) -> None:
    """Print the staged records of one release, before any quality gate; touches no warehouse."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}")
    try:
        parsed = parse_release(data, Source(uri=str(path), url=source_url))
    except ParsingError as exc:
        fail(f"{path}: {exc}")
    records = parsed.to_dict()
    if json_output:
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
        return
    meeting = records["meeting"]
    if meeting is None:
        out.print(f"not a plenary report: {records['release']['not_plenary_reason']}")
        return
    _print_rows(f"{meeting['meeting_id']}: {records['release']['title']}",
                [{"field": k, "value": v} for k, v in meeting.items()])
    _print_rows("areas", [{k: a[k] for k in ("area_no", "heading", "category", "paragraph_count")} for a in records["areas"]])
    _print_rows("attendees", [{k: a[k] for k in ("person", "office", "side", "role")} for a in records["attendees"]])
    _print_rows("agreements", [{k: a[k] for k in ("agreement_no", "title")} for a in records["agreements"]])


@app.command()
def report(
    warehouse: Optional[Path] = WarehouseOption,
    runs: int = typer.Option(10, "--runs", help="How many recent runs the trend shows"),
    html_path: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML page here"),
) -> None:
    """Data quality: the latest run per table, open quarantine, and the trend over recent runs."""
    from .report import build_report, render_html

    try:
        with open_reader(warehouse or default_warehouse_path()) as con:
            quality = build_report(con, runs)
    except (WarehouseMissingError, WarehouseBusyError, WarehouseUnreadableError) as exc:
        fail(str(exc))
    run = quality.latest_run or {}
    out.print(f"latest run: {run.get('run_id', 'none')} ({run.get('status', '-')}, started {run.get('started_at', '-')})",
              highlight=False)
    _print_rows("checks per table (latest run)", quality.by_table)
    _print_rows("failing checks (latest run)", quality.failures)
    _print_rows("quarantined, not yet resolved", quality.quarantined)
    _print_rows(f"trend over the last {runs} runs", quality.trend)
    if html_path:
        html_path.parent.mkdir(parents=True, exist_ok=True)
        html_path.write_text(render_html(quality), encoding="utf-8")
        out.print(f"HTML report written to {html_path}", highlight=False)


@app.command()
def sql(
    query: str = typer.Argument(..., help="SQL to run (read-only)"),
    warehouse: Optional[Path] = WarehouseOption,
    json_output: bool = typer.Option(False, "--json", help="Print rows as JSON"),
) -> None:
    """Run a read-only SQL query on the warehouse and print the result as a table."""
    import duckdb

    try:
        with open_reader(warehouse or default_warehouse_path()) as con:
            cursor = con.execute(query)
            columns = [d[0] for d in cursor.description] if cursor.description else []
            rows = [dict(zip(columns, r)) for r in cursor.fetchall()]
    except (WarehouseMissingError, WarehouseBusyError, WarehouseUnreadableError) as exc:
        fail(str(exc))
    except duckdb.Error as exc:
        fail(f"query failed: {exc}".splitlines()[0])
    if json_output:
        sys.stdout.write(json.dumps(rows, default=str, indent=2) + "\n")
        return
    _print_rows(None, rows, columns)


def _print_summary(summary: dict, target: Path) -> None:
    counts = summary["counts"]
    out.print(
        f"run {summary['run_id']}: read {counts['read']}, parsed {counts['parsed']}, loaded {counts['loaded']} "
        f"(new or changed), unchanged {counts['unchanged']}, skipped {counts['skipped']} (not plenary reports), "
        f"quarantined {counts['quarantined']}",
        highlight=False,
    )
    ids = sorted(set(summary["release_ids"]))
    if ids:
        with open_reader(target) as con:
            placeholders = ", ".join("?" for _ in ids)
            cursor = con.execute(
                f"""SELECT meeting_id, meeting_date, counterpart, plenary_number AS plenary,
                           coalesce(stated_area_count::VARCHAR, '-') || ' / ' || area_count AS "areas stated/found",
                           attendee_count AS attendees, agreement_count AS agreements
                    FROM meeting_summary WHERE release_id IN ({placeholders}) ORDER BY meeting_date NULLS LAST, meeting_id""",
                ids,
            )
            columns = [d[0] for d in cursor.description]
            _print_rows(f"meetings in {target}", [dict(zip(columns, r)) for r in cursor.fetchall()], columns)
    for item in summary["quarantined"]:
        err.print(f"quarantined at {item['stage']}: {item['source']}: {item['reason']}", highlight=False)
    out.print(
        f"quality: {counts['warned']} releases with warnings (loaded), {counts['quarantined']} quarantined; "
        f"Data Docs: {summary.get('report') or 'not written'}; details: plenary report --warehouse {target}",
        highlight=False,
    )


def _print_rows(title: str | None, rows: list[dict], columns: list[str] | None = None) -> None:
    columns = columns or (list(rows[0]) if rows else [])
    if not columns:
        out.print(f"{title}: none" if title else "(no rows)", highlight=False)
        return
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    out.print(table)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
