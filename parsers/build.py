"""`build_records`: a release's layout to its staged records, the last step of every source form.

`records_from_lines` is the common end of the forms (`parsers.forms`): their lines, cut at the footer, read
into a layout (`layout`), and the records built from it with the rules of the `Language` and the `Site` given.
"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime

from .agreements import find_agreements
from .attendees import find_attendees
from .categories import categorise
from .chinese import chinese_records
from .chinese import why_not_a_plenary_report as chinese_reason
from .language import CHINESE, ENGLISH, Language
from .layout import Layout, has_own_title, read_layout
from .lines import Line, cut_footer
from .meeting import MeetingFacts, read_meeting, release_date, why_not_a_plenary_report
from .records import AgreementRecord, AreaRecord, AttendeeRecord, ParsedRelease, ReleaseRecord, Source, meeting_record
from .sites import DEFAULT_SITE, Site, release_id_in
from .version import PARSER_VERSION


def records_from_lines(
    lines: list[Line], data: bytes, source: Source, encoding_warning: str | None,
    language: Language = ENGLISH, site: Site = DEFAULT_SITE, other_language_url: str | None = None,
) -> ParsedRelease:
    """The staged records of a release's lines (its form's), `data` the bytes they were read from;
    `other_language_url`: the page's link to its version in the other language."""
    body, footer = cut_footer(lines, site)
    layout = read_layout(body, footer, language)
    parsed = build_records(layout, source, hashlib.sha256(data).hexdigest(), encoding_warning, language, site,
                           other_language_url)
    parsed.raw = data
    return parsed


def build_records(
    layout: Layout, source: Source, content_sha256: str, encoding_warning: str | None = None,
    language: Language = ENGLISH, site: Site = DEFAULT_SITE, other_language_url: str | None = None,
) -> ParsedRelease:
    """Staged records from a release's layout (shared by every source form): a Chinese release's by the Chinese
    sentence rules (`parsers.chinese`), any other's by the rules that read a `Language`'s words.

    `encoding_warning`: what decoding repaired or suspects (`DecodedText.warning`).
    """
    chinese = language.code == CHINESE.code
    reason = chinese_reason(layout, source.url) if chinese else why_not_a_plenary_report(layout, language)
    release = _release(layout, source, content_sha256, reason, encoding_warning, language, site)
    release.other_language_url = other_language_url
    if reason is not None:
        return ParsedRelease(release)
    if chinese:
        return chinese_records(layout, release)
    facts = read_meeting(layout, source.url, language)
    meeting_id = f"{facts.counterpart.lower().replace(' ', '-')}-{facts.plenary_number or 'unnumbered'}"
    areas = [
        AreaRecord(meeting_id, no, block.heading, categorise(block.heading, " ".join(block.paragraphs), language),
                   "\n\n".join(block.paragraphs), len(block.paragraphs))
        for no, block in enumerate((b for b in layout.areas if b.paragraphs), start=1)
    ]
    meeting = meeting_record(facts, meeting_id, len(areas), release.release_id)
    attendees = _attendees(layout, facts, meeting_id, language)
    agreements = find_agreements(layout.closing, language)
    return ParsedRelease(
        release=release,
        meeting=meeting,
        areas=areas,
        attendees=attendees,
        agreements=[AgreementRecord(meeting_id, no, title) for no, title in enumerate(agreements, 1)],
    )


def release_id_for(source: Source, title: str) -> str:
    """The id in the release's address (a P-number: `sites.release_id_in`), else a stable id from its title."""
    for address in (source.url, source.uri):
        if release_id := release_id_in(address):
            return release_id
    digest = hashlib.sha256(re.sub(r"\W+", " ", title).strip().lower().encode()).hexdigest()
    return f"T{digest[:16]}"


def _release(
    layout: Layout, source: Source, sha: str, reason: str | None, encoding_warning: str | None, language: Language,
    site: Site,
) -> ReleaseRecord:
    issued_on = release_date(layout, source.url)
    issued_at = None
    if issued_on and layout.footer.issued_time:
        issued_at = datetime.combine(issued_on, layout.footer.issued_time, tzinfo=site.timezone)
    return ReleaseRecord(
        release_id=release_id_for(source, layout.headline),
        title=layout.headline,
        source_uri=source.uri,
        source_url=source.url,
        language=language.code,
        issued_at=issued_at,
        release_date=issued_on,
        content_sha256=sha,
        parser_version=PARSER_VERSION,
        is_plenary_report=reason is None,
        not_plenary_reason=reason,
        has_own_title=has_own_title(layout.headline, language),
        encoding_warning=encoding_warning,
        truncated=layout.footer.truncated,
    )


def _attendees(layout: Layout, facts: MeetingFacts, meeting_id: str, language: Language) -> list[AttendeeRecord]:
    leaders = [leader for leader in (facts.hk_leader, facts.counterpart_leader) if leader]
    paragraphs = [p.text for p in layout.intro + layout.closing if p.kind == "body"]
    return [
        AttendeeRecord(meeting_id, person, office, side, role)
        for person, office, side, role in find_attendees(paragraphs, leaders, facts.counterpart, language)
    ]
