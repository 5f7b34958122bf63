"""Typed staged records: what one release yields before any quality gate (BRIEF section 4)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class Source:
    """Where a release came from: `uri` is the file or URL read, `url` its web address if known."""

    uri: str
    url: str | None = None


@dataclass
class ReleaseRecord:
    release_id: str
    title: str
    source_uri: str
    source_url: str | None
    language: str
    issued_at: datetime | None
    release_date: date | None
    content_sha256: str
    parser_version: str
    is_plenary_report: bool
    not_plenary_reason: str | None = None
    has_own_title: bool = True  # False: the first line is a sentence of the body, not a headline (quarantined)
    encoding_warning: str | None = None  # mojibake repaired or suspected (parsers.forms.charset.decode_text), else None
    truncated: bool = False  # no closing lines and the body stops mid-sentence (README, "Truncated releases")
    other_language_url: str | None = None  # the page's own link to its version in the other language, if it has one


@dataclass
class MeetingRecord:
    meeting_id: str
    conference: str
    counterpart: str
    plenary_number: int | None  # None: a story that gives none; the quality gate quarantines such a meeting
    high_level_meeting: bool
    meeting_date: date | None
    venue: str | None
    hk_leader: str | None
    counterpart_leader: str | None
    counterpart_leader_office: str | None
    stated_area_count: int | None
    area_count: int
    release_id: str
    conference_as_printed: str | None = None  # the conference's name as the release prints it ("浙港合作會議")
    venue_as_printed: str | None = None  # the venue as printed ("杭州"); `venue` is its English name ("Hangzhou")


class _Leader(Protocol):
    person: str
    office: str | None


class MeetingFactsLike(Protocol):
    """What the rules of a language read of a meeting (`meeting.MeetingFacts`, `chinese.facts.ChineseFacts`)."""

    counterpart: str
    conference: str
    plenary_number: int | None
    high_level_meeting: bool
    meeting_date: date | None
    venue: str | None
    hk_leader: _Leader | None
    counterpart_leader: _Leader | None
    stated_area_count: int | None


def meeting_record(facts: MeetingFactsLike, meeting_id: str, area_count: int, release_id: str) -> MeetingRecord:
    """The meeting record of the facts a language's rules read (the names as printed, where the facts have them)."""
    return MeetingRecord(
        meeting_id=meeting_id,
        conference=facts.conference,
        counterpart=facts.counterpart,
        plenary_number=facts.plenary_number,
        high_level_meeting=facts.high_level_meeting,
        meeting_date=facts.meeting_date,
        venue=facts.venue,
        hk_leader=facts.hk_leader.person if facts.hk_leader else None,
        counterpart_leader=facts.counterpart_leader.person if facts.counterpart_leader else None,
        counterpart_leader_office=facts.counterpart_leader.office if facts.counterpart_leader else None,
        stated_area_count=facts.stated_area_count,
        area_count=area_count,
        release_id=release_id,
        conference_as_printed=getattr(facts, "conference_as_printed", None),
        venue_as_printed=getattr(facts, "venue_as_printed", None),
    )


@dataclass
class AreaRecord:
    meeting_id: str
    area_no: int
    heading: str | None
    category: str
    text: str
    paragraph_count: int


@dataclass
class AttendeeRecord:
    meeting_id: str
    person: str
    office: str | None
    side: str
    role: str


@dataclass
class AgreementRecord:
    meeting_id: str
    agreement_no: int
    title: str


@dataclass
class ParsedRelease:
    release: ReleaseRecord
    meeting: MeetingRecord | None = None
    areas: list[AreaRecord] = field(default_factory=list)
    attendees: list[AttendeeRecord] = field(default_factory=list)
    agreements: list[AgreementRecord] = field(default_factory=list)
    raw: bytes | None = field(default=None, repr=False, compare=False)  # the input, kept for quarantine

    def to_dict(self) -> dict[str, Any]:
        """The `plenary parse --json` shape, dates as ISO 8601 strings."""
        return {
            "release": _iso(self.release),
            "meeting": _iso(self.meeting) if self.meeting else None,
            "areas": [dict(vars(a)) for a in self.areas],
            "attendees": [dict(vars(a)) for a in self.attendees],
            "agreements": [dict(vars(a)) for a in self.agreements],
        }


def _iso(record: Any) -> dict[str, Any]:
    """A flat record's fields, dates and times as ISO 8601 strings."""
    return {k: v.isoformat() if isinstance(v, (date, datetime)) else v for k, v in vars(record).items()}
