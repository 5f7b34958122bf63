"""Opening the warehouse: one read-write connection at a time (migrated on open), readers read-only; and the
one way to write several statements together (`transaction`)."""
from __future__ import annotations

from parsers import PlenaryError

import os
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Callable, Iterator, NoReturn

import duckdb

ENV_WAREHOUSE = "PLENARY_WAREHOUSE"
ENV_LOCK_WAIT = "PLENARY_LOCK_WAIT_SECONDS"
ENV_READ_WAIT = "PLENARY_READ_WAIT_SECONDS"
# The storage a new warehouse file is written in: DuckDB 1.5's, which DuckDB 2.0 (this package) writes on request and
# the DuckDB CLI that the package registry serves (duckdb-cli 1.5.6) and Harlequin read; DuckDB 2.0's own storage (the
# default) opens in no 1.x release. A file keeps the storage it was created with: `plenary export --format duckdb`
# copies an older file into this one.
STORAGE_VERSION = "v1.5.0"


class WarehouseBusyError(PlenaryError, RuntimeError):
    """Another process holds the write lock on the warehouse file."""


class WarehouseUnreadableError(PlenaryError, RuntimeError):
    """The warehouse file is damaged, or not a DuckDB file of this version."""


class WarehouseMissingError(PlenaryError, FileNotFoundError):
    """A reader asked for a warehouse file that does not exist yet."""


def default_warehouse_path() -> Path:
    """`$PLENARY_WAREHOUSE`, else `./warehouse.duckdb`."""
    return Path(os.environ.get(ENV_WAREHOUSE, "warehouse.duckdb"))


@contextmanager
def open_writer(path: Path | str, wait_seconds: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The one read-write connection: waits for a running writer, then migrates the schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wait = wait_seconds if wait_seconds is not None else seconds_from_env(ENV_LOCK_WAIT, 60.0)
    con = _connect_waiting(path, wait, read_only=False, pause=0.5, busy=lambda exc: _writer_busy(path, exc))
    try:
        migrate(con)
        yield con
    finally:
        con.close()


@contextmanager
def open_reader(path: Path | str, wait_seconds: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for reports and analysts.

    While a run writes, DuckDB refuses readers; a run releases the file between its transactions, so a
    reader tries again for `PLENARY_READ_WAIT_SECONDS` (default 10), then says in one line that an
    ingest is writing and to retry."""
    path = Path(path)
    if not path.exists():
        raise WarehouseMissingError(f"no warehouse at {path}: run `plenary ingest seeds/` first, or pass --warehouse")
    wait = wait_seconds if wait_seconds is not None else seconds_from_env(ENV_READ_WAIT, 10.0)
    con = _connect_waiting(path, wait, read_only=True, pause=0.2, busy=lambda exc: _reader_busy(path))
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN before the block, COMMIT after it; an exception, Ctrl+C included, rolls back: nothing of the block stays.

    Every writer that writes more than one statement together uses this, never a BEGIN of its own."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:  # interrupted by a stop (lifecycle.on_stop) or closed: closing discards the transaction
            pass
        raise
    con.execute("COMMIT")  # outside the try: an interrupt right after it must not try to roll back a commit


def seconds_from_env(variable: str, default: float) -> float:
    """A number of seconds from the environment; a bad value raises ValueError naming the variable."""
    raw = os.environ.get(variable, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        value = -1.0
    if value < 0:
        raise ValueError(f"{variable} expects a number of seconds >= 0, got {raw!r}")
    return value


def _connect_waiting(path: Path, wait_seconds: float, read_only: bool, pause: float,
                     busy: Callable[[Exception], NoReturn]) -> duckdb.DuckDBPyConnection:
    """Connect, trying again every `pause` seconds while another process holds the file; after `wait_seconds`,
    `busy` raises the error that says so."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            config = {} if read_only else {"storage_compatibility_version": STORAGE_VERSION}
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise WarehouseUnreadableError(f"{path} is not a DuckDB warehouse this version can open: {exc}") from exc
            if time.monotonic() >= deadline:
                busy(exc)
            time.sleep(pause)


def _writer_busy(path: Path, exc: Exception) -> NoReturn:
    raise WarehouseBusyError(
        f"another process is writing {path} (only one writer at a time); "
        f"wait for it to finish, or set {ENV_LOCK_WAIT} to wait longer. DuckDB said: {exc}"
    ) from exc


def _reader_busy(path: Path) -> NoReturn:
    from .run_lock import holder

    who = holder(path)
    writer = f"{who['run']} (process {who['pid']})" if who else "another process"
    raise WarehouseBusyError(f"{writer} is writing {path}: try again when it ends, or set {ENV_READ_WAIT} "
                             "to wait longer") from None


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the numbered migrations not yet applied, each in its own transaction; return their names."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
        "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    )
    applied = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    done = []
    for version, name, sql in _migrations():
        if version in applied:
            continue
        with transaction(con):
            con.execute(sql)
            if version in _AFTER:
                _AFTER[version](con)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
        done.append(name)
    return done


def _rebuild_shared_meetings(con: duckdb.DuckDBPyConnection) -> None:
    from .meetings import rebuild_shared_meetings

    rebuild_shared_meetings(con, "upgrade-009-two-languages")


def _rebuild_shared_meetings_and_fill_area_categories(con: duckdb.DuckDBPyConnection) -> None:
    from .topics import fill_area_categories

    _rebuild_shared_meetings(con)
    fill_area_categories(con)


def _resolve_people(con: duckdb.DuckDBPyConnection) -> None:
    from .people import resolve_people

    resolve_people(con, "upgrade-014-people", datetime.now(timezone.utc), 0)


# Steps in Python that complete a migration, in its transaction: version -> step. The rebuild of the meetings that
# several releases describe (due since 008 recorded the sources) runs with the last migration that changes the
# tables it writes, 013 (`area_categories`; 009 before it): the code that rebuilds writes the schema of today. A
# warehouse upgraded past 008 before gets it once more, which changes nothing. With it, 013 fills `area_categories`
# for every area loaded before, from the stored rows (`warehouse.topics`). 014 ties every attendees row to its
# person (`warehouse.people`), those the rebuild wrote included.
_AFTER = {13: _rebuild_shared_meetings_and_fill_area_categories, 14: _resolve_people}


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("warehouse") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)
