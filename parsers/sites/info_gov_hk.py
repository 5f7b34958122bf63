"""www.info.gov.hk, the Government's press releases: addresses, discovery, page parts, closing lines.

Releases are at `/gia/general/YYYYMM/DD/P<YYYYMMDD><serial>.htm`; the feed `general_en.xml` lists the last
few days', a daily index page `/gia/general/YYYYMM/DD.htm` each day's. Every release is issued in Chinese too,
with a P-number of its own in the same date folder: the Chinese feed is `general_zh.xml`, the Chinese daily index
`/gia/general/YYYYMM/DDc.htm`, of the same shapes. Discovery's parsing is here and pure (no I/O): `parse_feed`,
`parse_daily_index`; each candidate carries its language ("en", "zh") and is judged by that language's relevance
words. The feed is untrusted XML: it is parsed with defusedxml with DTDs forbidden, so no entity is expanded
and no external resource is loaded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from selectolax.lexbor import LexborHTMLParser

from ..dates import month_date, numeric_date
from ..errors import DiscoveryError
from ..forms.charset import codec_for, sniff_charset
from ..language.en import ENGLISH
from ..relevance import why_not_relevant
from . import ClosingLine, Site, release_id_in

BASE_URL = "https://www.info.gov.hk"
FEED_PATH = "/gia/rss/general_en.xml"
# Discovery's pages by language, English (the default) first.
FEED_PATHS = {"en": FEED_PATH, "zh": "/gia/rss/general_zh.xml"}
DAILY_INDEX_PATHS = {"en": "/gia/general/{day:%Y%m}/{day:%d}.htm", "zh": "/gia/general/{day:%Y%m}/{day:%d}c.htm"}
HKT = timezone(timedelta(hours=8), "HKT")
_RELEASE_PATH = re.compile(r"/gia/general/\d{6}/\d{2}/(P\d{9,}|\d{7})(?:[a-z]|_print)?\.html?$", re.I)

# --- closing lines: `Ends/<date>`, `Issued at HKT HH:MM`, `NNNN`; in Chinese 完, the date with its weekday, the time
# Words bounded (a weekday or month has at most 9 letters): `[A-Za-z]+day` tried at every "day" of a long word
# made matching one line quadratic (issue 12).
_ENDS = re.compile(r"^Ends?\s*/\s*(?:[A-Za-z]{1,20}day)?,?\s*([A-Za-z]{1,20}+)\s+(\d{1,2}),?\s+(\d{4})", re.I)  # End/: old pages
_ISSUED = re.compile(r"^Issued at HKT\s+(\d{1,2}):(\d{2})", re.I)
_ZH_END = re.compile(r"完\Z")
_ZH_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[(（]\s*星期[一二三四五六日天]\s*[)）]$")
_ZH_TIME = re.compile(r"^香港時間\s*(\d{1,2})\s*時\s*(\d{2})\s*分$")
_EN_STARTS = frozenset("EeIi\u0130\u0131")  # how `_ENDS` and `_ISSUED` lines can start (re.I reads İ ı as i)
_ZH_STARTS = frozenset("完香0123456789０１２３４５６７８９")  # how the Chinese closing lines start


def _ends_date(m: re.Match[str]) -> date | None:
    return month_date(m.group(3), m.group(1), m.group(2), ENGLISH)


def _clock(m: re.Match[str]) -> time | None:
    """The time of `Issued at HKT 15:36` or 香港時間15時36分; None for one no clock shows (25:61)."""
    hour, minute = int(m.group(1)), int(m.group(2))
    return time(hour, minute) if hour < 24 and minute < 60 else None


def _zh_date(m: re.Match[str]) -> date | None:
    return numeric_date(m.group(1), m.group(2), m.group(3))


CLOSING_LINES = (
    ClosingLine("date", _EN_STARTS, _ENDS, _ends_date),
    ClosingLine("time", _EN_STARTS, _ISSUED, _clock),
    ClosingLine("date", _ZH_STARTS, _ZH_DATE, _zh_date),
    ClosingLine("time", _ZH_STARTS, _ZH_TIME, _clock),
    ClosingLine("end", _ZH_STARTS, _ZH_END),
)
# Lines that end a release's body: the wire service's end mark (a closing line too), and the page's link to the
# day's other releases (furniture).
PAGE_ENDS = {"nnnn": True, "today's press releases": False}


# --- discovery ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """A release found by discovery, before anything is fetched."""

    url: str
    title: str
    via: str  # "feed" | "index" | "url"
    published_at: datetime | None = None
    language: str = "en"  # the language of the feed or index page that listed it: "en" | "zh"

    @property
    def release_id(self) -> str | None:
        return release_id_in(self.url) if INFO_GOV_HK.is_release_page(self.url) else None

    @property
    def skip_reason(self) -> str | None:
        """Why discovery sets it aside (None: worth fetching); `via="url"` is always fetched."""
        return None if self.via == "url" else why_not_relevant(self.title, self.language)


def feed_url(site: str = BASE_URL, language: str = "en") -> str:
    """The general press-release feed of a site in a language (`general_en.xml`, `general_zh.xml`; `site`: its base
    URL, this site or a mirror)."""
    return INFO_GOV_HK.feed_url(site, language)


def daily_index_url(day: date, site: str = BASE_URL, language: str = "en") -> str:
    """The index page listing one day's releases in a language: `/gia/general/YYYYMM/DD.htm`, in Chinese
    `DDc.htm` (`site`: a base URL)."""
    return INFO_GOV_HK.daily_index_url(day, site, language)


def days_between(since: date, until: date) -> list[date]:
    """Every day from `since` to `until`, both included."""
    if until < since:
        raise DiscoveryError(f"--until {until} is before --since {since}")
    return [since + timedelta(days=n) for n in range((until - since).days + 1)]


def parse_feed(data: bytes, language: str | None = None) -> list[Candidate]:
    """Items of an RSS 2.0 feed (`general_en.xml`, `general_zh.xml`): link, title and pubDate of each. Their
    language: `language` (the feed's, known from its address), else the channel's `<language>`, else each
    title's script (Chinese characters: "zh")."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise DiscoveryError(f"the feed was refused: it declares a DTD or entities ({type(exc).__name__}); "
                             "entity expansion is never allowed") from None
    except ParseError as exc:
        raise DiscoveryError(f"the feed is not well-formed XML: {exc}") from None
    if root.tag != "rss" or root.find("channel") is None:
        raise DiscoveryError(f"the feed is not RSS 2.0 (root element <{root.tag}>)")
    language = language or _language_code(_text(root.find("channel"), "language"))
    found = []
    for item in root.iter("item"):
        if link := _text(item, "link") or _text(item, "guid"):
            title = _text(item, "title")
            found.append(Candidate(url=link, title=title, via="feed", published_at=_pub_date(_text(item, "pubDate")),
                                   language=language or language_of_title(title)))
    return found


def parse_daily_index(html: bytes, page_url: str, day: date | None = None, charset: str | None = None,
                      language: str | None = None) -> list[Candidate]:
    """Release links on a daily index page, in page order, each once (charset: the header's, else <meta>, else UTF-8).

    Only links to this site's releases count: on the page's own host (or the site's), so that the Simplified view of
    a Chinese release (`sc.isd.gov.hk/TuniS/www.info.gov.hk/...`) is not a release of its own. Their language:
    `language` (the page's, known from its address: `DDc.htm` is Chinese), else the page's `<html lang>`, else each
    title's script."""
    tree = LexborHTMLParser(html.decode(codec_for(charset) or sniff_charset(html) or "utf-8", errors="replace"))
    published = datetime.combine(day, time(0), tzinfo=HKT) if day else None
    root = tree.css_first("html")
    language = language or _language_code(root.attributes.get("lang") if root is not None else None)
    hosts = INFO_GOV_HK.hosts | {urlsplit(page_url).hostname}
    found: dict[str, Candidate] = {}
    for anchor in tree.css("a[href]"):
        url = urljoin(page_url, (anchor.attributes.get("href") or "").strip())
        if INFO_GOV_HK.is_release_page(url) and url not in found and urlsplit(url).hostname in hosts:
            title = " ".join(anchor.text(separator=" ").split())
            found[url] = Candidate(url=url, title=title, via="index", published_at=published,
                                   language=language or language_of_title(title))
    return list(found.values())


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def language_of_title(title: str) -> str:
    """A title's language by its script: "zh" when it holds a Chinese character, else "en"."""
    return "zh" if _HAN.search(title) else "en"


def _language_code(tag: str | None) -> str | None:
    """The language of an RSS `<language>` or HTML `lang` ("zh-hk", "en-US"), if it is one discovery reads."""
    code = (tag or "").strip().lower()[:2]
    return code if code in FEED_PATHS else None


def _text(item, tag: str) -> str:
    node = item.find(tag) if item is not None else None
    return " ".join((node.text or "").split()) if node is not None else ""


def _pub_date(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None


INFO_GOV_HK = Site(
    name="info.gov.hk",
    base_url=BASE_URL,
    hosts=frozenset({"www.info.gov.hk"}),
    timezone=HKT,
    # the P-number, of the page or its print version (`P2017111800744p.htm`, `P200604110145_print.htm`); before
    # P-numbers, a page's number in its day's folder, with the folder's year (`/200408/04/0804200.htm`: 20040804200)
    release_id=re.compile(r"/(P\d{9,})(?:[a-z]|_print)?\.html?\b|/gia/general/(\d{4})\d{2}/\d{2}/(\d{7})[a-z]?\.html?\b",
                          re.I),
    address_dates=(re.compile(r"/(\d{4})(\d{2})/(\d{2})/"),),  # /gia/general/YYYYMM/DD/
    release_path=_RELEASE_PATH,
    feed_paths=FEED_PATHS,
    daily_index_paths=DAILY_INDEX_PATHS,
    read_feed=parse_feed,
    read_daily_index=parse_daily_index,
    headline_selectors=("span#PRHeadlineSpan", "#PRHeadline", "title"),
    body_selectors=("span#pressrelease", "#pressrelease"),
    body_fallbacks=("#contentBody", "body"),
    body_description="span#pressrelease, else #contentBody/<body>",
    page_ids=("PRHeadline", "pressrelease", "contentBody"),
    closing_lines=CLOSING_LINES,
    page_ends=PAGE_ENDS,
)
