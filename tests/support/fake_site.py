"""A loopback copy of the press-release site: the fixture pages at their real paths, daily index pages
and an RSS feed in the `general_en.xml` format, and their Chinese twins (`general_zh.xml`, `DDc.htm`), served by
`tests.support.http_server.LoopbackSite`."""
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
FEED_PATH_ZH = "/gia/rss/general_zh.xml"


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


def rss(site: LoopbackSite, items: list[tuple[str, str]], language: str | None = None) -> bytes:
    """An RSS 2.0 feed of (title, link) items; relative links are made absolute on the site. `language` "zh": the
    Chinese feed's channel (新聞公報, `<language>zh-hk</language>`)."""
    now = format_datetime(datetime(2026, 11, 21, 8, 0, tzinfo=timezone.utc))
    entries = "".join(
        f"<item><title>{escape(title)}</title><link>{escape(link if ':' in link else site.url(link))}</link>"
        f"<description>{escape(title)}</description><pubDate>{now}</pubDate></item>\n"
        for title, link in items
    )
    channel = "<title>新聞公報</title>" if language == "zh" else "<title>Press Releases</title>"
    channel += "<language>zh-hk</language>" if language == "zh" else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>{channel}'
            f"<link>{site.url('/')}</link><description>general</description>\n{entries}</channel></rss>").encode()


def daily_index(items: list[tuple[str, str]], language: str = "en") -> bytes:
    """A daily index page listing (title, path) links among page chrome; `language` "zh": the Chinese page
    (`DDc.htm`: `lang="zh-HK"`, Chinese chrome, a link to the English page and one to the Simplified view)."""
    links = "".join(f'<li><a href="{escape(path)}">{escape(title)}</a></li>\n' for title, path in items)
    if language == "zh":
        return ("<!DOCTYPE html>\n<html lang='zh-HK'><head><meta http-equiv='Content-Type' content='text/html; "
                "charset=utf-8' /><title>新聞公報</title></head><body><div id='skipContent'><a href='#contentBody'>"
                "跳至主要內容</a></div><div id='nav'><a href='/gia/general/today_c.htm'>今日新聞公報</a> "
                "<a href='/gia/general/today.htm' lang='en'>English</a> <a href='https://sc.isd.gov.hk/TuniS/"
                f"www.info.gov.hk/gia/general/today_c.htm'>简体版</a></div><div id='contentBody'><ul id='prlist'>"
                f"{links}</ul></div></body></html>").encode()
    return (f"<html><head><title>Press Releases</title></head><body><div id='nav'><a href='/gia/general/today.htm'>"
            f"Today's Press Releases</a></div><ul class='list'>{links}</ul></body></html>").encode()


def serve_pages(site: LoopbackSite, pages: list[Page]) -> None:
    for page in pages:
        site.add(page.path, page.body)


def index_path(day: date, language: str = "en") -> str:
    """The daily index page of a day: `DD.htm`, the Chinese `DDc.htm`."""
    return f"/gia/general/{day:%Y%m}/{day:%d}{'c' if language == 'zh' else ''}.htm"


# Titles of the Chinese index pages (the same releases in Chinese): none is a plenary report, and some name a
# co-operation conference all the same (an announcement, a speech), which the Chinese relevance words set aside.
UNRELATED_TITLES_ZH = ("立法會{n}題：公共房屋供應", "海灘懸掛紅旗", "政府債券投標結果", "賽馬日特別交通安排",
                       "與銀行有關的欺詐網站")
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


def serve_chinese_daily_indexes(site: LoopbackSite, days: list[date], plenary: dict[date, list[str]] | None = None,
                                ) -> dict[date, list[tuple[str, str]]]:
    """Serve the Chinese daily index page (`DDc.htm`) of each day, as `serve_daily_indexes` the English ones: one
    or two releases that are not plenary reports a day, and the days in `plenary` also list releases with those
    (Chinese) titles. Their P-numbers are their own (serials from 200 and 600). Returns each day's links."""
    plenary = plenary or {}
    listed: dict[date, list[tuple[str, str]]] = {}
    for n, day in enumerate(days):
        items = [(UNRELATED_TITLES_ZH[(n + k) % len(UNRELATED_TITLES_ZH)].format(n="十"), release_path(day, 200 + k))
                 for k in range(1 + n % 2)]
        items += [(title, release_path(day, 600 + k)) for k, title in enumerate(plenary.get(day, []))]
        site.add(index_path(day, "zh"), daily_index(items, "zh"))
        listed[day] = items
    return listed
