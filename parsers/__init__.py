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

__all__ = [
    "PARSER_VERSION",
    "AgreementRecord",
    "AreaRecord",
    "AttendeeRecord",
    "MeetingRecord",
    "ParsedRelease",
    "ParsingError",
    "ReleaseRecord",
    "Source",
    "parse_document",
    "parse_page",
    "parse_release",
]
