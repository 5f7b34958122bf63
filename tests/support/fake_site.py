"""A loopback copy of the press-release site: the fixture pages at their real paths, daily index pages
and an RSS feed in the `general_en.xml` format, served by `tests.support.http_server.LoopbackSite`."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from email.utils import format_datetime
from datetime import datetime, timezone
from html import escape
from urllib.parse import urlsplit

from tests.support.http_server import LoopbackSite
from tests.support.paths import PAGES

FEED_PATH = "/gia/rss/general_en.xml"


@dataclass(frozen=True)
class Page:
    """A fixture page and the site path it is served at."""

    file: str
    path: str
    title: str

    @property
    def body(self) -> bytes:
        return (PAGES / self.file).read_bytes()


def fixture_pages() -> list[Page]:
    """The fixture pages with a known address, served at that address's path."""
    with open(PAGES / "manifest.csv", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["source_url"].strip()]
    pages = []
    for row in rows:
        html = (PAGES / row["file"]).read_text(encoding="utf-8")
        title = html.split("<title>", 1)[1].split("</title>", 1)[0]
        pages.append(Page(row["file"], urlsplit(row["source_url"]).path, title))
    return pages


def rss(site: LoopbackSite, items: list[tuple[str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, link) items; relative links are made absolute on the site."""
    now = format_datetime(datetime(2026, 11, 21, 8, 0, tzinfo=timezone.utc))
    entries = "".join(
        f"<item><title>{escape(title)}</title><link>{escape(link if ':' in link else site.url(link))}</link>"
        f"<description>{escape(title)}</description><pubDate>{now}</pubDate></item>\n"
        for title, link in items
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Press Releases</title>'
            f"<link>{site.url('/')}</link><description>general</description>\n{entries}</channel></rss>").encode()


def daily_index(items: list[tuple[str, str]]) -> bytes:
    """A daily index page listing (title, path) links among page chrome."""
    links = "".join(f'<li><a href="{escape(path)}">{escape(title)}</a></li>\n' for title, path in items)
    return (f"<html><head><title>Press Releases</title></head><body><div id='nav'><a href='/gia/general/today.htm'>"
            f"Today's Press Releases</a></div><ul class='list'>{links}</ul></body></html>").encode()


def serve_pages(site: LoopbackSite, pages: list[Page]) -> None:
    for page in pages:
        site.add(page.path, page.body)


def index_path(day: date) -> str:
    return f"/gia/general/{day:%Y%m}/{day:%d}.htm"


UNRELATED_TITLES = ("LCQ{n}: Public housing supply", "Red flags hoisted at beaches", "Government bonds tender results",
                    "Special traffic arrangements for race day", "Fraudulent website related to bank")


def release_path(day: date, serial: int) -> str:
    """A release address of the modern form for a day: `/gia/general/YYYYMM/DD/PYYYYMMDD<serial:05>.htm`."""
    return f"/gia/general/{day:%Y%m}/{day:%d}/P{day:%Y%m%d}{serial:05d}.htm"


def serve_daily_indexes(site: LoopbackSite, days: list[date], plenary: dict[date, list[str]] | None = None,
                        unrelated_every: int = 1) -> dict[date, list[tuple[str, str]]]:
    """Serve a daily index page for each day, as a backfill reads them: every `unrelated_every`-th day (by
    default every day, as on the real site) lists one or two releases that are not plenary reports, the others
    list none, and the days in `plenary` also list releases with those titles. Release pages themselves are
    not served. Returns each day's (title, path) links."""
    plenary = plenary or {}
    listed: dict[date, list[tuple[str, str]]] = {}
    for n, day in enumerate(days):
        items = [(UNRELATED_TITLES[(n + k) % len(UNRELATED_TITLES)].format(n=n % 20 + 1), release_path(day, 100 + k))
                 for k in range((1 + n % 2) if n % unrelated_every == 0 else 0)]
        items += [(title, release_path(day, 500 + k)) for k, title in enumerate(plenary.get(day, []))]
        site.add(index_path(day), daily_index(items))
        listed[day] = items
    return listed
