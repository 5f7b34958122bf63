"""What changed in a meeting when a batch rebuilt it: one `meeting_changes` row, in one line a person reads.

Pure functions on a meeting before the batch (`MeetingState`, as the tables held it) and after it (the
`MergedMeeting` that `warehouse.precedence` built). No DuckDB here: `warehouse.meetings` writes the rows.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from .bilingual import CHINESE_COLUMNS, LIST_COLUMNS
from .precedence import LISTS, MEETING_FIELDS, MergedMeeting


@dataclass
class MeetingState:
    """What a meeting looked like before or after a batch: its row, its lists and its sources."""

    row: dict
    lists: dict[str, list]
    sources: dict[str, str]  # release id -> source kind
    supplied_by: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, merged: MergedMeeting) -> MeetingState:
        return cls(merged.row, {"areas": merged.areas, "attendees": merged.attendees, "agreements": merged.agreements},
                   {s.release_id: s.kind for s in merged.ranked}, merged.supplied_by)


@dataclass
class MeetingChange:
    """A meeting whose sources or fields changed: one `meeting_changes` row."""

    meeting_id: str
    change: str  # new | updated | removed
    sources: int
    primary_release: str | None
    added_sources: list[str]
    removed_sources: list[str]
    fields_changed: list[str]
    summary: str


_COMPARED_COLUMNS = MEETING_FIELDS + ("counterpart_leader_office", "release_id", *CHINESE_COLUMNS,
                                      "counterpart_leader_office_zh")


def describe_change(meeting_id: str, before: MeetingState | None, after: MergedMeeting | None) -> MeetingChange | None:
    """What changed in a meeting, in one line; None when neither its sources nor its values changed."""
    if after is None:
        if before is None:
            return None
        removed = sorted(before.sources)
        return MeetingChange(meeting_id, "removed", 0, None, [], removed, [],
                             f"{meeting_id}: removed; no release describes it any more (was {', '.join(removed)})")
    state = MeetingState.of(after)
    old_sources = before.sources if before else {}
    added = sorted(set(state.sources) - set(old_sources))
    removed = sorted(set(old_sources) - set(state.sources))
    changed = _changed_fields(before, state) if before else []
    if before is not None and not (added or removed or changed):
        return None
    return MeetingChange(meeting_id, "new" if before is None else "updated", len(state.sources), after.primary.release_id,
                         added, removed, changed, _summary(meeting_id, after, added, removed, changed, before is None))


def _changed_fields(before: MeetingState, after: MeetingState) -> list[str]:
    changed = [c for c in _COMPARED_COLUMNS if _text(before.row.get(c)) != _text(after.row.get(c))]
    return changed + [name for name in LISTS if _list_text(name, before.lists[name]) != _list_text(name, after.lists[name])]


def _text(value) -> str | None:
    return None if value is None else str(value)


def _list_text(name: str, items: list[dict]) -> str:
    """A list's content, independent of key order and of dates' types."""
    english, chinese, shared = LIST_COLUMNS[name]
    keep = (*shared, *english, *chinese)
    rows = sorted(json.dumps([_text(item.get(k)) for k in keep]) for item in items)
    return "\n".join(rows)


def _summary(meeting_id: str, merged: MergedMeeting, added: list[str], removed: list[str], changed: list[str],
             new: bool) -> str:
    """`beijing-4: 2 sources (added T…, file); from P… (official): every field; venue from T… (file)`."""
    n = len(merged.ranked)
    head = f"{meeting_id}: {'new, ' if new else ''}{n} source{'s' if n != 1 else ''}"
    kinds = {s.release_id: s.kind for s in merged.ranked}
    notes = [f"added {', '.join(f'{rid} ({kinds[rid]})' for rid in added)}"] if added and not new else []
    notes += [f"removed {', '.join(removed)}"] if removed else []
    primary = merged.primary.release_id
    parts = [f"{head}{' (' + '; '.join(notes) + ')' if notes else ''}"]
    others = {}
    for name, rid in merged.supplied_by.items():
        if rid != primary:
            others.setdefault(rid, []).append(name)
    parts.append(f"from {primary} ({kinds[primary]})" + (": all but " + ", ".join(sum(others.values(), [])) if others else ""))
    parts += [f"{', '.join(names)} from {rid} ({kinds[rid]})" for rid, names in others.items()]
    if changed:
        parts.append(f"changed: {', '.join(changed)}")
    return "; ".join(parts)
