"""The staged records of a batch as the columns the checks read: rows per table (plain Python, to send to a gate
process), then one pandas DataFrame per table (for GX). Each row carries its release id and record key, and the
helper columns some checks need (`title_or_empty`, `issued_day`, `leaders_or_null`, ...): a check on a value the
records do not hold as such gets its column here.

pandas is imported only to make the frames: a flow's process that validates in a gate process never
imports it (about 45 MB of memory).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from parsers import ParsedRelease

if TYPE_CHECKING:
    import pandas as pd


def _fields(record) -> dict:
    """A flat record's fields (a shallow copy: `dataclasses.asdict` deep-copies and is ten times slower)."""
    return dict(vars(record))


def _day(value) -> int | None:
    return int(value.strftime("%Y%m%d")) if value is not None else None


def staged_rows(batch: list[ParsedRelease]) -> dict[str, list[dict]]:
    """Rows of releases, meetings, areas, attendees and agreements, with helper columns for checks."""
    releases, meetings, areas, attendees, agreements = [], [], [], [], []
    for parsed in batch:
        rid = parsed.release.release_id
        meeting = parsed.meeting
        releases.append(_fields(parsed.release) | {
            "record_key": rid, "title_or_empty": parsed.release.title or "",
            "issued_day": _day(parsed.release.issued_at or parsed.release.release_date),
            "meeting_day": _day(meeting.meeting_date) if meeting else None,
        })
        if meeting is None:
            continue
        meetings.append(_fields(meeting) | {
            "record_key": meeting.meeting_id, "meeting_day": _day(meeting.meeting_date),
            "leaders_or_null": "yes" if meeting.hk_leader and meeting.counterpart_leader else None,
        })
        areas += [_fields(a) | {"release_id": rid, "record_key": f"{a.meeting_id}/{a.area_no}", "text_or_empty": a.text or ""}
                  for a in parsed.areas]
        english = parsed.release.language == "en"  # a Chinese name is printed without an honorific
        attendees += [_fields(a) | {"release_id": rid, "record_key": f"{a.meeting_id}/{a.person}/{a.role}",
                                   "person_or_empty": a.person or "", "person_in_english": a.person if english else None}
                      for a in parsed.attendees]
        agreements += [_fields(a) | {"release_id": rid, "record_key": f"{a.meeting_id}/{a.agreement_no}",
                                    "title_or_empty": a.title or ""} for a in parsed.agreements]
    return {"releases": releases, "meetings": meetings, "cooperation_areas": areas, "attendees": attendees,
            "agreements": agreements}


def staged_frames(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    """`staged_rows` as one DataFrame per table."""
    return {table: _frame(table_rows) for table, table_rows in rows.items()}


def _frame(rows: list[dict]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows)
    for column in ("issued_day", "meeting_day", "stated_area_count", "area_count", "plenary_number"):
        if column in frame:
            frame[column] = frame[column].astype("Int64").astype(object).where(frame[column].notna(), None)
    return frame
