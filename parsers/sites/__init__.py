"""The sites releases come from: what the parser knows of each, one `Site` a site.

A `Site` holds a site's addresses (hosts, base URL, how a release's address gives its id and date), where
discovery reads it (its feeds and daily index pages, one of each per language it publishes in, and how to read
them), what the HTML form selects on its pages,
and how its releases end (closing lines, in each language it publishes, and the furniture that ends a page).
`info_gov_hk.py` is the Government's press-release site, the default (`DEFAULT_SITE`); `news_gov_hk.py` is
known for its addresses only. A new site is a module beside them, listed in `SITES` at the end of this file.

Addresses are read with every known site's rules (a release saved to a file or mirrored keeps its P-number);
the page and closing-line rules are those of the site a parse is given (`site=`, `DEFAULT_SITE` by default).
Every field is data: a changed one changes `PARSER_VERSION` by itself (`parsers.version`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, time, tzinfo
from functools import cached_property
from urllib.parse import urlsplit

from ..dates import numeric_date


@dataclass(frozen=True, eq=False)
class ClosingLine:
    """One kind of closing line (`Ends/<date>`, `Issued at HKT HH:MM`, 完 ...): what it gives the footer."""

    kind: str  # "date" (the release's date), "time" (the time it was issued) or "end" (nothing but the end)
    starts: frozenset[str]  # every line of this kind starts with one of these characters
    pattern: re.Pattern[str]  # matched at the line's start
    read: Callable[[re.Match[str]], date | time | None] | None = None  # the date or time of a match


@dataclass(frozen=True, eq=False)
class Site:
    """A site: its addresses, its discovery, its pages' parts and its releases' closing lines."""

    name: str
    base_url: str
    hosts: frozenset[str]  # the hosts its pages are fetched from
    timezone: tzinfo | None = None  # the zone of the times its releases print
    release_id: re.Pattern[str] | None = None  # its groups, joined: a release's id in an address of it
    address_dates: tuple[re.Pattern[str], ...] = ()  # groups year, month, day: a release's date in its address
    release_path: re.Pattern[str] | None = None  # the path of a release page (group 1: its id), for discovery
    # its feeds of recent releases, by language ("en", "zh"), the first the default
    feed_paths: Mapping[str, str] = field(default_factory=dict)
    # the page listing one day's releases, by language as `feed_paths`; `{day:...}` formats the day
    daily_index_paths: Mapping[str, str] = field(default_factory=dict)
    read_feed: Callable | None = None  # feed bytes (, language) -> candidates
    read_daily_index: Callable | None = None  # index page bytes, its address (, day, charset, language) -> candidates
    headline_selectors: tuple[str, ...] = ("title",)  # the headline: the first of these with text
    body_selectors: tuple[str, ...] = ()  # the release's text, footer lines following it
    body_fallbacks: tuple[str, ...] = ("body",)  # else the first of these with lines (no footer read after it)
    body_description: str = "<body>"  # the parts above, as an error names them
    page_ids: tuple[str, ...] = ()  # the ids of the parts selected (kept when markup is bounded)
    closing_lines: tuple[ClosingLine, ...] = ()
    page_ends: Mapping[str, bool] = field(default_factory=dict)  # a line (lower case) that ends the body ->
    # whether it is a closing line too (`NNNN`) or furniture (`Today's Press Releases`)

    @cached_property
    def closing_by_start(self) -> dict[str, tuple[ClosingLine, ...]]:
        """The closing lines by the characters they start with: a line is matched only against those it may be."""
        return {char: tuple(rule for rule in self.closing_lines if char in rule.starts)
                for char in {char for rule in self.closing_lines for char in rule.starts}}

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages discovery can read it in (those of its feeds and daily index pages), the default first."""
        return tuple(dict.fromkeys([*self.feed_paths, *self.daily_index_paths]))

    def feed_url(self, base_url: str | None = None, language: str | None = None) -> str:
        """Its feed in a language (by default the first), at `base_url` (a mirror) or its own."""
        path = self.feed_paths[language] if language else next(iter(self.feed_paths.values()))
        return (base_url or self.base_url).rstrip("/") + path

    def daily_index_url(self, day: date, base_url: str | None = None, language: str | None = None) -> str:
        """The page listing one day's releases in a language (by default the first), at `base_url` (a mirror) or
        its own."""
        path = self.daily_index_paths[language] if language else next(iter(self.daily_index_paths.values()))
        return (base_url or self.base_url).rstrip("/") + path.format(day=day)

    def feed_language(self, url: str) -> str | None:
        """The language of a feed of this site (its path is one of `feed_paths`, at any base URL); None for
        another feed."""
        path = urlsplit(url).path
        return next((language for language, feed in self.feed_paths.items() if path.endswith(feed)), None)

    def is_release_page(self, url: str) -> re.Match[str] | None:
        """The match of `release_path` on a URL's path (group 1: the release id), if it is a release page."""
        return self.release_path.search(urlsplit(url).path) if self.release_path else None


def release_id_in(address: str | None) -> str | None:
    """A release's id in its address (a URL or a file name) by the first known site's rule that finds one: the
    groups the rule's pattern matched, joined."""
    for site in SITES:
        if address and site.release_id and (m := site.release_id.search(address)):
            return "".join(group for group in m.groups() if group).upper()
    return None


def date_in(address: str | None) -> date | None:
    """A release's date in its address (`/gia/general/201810/24/...`), by the first known site's rule that finds
    one, else a dated path (`DATED_PATHS`); None if none does, or the date it finds is no date."""
    for pattern in [p for site in SITES for p in site.address_dates] + list(DATED_PATHS):
        if address and (m := pattern.search(address)):
            return numeric_date(m.group(1), m.group(2), m.group(3))
    return None


# The dated path of other sites' copies, as news sites and blogs print it: `.../2021/09/23/<slug>/`
DATED_PATH = re.compile(r"/((?:19|20)\d\d)/(\d{2})/(\d{2})/")
# a path that starts with its day: `/life/2021-12-01-the-first-cooperation-...html`
DATED_SLUG = re.compile(r"/((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")
# news sites' dated folders: `/n3/2023/0322/c90000-...html` (people.cn), `/2023-03/22/c_...htm` (xinhuanet)
DATED_FOLDERS = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/")
DATED_MONTH_FOLDER = re.compile(r"/((?:19|20)\d\d)-(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/")
# and an address whose path holds a day as eight digits: `/blog/blog20141106.html`, `/20240427/2814...`
DATED_NAME = re.compile(r"/[^/?#]*?(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
# Chinese news sites' dated folders: `/2006/08-02/767671.shtml` (chinanews), `/2015-9-10/c4c29d92-....html` (cri)
DATED_DAY_FOLDER = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/")
DATED_LOOSE_FOLDER = re.compile(r"/((?:19|20)\d\d)-(1[0-2]|0?[1-9])-(3[01]|[12]\d|0?[1-9])/")
DATED_PATHS = (DATED_PATH, DATED_SLUG, DATED_FOLDERS, DATED_MONTH_FOLDER, DATED_DAY_FOLDER, DATED_LOOSE_FOLDER,
               DATED_NAME)  # tried in this order


# The sites known, the default first. A new one: its module beside `info_gov_hk.py`, imported and listed here.
from .info_gov_hk import INFO_GOV_HK  # noqa: E402  (they build on the classes above)
from .news_gov_hk import NEWS_GOV_HK  # noqa: E402

SITES: tuple[Site, ...] = (INFO_GOV_HK, NEWS_GOV_HK)
DEFAULT_SITE = INFO_GOV_HK
