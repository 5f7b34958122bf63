"""One meeting, many sources: rank the releases that describe a meeting and build its rows from them.

Plain functions on the staged records in their `plenary parse --json` shape (`ParsedRelease.to_dict`,
also what `release_revisions.records_json` keeps), so a source loaded long ago and one in the batch
being loaded are read alike. No DuckDB here: `warehouse.meetings` reads and writes the tables.

The precedence (README, "One meeting, many sources"):
1. the kind of source: an official release, identified by its P-number or an info.gov.hk address,
   above an unidentified file (no address, no P-number), above a secondary source (a news story or a
   repost: an address on any other site);
2. then completeness: how many of the meeting's fields, and of its lists, the release gives;
3. then the language: an English release above a Chinese one (so that `meetings.release_id` stays the English
   release's when the two versions of one release are equally complete);
4. then the release id, so the order is the same on every run.

Field by field, each column of `meetings` comes from the best-ranked source that gives a value; a lower
source never overwrites a value a higher one gave, and fills only what no higher one gives. The lists
(areas, attendees, agreements) are taken whole from the best-ranked source that has any: a list is
not mixed from two releases. `release_id` and `revision` are the first-ranked source's.

One meeting, two languages (`warehouse.bilingual`): the language-neutral columns (`NEUTRAL_FIELDS`) come from
sources of either language by this precedence; the English columns (`ENGLISH_FIELDS`, the lists' English
columns) from English sources only, and the `*_zh` columns from Chinese sources only. `conference`, which a
Chinese release gives as its English canonical name, comes from a Chinese source only when no English one
gives it (a meeting known only in Chinese), so that the column is never empty; it is never Chinese text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from urllib.parse import urlsplit

from .bilingual import chinese_meeting_columns, merged_lists

OFFICIAL, FILE, SECONDARY = "official", "file", "secondary"
PRECEDENCE = {OFFICIAL: 1, FILE: 2, SECONDARY: 3}
OFFICIAL_HOSTS = ("info.gov.hk",)  # the Government's press release site, and its subdomains
_P_NUMBER_ID = re.compile(r"^P\d{9,}$")
# The meeting fields taken field by field; `counterpart_leader_office` travels with `counterpart_leader`.
MEETING_FIELDS = ("conference", "high_level_meeting", "meeting_date", "venue", "hk_leader", "counterpart_leader",
                  "stated_area_count")
NEUTRAL_FIELDS = ("high_level_meeting", "meeting_date", "venue", "stated_area_count")  # from either language
ENGLISH_FIELDS = ("conference", "hk_leader", "counterpart_leader")  # from English sources only
CHINESE = "zh"
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

    @property
    def is_chinese(self) -> bool:
        return self.language == CHINESE

    def rank_key(self) -> tuple:
        return self.precedence, -self.completeness, self.is_chinese, self.release_id


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
    english = [s for s in ranked if not s.is_chinese]
    chinese = [s for s in ranked if s.is_chinese]
    row = {"meeting_id": meeting_id, "counterpart": primary.meeting.get("counterpart"),
           "plenary_number": primary.meeting.get("plenary_number")}
    supplied: dict[str, str] = {}
    for name in MEETING_FIELDS:
        givers = ranked if name in NEUTRAL_FIELDS else english
        if name == "conference" and not any(s.meeting.get(name) for s in english):
            givers = chinese  # a meeting no English source names: the English canonical name a Chinese one gives
        giver = next((s for s in givers if s.meeting.get(name) is not None), givers[0] if givers else None)
        for column in (name, *_TRAVELS_WITH.get(name, ())):
            row[column] = giver.meeting.get(column) if giver else None
        if giver is not None and giver.meeting.get(name) is not None:
            supplied[name] = giver.release_id
    row |= chinese_meeting_columns(chinese, supplied)
    lists = merged_lists(meeting_id, english, chinese, supplied)
    row |= {"area_count": len(lists["areas"]), "release_id": primary.release_id, "revision": primary.revision}
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
                if name in ENGLISH_FIELDS and source.is_chinese:  # names in two languages are not compared here
                    continue
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
