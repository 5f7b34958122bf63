"""One meeting, two languages: the Chinese columns of a meeting and its lists, beside the English ones.

Pure functions on sources already ranked by `warehouse.precedence` (best first), split by language. English
columns come only from English sources and `*_zh` columns only from Chinese ones. A list is taken whole from the
best source of its language that has one; the Chinese items go beside the English ones by order, only where the
two lists are as long (attendees: within each side and role), else the `*_zh` columns stay null there. A list no
English source gives is built from the Chinese one, its English columns null (never Chinese text in them).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .precedence import MeetingSource

# meetings column -> the Chinese source's meeting field it comes from; the office travels with the leader
CHINESE_COLUMNS = {"conference_zh": "conference_as_printed", "hk_leader_zh": "hk_leader",
                   "counterpart_leader_zh": "counterpart_leader", "venue_zh": "venue_as_printed"}
_TRAVELS_WITH = {"counterpart_leader_zh": ("counterpart_leader_office_zh", "counterpart_leader_office")}
# list -> (its English columns, its Chinese columns and the record fields they come from, columns of either language)
AREA_COLUMNS = (("heading", "text"), {"heading_zh": "heading", "text_zh": "text"}, ("area_no", "category", "paragraph_count"))
ATTENDEE_COLUMNS = (("person", "office"), {"person_zh": "person", "office_zh": "office"}, ("side", "role"))
AGREEMENT_COLUMNS = (("title",), {"title_zh": "title"}, ("agreement_no",))
LIST_COLUMNS = {"areas": AREA_COLUMNS, "attendees": ATTENDEE_COLUMNS, "agreements": AGREEMENT_COLUMNS}


def chinese_meeting_columns(chinese: list[MeetingSource], supplied: dict[str, str]) -> dict:
    """The `*_zh` columns of the meetings row, each from the best-ranked Chinese source that gives it;
    `supplied` gets column -> release id."""
    row = {}
    for column, name in CHINESE_COLUMNS.items():
        giver = next((s for s in chinese if s.meeting.get(name) is not None), None)
        row[column] = giver.meeting.get(name) if giver else None
        travels = _TRAVELS_WITH.get(column)
        if travels:
            row[travels[0]] = giver.meeting.get(travels[1]) if giver else None
        if giver is not None:
            supplied[column] = giver.release_id
    return row


def merged_lists(meeting_id: str, english: list[MeetingSource], chinese: list[MeetingSource],
                 supplied: dict[str, str]) -> dict[str, list[dict]]:
    """The meeting's areas, attendees and agreements in both languages (module docstring); `supplied` gets
    `areas` (etc.) for the English source of a list and `areas_zh` (etc.) for the Chinese one used."""
    lists = {}
    for name, columns in LIST_COLUMNS.items():
        en = next((s for s in english if s.records.get(name)), None)
        zh = next((s for s in chinese if s.records.get(name)), None)
        en_items = en.records[name] if en else []
        zh_items = zh.records[name] if zh else []
        if en is not None:
            supplied[name] = en.release_id
        rows, used_chinese = _rows(name, meeting_id, en_items, zh_items, columns)
        if used_chinese:
            supplied[f"{name}_zh"] = zh.release_id
        lists[name] = rows
    return lists


def _rows(name: str, meeting_id: str, en_items: list[dict], zh_items: list[dict], columns) -> tuple[list[dict], bool]:
    """A list's rows, and whether any Chinese item went into them."""
    if not en_items:
        return [_row(meeting_id, None, item, columns) for item in zh_items], bool(zh_items)
    if name != "attendees":
        aligned = len(en_items) == len(zh_items)
        return [_row(meeting_id, item, zh_items[n] if aligned else None, columns) for n, item in enumerate(en_items)], aligned
    return _attendee_rows(meeting_id, en_items, zh_items, columns)


def _attendee_rows(meeting_id: str, en_items: list[dict], zh_items: list[dict], columns) -> tuple[list[dict], bool]:
    """Attendees aligned by order within each (side, role) where both lists name as many people there."""
    zh_groups: dict[tuple, list[dict]] = {}
    for item in zh_items:
        zh_groups.setdefault((item["side"], item["role"]), []).append(item)
    en_counts: dict[tuple, int] = {}
    for item in en_items:
        en_counts[(item["side"], item["role"])] = en_counts.get((item["side"], item["role"]), 0) + 1
    seen: dict[tuple, int] = {}
    rows, used = [], False
    for item in en_items:
        group = (item["side"], item["role"])
        position = seen[group] = seen.get(group, -1) + 1
        twins = zh_groups.get(group, [])
        twin = twins[position] if len(twins) == en_counts[group] else None
        used = used or twin is not None
        rows.append(_row(meeting_id, item, twin, columns))
    return rows, used


def _row(meeting_id: str, english: dict | None, chinese: dict | None, columns) -> dict:
    """One row of a list: English columns from the English item, `*_zh` from the Chinese one, the others from
    the English item if there is one."""
    english_columns, chinese_columns, shared = columns
    either = english if english is not None else chinese
    row = {"meeting_id": meeting_id} | {c: either.get(c) for c in shared}
    row |= {c: english.get(c) if english is not None else None for c in english_columns}
    row |= {c: chinese.get(f) if chinese is not None else None for c, f in chinese_columns.items()}
    return row
