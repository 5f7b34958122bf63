"""Parsing stage: release bytes in, typed staged records out. Knows nothing of Prefect, HTTP or DuckDB.

This module is the package's public API (`__all__`); other packages import from `parsers` only
(`PlenaryError`, the project's root exception, included). The pipeline, in the order it runs:

    bytes ─▶ forms/ ─────────────▶ lines.py ─────▶ layout.py ─▶ meeting, people, attendees, ─▶ build.py ─▶ records.py
             charset.py (decode)    RawLine ▶ Line   headline,    agreements, categories       ParsedRelease
             text.py  (Markdown)    footer cut       areas,       (the sentence rules)
             html.py  (markup)                       closing

    document.py  picks the form: `parse_document` (HTML: `parse_page`, else text: `parse_release`)
    language/    the words the rules read by: a `Language` (en.py: `ENGLISH`, zh.py: `CHINESE`, in `LANGUAGES`),
                 chosen for each document from its text (`language_of`)
    chinese/     the Chinese sentence rules (office and name run together, no word boundaries), after the layout
    sites/       what is known of each site: a `Site` (info_gov_hk.py: `DEFAULT_SITE`; news_gov_hk.py; `SITES`):
                 addresses, discovery (feed, daily index: `parse_feed`, `parse_daily_index`), page parts, closing lines
    relevance.py discovery's filter on a title; budget.py bounded work per input; strings.py shared text helpers;
    dates.py     dates as printed; version.py `PARSER_VERSION` (code version + digest of every vocabulary)
"""
from __future__ import annotations

from .budget import MAX_LINES, MAX_TAGS
from .categories import CATEGORIES, area_categories
from .document import parse_document
from .errors import DiscoveryError, ParseBudgetExceeded, ParsingError, PlenaryError
from .forms.charset import codec_for, sniff_charset
from .forms.html import parse_page
from .forms.text import parse_release
from .language import CHINESE, CHINESE_PLACE_NAMES, ENGLISH, LANGUAGES, Language, language_of
from .records import (
    AgreementRecord,
    AreaRecord,
    AttendeeRecord,
    MeetingRecord,
    ParsedRelease,
    ReleaseRecord,
    Source,
)
from .relevance import why_not_relevant
from .sites import DEFAULT_SITE, SITES, Site
from .sites.info_gov_hk import Candidate, daily_index_url, days_between, feed_url, parse_daily_index, parse_feed
from .version import PARSER_VERSION

COUNTERPARTS = ENGLISH.counterparts
HONORIFICS = ENGLISH.people.honorifics

__all__ = [
    "AgreementRecord",
    "AreaRecord",
    "AttendeeRecord",
    "CATEGORIES",
    "CHINESE",
    "CHINESE_PLACE_NAMES",
    "COUNTERPARTS",
    "Candidate",
    "DEFAULT_SITE",
    "DiscoveryError",
    "ENGLISH",
    "HONORIFICS",
    "LANGUAGES",
    "Language",
    "MAX_LINES",
    "MAX_TAGS",
    "MeetingRecord",
    "PARSER_VERSION",
    "ParseBudgetExceeded",
    "ParsedRelease",
    "ParsingError",
    "PlenaryError",
    "ReleaseRecord",
    "SITES",
    "Site",
    "Source",
    "area_categories",
    "codec_for",
    "language_of",
    "daily_index_url",
    "days_between",
    "feed_url",
    "parse_daily_index",
    "parse_document",
    "parse_feed",
    "parse_page",
    "parse_release",
    "sniff_charset",
    "why_not_relevant",
]
