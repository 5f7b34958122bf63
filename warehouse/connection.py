"""Opening the warehouse: one read-write connection at a time (migrated on open), readers read-only."""
from __future__ import annotations

from parsers.errors import PlenaryError

import os
import time
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Iterator

import duckdb

ENV_WAREHOUSE = "PLENARY_WAREHOUSE"
ENV_LOCK_WAIT = "PLENARY_LOCK_WAIT_SECONDS"
ENV_READ_WAIT = "PLENARY_READ_WAIT_SECONDS"


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
    con = _connect_waiting(path, wait_seconds if wait_seconds is not None else seconds_from_env(ENV_LOCK_WAIT, 60.0))
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
    deadline = time.monotonic() + wait
    while True:
        try:
            con = duckdb.connect(str(path), read_only=True)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise WarehouseUnreadableError(f"{path} is not a DuckDB warehouse this version can open: {exc}") from exc
            if time.monotonic() >= deadline:
                from .run_lock import holder

                who = holder(path)
                writer = f"{who['run']} (process {who['pid']})" if who else "another process"
                raise WarehouseBusyError(f"{writer} is writing {path}: try again when it ends, or set {ENV_READ_WAIT} "
                                         "to wait longer") from None
            time.sleep(0.2)
    try:
        yield con
    finally:
        con.close()


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


def _connect_waiting(path: Path, wait_seconds: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(path))
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise WarehouseUnreadableError(f"{path} is not a DuckDB warehouse this version can open: {exc}") from exc
            if time.monotonic() >= deadline:
                raise WarehouseBusyError(
                    f"another process is writing {path} (only one writer at a time); "
                    f"wait for it to finish, or set {ENV_LOCK_WAIT} to wait longer. DuckDB said: {exc}"
                ) from exc
            time.sleep(0.5)


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
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            if version in _AFTER:
                _AFTER[version](con)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        done.append(name)
    return done


def _rebuild_shared_meetings(con: duckdb.DuckDBPyConnection) -> None:
    from .meetings import rebuild_shared_meetings

    rebuild_shared_meetings(con, "upgrade-008-meeting-sources")


# Steps in Python that complete a migration, in its transaction: version -> step.
_AFTER = {8: _rebuild_shared_meetings}


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("warehouse") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)
