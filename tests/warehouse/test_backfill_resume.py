"""A resumable backfill, through the real `discover` flow (embedded Prefect) against a real loopback HTTP
site holding three years of daily index pages: each past day's page is read once and recorded in the same
transaction as the releases it lists; a second backfill reads only the last days' pages again; a backfill
killed with SIGKILL resumes with exactly the days it had not recorded and ends as an uninterrupted one."""
from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta

import duckdb
import pytest

from flows.discover import INDEX_CHUNK_DAYS, discover_flow as discover
from tests.support.fake_site import daily_index, index_path, release_path, serve_daily_indexes
from tests.support import http_server
from tests.support.http_server import Response
from warehouse.index_pages import HKT, INDEX_SETTLE_DAYS

pytestmark = pytest.mark.slow  # the real flows (temporary Prefect server), a loopback HTTP server, a subprocess

TODAY = datetime.now(HKT).date()
SINCE = TODAY - timedelta(days=3 * 365)
DAYS = [SINCE + timedelta(days=n) for n in range((TODAY - SINCE).days + 1)]  # 1,096 days, today included
RECENT = DAYS[-(INDEX_SETTLE_DAYS + 1):]  # today and the 2 days before: read again by every backfill
PAST = DAYS[: -(INDEX_SETTLE_DAYS + 1)]
PLENARY = {
    DAYS[10]: ["Fourth Plenary Session of the Hong Kong/Beijing Co-operation Conference held in Beijing (with photos)"],
    DAYS[95]: ["4th Plenary Session of Hong Kong/Shanghai Co-operation Conference held in Hong Kong (with photos)"],
    DAYS[400]: ["Twentieth Plenary of Hong Kong/Guangdong Co-operation Joint Conference held in Hong Kong (with photos/videos)",
                "High-Level Meeting cum First Plenary Session of Hong Kong/Chongqing Cooperation Conference held in Chongqing"],
    DAYS[-2]: ["Second Plenary Session of Hong Kong/Sichuan Co-operation Conference held in Chengdu"],  # a recent day
}
KEEP = "3600"  # sweep grace: nothing found is ingested by these runs (only discovery is under test)


class _Noon(datetime):
    """A clock that stays at noon of TODAY in Hong Kong: the days above are reckoned at import, and a run that
    crosses midnight in Hong Kong (16:00 UTC) must not see another today than they do."""

    @classmethod
    def now(cls, tz=None):
        noon = datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=HKT)
        return noon.astimezone(tz) if tz else noon.replace(tzinfo=None)


@pytest.fixture(autouse=True)
def today_stays_today(monkeypatch):
    """The backfill's default end (today on the site) and its settled days (today less two), at TODAY."""
    monkeypatch.setattr("flows.collect.candidates.datetime", _Noon)
    monkeypatch.setattr("warehouse.index_pages.datetime", _Noon)


@pytest.fixture
def quick(monkeypatch):
    """Allow only loopback, no politeness delay, short backoff; the loopback server sends without Nagle's delay
    (its headers and body go in two writes: with delayed ACKs each request would take 40 ms, not 2). English pages
    only: these tests count the requests of one language (both: tests/flows/test_chinese_discovery_flow.py)."""
    monkeypatch.setattr(http_server._Handler, "disable_nagle_algorithm", True)
    for key, value in {"PLENARY_ALLOWED_HOSTS": "127.0.0.1", "PLENARY_FETCH_DELAY": "0", "PLENARY_FETCH_BACKOFF": "0.05",
                       "PLENARY_FETCH_ATTEMPTS": "2", "PLENARY_SWEEP_GRACE_SECONDS": KEEP,
                       "PLENARY_DISCOVER_LANGUAGES": "en"}.items():
        monkeypatch.setenv(key, value)


def rows(path, sql, params=()):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def index_requests(site) -> Counter:
    """Requests per daily index page path (release pages and anything else left out)."""
    return Counter(r.path for r in site.requests if r.path.endswith(".htm") and r.path.count("/") == 4)


def backfill(site, warehouse, since=SINCE, until=None):
    return discover(since=since.isoformat(), until=until.isoformat() if until else None, site=site.base,
                    warehouse=str(warehouse))


def todo_list(warehouse) -> list[tuple]:
    """The to-do list without its times: what a backfill found and what it decided."""
    return rows(warehouse, """SELECT url, release_id, title, published_at, discovered_via, status, reason
                              FROM discovered_releases ORDER BY url""")


def plenary_urls(site, days=None) -> list[str]:
    return sorted(site.url(release_path(day, 500 + k)) for day, titles in PLENARY.items()
                  if days is None or day in days for k in range(len(titles)))


def test_a_first_backfill_reads_every_day_once_and_a_second_only_the_recent_days(loopback_site, quick, warehouse_path):
    site = loopback_site
    listed = serve_daily_indexes(site, DAYS, PLENARY)
    releases = sum(len(items) for items in listed.values())

    first = backfill(site, warehouse_path)

    assert index_requests(site) == Counter({index_path(day): 1 for day in DAYS})
    assert len(site.requests) == len(DAYS)  # no release page fetched: only index pages
    assert first["index_pages"] == {"days": len(DAYS), "already_read": 0, "read": len(DAYS), "recorded": len(PAST), "failed": 0}
    assert sorted(first["discovered"]) == plenary_urls(site) and first["events_sent"] == 5
    assert first["counts"]["read"] == releases and first["counts"]["skipped"] == releases - 5
    assert first["task_runs"] == math.ceil(len(DAYS) / INDEX_CHUNK_DAYS)  # a task run per chunk of 30 days, not per day
    recorded = rows(warehouse_path, "SELECT day, releases_listed, url FROM index_pages_read ORDER BY day")
    assert [(day, n) for day, n, _ in recorded] == [(day, len(listed[day])) for day in PAST]
    assert all(url == site.url(index_path(day)) for day, _, url in recorded)
    assert rows(warehouse_path, "SELECT count(*) FROM discovered_releases") == [(releases,)]
    found = todo_list(warehouse_path)

    site.clear_log()
    second = backfill(site, warehouse_path)

    assert index_requests(site) == Counter({index_path(day): 1 for day in RECENT})  # no past day's page again
    assert len(site.requests) == len(RECENT)
    assert second["index_pages"] == {"days": len(DAYS), "already_read": len(PAST), "read": len(RECENT), "recorded": 0, "failed": 0}
    assert second["discovered"] == [] and second["counts"]["read"] == sum(len(listed[day]) for day in RECENT)
    assert second["task_runs"] == 1
    assert todo_list(warehouse_path) == found
    assert rows(warehouse_path, "SELECT count(*) FROM index_pages_read") == [(len(PAST),)]


def test_a_page_that_fails_is_not_recorded_and_is_read_again_next_time(loopback_site, quick, warehouse_path):
    site = loopback_site
    days = DAYS[:40]
    serve_daily_indexes(site, days, {days[10]: PLENARY[DAYS[10]]})
    good = daily_index([(PLENARY[DAYS[10]][0], release_path(days[10], 500))])
    site.add_sequence(index_path(days[10]), [Response(b"busy", "text/plain", 503)] * 2 + [Response(good)])  # 2 attempts fail

    first = backfill(site, warehouse_path, days[0], days[-1])

    assert first["index_pages"] == {"days": 40, "already_read": 0, "read": 39, "recorded": 39, "failed": 1}
    assert first["discovered"] == []
    (held,) = rows(warehouse_path, "SELECT source_uri, reason FROM quarantine WHERE stage = 'discover' AND resolved_at IS NULL")
    assert held[0] == site.url(index_path(days[10])) and "503" in held[1]
    assert rows(warehouse_path, "SELECT count(*) FROM index_pages_read WHERE day = ?", [days[10]]) == [(0,)]

    site.clear_log()
    second = backfill(site, warehouse_path, days[0], days[-1])

    assert index_requests(site) == Counter({index_path(days[10]): 1})  # only the page that failed
    assert second["index_pages"] == {"days": 40, "already_read": 39, "read": 1, "recorded": 1, "failed": 0}
    assert second["discovered"] == [site.url(release_path(days[10], 500))]
    assert rows(warehouse_path, "SELECT count(*) FROM quarantine WHERE stage = 'discover' AND resolved_at IS NULL") == [(0,)]
    assert rows(warehouse_path, "SELECT count(*) FROM index_pages_read") == [(40,)]


STALL_AT = 100  # the backfill is killed while it waits for this day's page: chunks 1-3 (days 0-89) are recorded


def test_a_backfill_killed_midway_resumes_where_it_stopped_and_ends_as_an_uninterrupted_one(loopback_site, quick, warehouse_path, tmp_path):
    site = loopback_site
    listed = serve_daily_indexes(site, DAYS, PLENARY)
    stalled = index_path(DAYS[STALL_AT])
    body = daily_index(listed[DAYS[STALL_AT]])
    site.add_sequence(stalled, [Response(body, delay=20), Response(body)])  # the first request hangs: the run is killed there

    env = os.environ | {"PLENARY_SITE": site.base, "PLENARY_ALLOWED_HOSTS": "127.0.0.1", "PLENARY_FETCH_DELAY": "0",
                        "PLENARY_SWEEP_GRACE_SECONDS": KEEP, "PLENARY_DISCOVER_LANGUAGES": "en"}
    cli = subprocess.Popen([sys.executable, "-m", "flows.cli", "discover", "--since", SINCE.isoformat(),
                            "--until", TODAY.isoformat(),  # the child's own clock may be past midnight in Hong Kong
                            "--warehouse", str(warehouse_path)], env=env, stdout=subprocess.DEVNULL,
                           stderr=open(tmp_path / "cli.log", "wb"), start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not site.requests_to(stalled) and cli.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert site.requests_to(stalled), (tmp_path / "cli.log").read_text()
    finally:
        os.killpg(cli.pid, signal.SIGKILL)  # the command and its temporary Prefect server, at once
        cli.wait(timeout=10)
    assert cli.returncode == -signal.SIGKILL

    served = index_requests(site)
    assert served == Counter({index_path(day): 1 for day in DAYS[: STALL_AT + 1]})  # read in order, each once
    done = 3 * INDEX_CHUNK_DAYS
    assert rows(warehouse_path, "SELECT min(day), max(day), count(*) FROM index_pages_read") == [(DAYS[0], DAYS[done - 1], done)]
    kept = sum(len(listed[day]) for day in DAYS[:done])  # chunks recorded whole: every release of days 0-89, nothing after
    assert rows(warehouse_path, "SELECT count(*) FROM discovered_releases") == [(kept,)]
    assert rows(warehouse_path, "SELECT status FROM ingest_runs") == [("running",)]  # killed: never closed

    site.clear_log()
    resumed = backfill(site, warehouse_path)

    assert index_requests(site) == Counter({index_path(day): 1 for day in DAYS[done:]})  # exactly the days not recorded
    assert resumed["index_pages"] == {"days": len(DAYS), "already_read": done, "read": len(DAYS) - done,
                                      "recorded": len(PAST) - done, "failed": 0}
    assert sorted(resumed["discovered"]) == plenary_urls(site, DAYS[done:])  # Beijing (day 10) was found before the kill

    reference = tmp_path / "uninterrupted.duckdb"
    whole = backfill(site, reference)
    assert sorted(whole["discovered"]) == plenary_urls(site)
    assert todo_list(warehouse_path) == todo_list(reference)
    assert rows(warehouse_path, "SELECT url, day, releases_listed FROM index_pages_read ORDER BY url") == \
        rows(reference, "SELECT url, day, releases_listed FROM index_pages_read ORDER BY url")
