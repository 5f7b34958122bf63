"""One meeting, many sources: rank the releases that describe a meeting and build its rows from them.

Plain functions on the staged records in their `plenary parse --json` shape (`ParsedRelease.to_dict`,
also what `release_revisions.records_json` keeps), so a source loaded long ago and one in the batch
being loaded are read alike. No DuckDB here: `warehouse.meetings` reads and writes the tables.

The precedence (README, "One meeting, many sources"):
1. the kind of source: an official release, identified by its P-number or an info.gov.hk address,
   above an unidentified file (no address, no P-number), above a secondary source (a news story or a
   repost: an address on any other site);
2. then completeness: how many of the meeting's fields, and of its lists, the release gives;
3. then the release id, so the order is the same on every run.

Field by field, each column of `meetings` comes from the best-ranked source that gives a value; a lower
source never overwrites a value a higher one gave, and fills only what no higher one gives. The lists
(areas, attendees, agreements) are taken whole from the best-ranked source that has any: a list is
not mixed from two releases. `release_id` and `revision` are the first-ranked source's.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from urllib.parse import urlsplit

OFFICIAL, FILE, SECONDARY = "official", "file", "secondary"
PRECEDENCE = {OFFICIAL: 1, FILE: 2, SECONDARY: 3}
OFFICIAL_HOSTS = ("info.gov.hk",)  # the Government's press release site, and its subdomains
_P_NUMBER_ID = re.compile(r"^P\d{9,}$")
# The meeting fields taken field by field; `counterpart_leader_office` travels with `counterpart_leader`.
MEETING_FIELDS = ("conference", "high_level_meeting", "meeting_date", "venue", "hk_leader", "counterpart_leader",
                  "stated_area_count")
_TRAVELS_WITH = {"counterpart_leader": ("counterpart_leader_office",)}
LISTS = ("areas", "attendees", "agreements")
_HONORIFICS = frozenset("mr mrs ms miss madam dr professor prof sir the hon".split())


def source_kind(release_id: str, source_url: str | None) -> str:
    """official | file | secondary: see the module's precedence."""
    if _P_NUMBER_ID.match(release_id or "") or _official_address(source_url):
        return OFFICIAL
    return FILE if not source_url else SECONDARY


def _official_address(url: str | None) -> bool:
    host = (urlsplit(url).hostname or "").lower() if url and "://" in url else ""
    return any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS)


@dataclass
class MeetingSource:
    """One release describing a meeting: its records in the `plenary parse --json` shape."""

    release_id: str
    revision: int
    source_url: str | None
    language: str | None
    records: dict

    @property
    def kind(self) -> str:
        return source_kind(self.release_id, self.source_url)

    @property
    def precedence(self) -> int:
        return PRECEDENCE[self.kind]

    @property
    def meeting(self) -> dict:
        return self.records["meeting"]

    @cached_property
    def completeness(self) -> int:
        """How many meeting fields have a value, plus one for each list that is not empty."""
        meeting = self.meeting
        return sum(meeting.get(f) is not None for f in MEETING_FIELDS) + sum(bool(self.records.get(k)) for k in LISTS)

    def rank_key(self) -> tuple:
        return self.precedence, -self.completeness, self.release_id


@dataclass
class MergedMeeting:
    """A meeting built from its sources: its row, its lists, and who supplied what."""

    meeting_id: str
    row: dict  # the meetings row (release_id and revision of the primary source)
    areas: list[dict]
    attendees: list[dict]
    agreements: list[dict]
    ranked: list[MeetingSource]
    supplied_by: dict[str, str] = field(default_factory=dict)  # field or list name -> release id

    @property
    def primary(self) -> MeetingSource:
        return self.ranked[0]

    def fields_supplied(self, release_id: str) -> list[str]:
        return [name for name, rid in self.supplied_by.items() if rid == release_id]


def merge(meeting_id: str, sources: list[MeetingSource]) -> MergedMeeting:
    """Build a meeting from its sources by precedence (module docstring); `sources` must not be empty."""
    ranked = sorted(sources, key=MeetingSource.rank_key)
    primary = ranked[0]
    row = dict(primary.meeting)
    row["meeting_id"], row["release_id"], row["revision"] = meeting_id, primary.release_id, primary.revision
    supplied: dict[str, str] = {}
    for name in MEETING_FIELDS:
        giver = next((s for s in ranked if s.meeting.get(name) is not None), primary)
        for column in (name, *_TRAVELS_WITH.get(name, ())):
            row[column] = giver.meeting.get(column)
        if giver.meeting.get(name) is not None:
            supplied[name] = giver.release_id
    lists = {}
    for name in LISTS:
        giver = next((s for s in ranked if s.records.get(name)), None)
        lists[name] = [dict(item, meeting_id=meeting_id) for item in giver.records[name]] if giver else []
        if giver is not None:
            supplied[name] = giver.release_id
    row["area_count"] = len(lists["areas"])
    return MergedMeeting(meeting_id, row, lists["areas"], lists["attendees"], lists["agreements"], ranked, supplied)


@dataclass(frozen=True)
class Disagreement:
    """Two sources of one meeting that give different values for a field."""

    check: str  # the check it fails, e.g. sources_agree_on_meeting_date
    meeting_id: str
    field: str
    values: tuple[tuple[str, str], ...]  # (release id, value as printed), one per distinct value

    @property
    def key(self) -> str:
        """A failing key naming both values: `beijing-4: meeting_date 2018-10-24 (P…) vs 2018-10-25 (T…)`."""
        return f"{self.meeting_id}: {self.field} " + " vs ".join(f"{value} ({rid})" for rid, value in self.values)


# check name -> the fields it compares across the sources of one meeting
AGREEMENT_CHECKS = {
    "sources_agree_on_meeting_date": ("meeting_date",),
    "sources_agree_on_leaders": ("hk_leader", "counterpart_leader"),
    "sources_agree_on_number_of_areas": ("area_count",),
}


def disagreements(merged: MergedMeeting) -> list[Disagreement]:
    """Fields on which the meeting's sources give different values (a missing value disagrees with none)."""
    found = []
    for check, fields in AGREEMENT_CHECKS.items():
        for name in fields:
            values: list[tuple[str, str]] = []
            for source in merged.ranked:
                value = len(source.records.get("areas") or []) if name == "area_count" else source.meeting.get(name)
                if value in (None, 0) or any(_same(name, value, v) for _, v in values):
                    continue
                values.append((source.release_id, value))
            if len(values) > 1:
                found.append(Disagreement(check, merged.meeting_id, name, tuple((rid, str(v)) for rid, v in values)))
    return found


def _same(name: str, a, b) -> bool:
    """Whether two values of a field agree; a person's name agrees with a shorter form of it ("Mrs Lam")."""
    if name in ("hk_leader", "counterpart_leader"):
        words_a, words_b = _name_words(str(a)), _name_words(str(b))
        return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)
    return str(a) == str(b)


@lru_cache(maxsize=4096)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[\w'-]+", name.casefold()) if w not in _HONORIFICS)


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


_COMPARED_COLUMNS = MEETING_FIELDS + ("counterpart_leader_office", "release_id")


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
    keep = {"areas": ("area_no", "heading", "category", "text"), "attendees": ("person", "office", "side", "role"),
            "agreements": ("agreement_no", "title")}[name]
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
