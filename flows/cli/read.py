"""`plenary parse`, `report`, `sql`, `export` and `dictionary`: one release's records, the data-quality report, SQL on
the warehouse, the warehouse as files, the data dictionary."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from parsers import PlenaryError, parse_document
from warehouse import EXPORT_FORMATS, data_dictionary_markdown, default_warehouse_path, export_warehouse, open_reader

from .. import settings
from ..console import fail, print_csv, print_json, print_parsed, print_quality, print_rows, say
from . import app
from .options import WarehouseOption, is_url


@app.command()
def parse(
    target: str = typer.Argument(..., help="A release file (text, Markdown or a saved HTML page) or a page URL"),
    source_url: Optional[str] = typer.Option(None, "--source-url", help="The release's web address (gives its id and date)"),
    json_output: bool = typer.Option(False, "--json", help="Print the staged records as JSON"),
) -> None:
    """Print the staged records of one release, before any quality gate; touches no warehouse.

    A file over the size limit `plenary ingest` applies (5 MiB) is refused unread, and the parse has the time
    budget of the ingest's parse stage ($PLENARY_PARSE_BUDGET_SECONDS)."""
    from ..collect.files import Document, read_release_file
    from ..collect.http import Fetcher, FetchPolicy

    try:
        if is_url(target):  # under the fetch policy (allowlist, limits, retries)
            with Fetcher(FetchPolicy.from_env()) as fetcher:
                doc = Document.fetched(fetcher.fetch(target))
        else:
            doc = read_release_file(Path(target), source_url)
    except PlenaryError as exc:
        fail(str(exc))
    try:
        parsed = parse_document(doc.data, doc.source, doc.content_type, doc.charset,
                                budget=settings.PARSE_BUDGET_SECONDS.read())
    except PlenaryError as exc:
        fail(f"{target}: {exc}")
    if json_output:
        print_json(parsed.to_dict(), pretty=True, ascii=False)
    else:
        print_parsed(parsed.to_dict())


@app.command()
def report(
    warehouse: Optional[Path] = WarehouseOption,
    runs: int = typer.Option(10, "--runs", help="How many recent runs the trend shows"),
    html_path: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML page here"),
) -> None:
    """Data quality: the latest run per table, open quarantine, and the trend over recent runs."""
    from ..runtime.report import build_report, render_html

    try:
        with open_reader(warehouse or default_warehouse_path()) as con:
            quality = build_report(con, runs)
    except PlenaryError as exc:
        fail(str(exc))
    print_quality(quality, runs)
    if html_path:
        html_path.parent.mkdir(parents=True, exist_ok=True)
        html_path.write_text(render_html(quality), encoding="utf-8")
        say(f"HTML report written to {html_path}")


@app.command()
def sql(
    query: str = typer.Argument(..., help="SQL to run (read-only)"),
    warehouse: Optional[Path] = WarehouseOption,
    output_format: str = typer.Option("table", "--format", help="table, csv or json"),
    json_output: bool = typer.Option(False, "--json", help="Print rows as JSON (the same as --format json)"),
) -> None:
    """Run a read-only SQL query on the warehouse and print the result: a table (NULL printed as NULL), CSV with a
    header (NULL as an empty field), or JSON (null)."""
    import duckdb

    output_format = "json" if json_output else output_format.lower()
    if output_format not in SQL_FORMATS:
        fail(f"unknown --format {output_format!r}: use table, csv or json", code=2)

    try:
        with open_reader(warehouse or default_warehouse_path()) as con:
            cursor = con.execute(query)
            columns = [d[0] for d in cursor.description] if cursor.description else []
            rows = [dict(zip(columns, r)) for r in cursor.fetchall()]
    except PlenaryError as exc:
        fail(str(exc))
    except duckdb.Error as exc:  # the user's SQL
        fail(f"query failed: {exc}".splitlines()[0])
    if output_format == "json":
        print_json(rows, pretty=True, ascii=False)
    elif output_format == "csv":
        print_csv(rows, columns)
    else:
        print_rows(None, rows, columns)


SQL_FORMATS = ("table", "csv", "json")


@app.command()
def export(
    out: Path = typer.Option(..., "--out", help="The folder to write the files to (made if missing)"),
    output_format: str = typer.Option("parquet", "--format", help="parquet, csv or duckdb"),
    warehouse: Optional[Path] = WarehouseOption,
) -> None:
    """Write every table and view of the warehouse to files (one a table or view), with `data_dictionary` beside
    them: every column's type and comment; or, with --format duckdb, the whole warehouse copied into one DuckDB file
    that the DuckDB CLI 1.5 and Harlequin open. Read-only: the warehouse is not changed."""
    import duckdb

    output_format = output_format.lower()
    if output_format not in EXPORT_FORMATS:
        fail(f"unknown --format {output_format!r}: use {', '.join(EXPORT_FORMATS[:-1])} or {EXPORT_FORMATS[-1]}", code=2)
    try:
        with open_reader(warehouse or default_warehouse_path()) as con:
            written = export_warehouse(con, out, output_format)
    except PlenaryError as exc:
        fail(str(exc))
    except (duckdb.Error, OSError) as exc:
        fail(f"export failed: {exc}".splitlines()[0])
    print_rows(f"exported to {out}", [{"object": e.name, "kind": e.kind, "rows": e.rows, "file": e.path.name}
                                      for e in written])
    if output_format == "duckdb" and written:
        cli = Path(sys.executable).parent / "duckdb"  # the registry's DuckDB CLI, installed beside the project
        say(f"open it with: {cli if cli.exists() else 'duckdb'} -readonly {written[0].path}")


@app.command()
def dictionary(
    warehouse: Optional[Path] = WarehouseOption,
    out: Optional[Path] = typer.Option(None, "--out", help="Write the Markdown here (else print it)"),
) -> None:
    """The data dictionary, as Markdown: every table and view with its comment, each column's type and comment
    (docs/data_dictionary.md is this for a new warehouse)."""
    try:
        with open_reader(warehouse or default_warehouse_path()) as con:
            text = data_dictionary_markdown(con)
    except PlenaryError as exc:
        fail(str(exc))
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        say(f"data dictionary written to {out}")
