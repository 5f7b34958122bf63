"""The tools analysts use (issue 16, part 4): the registry's DuckDB CLI (duckdb-cli 1.5.6, installed with the project
as .venv/bin/duckdb), Harlequin (its own venv, `make harlequin`) and Python's duckdb open the warehouse, which is
created at DuckDB 1.5's storage; and the search macro of migration 012 over the areas' English and Chinese text."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.support.paths import ROOT
from tests.warehouse.bilingual_records import chinese, english
from tests.warehouse.test_warehouse import _load_seeds
from warehouse import load_batch, open_reader, open_writer
from warehouse import connection

CLI = Path(sys.executable).parent / "duckdb"  # the console script of duckdb-cli (pyproject.toml)
HARLEQUIN_PYTHON = Path(sys.executable).parent.parent / "harlequin" / "bin" / "python"  # Makefile: $(HARLEQUIN)
CLI_QUERY = ("SELECT (SELECT count(*) FROM meetings), (SELECT count(*) FROM attendance_by_person), "
             "(SELECT string_agg(meeting_id || '/' || area_no, ' ') FROM search_areas('fintech'))")


def _storage(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("SELECT tags['storage_version'] FROM duckdb_databases() "
                       "WHERE database_name = current_database()").fetchone()[0]


def _search(path, query: str) -> list[tuple]:
    with open_reader(path) as con:
        return con.execute("SELECT meeting_id, area_no, score, snippet FROM search_areas(?)", [query]).fetchall()


def test_a_new_warehouse_is_written_at_the_storage_the_cli_reads_and_an_older_one_keeps_its_own(tmp_path):
    _load_seeds(tmp_path / "new.duckdb")
    with duckdb.connect(str(tmp_path / "old.duckdb")) as con:  # as DuckDB 2.0 writes by default: the CLI cannot read it
        con.execute("CREATE TABLE kept (a INTEGER)")
    with open_writer(tmp_path / "old.duckdb") as con:
        assert _storage(con) == "v2.0.0+"  # a file keeps the storage it was created with
    with open_reader(tmp_path / "new.duckdb") as con:
        assert connection.STORAGE_VERSION == "v1.5.0" and _storage(con) == "v1.5.0+"
        assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] == 5


def test_a_warehouse_made_before_migration_012_gets_the_search_macro(warehouse_path, monkeypatch):
    every = connection._migrations()
    monkeypatch.setattr(connection, "_migrations", lambda: [m for m in every if m[0] < 12])
    with open_writer(warehouse_path) as con:  # a warehouse of before 012
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == 11
        assert not con.execute("SELECT * FROM duckdb_functions() WHERE function_name = 'search_areas'").fetchall()
    monkeypatch.undo()
    _load_seeds(warehouse_path)  # opening it to write applies the migrations it lacks
    with open_reader(warehouse_path) as con:
        assert con.execute("SELECT name FROM schema_migrations WHERE version = 12").fetchone()[0] == "012_area_search.sql"
    assert [row[:2] for row in _search(warehouse_path, "fintech")] == [("beijing-4", 2)]


def test_the_search_finds_areas_holding_every_term_at_word_starts_best_first(warehouse_path):
    _load_seeds(warehouse_path)
    # Beijing's fintech area (seeds/002, area 2 "Services Industries", filed under trade_investment) is the one area
    # of the seeds that says "Fintech"; Shanghai's area 4 names financial co-operation and financial technology.
    assert _search(warehouse_path, "Fintech")[0][:3] == ("beijing-4", 2, 2)
    assert [row[:2] for row in _search(warehouse_path, "fintech")] == [("beijing-4", 2)]
    assert [row[:2] for row in _search(warehouse_path, "financ technolog")] == [("shanghai-4", 4), ("beijing-4", 2)]
    hits = _search(warehouse_path, "fintech exchanges")
    assert len(hits) == 1 and "(Fintech) by encouraging exchanges" in hits[0][3]
    assert _search(warehouse_path, "fintech nowhere-said") == []  # every term, not any
    assert _search(warehouse_path, "   ") == []
    assert [row[:3] for row in _search(warehouse_path, "(Fintech)")] == [("beijing-4", 2, 1)]  # punctuation: as printed
    with open_reader(warehouse_path) as con:
        arts = con.execute("SELECT count(*) FROM search_areas('art')").fetchone()[0]
        inside = con.execute("SELECT count(*) FROM cooperation_areas WHERE lower(text) LIKE '%art%'").fetchone()[0]
    assert 0 < arts < inside  # "art" at the start of a word ("arts"), not inside "start" or "party"


def test_the_search_reads_the_chinese_headings_and_text(warehouse_path):
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [english(), chinese()])
    finance = _search(warehouse_path, "金融")
    assert [row[:3] for row in finance] == [("zhejiang-1", 2, 3)]  # the heading 金融 (a heading hit counts 3)
    assert [row[:2] for row in _search(warehouse_path, "finance 金融")] == [("zhejiang-1", 2)]
    assert _search(warehouse_path, "浙港")[0][:2] == ("zhejiang-1", 3)
    assert [row[:2] for row in _search(warehouse_path, "香港交易")] == [("zhejiang-1", 2)]
    with open_reader(warehouse_path) as con:  # case is ignored in a term of mixed scripts too
        assert con.execute("SELECT area_term_hits('深化CEPA協議', lower('CEPA協議'))").fetchone() == (1,)
    assert _search(warehouse_path, "浙港")[0][3] == "共同推進浙港兩地技術研發合作。"  # the snippet shows where the term is


def test_the_search_gives_a_chinese_snippet_for_an_area_known_only_in_chinese(warehouse_path):
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [chinese()])
    assert _search(warehouse_path, "交易") == [("zhejiang-1", 2, 1, "支持浙江省會同香港交易及結算所有限公司開展業務培訓。")]


def test_the_harlequin_pins_keep_the_projects_duckdb():
    pins = {}
    for name in ("constraints.txt", "constraints-harlequin.txt"):
        found = re.search(r"^duckdb==(\S+)$", (ROOT / name).read_text(), re.M)
        pins[name] = found and found.group(1)
    assert pins == {"constraints.txt": duckdb.__version__, "constraints-harlequin.txt": duckdb.__version__}


@pytest.mark.slow  # runs the DuckDB CLI
def test_the_registrys_duckdb_cli_opens_the_warehouse_and_runs_a_query(warehouse_path):
    _load_seeds(warehouse_path)
    with open_reader(warehouse_path) as con:  # Python's duckdb, read-only, as the project reads
        expected = ",".join(map(str, con.execute(CLI_QUERY).fetchone()))
    version = subprocess.run([CLI, "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("v1.5.6 ")
    done = subprocess.run([CLI, "-readonly", "-csv", "-noheader", str(warehouse_path), "-c", CLI_QUERY],
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr, done.stdout.strip()) == (0, "", expected)
    assert expected == "5,35,beijing-4/2"


@pytest.mark.slow  # runs Harlequin's Python in its own venv
def test_harlequin_opens_the_warehouse_read_only_with_its_duckdb_adapter(warehouse_path):
    _load_seeds(warehouse_path)
    script = (
        "import sys\n"
        "from harlequin_duckdb import DuckDbAdapter\n"
        "conn = DuckDbAdapter(conn_str=(sys.argv[1],), read_only=True).connect()\n"
        "rows = conn.execute('SELECT meeting_id FROM meeting_summary ORDER BY 1').fetchall()\n"
        "print(' '.join(rows.column('meeting_id').to_pylist()))\n"
        "schema = conn.get_catalog().items[0].fetch_children()[0]\n"
        "print(' '.join(sorted(item.label for item in schema.fetch_children())))\n"
        "conn.execute('CREATE TABLE scratch (a INTEGER)')\n"
    )
    done = subprocess.run([HARLEQUIN_PYTHON, "-c", script, str(warehouse_path)], capture_output=True, text=True,
                          timeout=120)
    meetings, relations, *_ = done.stdout.splitlines() + ["", ""]
    assert meetings == "beijing-4 chongqing-1 guangdong-20 shanghai-4 sichuan-1", done.stderr
    assert {"meetings", "cooperation_areas", "meeting_summary", "attendance_by_person"} <= set(relations.split())
    assert done.returncode != 0 and "read-only" in done.stderr  # opened read-only: the warehouse cannot be changed
