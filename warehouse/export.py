"""Exports for analysts: every table and view of the warehouse written as Parquet or CSV files, with a data
dictionary beside them made from the columns' comments; or the whole warehouse copied into a DuckDB file at the
storage the DuckDB CLI 1.5 reads. Reads through read-only connections; writes only files.

`plenary export --format parquet|csv|duckdb --out DIR` (flows/cli/read.py) calls `export_warehouse`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from parsers import PlenaryError

from .connection import STORAGE_VERSION

FORMATS = {"parquet": "(FORMAT PARQUET)", "csv": "(FORMAT CSV, HEADER)"}
DUCKDB = "duckdb"  # the whole warehouse as one DuckDB file (copy_warehouse)
EXPORT_FORMATS = (*FORMATS, DUCKDB)  # what `plenary export --format` takes
DICTIONARY = "data_dictionary"  # the file beside the exports: object, kind, column, type, comment
_INTERNAL = ("schema_migrations",)  # the migrations' bookkeeping: no analyst's table


class ExportError(PlenaryError, ValueError):
    """An export that cannot be written as asked (the copy would replace the warehouse itself)."""


@dataclass(frozen=True)
class Exported:
    """One object written: its name, whether a table or a view, its rows, and the file."""

    name: str
    kind: str  # "table" | "view"
    rows: int
    path: Path


def warehouse_objects(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, "table" | "view") of every table and view an analyst reads, tables first, each in name order."""
    mine = "schema_name = 'main' AND NOT internal AND database_name = current_database()"
    tables = con.execute(f"SELECT table_name FROM duckdb_tables() WHERE {mine} ORDER BY 1").fetchall()
    views = con.execute(f"SELECT view_name FROM duckdb_views() WHERE {mine} ORDER BY 1").fetchall()
    return [(name, "table") for (name,) in tables if name not in _INTERNAL] + [(name, "view") for (name,) in views]


def export_warehouse(con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str) -> list[Exported]:
    """Write every table and view to `out_dir/<name>.<fmt>`, and the data dictionary to
    `out_dir/data_dictionary.<fmt>`; return what was written (the dictionary last). Format duckdb: `copy_warehouse`."""
    if fmt == DUCKDB:
        return copy_warehouse(con, out_dir)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, kind in warehouse_objects(con):
        path = out_dir / f"{name}.{fmt}"
        con.execute(f"COPY (SELECT * FROM {_quoted(name)}) TO '{_literal(path)}' {FORMATS[fmt]}")
        rows = con.execute(f"SELECT count(*) FROM {_quoted(name)}").fetchone()[0]
        written.append(Exported(name, kind, rows, path))
    dictionary = out_dir / f"{DICTIONARY}.{fmt}"
    con.execute(f"COPY ({_dictionary_query(con)}) TO '{_literal(dictionary)}' {FORMATS[fmt]}")
    rows = con.execute(f"SELECT count(*) FROM ({_dictionary_query(con)})").fetchone()[0]
    return written + [Exported(DICTIONARY, "dictionary", rows, dictionary)]


def copy_warehouse(con: duckdb.DuckDBPyConnection, out_dir: Path) -> list[Exported]:
    """Copy the whole warehouse `con` reads (tables, views, macros, comments, keys, `schema_migrations`) into
    `out_dir/<its name>.duckdb` at STORAGE_VERSION, the storage the DuckDB CLI 1.5 and Harlequin read; return each
    table and view copied with its rows. The copy is written beside under a temporary name, then put in place whole."""
    name, source = con.execute("SELECT database_name, path FROM duckdb_databases() "
                               "WHERE database_name = current_database()").fetchone()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.duckdb"
    if not source or target.resolve() == Path(source).resolve():
        raise ExportError(f"a DuckDB copy of {source or 'an in-memory warehouse'} cannot be written to {target}: "
                          "choose another --out folder")
    partial = out_dir / f".{name}.duckdb.partial"
    for stale in (partial, Path(f"{partial}.wal")):
        stale.unlink(missing_ok=True)
    with duckdb.connect() as copier:  # the source attached read-only, as the reader `con` has it
        copier.execute(f"ATTACH '{_literal(source)}' AS plenary_source (READ_ONLY)")
        copier.execute(f"ATTACH '{_literal(partial)}' AS plenary_copy (STORAGE_VERSION '{STORAGE_VERSION}')")
        copier.execute("COPY FROM DATABASE plenary_source TO plenary_copy")
        copier.execute("DETACH plenary_copy")  # checkpoints: the copy is one file, no WAL
    os.replace(partial, target)
    return [Exported(obj, kind, con.execute(f"SELECT count(*) FROM {_quoted(obj)}").fetchone()[0], target)
            for obj, kind in warehouse_objects(con)]


def data_dictionary_markdown(con: duckdb.DuckDBPyConnection) -> str:
    """The data dictionary as Markdown: each table and view with its comment, then its columns' types and comments
    (docs/data_dictionary.md is this, for a new warehouse: `plenary dictionary`)."""
    comments = dict(con.execute(
        "SELECT table_name, comment FROM duckdb_tables() WHERE database_name = current_database() UNION ALL "
        "SELECT view_name, comment FROM duckdb_views() WHERE database_name = current_database() AND NOT internal").fetchall())
    columns: dict[str, list[tuple]] = {}
    for obj, kind, column, type_, comment in con.execute(_dictionary_query(con)).fetchall():
        columns.setdefault(obj, []).append((kind, column, type_, comment))
    parts = ["# Data dictionary", "",
             "Every table and view of the warehouse, from the comments the migrations put on them "
             "(`plenary dictionary` writes this file; `plenary export` writes the same as `data_dictionary`).", ""]
    for obj, kind in warehouse_objects(con):
        parts += [f"## `{obj}` ({kind})", "", _cell(comments.get(obj) or ""), "", "| column | type | meaning |", "|---|---|---|"]
        parts += [f"| `{column}` | {type_} | {_cell(comment or '')} |" for _, column, type_, comment in columns.get(obj, [])]
        parts.append("")
    return "\n".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _dictionary_query(con: duckdb.DuckDBPyConnection) -> str:
    """Every column of every object exported: object, kind, column, its type and its comment (null: none)."""
    names = ", ".join(f"'{_literal(name)}'" for name, _ in warehouse_objects(con))
    return ("SELECT c.table_name AS object, CASE WHEN v.view_name IS NULL THEN 'table' ELSE 'view' END AS kind, "
            "c.column_name AS column, c.data_type AS type, NULLIF(c.comment, '') AS comment "
            "FROM duckdb_columns() c LEFT JOIN duckdb_views() v ON v.view_name = c.table_name AND v.schema_name = 'main' "
            "AND NOT v.internal AND v.database_name = current_database() "
            f"WHERE c.schema_name = 'main' AND NOT c.internal AND c.database_name = current_database() "
            f"AND c.table_name IN ({names}) ORDER BY c.table_name, c.column_index")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: object) -> str:
    return str(value).replace("'", "''")
