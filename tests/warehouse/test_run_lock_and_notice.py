"""In-process pieces of dependability: the run lock between threads and after a crash, the operator's
notice that never breaks a run, and what a backfill records as read."""
from __future__ import annotations

import json
import os
import threading
import time
from datetime import date, datetime, timedelta, timezone

import pytest

from flows.runtime.notify import run_notice, send, webhook_url
from warehouse import WarehouseBusyError, open_writer
from warehouse import IndexPage, index_pages_read
from warehouse.index_pages import mark_index_pages_read
from warehouse.run_lock import holder, lock_path, run_lock


def test_the_run_lock_is_reentrant_in_its_thread_and_makes_other_threads_wait(warehouse_path):
    events = []

    def first():
        with run_lock(warehouse_path, "first"):
            with run_lock(warehouse_path, "first, nested"):  # a discover run starting an ingest run
                events.append(("first in", holder(warehouse_path)["run"]))
                time.sleep(0.5)
            events.append("first out")

    def second():
        time.sleep(0.1)
        with run_lock(warehouse_path, "second"):
            events.append(("second in", holder(warehouse_path)["run"]))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert events == [("first in", "first"), "first out", ("second in", "second")]
    assert holder(warehouse_path) is None  # released: the file no longer names a run


def test_a_run_that_cannot_wait_refuses_naming_the_holder(warehouse_path):
    ready, done = threading.Event(), threading.Event()

    def hold():
        with run_lock(warehouse_path, "run run-holder (test)"):
            ready.set()
            done.wait(10)

    holding = threading.Thread(target=hold)
    holding.start()
    ready.wait(10)
    try:
        with pytest.raises(WarehouseBusyError, match="another run of this process"):
            with run_lock(warehouse_path, "second", wait_seconds=0.2):
                pass
    finally:
        done.set()
        holding.join()


def test_a_stale_lock_file_names_no_holder(warehouse_path):
    """A run killed with SIGKILL leaves its description in the file, but its process is gone and the kernel dropped the lock."""
    lock_path(warehouse_path).write_text(json.dumps({"pid": 2 ** 22 + 12345, "run": "run run-dead", "since": "then"}))
    assert holder(warehouse_path) is None
    with run_lock(warehouse_path, "run run-next", wait_seconds=0):
        assert holder(warehouse_path)["pid"] == os.getpid()


def test_a_notice_is_made_only_for_runs_that_need_attention():
    assert run_notice("run-1", "w.duckdb", "completed", "read 5", {"loaded": 5}, []) is None
    quarantined = run_notice("run-1", "w.duckdb", "completed", "read 5", {}, [{"stage": "parse", "source": "a", "reason": "r"}] * 60)
    assert quarantined["kind"] == "quarantined" and quarantined["quarantined_total"] == 60 and len(quarantined["quarantined"]) == 50
    assert run_notice("run-1", "w.duckdb", "failed", "stopped", {}, [])["kind"] == "run_failed"


@pytest.mark.parametrize("url", ["ftp://example.com/hook", "http://[::1/hook", "hooks.example.com"])
def test_a_bad_webhook_address_is_refused_up_front_and_never_breaks_a_run(monkeypatch, url, capsys):
    monkeypatch.setenv("PLENARY_NOTIFY_WEBHOOK", url)
    with pytest.raises(ValueError, match="PLENARY_NOTIFY_WEBHOOK"):
        webhook_url()
    assert send(run_notice("run-1", "w", "failed", "m", {}, [])) is False  # no exception: reported on stderr
    assert "did not accept the run_failed notice of run-1" in capsys.readouterr().err


def test_an_unreachable_webhook_is_reported_not_raised(monkeypatch, capsys):
    import socket

    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("PLENARY_NOTIFY_WEBHOOK", f"http://127.0.0.1:{port}/hook")
    assert send(run_notice("run-2", "w", "failed", "m", {}, []), attempts=1) is False
    assert "ConnectError" in capsys.readouterr().err


def test_only_past_index_pages_that_listed_releases_are_recorded_as_read(warehouse_path):
    now = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)
    old, recent = date(2026, 11, 1), date(2026, 11, 29)
    pages = [IndexPage("u/old-full", old, 12), IndexPage("u/old-empty", old, 0), IndexPage("u/recent", recent, 9)]
    with open_writer(warehouse_path) as con:
        assert mark_index_pages_read(con, "run-1", pages, now=now) == 1
        assert index_pages_read(con, [p.url for p in pages]) == {"u/old-full"}


def test_the_quality_artifact_key_names_the_warehouse(tmp_path):
    from flows.runtime.artifacts import artifact_key

    one, other = artifact_key(tmp_path / "a" / "Warehouse.duckdb"), artifact_key(tmp_path / "b" / "Warehouse.duckdb")
    assert one.startswith("plenary-quality-warehouse-") and other.startswith("plenary-quality-warehouse-")
    assert one != other  # same name, different files: two histories
    assert one == artifact_key(tmp_path / "a" / "." / "Warehouse.duckdb")
