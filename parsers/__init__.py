"""Parsing stage: release bytes in, typed staged records out. Knows nothing of Prefect, HTTP or DuckDB."""
from __future__ import annotations

from .document import parse_document
from .errors import ParsingError
from .page import parse_page
from .records import (
    AgreementRecord,
    AreaRecord,
    AttendeeRecord,
    MeetingRecord,
    ParsedRelease,
    ReleaseRecord,
    Source,
)
from .release import PARSER_VERSION, parse_release
from .budget import MAX_LINES, MAX_TAGS
from .categories import CATEGORIES
from .errors import ParseBudgetExceeded
from .page import codec_for, sniff_charset
from .relevance import why_not_relevant
from .vocabulary import COUNTERPARTS, HONORIFICS

__all__ = [
    "AgreementRecord",
    "AreaRecord",
    "AttendeeRecord",
    "CATEGORIES",
    "COUNTERPARTS",
    "HONORIFICS",
    "MAX_LINES",
    "MAX_TAGS",
    "MeetingRecord",
    "PARSER_VERSION",
    "ParseBudgetExceeded",
    "ParsedRelease",
    "ParsingError",
    "ReleaseRecord",
    "Source",
    "codec_for",
    "parse_document",
    "parse_page",
    "parse_release",
    "sniff_charset",
    "why_not_relevant",
]
