"""Exports (issue 16, part): every table and view of a real warehouse written as Parquet and as CSV, read back with the
same row counts, and a data dictionary of every column with its type and comment."""
from __future__ import annotations

import duckdb
import pytest

from tests.warehouse.test_warehouse import _load_seeds
from warehouse import open_reader
from warehouse.export import export_warehouse, warehouse_objects

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
