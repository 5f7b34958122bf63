"""The shapes that cross the warehouse's boundary: what the flows hand in to be written, what writers give back.

Every dataclass of the public API is here (`warehouse.__all__`); the modules that write each table say
how a shape becomes its rows. Meetings' own shapes (sources, merged meetings) are `warehouse.precedence`'s,
which builds them; their changes `warehouse.meeting_changes`'; the pairing of languages `warehouse.pairing`'s.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .meeting_changes import MeetingChange

# What became of a release in the to-do list (`discovered_releases.status`, `raw_documents.outcome`).
PENDING, INGESTED, SKIPPED, QUARANTINED, FAILED = "pending", "ingested", "skipped", "quarantined", "failed"


@dataclass
class QuarantineItem:
    """Something that could not be read, parsed or validated, with the reason and raw bytes."""

    stage: str  # the pipeline stage that set it aside: discover, fetch, read, parse or validate
    reason: str
    source_uri: str
    payload: bytes | None = None
    release_id: str | None = None
    pipeline_version: str | None = None  # set at parse and validate: the same bad input is not re-run by it

    @property
    def content_sha256(self) -> str | None:
        return hashlib.sha256(self.payload).hexdigest() if self.payload is not None else None

    @property
    def quarantine_id(self) -> str:
        key = f"{self.stage}\0{self.source_uri}\0{self.release_id}\0{self.content_sha256}\0{self.reason}"
        return "Q" + hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass
class LoadResult:
    """What `load_batch` wrote."""

    loaded: list[str] = field(default_factory=list)  # release ids written as a new revision
    unchanged: list[str] = field(default_factory=list)
    quarantined: int = 0
    resolved: int = 0
    written: list[tuple] = field(default_factory=list)  # (id, revision, url, language, records) of each new revision
    reread: list[str] = field(default_factory=list)  # unchanged releases whose meetings are rebuilt (force)
    changes: list[MeetingChange] = field(default_factory=list)  # meetings whose sources or fields changed


@dataclass
class KnownSources:
    """What this pipeline already did with some inputs, each a (source uri, sha256) pair."""

    unchanged: dict[tuple[str, str], str] = field(default_factory=dict)  # loaded as they are -> release id
    quarantined: set[tuple[str, str]] = field(default_factory=set)  # quarantined at parse or validate by this version
    batch_rejections: set[tuple[str, str]] = field(default_factory=set)  # rejected only for a conflict in their batch


@dataclass
class RunCounts:
    """The counts of an `ingest_runs` row."""

    read: int = 0
    parsed: int = 0
    skipped: int = 0
    passed: int = 0
    warned: int = 0
    quarantined: int = 0
    loaded: int = 0
    unchanged: int = 0

    def add(self, other: "RunCounts") -> None:
        for key, value in asdict(other).items():
            setattr(self, key, getattr(self, key) + value)


@dataclass
class Discovery:
    """One discovered release as the to-do list records it."""

    url: str
    release_id: str | None
    title: str
    via: str
    published_at: datetime | None
    status: str = PENDING
    reason: str | None = None
    language: str | None = None  # of the feed or index page that listed it ("en", "zh"); None: named by URL


@dataclass(frozen=True)
class IndexPage:
    """A daily index page read successfully, and how many release links it listed."""

    url: str
    day: date
    releases_listed: int


@dataclass
class RawDocument:
    """One fetched body with its response metadata."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    charset: str | None
    headers: dict[str, str]
    body: bytes
    sha256: str
    fetched_at: datetime


@dataclass
class Outcome:
    """What became of one URL in an ingest run."""

    url: str
    status: str  # ingested | skipped | quarantined | failed | unchanged
    release_id: str | None = None
    meeting_id: str | None = None
    reason: str | None = None
