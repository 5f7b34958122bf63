"""The web side of the `plenary` command as a user runs it: a real subprocess against a loopback site."""
from __future__ import annotations

import json

import pytest

from tests.support.paths import PAGES, SEEDS, seed_urls
from tests.support.fake_site import FEED_PATH, fixture_pages, rss, serve_pages
from tests.support.commands import run

pytestmark = pytest.mark.slow  # every test runs `plenary` in a subprocess, some against a loopback HTTP site

LOOPBACK = {"PLENARY_ALLOWED_HOSTS": "127.0.0.1", "PLENARY_FETCH_DELAY": "0", "PLENARY_FETCH_BACKOFF": "0.05"}


@pytest.mark.parametrize("page", sorted(p.name for p in PAGES.glob("*.htm")))
def test_parse_of_a_page_equals_parse_of_its_seed_apart_from_source_fields(page):
    from_page = run("parse", str(PAGES / page), "--json")
    from_text = run("parse", str(SEEDS / page.replace(".htm", ".txt")), "--json")
    assert from_page.returncode == 0 and from_text.returncode == 0, from_page.stderr + from_text.stderr
    html, text = json.loads(from_page.stdout), json.loads(from_text.stdout)
    for records in (html, text):
        del records["release"]["source_uri"], records["release"]["content_sha256"]
    assert html == text
    assert html["release"]["source_url"] == seed_urls()[page.replace(".htm", ".txt")]  # both read their folder's manifest


def test_ingest_feed_then_url_then_a_bad_url_in_embedded_mode(loopback_site, warehouse_path):
    site = loopback_site
    pages = fixture_pages()
    serve_pages(site, pages)
    feed = site.add(FEED_PATH, rss(site, [(p.title, p.path) for p in pages[:2]]), "application/rss+xml")

    by_feed = run("ingest", "--feed", feed, "--warehouse", str(warehouse_path), env_extra=LOOPBACK)
    assert by_feed.returncode == 0, by_feed.stderr
    assert "2 new to ingest" in by_feed.stdout and "loaded 2" in by_feed.stdout

    missing = site.url("/gia/general/202611/21/P2026112199999.htm")
    by_url = run("ingest", site.url(pages[2].path), missing, "--warehouse", str(warehouse_path), "--json", env_extra=LOOPBACK)
    assert by_url.returncode == 0, by_url.stderr
    summary = json.loads(by_url.stdout)
    assert summary["counts"]["loaded"] == 1 and summary["counts"]["quarantined"] == 1
    assert summary["quarantined"] == [{"stage": "fetch", "source": missing, "reason": "server answered HTTP 404 Not Found"}]

    meetings = run("sql", "SELECT count(*) AS n FROM meetings", "--warehouse", str(warehouse_path), "--json")
    assert json.loads(meetings.stdout) == [{"n": 3}]


def test_ingest_refuses_a_host_off_the_allowlist_in_one_line(warehouse_path):
    result = run("ingest", "https://example.com/gia/general/202611/21/P2026112100001.htm", "--warehouse", str(warehouse_path))
    assert result.returncode == 1  # nothing could be read: the run fails, the URL is quarantined with its reason
    assert "not on the allowlist (www.info.gov.hk); set PLENARY_ALLOWED_HOSTS" in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")][0].startswith(
        "error: none of the 1 source(s) could be read")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args, message", [
    ([], "nothing to ingest"),
    (["--since", "21/11/2026"], "is not a date; use YYYY-MM-DD"),
    (["--until", "2026-11-21"], "--until needs --since"),
    (["--since", "2018-10-24", "--until", "2018-10-01"], "--until 2018-10-01 is before --since 2018-10-24"),
])
def test_ingest_argument_errors_say_what_to_do(args, message):
    result = run("ingest", *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_a_bad_fetch_setting_is_named_before_anything_runs():
    result = run("ingest", "--feed", "http://127.0.0.1:9/feed.xml", env_extra={"PLENARY_FETCH_DELAY": "soon"})
    assert result.returncode == 2 and "PLENARY_FETCH_DELAY expects" in result.stderr and "Traceback" not in result.stderr


def test_serve_without_a_server_says_how_to_start_one():
    result = run("serve", env_extra={"PREFECT_API_URL": ""})
    assert result.returncode == 1 and "plenary server" in result.stderr and "PREFECT_API_URL" in result.stderr
