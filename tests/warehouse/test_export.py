"""Exports (issue 16, part): every table and view of a real warehouse written as Parquet and as CSV, read back with the
same row counts, and a data dictionary of every column with its type and comment; and the whole warehouse copied
into a DuckDB file at the storage the registry's DuckDB CLI (1.5.6) reads."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.support.commands import run
from tests.warehouse.test_warehouse import _load_seeds
from warehouse import open_reader
from warehouse.export import ExportError, export_warehouse, warehouse_objects

READ = {"parquet": "read_parquet('{}')", "csv": "read_csv('{}', header = true)"}


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_an_export_read_back_gives_the_same_row_counts(warehouse_path, tmp_path, fmt):
    _load_seeds(warehouse_path)
    with open_reader(warehouse_path) as con:
        objects = warehouse_objects(con)
        counts = {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name, _ in objects}
        written = export_warehouse(con, tmp_path / fmt, fmt)
    assert {"meetings", "releases", "attendees", "meeting_sources"} <= {name for name, kind in objects if kind == "table"}
    assert {"meeting_summary", "attendance_by_person"} <= {name for name, kind in objects if kind == "view"}
    assert "schema_migrations" not in counts
    assert counts["meetings"] == 5
    with duckdb.connect() as con:
        for exported in written[:-1]:
            read_back = con.execute(f"SELECT count(*) FROM {READ[fmt].format(exported.path)}").fetchone()[0]
            assert (exported.name, read_back) == (exported.name, counts[exported.name])
        meetings = con.execute(f"SELECT meeting_id FROM {READ[fmt].format(tmp_path / fmt / f'meetings.{fmt}')} "
                               "ORDER BY 1").fetchall()
    assert [m for (m,) in meetings] == ["beijing-4", "chongqing-1", "guangdong-20", "shanghai-4", "sichuan-1"]


def test_the_data_dictionary_names_every_column_of_every_object_with_its_comment(warehouse_path, tmp_path):
    _load_seeds(warehouse_path)
    with open_reader(warehouse_path) as con:
        written = export_warehouse(con, tmp_path, "parquet")
        columns = con.execute("SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal "
                              "AND database_name = current_database() AND table_name <> 'schema_migrations'").fetchone()[0]
    dictionary = written[-1]
    assert dictionary.name == "data_dictionary" and dictionary.rows == columns
    with duckdb.connect() as con:
        rows = con.execute(f"SELECT object, kind, \"column\", type, comment FROM read_parquet('{dictionary.path}') "
                           "WHERE object = 'meetings' AND \"column\" = 'hk_leader_zh'").fetchall()
    assert len(rows) == 1 and rows[0][1] == "table" and rows[0][2:4] == ("hk_leader_zh", "VARCHAR") and rows[0][4]


def test_an_unknown_format_is_refused(warehouse_path, tmp_path):
    _load_seeds(warehouse_path)
    with open_reader(warehouse_path) as con, pytest.raises(ValueError, match="unknown export format 'xml'"):
        export_warehouse(con, tmp_path, "xml")


def _warehouse_at_duckdb_2_storage(tmp_path) -> Path:
    """The seeds' warehouse as one created before it was written at 1.5's storage: DuckDB 2.0's own."""
    _load_seeds(tmp_path / "new.duckdb")
    old = tmp_path / "old" / "warehouse.duckdb"
    old.parent.mkdir()
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{tmp_path / 'new.duckdb'}' AS new (READ_ONLY)")
        con.execute(f"ATTACH '{old}' AS old")
        con.execute("COPY FROM DATABASE new TO old")
    return old


def _storage(con) -> str:
    return con.execute("SELECT tags['storage_version'] FROM duckdb_databases() "
                       "WHERE database_name = current_database()").fetchone()[0]


def test_a_duckdb_copy_is_at_the_storage_the_cli_reads_with_every_row_macro_and_comment(tmp_path):
    old = _warehouse_at_duckdb_2_storage(tmp_path)
    with open_reader(old) as con:
        assert _storage(con) == "v2.0.0+"
        counts = {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name, _ in warehouse_objects(con)}
        written = export_warehouse(con, tmp_path / "copy", "duckdb")
    copy = tmp_path / "copy" / "warehouse.duckdb"
    assert {e.path for e in written} == {copy} and {e.name: e.rows for e in written} == counts
    assert sorted(p.name for p in copy.parent.iterdir()) == ["warehouse.duckdb"]  # no partial file, no WAL left
    with open_reader(copy) as con:
        assert _storage(con) == "v1.5.0+"
        assert {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                for name, _ in warehouse_objects(con)} == counts
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] >= 12
        assert con.execute("SELECT meeting_id, area_no FROM search_areas('fintech')").fetchall() == [("beijing-4", 2)]
        assert con.execute("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'meeting_summary' "
                           "AND comment IS NULL").fetchone()[0] == 0
    with open_reader(old) as con:  # again, over the first copy: replaced whole
        assert len(export_warehouse(con, tmp_path / "copy", "duckdb")) == len(written)


def test_a_duckdb_copy_never_replaces_the_warehouse_itself(tmp_path):
    old = _warehouse_at_duckdb_2_storage(tmp_path)
    before = old.read_bytes()
    with open_reader(old) as con, pytest.raises(ExportError, match="choose another --out folder"):
        export_warehouse(con, old.parent, "duckdb")
    assert old.read_bytes() == before


@pytest.mark.slow  # runs `plenary export` and the DuckDB CLI
def test_the_cli_cannot_read_a_duckdb_2_warehouse_but_reads_its_export(tmp_path):
    old = _warehouse_at_duckdb_2_storage(tmp_path)
    cli = Path(sys.executable).parent / "duckdb"  # duckdb-cli 1.5.6, the registry's
    query = ["-readonly", "-csv", "-noheader", "-c", "SELECT count(*) FROM meeting_summary"]
    refused = subprocess.run([cli, str(old), *query], capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0 and "version number" in refused.stderr
    done = run("export", "--format", "duckdb", "--out", str(tmp_path / "copy"), "--warehouse", str(old))
    assert done.returncode == 0, done.stderr
    assert "meeting_summary" in done.stdout and "duckdb -readonly" in done.stdout
    read = subprocess.run([cli, str(tmp_path / "copy" / "warehouse.duckdb"), *query], capture_output=True, text=True,
                          timeout=120)
    assert (read.returncode, read.stdout.strip()) == (0, "5")
