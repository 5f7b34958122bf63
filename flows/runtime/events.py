"""Prefect events: a discovered release, and what became of it. Events wake things up; the to-do
table in the warehouse is the record (an event sent while the server is down is lost silently)."""
from __future__ import annotations

import hashlib
import logging

from warehouse import Discovery, Outcome

DISCOVERED = "plenary.release.discovered"
OUTCOME_EVENTS = {
    "ingested": "plenary.release.ingested",
    "quarantined": "plenary.release.quarantined",
    "failed": "plenary.release.quarantined",
    "skipped": "plenary.release.skipped",
}
RESOURCE_PREFIX = "plenary.release."
log = logging.getLogger(__name__)


def resource_id(release_id: str | None, url: str) -> str:
    """`plenary.release.<release id>`; a URL with no P-number gets `U` + 16 hex of its hash."""
    return RESOURCE_PREFIX + (release_id or "U" + hashlib.sha256(url.encode()).hexdigest()[:16])


def emit_discovered(found: list[Discovery]) -> list[str]:
    """One `plenary.release.discovered` per release (payload: url, title); returns the URLs announced."""
    return [
        d.url for d in found
        if _emit(DISCOVERED, d.release_id, d.url, {"url": d.url, "title": d.title, "release_id": d.release_id or ""})
    ]


def emit_outcomes(outcomes: list[Outcome], run_id: str) -> int:
    """`plenary.release.ingested|quarantined|skipped` per URL (unchanged ones send nothing)."""
    sent = 0
    for o in outcomes:
        if (name := OUTCOME_EVENTS.get(o.status)) is not None:
            payload = {"url": o.url, "run_id": run_id, "status": o.status, "meeting_id": o.meeting_id or "",
                       "reason": o.reason or ""}
            sent += _emit(name, o.release_id, o.url, payload)
    return sent


def _emit(event: str, release_id: str | None, url: str, payload: dict) -> bool:
    from prefect.events import emit_event

    resource = {"prefect.resource.id": resource_id(release_id, url), "plenary.release-id": release_id or ""}
    try:
        return emit_event(event=event, resource=resource, payload=payload) is not None
    except Exception as exc:  # events are a wake-up signal; losing one must not fail the run
        log.warning("could not emit %s for %s: %s", event, url, exc)
        return False
