"""The Chinese sentence rules: a Chinese release's layout to its meeting, areas, people and agreements.

Chinese runs office and name together and marks no word boundaries, so its sentence rules are their own (the
English ones are `meeting`, `leaders`, `people`, `attendees`, `agreements`, `categories`); the stages before them
(forms, lines, layout) and the records after are shared. The words are `language.zh`'s.

    report.py  whether the release reports a plenary, and the sentence that does
    facts.py   conference, plenary number, date, venue, stated count of areas
    people.py  offices and names; the co-chairs; the delegation
    areas.py   headed areas and their categories; the documents signed
    text.py    the texts read: printed (normalised) and their Traditional view
"""
from __future__ import annotations

from ..layout import Layout
from ..leaders import Leader
from ..records import AgreementRecord, AreaRecord, AttendeeRecord, ParsedRelease, ReleaseRecord, meeting_record
from .areas import agreements, category_of, headed_areas
from .facts import read_chinese_meeting
from .people import delegation, find_leaders
from .report import release_texts, reporting_paragraph
from .report import why_not_a_plenary_report as _why_not_by_its_sentences

__all__ = ["chinese_records", "why_not_a_plenary_report"]


def why_not_a_plenary_report(layout: Layout, source_url: str | None = None) -> str | None:
    """None for a Chinese plenary report; otherwise the reason it is set aside (`report`), or that the day it gives
    the plenary is after the day the story was issued ("中新網8月18日電 … 第12次會議19日在香港舉行": a preview)."""
    if (reason := _why_not_by_its_sentences(layout)) is not None:
        return reason
    facts = read_chinese_meeting(layout, source_url)
    if facts.meeting_date and facts.issued and facts.meeting_date > facts.issued:
        return f"the plenary is dated {facts.meeting_date}, after the story was issued ({facts.issued}): still to come"
    return None


def chinese_records(layout: Layout, release: ReleaseRecord) -> ParsedRelease:
    """The staged records of a Chinese plenary report (`release` is its release record, a report's)."""
    facts = read_chinese_meeting(layout, release.source_url)
    texts = release_texts(layout)
    meeting_id = f"{facts.counterpart.lower().replace(' ', '-')}-{facts.plenary_number or 'unnumbered'}"
    areas = [AreaRecord(meeting_id, no, block.heading, category_of(block.heading, " ".join(block.paragraphs)),
                        "\n\n".join(block.paragraphs), len(block.paragraphs))
             for no, block in enumerate(headed_areas(layout), start=1)]
    story = reporting_paragraph(layout)
    hk_leader, counterpart_leader = find_leaders(facts.reported.sentence, ([story] if story else []) + texts.paragraphs,
                                                 texts.headline)
    leaders = [leader for leader in (hk_leader, counterpart_leader) if leader]
    attendees = [AttendeeRecord(meeting_id, p.name, p.office, p.side, "co_chair") for p in leaders]
    attendees += [AttendeeRecord(meeting_id, p.name, p.office, p.side, "delegation")
                  for p in delegation(texts.paragraphs) if p.name not in {leader.name for leader in leaders}]
    facts.hk_leader, facts.counterpart_leader = (Leader(p.name, p.office) if p else None
                                                 for p in (hk_leader, counterpart_leader))
    meeting = meeting_record(facts, meeting_id, len(areas), release.release_id)
    titles = agreements(texts.paragraphs)
    return ParsedRelease(release, meeting, areas, attendees,
                         [AgreementRecord(meeting_id, no, title) for no, title in enumerate(titles, 1)])
