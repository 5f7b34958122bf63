"""Telling the operator: a webhook called when a run fails or quarantines a release.

Set by `plenary serve --notify-webhook URL` (or `ingest`/`discover --notify-webhook`, or the
`PLENARY_NOTIFY_WEBHOOK` variable). The hook receives one JSON POST per run that needs attention:

    {"kind": "run_failed" | "quarantined", "run_id": ..., "warehouse": ..., "status": "failed" | "completed",
     "message": "...", "counts": {...}, "quarantined": [{"stage", "source", "reason"}, ... at most 50],
     "quarantined_total": N}

The webhook is the operator's own address, so no host allowlist applies; it gets a 10 s deadline and
two retries with backoff. A hook that cannot be reached is logged on stderr and never fails the run:
the warehouse (`ingest_runs`, `quarantine`) stays the record.
"""
from __future__ import annotations

import sys
import time

from ..settings import NOTIFY_WEBHOOK

_TIMEOUT_SECONDS = 10.0
_ATTEMPTS = 3
_LISTED = 50


def webhook_url() -> str | None:
    """The configured webhook, if any; a value that is not an http(s) URL raises ValueError naming the variable."""
    return NOTIFY_WEBHOOK.read()


def run_notice(run_id: str, warehouse: str, status: str, message: str, counts: dict,
               quarantined: list[dict]) -> dict | None:
    """The notice for a run, or None when it needs no attention (completed, nothing quarantined)."""
    if status == "completed" and not quarantined:
        return None
    return {"kind": "run_failed" if status != "completed" else "quarantined", "run_id": run_id,
            "warehouse": warehouse, "status": status, "message": message, "counts": counts,
            "quarantined": quarantined[:_LISTED], "quarantined_total": len(quarantined)}


def send(notice: dict | None, attempts: int | None = None) -> bool:
    """POST the notice to the webhook (if one is set); True when it was accepted. Never raises: a hook that
    cannot be reached, refuses, or is not a usable address is reported on stderr and the run goes on."""
    if notice is None:
        return False
    try:
        url = webhook_url()
        if url is None:
            return False
        import httpx

        error = ""
        for attempt in range(attempts or _ATTEMPTS):
            try:
                response = httpx.post(url, json=notice, timeout=_TIMEOUT_SECONDS)
                if response.status_code < 300:
                    return True
                error = f"HTTP {response.status_code}"
            except httpx.TransportError as exc:
                error = f"{type(exc).__name__}: {exc}"
            if attempt + 1 < (attempts or _ATTEMPTS):
                time.sleep(0.5 * 2 ** attempt)
        raise RuntimeError(error)
    except Exception as exc:  # noqa: BLE001 -- the notice is best effort; the warehouse is the record
        sys.stderr.write(f"plenary: the webhook did not accept the {notice['kind']} notice of {notice['run_id']} "
                         f"({type(exc).__name__}: {exc})\n")  # not print(): a flow's log_prints would hide it
        return False
