"""Collecting from the web, through the real flows (embedded Prefect) against a real loopback HTTP server:
feed and daily-index discovery, the relevance filter, the to-do list, raw_documents, and every fault
ending loaded or quarantined with its reason while the run goes on."""
from __future__ import annotations

import hashlib
from datetime import date

import duckdb
import pytest

from flows.discover import discover_flow as discover
from flows.ingest_web import ingest_web_flow as ingest_web
from tests.support.fake_site import FEED_PATH, daily_index, fixture_pages, index_path, rss, serve_pages
from tests.support.http_server import Response

pytestmark = pytest.mark.slow  # the real flows (temporary Prefect server) against a loopback HTTP server

ANNOUNCEMENT = ("CE to attend Hong Kong/Guangdong Co-operation Joint Conference Plenary", "/gia/general/202611/20/P2026112000100.htm")
UNRELATED = ("Weather bulletin: Tropical cyclone warning", "/gia/general/202611/20/P2026112000101.htm")


@pytest.fixture
def polite_but_quick(monkeypatch):
    """Allow only loopback, no politeness delay, short timeouts and backoff, so faults resolve in seconds; English
    pages only (these tests count one language's requests; both: tests/flows/test_chinese_discovery_flow.py)."""
    for key, value in {"PLENARY_ALLOWED_HOSTS": "127.0.0.1", "PLENARY_FETCH_DELAY": "0", "PLENARY_FETCH_BACKOFF": "0.05",
                       "PLENARY_FETCH_TIMEOUT": "0.5", "PLENARY_FETCH_ATTEMPTS": "3", "PLENARY_DISCOVER_LANGUAGES": "en"}.items():
        monkeypatch.setenv(key, value)


def rows(path, sql, params=()):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_feed_discovery_ingests_reports_and_records_everything_else(loopback_site, polite_but_quick, warehouse_path, tmp_path):
    site = loopback_site
    pages = fixture_pages()
    serve_pages(site, pages)
    site.add(ANNOUNCEMENT[1], b"<html><body>never fetched</body></html>")
    items = [(p.title, p.path) for p in pages] + [ANNOUNCEMENT, UNRELATED, ("Hong Kong/Shanghai Co-operation Conference plenary", "file:///etc/passwd")]
    site.add(FEED_PATH, rss(site, items), "application/rss+xml")

    result = discover(feed=site.url(FEED_PATH), ingest_now=True, warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"))

    assert sorted(result["discovered"]) == sorted(site.url(p.path) for p in pages)
    meetings = rows(warehouse_path, "SELECT meeting_id FROM meetings ORDER BY 1")
    assert [m for (m,) in meetings] == ["beijing-4", "chongqing-1", "guangdong-20", "shanghai-4"]
    todo = dict(rows(warehouse_path, "SELECT url, status FROM discovered_releases"))
    assert {todo[site.url(p.path)] for p in pages} == {"ingested"}
    assert todo[site.url(ANNOUNCEMENT[1])] == todo[site.url(UNRELATED[1])] == "skipped"
    assert todo["file:///etc/passwd"] == "quarantined"
    reasons = dict(rows(warehouse_path, "SELECT url, reason FROM discovered_releases WHERE status <> 'ingested'"))
    assert "announces something other than a plenary held" in reasons[site.url(ANNOUNCEMENT[1])]
    assert "not about a co-operation conference plenary" in reasons[site.url(UNRELATED[1])]
    assert "only http and https" in reasons["file:///etc/passwd"]
    assert site.requests_to(ANNOUNCEMENT[1]) == []  # set aside from its title: never fetched
    raw = rows(warehouse_path, "SELECT url, status, size_bytes, sha256, processed_at IS NOT NULL FROM raw_documents")
    assert len(raw) == 4 and all(status == 200 and done for _, status, _, _, done in raw)
    assert {sha for *_, sha, _ in raw} == {hashlib.sha256(p.body).hexdigest() for p in pages}

    again = discover(feed=site.url(FEED_PATH), ingest_now=True, warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"))
    assert again["discovered"] == [] and "ingest" not in again  # nothing new, nothing pending: nothing fetched
    assert len(site.requests_to(pages[0].path)) == 1


def test_every_fault_ends_loaded_or_quarantined_and_the_run_goes_on(loopback_site, polite_but_quick, warehouse_path, tmp_path, monkeypatch):
    site = loopback_site
    monkeypatch.setenv("PLENARY_FETCH_MAX_BYTES", "1000000")
    beijing, shanghai = [p for p in fixture_pages() if p.file.startswith(("002", "003"))]
    urls = {
        "500 then 200": site.add_sequence(beijing.path, [Response(b"oops", status=500), Response(beijing.body)]),
        "429 Retry-After": site.add_sequence(shanghai.path, [Response(status=429, headers={"Retry-After": "1"}), Response(shanghai.body)]),
        "timeout": site.add("/gia/general/202611/20/P2026112000001.htm", beijing.body, delay=1.5),
        "truncated": site.add("/gia/general/202611/20/P2026112000002.htm", beijing.body, truncate_to=500),
        "oversized": site.add("/gia/general/202611/20/P2026112000003.htm", b"x" * 2_000_000),
        "off allowlist": site.add_redirect("/gia/general/202611/20/P2026112000004.htm", f"http://localhost:{site.port}/x.htm"),
        "not html": site.add("/gia/general/202611/20/P2026112000005.htm", b"\x89PNG....", "image/png"),
    }
    result = ingest_web(urls=list(urls.values()), warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"))

    assert [m for (m,) in rows(warehouse_path, "SELECT meeting_id FROM meetings ORDER BY 1")] == ["beijing-4", "shanghai-4"]
    todo = {url: (status, reason) for url, status, reason in rows(warehouse_path, "SELECT url, status, reason FROM discovered_releases")}
    assert todo[urls["500 then 200"]][0] == todo[urls["429 Retry-After"]][0] == "ingested"
    expected = {"timeout": ("failed", "timed out"), "truncated": ("failed", "cut short"),
                "oversized": ("quarantined", "1000000-byte limit"), "off allowlist": ("quarantined", "not on the allowlist"),
                "not html": ("quarantined", "image/png")}
    for name, (status, words) in expected.items():
        assert todo[urls[name]][0] == status, name
        assert words in todo[urls[name]][1], (name, todo[urls[name]][1])
    held = dict(rows(warehouse_path, "SELECT source_uri, reason FROM quarantine WHERE stage = 'fetch' AND resolved_at IS NULL"))
    assert set(held) == {urls[n] for n in expected}
    assert site.requests_to("/x.htm") == []  # the off-allowlist hop was never requested
    waits = [r.time for r in site.requests_to(shanghai.path)]
    assert len(waits) == 2 and waits[1] - waits[0] >= 1.0  # Retry-After honoured
    assert result["counts"]["loaded"] == 2 and result["counts"]["quarantined"] == 5


def test_an_unchanged_page_is_not_parsed_again_and_an_edited_one_is_a_new_revision(loopback_site, polite_but_quick, warehouse_path, tmp_path):
    site = loopback_site
    page = next(p for p in fixture_pages() if p.file.startswith("002"))
    url = site.add(page.path, page.body)
    first = ingest_web(urls=[url], warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"))
    second = ingest_web(urls=[url], warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"))
    assert (first["counts"]["parsed"], first["counts"]["loaded"]) == (1, 1)
    assert (second["counts"]["parsed"], second["counts"]["unchanged"]) == (0, 1)
    assert rows(warehouse_path, "SELECT fetch_count FROM raw_documents") == [(2,)]

    site.add(page.path, page.body.replace(b"</body>", b"<!-- edited --></body>"))
    third = ingest_web(urls=[url], warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"))
    assert third["counts"]["loaded"] == 1
    assert rows(warehouse_path, "SELECT count(*) FROM raw_documents") == [(2,)]
    assert rows(warehouse_path, "SELECT revision FROM releases") == [(2,)]
    assert rows(warehouse_path, "SELECT count(*) FROM release_revisions") == [(2,)]


def test_a_feed_with_an_entity_bomb_is_refused_and_quarantined(loopback_site, polite_but_quick, warehouse_path, tmp_path):
    site = loopback_site
    bomb = (b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n'
            b"<rss><channel><item><title>&d;</title><link>http://127.0.0.1/x</link></item></channel></rss>")
    feed = site.add(FEED_PATH, bomb, "application/rss+xml")
    state = discover(feed=feed, ingest_now=True, warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"),
                     return_state=True)
    assert state.is_failed() and "the feed was refused" in state.message  # its only source unread: the run fails
    (reason,) = [r for (r,) in rows(warehouse_path, "SELECT reason FROM quarantine WHERE stage = 'discover' AND source_uri = ?", [feed])]
    assert "refused" in reason and "entit" in reason
    assert rows(warehouse_path, "SELECT count(*) FROM discovered_releases") == [(0,)]


def test_backfill_walks_the_daily_index_pages_and_a_missing_day_is_quarantined(loopback_site, polite_but_quick, warehouse_path, tmp_path):
    site = loopback_site
    pages = {p.file[:3]: p for p in fixture_pages()}
    serve_pages(site, pages.values())
    site.add(index_path(date(2018, 10, 24)), daily_index([(pages["002"].title, pages["002"].path), UNRELATED]))
    site.add(index_path(date(2018, 10, 26)), daily_index([(pages["003"].title, pages["003"].path)]))
    result = discover(since="2018-10-24", until="2018-10-26", site=site.base, ingest_now=True,
                      warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"))
    assert [m for (m,) in rows(warehouse_path, "SELECT meeting_id FROM meetings ORDER BY 1")] == ["beijing-4", "shanghai-4"]
    (missing,) = rows(warehouse_path, "SELECT source_uri, reason FROM quarantine WHERE stage = 'discover'")
    assert missing[0] == site.url(index_path(date(2018, 10, 25))) and "404" in missing[1]
    assert result["counts"]["skipped"] == 1


def test_a_failed_refetch_never_undoes_an_ingested_release_and_recovery_closes_the_quarantine(loopback_site, polite_but_quick, warehouse_path, tmp_path):
    site = loopback_site
    page = next(p for p in fixture_pages() if p.file.startswith("002"))
    url = site.add(page.path, page.body)
    ingest_web(urls=[url], warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"))

    site.add(page.path, b"down", "text/plain", status=503)
    down = ingest_web(urls=[url], warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"), return_state=True)
    assert down.is_failed() and "none of the 1 source(s) could be read" in down.message  # nothing read: the run says so
    assert rows(warehouse_path, "SELECT status, meeting_id FROM discovered_releases") == [("ingested", "beijing-4")]
    assert rows(warehouse_path, "SELECT count(*) FROM quarantine WHERE stage = 'fetch' AND resolved_at IS NULL") == [(1,)]

    site.add(page.path, page.body)
    back = ingest_web(urls=[url], warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"))
    assert back["counts"]["unchanged"] == 1 and back["counts"]["parsed"] == 0
    assert [(o["status"], o["meeting_id"]) for o in back["outcomes"]] == [("ingested", "beijing-4")]
    assert rows(warehouse_path, "SELECT count(*) FROM quarantine WHERE stage = 'fetch' AND resolved_at IS NULL") == [(0,)]


def test_a_failed_fetch_waits_for_its_retry_time_before_the_sweep_takes_it(loopback_site, polite_but_quick, warehouse_path, tmp_path):
    from warehouse import open_writer
    from warehouse import pending_urls

    url = loopback_site.add("/gia/general/202611/20/P2026112000009.htm", b"busy", "text/plain", status=503)
    assert ingest_web(urls=[url], warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"), return_state=True).is_failed()
    (status, attempts, wait), = rows(warehouse_path, "SELECT status, attempts, next_attempt_at - last_attempt_at FROM discovered_releases")
    assert (status, attempts, wait.total_seconds()) == ("failed", 1, 15 * 60)
    with open_writer(warehouse_path) as con:
        assert pending_urls(con) == []
        con.execute("UPDATE discovered_releases SET next_attempt_at = now() - INTERVAL 1 MINUTE")
        assert pending_urls(con) == [url]
