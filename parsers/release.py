"""`parse_release`: one release's bytes to its staged records."""
from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta, timezone

from .agreements import find_agreements
from .attendees import find_attendees
from .categories import categorise
from .layout import Layout, has_own_title, read_layout
from .lines import cut_footer, decode_text, normalise, split_lines
from .meeting import MeetingFacts, read_meeting, release_date, why_not_a_plenary_report
from .records import (
    AgreementRecord,
    AreaRecord,
    AttendeeRecord,
    MeetingRecord,
    ParsedRelease,
    ReleaseRecord,
    Source,
)

PARSER_VERSION = "1.1.0"  # 1.1.0: text integrity (mojibake, truncated, own title), bounded work per input
HKT = timezone(timedelta(hours=8), "HKT")
_P_NUMBER = re.compile(r"/(P\d{9,})[a-z]?\.html?\b", re.I)


def parse_release(data: bytes, source: Source, declared_charset: str | None = None) -> ParsedRelease:
    """Parse a release in text or Markdown form; raises `ParsingError` on unreadable input."""
    decoded = decode_text(data, declared_charset)
    lines, footer = cut_footer(split_lines(normalise(decoded.text).split("\n")))
    parsed = build_records(read_layout(lines, footer), source, hashlib.sha256(data).hexdigest(), decoded.warning)
    parsed.raw = data
    return parsed


def build_records(
    layout: Layout, source: Source, content_sha256: str, encoding_warning: str | None = None
) -> ParsedRelease:
    """Staged records from a release's layout (shared by every source form).

    `encoding_warning`: what decoding repaired or suspects (`DecodedText.warning`).
    """
    reason = why_not_a_plenary_report(layout)
    release = _release(layout, source, content_sha256, reason, encoding_warning)
    if reason is not None:
        return ParsedRelease(release)
    facts = read_meeting(layout, source.url)
    meeting_id = f"{facts.counterpart.lower().replace(' ', '-')}-{facts.plenary_number}"
    areas = [
        AreaRecord(meeting_id, no, block.heading, categorise(block.heading, " ".join(block.paragraphs)),
                   "\n\n".join(block.paragraphs), len(block.paragraphs))
        for no, block in enumerate((b for b in layout.areas if b.paragraphs), start=1)
    ]
    return ParsedRelease(
        release=release,
        meeting=_meeting(facts, meeting_id, len(areas), release.release_id),
        areas=areas,
        attendees=_attendees(layout, facts, meeting_id),
        agreements=[AgreementRecord(meeting_id, no, t) for no, t in enumerate(find_agreements(layout.closing), 1)],
    )


def release_id_for(source: Source, title: str) -> str:
    """The P-number from the release's address, else a stable id derived from its title."""
    for address in (source.url, source.uri):
        if address and (m := _P_NUMBER.search(address)):
            return m.group(1).upper()
    digest = hashlib.sha256(re.sub(r"\W+", " ", title).strip().lower().encode()).hexdigest()
    return f"T{digest[:16]}"


def _release(
    layout: Layout, source: Source, sha: str, reason: str | None, encoding_warning: str | None
) -> ReleaseRecord:
    issued_on = release_date(layout, source.url)
    issued_at = None
    if issued_on and layout.footer.issued_time:
        issued_at = datetime.combine(issued_on, layout.footer.issued_time, tzinfo=HKT)
    return ReleaseRecord(
        release_id=release_id_for(source, layout.headline),
        title=layout.headline,
        source_uri=source.uri,
        source_url=source.url,
        language="en",
        issued_at=issued_at,
        release_date=issued_on,
        content_sha256=sha,
        parser_version=PARSER_VERSION,
        is_plenary_report=reason is None,
        not_plenary_reason=reason,
        has_own_title=has_own_title(layout.headline),
        encoding_warning=encoding_warning,
        truncated=layout.footer.truncated,
    )


def _meeting(facts: MeetingFacts, meeting_id: str, area_count: int, release_id: str) -> MeetingRecord:
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
    )


def _attendees(layout: Layout, facts: MeetingFacts, meeting_id: str) -> list[AttendeeRecord]:
    leaders = [leader for leader in (facts.hk_leader, facts.counterpart_leader) if leader]
    paragraphs = [p.text for p in layout.intro + layout.closing if p.kind == "body"]
    return [
        AttendeeRecord(meeting_id, person, office, side, role)
        for person, office, side, role in find_attendees(paragraphs, leaders, facts.counterpart)
    ]
