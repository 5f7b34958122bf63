"""One meeting, two languages: pair each Chinese release with its English twin. Pure functions, no DuckDB
(`warehouse.language_pairs` reads the facts from the warehouse and writes the result).

The rule (README, "One meeting, two languages"), tried in this order, never on a guess:
(a) `page_link`: the Chinese page's own link to its English version names an English release we hold (compared by
    release id, the P-number, or by normalised address); else an English page's own link names this Chinese one,
    and only one does;
(b) `folder_and_issue_time`: exactly one English release has the same info.gov.hk date folder
    (`/gia/general/YYYYMM/DD/`, or the date in a P-number) and the same issue time (`Issued at HKT`, `香港時間`);
(c) `counterpart_plenary_date`: the Chinese release gives its counterpart and plenary number (the meeting's key,
    `meeting_id`), English releases of that meeting are held, and where both languages give the meeting's date (the
    English one from the best-ranked English source that gives one) it is the same day: paired with the best-ranked
    English source of that meeting; a date only one language gives cannot contradict the pair, and the note says
    there was none to compare; two dates that differ leave the release unpaired;
otherwise `unpaired`, with the reason each rule failed.
A pair found by (a) or (b) may join releases that the parser put in two meetings (the plenary numbers differ):
the pair is kept, each release stays a source of its own meeting, and the cross-language checks say so.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

CHINESE = "zh"
HKT = timezone(timedelta(hours=8))  # issue times are printed in Hong Kong time
PAGE_LINK, FOLDER_AND_TIME, MEETING_AND_DATE, UNPAIRED = (
    "page_link", "folder_and_issue_time", "counterpart_plenary_date", "unpaired")
_P_NUMBER = re.compile(r"(?:^|/)(P\d{9,})(?:[a-z]|_print)?(?:\.html?)?$", re.I)
_FOLDER = re.compile(r"/gia/general/(\d{6})/(\d{2})/", re.I)
_P_DAY = re.compile(r"^P(\d{6})(\d{2})\d+$")
_PROXY_PREFIX = re.compile(r"^/(?:tunis|gb)/(?=[a-z0-9-]+(?:\.[a-z0-9-]+)+/)", re.I)  # sc.isd.gov.hk/TuniS/<host>/...


@dataclass(frozen=True)
class ReleaseFacts:
    """What pairing and the cross-language checks read of one release (its current revision)."""

    release_id: str
    language: str | None
    source_url: str | None = None
    issued_at: datetime | None = None
    other_language_url: str | None = None
    meeting_id: str | None = None  # None: not a plenary report
    counterpart: str | None = None
    plenary_number: int | None = None
    meeting_date: str | None = None  # ISO 8601
    area_count: int = 0
    agreement_count: int = 0
    rank: tuple = ()  # its rank among its meeting's sources (`precedence.MeetingSource.rank_key`): lower is better

    @property
    def is_chinese(self) -> bool:
        return self.language == CHINESE


def facts_of(records: dict, rank: tuple = ()) -> ReleaseFacts:
    """The facts of a release in the `plenary parse --json` shape (`ParsedRelease.to_dict`, `records_json`)."""
    release, meeting = records["release"], records.get("meeting") or {}
    issued = release.get("issued_at")
    day = meeting.get("meeting_date")
    return ReleaseFacts(
        release["release_id"], release.get("language"), release.get("source_url"),
        datetime.fromisoformat(issued) if isinstance(issued, str) else issued, release.get("other_language_url"),
        meeting.get("meeting_id"), meeting.get("counterpart"), meeting.get("plenary_number"),
        day.isoformat() if isinstance(day, date) else day, len(records.get("areas") or []),
        len(records.get("agreements") or []), rank)


@dataclass(frozen=True)
class Pairing:
    """How one Chinese release was paired: its English twin (or None), the rule, and what matched or failed."""

    release_id: str
    paired_release_id: str | None
    pairing: str
    note: str


def normalise_url(url: str | None) -> str | None:
    """An address compared without scheme, `www.`, a Simplified-view proxy (`sc.isd.gov.hk/TuniS/`), query,
    fragment or closing slash; lower-case host. None for something that is not an http(s) address."""
    if not url or "://" not in url:
        return None
    parts = urlsplit(url.strip())
    path = parts.path
    host = (parts.hostname or "").lower()
    if _PROXY_PREFIX.match(path):
        host, _, rest = path[1:].partition("/")[2].partition("/")
        host, path = host.lower(), "/" + rest
    return f"{host.removeprefix('www.')}{path.rstrip('/')}"


def release_id_in_url(url: str | None) -> str | None:
    """The P-number an address names (`.../P2025042400475.htm`, a print view `...p.htm`), else None."""
    path = urlsplit(url).path if url and "://" in url else (url or "")
    found = _P_NUMBER.search(path)
    return found.group(1).upper() if found else None


def date_folder(facts: ReleaseFacts) -> str | None:
    """The info.gov.hk date folder of a release, `YYYYMM/DD`: from its address, else from its P-number."""
    if facts.source_url and (found := _FOLDER.search(facts.source_url)):
        return f"{found.group(1)}/{found.group(2)}"
    found = _P_DAY.match(facts.release_id or "")
    return f"{found.group(1)}/{found.group(2)}" if found else None


def _keys(release_id: str | None, url: str | None) -> set[str]:
    """What identifies a release in a link: its P-number (from its id or its address) and its normalised address."""
    keys = {k for k in (release_id_in_url(url), normalise_url(url)) if k}
    if release_id and _P_DAY.match(release_id):
        keys.add(release_id)
    return keys


@dataclass
class EnglishReleases:
    """The English releases held, indexed for the three rules (`index_english`)."""

    by_key: dict[str, ReleaseFacts] = field(default_factory=dict)
    linking_to: dict[str, list[ReleaseFacts]] = field(default_factory=lambda: defaultdict(list))
    by_folder_and_time: dict[tuple[str, datetime], list[ReleaseFacts]] = field(default_factory=lambda: defaultdict(list))
    by_meeting: dict[tuple[str, int], list[ReleaseFacts]] = field(default_factory=lambda: defaultdict(list))


def index_english(english: list[ReleaseFacts]) -> EnglishReleases:
    """Index the English releases (every release that is not Chinese) by id and address, by the address they link
    to, by date folder and issue time, and by counterpart and plenary number (best-ranked first)."""
    index = EnglishReleases()
    for facts in sorted((f for f in english if not f.is_chinese), key=lambda f: f.release_id):
        for key in _keys(facts.release_id, facts.source_url):
            index.by_key.setdefault(key, facts)
        for key in _keys(None, facts.other_language_url):
            index.linking_to[key].append(facts)
        if (folder := date_folder(facts)) and facts.issued_at is not None:
            index.by_folder_and_time[(folder, facts.issued_at)].append(facts)
        if facts.meeting_id and facts.counterpart and facts.plenary_number is not None:
            index.by_meeting[(facts.counterpart, facts.plenary_number)].append(facts)
    for sources in index.by_meeting.values():
        sources.sort(key=lambda f: (f.rank, f.release_id))
    return index


def pair_chinese_release(chinese: ReleaseFacts, english: EnglishReleases) -> Pairing:
    """Pair one Chinese release with its English twin by the first rule that applies (module docstring)."""
    notes = []
    for pairing, rule in _RULES:
        twin, note = rule(chinese, english)
        if twin is not None:
            return Pairing(chinese.release_id, twin.release_id, pairing, note)
        notes.append(note)
    return Pairing(chinese.release_id, None, UNPAIRED, "; ".join(notes))


def pair_chinese_releases(chinese: list[ReleaseFacts], english: list[ReleaseFacts]) -> dict[str, Pairing]:
    """Release id -> pairing of each Chinese release that describes a meeting, against the English releases."""
    index = index_english(english)
    return {c.release_id: pair_chinese_release(c, index) for c in chinese if c.is_chinese and c.meeting_id}


def _by_page_link(chinese: ReleaseFacts, english: EnglishReleases) -> tuple[ReleaseFacts | None, str]:
    link = chinese.other_language_url
    if link:
        twin = next((english.by_key[k] for k in sorted(_keys(None, link)) if k in english.by_key), None)
        if twin is not None:
            return twin, f"its page links to {twin.release_id}"
    linking = {f.release_id: f for k in sorted(_keys(chinese.release_id, chinese.source_url))
               for f in english.linking_to.get(k, [])}
    if len(linking) == 1:
        twin = next(iter(linking.values()))
        return twin, f"the page of {twin.release_id} links to it"
    if len(linking) > 1:
        return None, f"{len(linking)} English pages link to it ({', '.join(sorted(linking))})"
    return None, f"its link to {link} names no English release held" if link else "no page link between the languages"


def _by_folder_and_time(chinese: ReleaseFacts, english: EnglishReleases) -> tuple[ReleaseFacts | None, str]:
    folder = date_folder(chinese)
    if folder is None or chinese.issued_at is None:
        return None, "no date folder" if folder is None else "no issue time"
    stamp = chinese.issued_at.astimezone(HKT).strftime("%H:%M") if chinese.issued_at.tzinfo else f"{chinese.issued_at:%H:%M}"
    matches = english.by_folder_and_time.get((folder, chinese.issued_at), [])
    if len(matches) == 1:
        return matches[0], f"the one English release of {folder} issued at {stamp}"
    return None, f"{f'{len(matches)} English releases' if matches else 'no English release'} of {folder} issued at {stamp}"


def _by_meeting_and_date(chinese: ReleaseFacts, english: EnglishReleases) -> tuple[ReleaseFacts | None, str]:
    missing = [name for name in ("counterpart", "plenary_number") if getattr(chinese, name) in (None, "")]
    if missing:
        return None, f"it gives no {' or '.join(name.replace('_', ' ') for name in missing)}"
    sources = english.by_meeting.get((chinese.counterpart, chinese.plenary_number), [])
    meeting = f"{chinese.counterpart} plenary {chinese.plenary_number}"
    if not sources:
        return None, f"no English release of {meeting}"
    english_date = next((s.meeting_date for s in sources if s.meeting_date), None)
    if english_date and chinese.meeting_date and english_date != chinese.meeting_date:
        return None, f"the English releases of {meeting} date it {english_date}, not {chinese.meeting_date}"
    if english_date and chinese.meeting_date:
        return sources[0], f"the best English source of {meeting}, held on {english_date}"
    unsaid = "it gives no meeting date" if english_date else (
        "no English release of it gives its date" if chinese.meeting_date else "neither language gives its date")
    return sources[0], f"the best English source of {meeting} ({unsaid}: no date to compare)"


_RULES = ((PAGE_LINK, _by_page_link), (FOLDER_AND_TIME, _by_folder_and_time), (MEETING_AND_DATE, _by_meeting_and_date))
