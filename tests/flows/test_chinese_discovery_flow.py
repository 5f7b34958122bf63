"""Collecting Chinese releases (issue 15): the `discover` flow and command read the site's Chinese feed
(`general_zh.xml`) and Chinese daily index pages (`DDc.htm`) beside the English ones, one request at a time with the
politeness delay, judge each title in its own language, and record each release with its language in the to-do
list (`discovered_releases.language`, migration 010). Real flows (embedded Prefect) against a loopback site."""
from __future__ import annotations

import json
from datetime import date, timedelta

import duckdb
import pytest

from flows import settings
from flows.discover import discover_flow as discover
from tests.support.commands import run
from tests.support.fake_site import (FEED_PATH, FEED_PATH_ZH, daily_index, index_path, release_path, rss,
                                     serve_chinese_daily_indexes, serve_daily_indexes)
from tests.support.paths import ROOT
from warehouse import open_writer

DAYS = [date(2017, 11, 15) + timedelta(days=n) for n in range(4)]  # past days: each page is recorded once read
GD20 = DAYS[3]  # 2017-11-18, the Twentieth Plenary of the Hong Kong/Guangdong conference
EN_REPORT = "Twentieth Plenary of Hong Kong/Guangdong Co-operation Joint Conference held in Hong Kong (with photos/videos)"
ZH_REPORT = "粵港合作聯席會議第二十次會議在港舉行（附圖）"
ZH_SPEECH = "行政長官在粵港合作聯席會議第二十次會議開場發言（只有中文）（附圖）"
ZH_TOMORROW = "行政長官明日赴廣州出席粵港合作聯席會議"
FIXTURE_INDEX = ROOT / "tests" / "fixtures" / "discovery_zh" / "18c.htm"
LOOPBACK = {"PLENARY_ALLOWED_HOSTS": "127.0.0.1", "PLENARY_FETCH_DELAY": "0", "PLENARY_FETCH_BACKOFF": "0.05",
            "PLENARY_FETCH_ATTEMPTS": "2", "PLENARY_SWEEP_GRACE_SECONDS": "3600"}  # nothing found is ingested here


@pytest.fixture
def polite(monkeypatch):
    """Loopback allowed, a politeness delay of 50 ms (so that it shows between requests), nothing swept."""
    for key, value in (LOOPBACK | {"PLENARY_FETCH_DELAY": "0.05"}).items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("PLENARY_DISCOVER_LANGUAGES", raising=False)


def todo(warehouse, where: str = "true") -> dict[str, tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        found = con.execute(f"SELECT url, language, discovered_via, status, reason FROM discovered_releases WHERE {where}")
        return {url: tuple(rest) for url, *rest in found.fetchall()}


def paths(site) -> list[str]:
    return [r.path for r in site.requests]


@pytest.mark.slow
def test_a_feed_run_reads_the_english_and_the_chinese_feed_and_judges_each_title_in_its_language(
        loopback_site, polite, warehouse_path):
    site = loopback_site
    english = site.add(FEED_PATH, rss(site, [(EN_REPORT, release_path(GD20, 744)),
                                             ("Red flags hoisted at beaches", release_path(GD20, 402))]),
                       "application/rss+xml")
    chinese = site.add(FEED_PATH_ZH, rss(site, [(ZH_REPORT, release_path(GD20, 740)), (ZH_SPEECH, release_path(GD20, 655)),
                                                ("海灘懸掛紅旗", release_path(GD20, 403)),
                                                (ZH_TOMORROW, release_path(GD20 - timedelta(days=1), 458))], "zh"),
                       "application/rss+xml")

    result = discover(feed=[english, chinese], warehouse=str(warehouse_path))

    assert paths(site) == [FEED_PATH, FEED_PATH_ZH]  # each feed once; no release fetched (nothing is due yet)
    assert sorted(result["discovered"]) == sorted([site.url(release_path(GD20, 744)), site.url(release_path(GD20, 740))])
    assert result["counts"]["read"] == 6 and result["counts"]["skipped"] == 4 and result["counts"]["quarantined"] == 0
    rows = todo(warehouse_path)
    assert rows[site.url(release_path(GD20, 744))] == ("en", "feed", "pending", None)
    assert rows[site.url(release_path(GD20, 740))] == ("zh", "feed", "pending", None)
    speech, beaches, tomorrow = (rows[site.url(path)] for path in (release_path(GD20, 655), release_path(GD20, 403),
                                                                   release_path(GD20 - timedelta(days=1), 458)))
    assert speech[:3] == ("zh", "feed", "skipped") and "開場發言" in speech[3]
    assert tomorrow[:3] == ("zh", "feed", "skipped") and "明日" in tomorrow[3]
    assert beaches[:3] == ("zh", "feed", "skipped") and "not about a co-operation conference plenary" in beaches[3]


@pytest.mark.slow
def test_a_backfill_reads_each_day_in_english_then_in_chinese_politely_and_resumes_both(loopback_site, polite,
                                                                                       warehouse_path):
    site = loopback_site
    serve_daily_indexes(site, DAYS, {GD20: [EN_REPORT]})
    serve_chinese_daily_indexes(site, DAYS, {DAYS[1]: [ZH_TOMORROW]})
    site.add(index_path(GD20, "zh"), FIXTURE_INDEX.read_bytes())  # the 18th: the page in the site's own shape
    site.add(index_path(DAYS[2], "zh"), b"busy", "text/plain", status=503)  # the Chinese page of the 17th fails

    first = discover(since=DAYS[0].isoformat(), until=DAYS[-1].isoformat(), site=site.base, warehouse=str(warehouse_path))

    expected = [index_path(day, language) for day in DAYS for language in ("en", "zh")]
    read = [p for p in paths(site) if p.endswith(".htm")]
    assert [p for p in dict.fromkeys(read)] == expected  # day after day, English then Chinese; retries of the 503 aside
    gaps = [b.time - a.time for a, b in zip(site.requests, site.requests[1:])]
    assert min(gaps) >= 0.045  # one request at a time, the politeness delay between two
    assert first["index_pages"] == {"days": 4, "already_read": 0, "read": 7, "recorded": 7, "failed": 1}
    assert sorted(first["discovered"]) == sorted([site.url(release_path(GD20, 500)),  # the English report
                                                  site.url("/gia/general/201711/18/P2017111800740.htm"),  # 粵港合作聯席會議…
                                                  site.url("/gia/general/201711/18/P2017111800741.htm"),  # 粵港簽署…
                                                  site.url("/gia/general/201711/18/P2017111800770.htm")])  # the Bay Area
    rows = todo(warehouse_path)
    assert {language for language, *_ in rows.values()} == {"en", "zh"}
    assert rows[site.url(release_path(GD20, 500))][:3] == ("en", "index", "pending")
    assert rows[site.url("/gia/general/201711/18/P2017111800740.htm")][:3] == ("zh", "index", "pending")
    assert "開場發言" in rows[site.url("/gia/general/201711/18/P2017111800655.htm")][3]
    assert "明日" in rows[site.url(release_path(DAYS[1], 600))][3]
    assert not any("sc.isd.gov.hk" in url for url in rows)  # the Simplified view of a release is no release
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        (held,) = con.execute("SELECT source_uri FROM quarantine WHERE stage = 'discover' AND resolved_at IS NULL").fetchall()
    assert held == (site.url(index_path(DAYS[2], "zh")),)

    site.clear_log()
    site.add(index_path(DAYS[2], "zh"), daily_index([("粵港合作聯席會議第二十次會議籌備工作進展良好", release_path(DAYS[2], 610)),
                                                      ("粵港兩地簽署合作協議", release_path(DAYS[2], 611))], "zh"))
    second = discover(since=DAYS[0].isoformat(), until=DAYS[-1].isoformat(), site=site.base, warehouse=str(warehouse_path))
    assert paths(site) == [index_path(DAYS[2], "zh")]  # only the page that failed
    assert second["index_pages"] == {"days": 4, "already_read": 7, "read": 1, "recorded": 1, "failed": 0}
    assert second["discovered"] == [site.url(release_path(DAYS[2], 611))]
    assert "籌備" in todo(warehouse_path)[site.url(release_path(DAYS[2], 610))][3]  # preparations: set aside


@pytest.mark.slow
def test_a_backfill_in_one_language_reads_only_its_pages(loopback_site, polite, warehouse_path, tmp_path, monkeypatch):
    site = loopback_site
    serve_daily_indexes(site, DAYS[:2])
    serve_chinese_daily_indexes(site, DAYS[:2])
    span = {"since": DAYS[0].isoformat(), "until": DAYS[1].isoformat(), "site": site.base}

    discover(**span, languages=["zh"], warehouse=str(warehouse_path))
    assert paths(site) == [index_path(day, "zh") for day in DAYS[:2]]
    assert {language for language, *_ in todo(warehouse_path).values()} == {"zh"}

    site.clear_log()
    monkeypatch.setenv("PLENARY_DISCOVER_LANGUAGES", "en")
    discover(**span, warehouse=str(tmp_path / "english.duckdb"))
    assert paths(site) == [index_path(day) for day in DAYS[:2]]
    assert {language for language, *_ in todo(tmp_path / "english.duckdb").values()} == {"en"}


@pytest.mark.slow
def test_plenary_discover_reads_both_feeds_by_default_and_one_with_language(loopback_site, warehouse_path, tmp_path):
    site = loopback_site
    site.add(FEED_PATH, rss(site, [(EN_REPORT, release_path(GD20, 744))]), "application/rss+xml")
    site.add(FEED_PATH_ZH, rss(site, [(ZH_REPORT, release_path(GD20, 740))], "zh"), "application/rss+xml")
    env = LOOPBACK | {"PLENARY_SITE": site.base}

    both = run("discover", "--warehouse", str(warehouse_path), "--json", env_extra=env)
    assert both.returncode == 0, both.stderr
    assert paths(site) == [FEED_PATH, FEED_PATH_ZH]
    assert json.loads(both.stdout)["counts"]["read"] == 2
    assert {url: language for url, (language, *_) in todo(warehouse_path).items()} == {
        site.url(release_path(GD20, 744)): "en", site.url(release_path(GD20, 740)): "zh"}

    site.clear_log()
    chinese = run("discover", "--language", "zh", "--warehouse", str(tmp_path / "zh.duckdb"), env_extra=env)
    assert chinese.returncode == 0, chinese.stderr
    assert paths(site) == [FEED_PATH_ZH]


def test_a_language_discovery_does_not_read_is_refused_in_one_line(warehouse_path):
    result = run("discover", "--language", "fr", "--warehouse", str(warehouse_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--language expects comma-separated language codes among en,zh" in result.stderr


@pytest.mark.parametrize("raw, chosen", [("en,zh", ("en", "zh")), ("zh, en", ("en", "zh")), ("ZH", ("zh",)), ("en", ("en",))])
def test_the_languages_setting_reads_the_codes_in_the_sites_order(raw, chosen):
    assert settings.DISCOVER_LANGUAGES.read({"PLENARY_DISCOVER_LANGUAGES": raw}) == chosen
    assert settings.DISCOVER_LANGUAGES.read({}) == ("en", "zh")  # both by default


@pytest.mark.parametrize("raw", ["fr", "en,en", "en;zh", ","])
def test_a_bad_languages_setting_names_the_variable(raw):
    with pytest.raises(settings.SettingError, match="PLENARY_DISCOVER_LANGUAGES expects"):
        settings.DISCOVER_LANGUAGES.read({"PLENARY_DISCOVER_LANGUAGES": raw})


def test_migration_010_gives_releases_found_before_it_the_language_of_their_title(warehouse_path):
    with open_writer(warehouse_path) as con:  # a warehouse as it was before 010: no language column
        con.execute("ALTER TABLE discovered_releases DROP COLUMN language")
        con.execute("DELETE FROM schema_migrations WHERE version = 10")
        con.execute("""INSERT INTO discovered_releases (url, title, discovered_via, discovered_at, status) VALUES
                       ('https://www.info.gov.hk/gia/general/201711/18/P2017111800744.htm', ?, 'feed', now(), 'pending'),
                       ('https://www.info.gov.hk/gia/general/201711/18/P2017111800740.htm', ?, 'index', now(), 'pending'),
                       ('https://www.info.gov.hk/gia/general/201711/18/P2017111800999.htm', NULL, 'url', now(), 'ingested')""",
                    [EN_REPORT, ZH_REPORT])
    with open_writer(warehouse_path) as con:  # opening it applies 010
        found = dict(con.execute("SELECT right(url, 9), language FROM discovered_releases").fetchall())
        (comment,) = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'discovered_releases' "
                                 "AND column_name = 'language'").fetchone()
    assert found == {"00744.htm": "en", "00740.htm": "zh", "00999.htm": None}  # named by URL: its parse tells
    assert comment.startswith("en | zh")
