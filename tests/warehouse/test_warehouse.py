"""The writer: schema and comments, idempotent re-runs, revisions, quarantine and its resolution."""
from __future__ import annotations

import duckdb
import pytest

from flows.collect.files import discover_files, read_documents
from flows.pipeline import parse_documents
from parsers import Source, parse_release
from tests.support.paths import SEEDS
from warehouse import load_batch, open_reader, open_writer

DATA_TABLES = ("meetings", "cooperation_areas", "attendees", "agreements", "release_revisions", "quarantine")


def _load_seeds(path, run_id="run-1"):
    files, _ = discover_files([SEEDS])
    docs, _ = read_documents(files)
    batch = parse_documents(docs)
    with open_writer(path) as con:
        return load_batch(con, run_id, batch.parsed, batch.failures)


def _snapshot(path) -> dict:
    with open_reader(path) as con:
        snap = {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in DATA_TABLES}
        snap["releases"] = sorted(map(repr, con.execute("SELECT * EXCLUDE (last_seen_at) FROM releases").fetchall()))
    return snap


def test_every_table_view_and_column_is_documented(warehouse_path):
    """Every column of every table and view has a comment (views' columns too: migration 011), and every view."""
    _load_seeds(warehouse_path)
    with open_reader(warehouse_path) as con:
        undocumented = con.execute(
            """SELECT table_name, column_name FROM duckdb_columns()
               WHERE schema_name = 'main' AND NOT internal AND database_name = current_database()
                 AND table_name NOT IN ('schema_migrations') AND (comment IS NULL OR comment = '')"""
        ).fetchall()
        views = con.execute("SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal "
                            "AND database_name = current_database() AND (comment IS NULL OR comment = '')").fetchall()
    assert undocumented == [] and views == []


def test_seeds_load_five_meetings_with_their_children(warehouse_path):
    result = _load_seeds(warehouse_path)
    assert len(result.loaded) == 5 and result.unchanged == []
    with open_reader(warehouse_path) as con:
        rows = dict(con.execute("SELECT meeting_id, area_count FROM meetings").fetchall())
        areas = dict(con.execute("SELECT meeting_id, count(*) FROM cooperation_areas GROUP BY 1").fetchall())
    assert rows == {"sichuan-1": 11, "chongqing-1": 11, "beijing-4": 8, "shanghai-4": 13, "guangdong-20": 9}
    assert areas == rows


def test_loading_twice_changes_nothing(warehouse_path):
    _load_seeds(warehouse_path, "run-1")
    before = _snapshot(warehouse_path)
    second = _load_seeds(warehouse_path, "run-2")
    assert second.loaded == [] and len(second.unchanged) == 5
    assert _snapshot(warehouse_path) == before
    with open_reader(warehouse_path) as con:
        for table, key in (("meetings", "meeting_id"), ("cooperation_areas", "meeting_id, area_no"),
                           ("attendees", "meeting_id, person, role"), ("agreements", "meeting_id, agreement_no"),
                           ("releases", "release_id")):
            total, distinct = con.execute(f"SELECT count(*), count(DISTINCT ({key})) FROM {table}").fetchone()
            assert total == distinct > 0, table


def test_changed_release_becomes_revision_two_and_revision_one_is_kept(warehouse_path, tmp_path):
    _load_seeds(warehouse_path)
    seed = SEEDS / "002_76a61713adfee18e.txt"
    url = "https://www.info.gov.hk/gia/general/201810/24/P2018102400619.htm"
    edited = seed.read_bytes().replace(b"Youth Development", b"Youth Development and Sports")
    parsed = parse_release(edited, Source(uri=str(tmp_path / "edited.txt"), url=url))
    with open_writer(warehouse_path) as con:
        result = load_batch(con, "run-2", [parsed])
    assert result.loaded == ["P2018102400619"]
    with open_reader(warehouse_path) as con:
        assert con.execute("SELECT revision FROM releases WHERE release_id = 'P2018102400619'").fetchone() == (2,)
        revisions = con.execute(
            "SELECT revision, records_json->>'$.areas[6].heading' FROM release_revisions "
            "WHERE release_id = 'P2018102400619' ORDER BY revision"
        ).fetchall()
        assert revisions == [(1, "Youth Development"), (2, "Youth Development and Sports")]
        assert con.execute("SELECT heading FROM cooperation_areas WHERE meeting_id = 'beijing-4' AND area_no = 7").fetchone() == (
            "Youth Development and Sports",
        )
        assert con.execute("SELECT revision FROM meetings WHERE meeting_id = 'beijing-4'").fetchone() == (2,)


def test_bad_input_is_quarantined_and_leaves_when_fixed(warehouse_path, tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"")
    docs, _ = read_documents([bad])
    batch = parse_documents(docs)
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-1", batch.parsed, batch.failures)
    with open_reader(warehouse_path) as con:
        assert con.execute("SELECT stage, reason, source_uri FROM quarantine_open").fetchall() == [
            ("parse", "the input is empty", str(bad))
        ]
    bad.write_bytes((SEEDS / "003_3b4f25005ebc3ec4.txt").read_bytes())
    docs, _ = read_documents([bad])
    batch = parse_documents(docs)
    with open_writer(warehouse_path) as con:
        result = load_batch(con, "run-2", batch.parsed, batch.failures)
    assert result.resolved == 1
    with open_reader(warehouse_path) as con:
        assert con.execute("SELECT count(*) FROM quarantine_open").fetchone() == (0,)
        assert con.execute("SELECT resolved_by_run FROM quarantine").fetchall() == [("run-2",)]


@pytest.mark.slow  # a second process holds the writer
def test_second_writer_is_told_why_it_cannot_start(warehouse_path):
    import multiprocessing

    from warehouse import WarehouseBusyError

    _load_seeds(warehouse_path)
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_writer, args=(str(warehouse_path), ready, release))
    holder.start()
    try:
        assert ready.wait(30)
        try:
            with open_writer(warehouse_path, wait_seconds=1):
                raise AssertionError("a second writer opened the warehouse")
        except WarehouseBusyError as exc:
            assert "another process is writing" in str(exc)
    finally:
        release.set()
        holder.join(30)


def _hold_writer(path, ready, release):
    con = duckdb.connect(path)
    ready.set()
    release.wait(30)
    con.close()


def test_not_a_plenary_report_is_recorded_as_skipped(warehouse_path, tmp_path):
    page = tmp_path / "announcement.txt"
    page.write_text("CE to attend Hong Kong/Guangdong Co-operation Joint Conference\n\n"
                    "The Chief Executive will lead a delegation to attend the 19th Plenary of the "
                    "Hong Kong/Guangdong Co-operation Joint Conference in Guangzhou on September 14.\n")
    docs, _ = read_documents([page])
    batch = parse_documents(docs)
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-1", batch.parsed, batch.failures)
    with open_reader(warehouse_path) as con:
        row = con.execute("SELECT is_plenary_report, not_plenary_reason FROM releases").fetchone()
        assert row[0] is False and "headline announces" in row[1]
        assert con.execute("SELECT count(*) FROM meetings").fetchone() == (0,)


def test_a_revision_that_renumbers_the_plenary_leaves_no_stale_meeting(warehouse_path, tmp_path):
    _load_seeds(warehouse_path)
    url = "https://www.info.gov.hk/gia/general/201810/24/P2018102400619.htm"
    edited = (SEEDS / "002_76a61713adfee18e.txt").read_bytes().replace(b"Fourth Plenary", b"Fifth Plenary")
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-2", [parse_release(edited, Source(str(tmp_path / "e.txt"), url))])
    with open_reader(warehouse_path) as con:
        assert con.execute("SELECT meeting_id FROM meetings WHERE release_id = 'P2018102400619'").fetchall() == [("beijing-5",)]
        assert con.execute("SELECT count(*) FROM cooperation_areas WHERE meeting_id = 'beijing-4'").fetchone() == (0,)


def test_manifest_with_a_byte_order_mark_is_read_and_a_broken_one_quarantines(tmp_path):
    good, bad = tmp_path / "good", tmp_path / "bad"
    for folder in (good, bad):
        folder.mkdir()
        (folder / "a.txt").write_bytes((SEEDS / "002_76a61713adfee18e.txt").read_bytes())
    (good / "manifest.csv").write_text("\ufefffile,source_url\na.txt,https://www.info.gov.hk/gia/general/201810/24/P2018102400619.htm\n")
    (bad / "manifest.csv").write_text("name;url\na.txt;x\n")
    docs, failures = read_documents([good / "a.txt", bad / "a.txt"])
    assert [d.source.url for d in docs] == ["https://www.info.gov.hk/gia/general/201810/24/P2018102400619.htm"]
    assert len(failures) == 1 and "manifest needs the columns file,source_url" in failures[0].reason


def test_a_file_that_is_not_a_warehouse_is_named_as_such(tmp_path):
    from warehouse import WarehouseUnreadableError

    notes = tmp_path / "notes.duckdb"
    notes.write_text("not a database\n" * 100)
    try:
        with open_writer(notes, wait_seconds=0):
            raise AssertionError("opened a text file as a warehouse")
    except WarehouseUnreadableError as exc:
        assert "is not a DuckDB warehouse" in str(exc)


@pytest.mark.slow  # runs the ingest flow (temporary Prefect server)
def test_a_rerun_skips_unchanged_files_loaded_or_quarantined_and_retries_changed_ones(warehouse_path, tmp_path):
    from flows.ingest import ingest_paths

    folder = tmp_path / "releases"
    folder.mkdir()
    good = SEEDS / "002_76a61713adfee18e.txt"
    (folder / "good.txt").write_bytes(good.read_bytes())
    (folder / "bad.txt").write_bytes(good.read_bytes().replace(b"Fourth Plenary Session", b"Zeroth Plenary Session"))
    first = ingest_paths([folder], warehouse_path, tmp_path / "reports")
    assert (first["counts"]["loaded"], first["counts"]["quarantined"]) == (1, 1)

    again = ingest_paths([folder], warehouse_path, tmp_path / "reports")
    assert (again["counts"]["parsed"], again["counts"]["unchanged"], again["counts"]["quarantined"]) == (0, 2, 0)
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM quarantine WHERE resolved_at IS NULL").fetchone()[0] == 1

    (folder / "bad.txt").write_bytes(good.read_bytes().replace(b"Fourth Plenary Session", b"Fifth Plenary Session"))
    fixed = ingest_paths([folder], warehouse_path, tmp_path / "reports")
    assert (fixed["counts"]["parsed"], fixed["counts"]["loaded"], fixed["counts"]["unchanged"]) == (1, 1, 1)
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM quarantine WHERE resolved_at IS NULL").fetchone()[0] == 0


@pytest.mark.slow  # runs the ingest flow (temporary Prefect server)
def test_a_manifest_change_a_second_source_and_a_revert_are_not_skipped(warehouse_path, tmp_path):
    from flows.ingest import ingest_paths

    folder = tmp_path / "releases"
    folder.mkdir()
    text = (SEEDS / "002_76a61713adfee18e.txt").read_bytes()
    url = "https://www.info.gov.hk/gia/general/201810/24/P2018102400619.htm"
    (folder / "a.txt").write_bytes(text)
    ingest_paths([folder], warehouse_path, tmp_path / "reports")  # no manifest: a title-derived id

    (folder / "manifest.csv").write_text(f"file,source_url\na.txt,{url}\n")
    with_url = ingest_paths([folder], warehouse_path, tmp_path / "reports")
    assert (with_url["counts"]["parsed"], with_url["counts"]["loaded"]) == (1, 1)  # the new URL is applied
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM releases WHERE release_id = 'P2018102400619'").fetchone()[0] == 1

    (folder / "b.txt").write_bytes(text.replace(b"Beijing", b"Beijing ", 1))  # a second copy of one release
    (folder / "manifest.csv").write_text(f"file,source_url\na.txt,{url}\nb.txt,{url}\n")
    revisions = []
    for _ in range(2):
        ingest_paths([folder], warehouse_path, tmp_path / "reports")
        with duckdb.connect(str(warehouse_path), read_only=True) as con:
            revisions.append(con.execute("SELECT revision FROM releases WHERE release_id = 'P2018102400619'").fetchone()[0])
    assert revisions[0] == revisions[1]  # both copies meet in one batch every run: nothing alternates

    (folder / "b.txt").unlink()
    (folder / "manifest.csv").write_text(f"file,source_url\na.txt,{url}\n")
    (folder / "a.txt").write_bytes(b"")  # broken: quarantined at parse
    ingest_paths([folder], warehouse_path, tmp_path / "reports")
    (folder / "a.txt").write_bytes(text)  # reverted to what is loaded
    ingest_paths([folder], warehouse_path, tmp_path / "reports")
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM quarantine WHERE resolved_at IS NULL AND source_uri LIKE '%a.txt'").fetchone()[0] == 0


@pytest.mark.slow  # runs the ingest flow (temporary Prefect server)
def test_a_rerun_on_the_same_inputs_leaves_batch_conflicts_alone_and_any_change_retries_them(warehouse_path, tmp_path):
    from flows.ingest import ingest_paths

    folder = tmp_path / "releases"
    folder.mkdir()
    text = (SEEDS / "002_76a61713adfee18e.txt").read_bytes()
    (folder / "a.txt").write_bytes(text)
    # another text of the same release: no address, the same title, so the same release id (T + title hash)
    (folder / "b.txt").write_bytes(text.replace(b"Beijing", b"Beijing ", 1))

    def run() -> tuple[int, int, int, int]:
        counts = ingest_paths([folder], warehouse_path, tmp_path / "reports")["counts"]
        with duckdb.connect(str(warehouse_path), read_only=True) as con:
            still_open = con.execute("SELECT count(*) FROM quarantine WHERE resolved_at IS NULL AND source_uri LIKE '%a.txt'"
                                     ).fetchone()[0]
        return counts["parsed"], counts["unchanged"], counts["loaded"], still_open

    assert run() == (2, 0, 0, 1)  # both rejected: release_id_is_unique_in_batch
    assert run() == (0, 2, 0, 1)  # the same inputs: nothing is parsed again, nothing changes
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        digests = [d for (d,) in con.execute("SELECT inputs_digest FROM ingest_runs ORDER BY started_at").fetchall()]
    assert len(digests) == 2 and digests[0] == digests[1] and len(digests[0]) == 64

    (folder / "c.txt").write_bytes((SEEDS / "001_e789e4217965ec8b.txt").read_bytes())  # an unrelated new release
    assert run() == (3, 0, 1, 1)  # the inputs changed: the two are tried again with the new one
    (folder / "b.txt").unlink()
    assert run() == (1, 1, 1, 0)  # the conflict is gone: a.txt loads and leaves quarantine
