"""The `index_pages_read` table: the daily index pages of past days already read, so that a backfill stopped
anywhere goes on where it stopped and never reads a settled day's page twice."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import duckdb

from .rows import IndexPage
from .temp_tables import temp_table

HKT = timezone(timedelta(hours=8), "HKT")
INDEX_SETTLE_DAYS = 2  # today's index page and those of the 2 days before it may still change: never recorded as read


def settled_before(now: datetime | None = None) -> date:
    """The first day whose daily index page may still change: today in Hong Kong (UTC+8, whatever the
    machine's time zone) minus INDEX_SETTLE_DAYS.

    A day before it is a *past* day: its index page is read once, recorded in index_pages_read, and not
    fetched again. The margin covers releases added to a day's page after the day ends (late issues,
    corrections next morning) and a clock a little off; with 2, today, yesterday and the day before are
    read again by every backfill (three requests)."""
    today = (now or datetime.now(timezone.utc)).astimezone(HKT).date()
    return today - timedelta(days=INDEX_SETTLE_DAYS)


def is_past_day(day: date, now: datetime | None = None) -> bool:
    """True when the day's index page no longer changes (see `settled_before`)."""
    return day < settled_before(now)


def index_pages_read(con: duckdb.DuckDBPyConnection, urls: list[str]) -> set[str]:
    """Which of these daily index pages were already read (past days only: see `settled_before`)."""
    if not urls:
        return set()
    temp_table(con, "asked_index_pages", [(url,) for url in urls], ["url"])
    return {u for (u,) in con.execute(
        "SELECT url FROM index_pages_read WHERE url IN (SELECT url FROM asked_index_pages)").fetchall()}


def mark_index_pages_read(con: duckdb.DuckDBPyConnection, run_id: str, pages: list[IndexPage],
                          now: datetime | None = None) -> int:
    """Record the pages of past days as read (pages of the last INDEX_SETTLE_DAYS days and today are left
    out: they are read again next time); returns how many were recorded. No transaction of its own.

    A page that listed no release is not recorded either: every day of the site has releases, so an
    empty page is more likely a soft error or a maintenance page (served with 200) than a quiet day,
    and reading it again next time costs one request."""
    now = now or datetime.now(timezone.utc)
    past = list({p.url: p for p in pages if is_past_day(p.day, now) and p.releases_listed > 0}.values())
    if not past:
        return 0
    temp_table(con, "read_index_pages", [
        {"url": p.url, "day": p.day, "read_at": now, "releases_listed": p.releases_listed, "run_id": run_id} for p in past
    ])
    con.execute(
        """INSERT INTO index_pages_read BY NAME SELECT * FROM read_index_pages
           ON CONFLICT (url) DO UPDATE SET read_at = excluded.read_at, releases_listed = excluded.releases_listed,
             run_id = excluded.run_id"""
    )
    return len(past)
