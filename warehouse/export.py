"""Exports for analysts: every table and view of the warehouse written as Parquet or CSV files, with a data
dictionary beside them made from the columns' comments. Reads through a read-only connection; writes only files.

`plenary export --format parquet|csv --out DIR` (flows/cli/read.py) calls `export_warehouse`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

FORMATS = {"parquet": "(FORMAT PARQUET)", "csv": "(FORMAT CSV, HEADER)"}
EXPORT_FORMATS = tuple(FORMATS)  # what `plenary export --format` takes
DICTIONARY = "data_dictionary"  # the file beside the exports: object, kind, column, type, comment
_INTERNAL = ("schema_migrations",)  # the migrations' bookkeeping: no analyst's table


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
    `out_dir/data_dictionary.<fmt>`; return what was written (the dictionary last)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
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
