"""Discovery: release candidates from the RSS feed and the daily index pages. Pure functions, no I/O.

The feed is untrusted XML: it is parsed with defusedxml with DTDs forbidden, so no entity is
expanded and no external resource is loaded.
"""
from __future__ import annotations

from parsers.errors import PlenaryError

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from selectolax.lexbor import LexborHTMLParser

from parsers import codec_for, sniff_charset
from parsers import why_not_relevant

DEFAULT_SITE = "https://www.info.gov.hk"
FEED_PATH = "/gia/rss/general_en.xml"
HKT = timezone(timedelta(hours=8), "HKT")
_RELEASE_PATH = re.compile(r"/gia/general/\d{6}/\d{2}/(P\d{9,})[a-z]?\.html?$", re.I)


class DiscoveryError(PlenaryError, ValueError):
    """A feed or index page that cannot be read; the message says why."""


@dataclass(frozen=True)
class Candidate:
    """A release found by discovery, before anything is fetched."""

    url: str
    title: str
    via: str  # "feed" | "index" | "url"
    published_at: datetime | None = None

    @property
    def release_id(self) -> str | None:
        match = _RELEASE_PATH.search(urlsplit(self.url).path)
        return match.group(1).upper() if match else None

    @property
    def skip_reason(self) -> str | None:
        """Why discovery sets it aside (None: worth fetching); `via="url"` is always fetched."""
        return None if self.via == "url" else why_not_relevant(self.title)


def feed_url(site: str = DEFAULT_SITE) -> str:
    """The English general press-release feed of a site."""
    return site.rstrip("/") + FEED_PATH


def daily_index_url(day: date, site: str = DEFAULT_SITE) -> str:
    """The index page listing one day's releases: `/gia/general/YYYYMM/DD.htm`."""
    return f"{site.rstrip('/')}/gia/general/{day:%Y%m}/{day:%d}.htm"


def days_between(since: date, until: date) -> list[date]:
    """Every day from `since` to `until`, both included."""
    if until < since:
        raise DiscoveryError(f"--until {until} is before --since {since}")
    return [since + timedelta(days=n) for n in range((until - since).days + 1)]


def parse_feed(data: bytes) -> list[Candidate]:
    """Items of an RSS 2.0 feed (`general_en.xml`): link, title and pubDate of each."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise DiscoveryError(f"the feed was refused: it declares a DTD or entities ({type(exc).__name__}); "
                             "entity expansion is never allowed") from None
    except ParseError as exc:
        raise DiscoveryError(f"the feed is not well-formed XML: {exc}") from None
    if root.tag != "rss" or root.find("channel") is None:
        raise DiscoveryError(f"the feed is not RSS 2.0 (root element <{root.tag}>)")
    return [
        Candidate(url=link, title=_text(item, "title"), via="feed", published_at=_pub_date(_text(item, "pubDate")))
        for item in root.iter("item")
        if (link := _text(item, "link") or _text(item, "guid"))
    ]


def parse_daily_index(html: bytes, page_url: str, day: date | None = None, charset: str | None = None) -> list[Candidate]:
    """Release links on a daily index page, in page order, each once (charset: the header's, else <meta>, else UTF-8)."""
    tree = LexborHTMLParser(html.decode(codec_for(charset) or sniff_charset(html) or "utf-8", errors="replace"))
    published = datetime.combine(day, time(0), tzinfo=HKT) if day else None
    found: dict[str, Candidate] = {}
    for anchor in tree.css("a[href]"):
        url = urljoin(page_url, (anchor.attributes.get("href") or "").strip())
        if _RELEASE_PATH.search(urlsplit(url).path) and url not in found:
            title = " ".join(anchor.text(separator=" ").split())
            found[url] = Candidate(url=url, title=title, via="index", published_at=published)
    return list(found.values())


def _text(item, tag: str) -> str:
    node = item.find(tag)
    return " ".join((node.text or "").split()) if node is not None else ""


def _pub_date(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None
