"""The pipeline's stages for one batch of documents: parse, validate (the quality gate), and the counts of its
load. Plain functions, no Prefect: the Prefect tasks that run them are in `flows.batches`."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from expectations import CHECKS
from parsers import PARSER_VERSION, ParseBudgetExceeded, ParsedRelease, ParsingError, parse_document
from warehouse import LoadResult, QuarantineItem, RunCounts

from . import settings
from .collect.files import Document


def _checks_digest() -> str:
    """A digest of the checks as code defines them (the moving 'today' bound left out, so it is stable)."""
    today = int(date.today().strftime("%Y%m%d"))
    stable = [(c.name, c.table, c.severity, c.expectation,
               sorted((k, "today" if v == today else repr(v)) for k, v in c.kwargs.items())) for c in CHECKS]
    return hashlib.sha256(repr(stable).encode()).hexdigest()[:12]


# What decides the outcome for one input on its own: the parser and the checks. Bad input quarantined
# by this version is not re-processed by it; a new parser or a changed check tries it again (loaded
# input is re-parsed only by a new parser version).
PIPELINE_VERSION = f"{PARSER_VERSION}+checks-{_checks_digest()}"
_BATCH_DEPENDENT = "_in_batch"  # rejections that depend on the other inputs of the batch are always retried


@dataclass
class ParsedBatch:
    parsed: list[ParsedRelease] = field(default_factory=list)
    failures: list[QuarantineItem] = field(default_factory=list)


PARSE_BUDGET_ENV = settings.PARSE_BUDGET_SECONDS.name  # 10 s by default: any input up to the size limit parses in under 2 s


def parse_budget_from_env() -> float:
    """Seconds one document's parse may take: $PLENARY_PARSE_BUDGET_SECONDS, else 10; a bad value raises ValueError."""
    return settings.PARSE_BUDGET_SECONDS.read()


def parse_documents(docs: list[Document], budget_seconds: float | None = None) -> ParsedBatch:
    """Parse every document; unreadable ones become quarantine items with the reason, never exceptions.

    Each document's parse may take `budget_seconds` (default: `parse_budget_from_env`); one that takes longer
    is quarantined with a reason that says so, and the batch goes on. Its quarantine item carries no pipeline
    version: a busy machine may be the cause, so the next ingest of the file tries it again.
    """
    budget = parse_budget_from_env() if budget_seconds is None else budget_seconds
    batch = ParsedBatch()
    for doc in docs:
        try:
            batch.parsed.append(parse_document(doc.data, doc.source, doc.content_type, doc.charset, budget=budget))
        except ParseBudgetExceeded as exc:
            reason = (f"{exc} ({PARSE_BUDGET_ENV}); set aside unparsed and the batch went on (a busy machine? "
                      "raise the budget; a file is tried again by the next ingest)")
            batch.failures.append(QuarantineItem("parse", reason, doc.source.uri, doc.data))
        except ParsingError as exc:
            batch.failures.append(QuarantineItem("parse", str(exc), doc.source.uri, doc.data, pipeline_version=PIPELINE_VERSION))
        except Exception as exc:  # a parser bug must not lose the document or stop the batch
            reason = f"parser error ({type(exc).__name__}: {exc}); please report it with this file"
            batch.failures.append(QuarantineItem("parse", reason, doc.source.uri, doc.data, pipeline_version=PIPELINE_VERSION))
    return batch


@dataclass
class GatedBatch:
    """A batch after the quality gate: what loads, what is quarantined, and the check results."""

    load: list[ParsedRelease] = field(default_factory=list)
    quarantine: list[QuarantineItem] = field(default_factory=list)
    warned: set[str] = field(default_factory=set)
    dq_rows: list[dict] = field(default_factory=list)


def gate_batch(gate, batch: ParsedBatch, run_id: str, batch_no: int) -> GatedBatch:
    """Run the quality gate on a parsed batch and route releases by severity."""
    result = gate.validate(batch.parsed, run_id, batch_no)
    rejected = [
        QuarantineItem("validate", reason, parsed.release.source_uri, parsed.raw, parsed.release.release_id,
                       None if _BATCH_DEPENDENT in reason else PIPELINE_VERSION)
        for parsed, reason in result.rejected
    ]
    return GatedBatch(result.passed, batch.failures + rejected, result.warned, result.dq_rows)


def loaded_counts(parsed: ParsedBatch, gated: GatedBatch, result: LoadResult) -> tuple[RunCounts, list[dict]]:
    """What the load of a batch wrote, counted, and the meetings loaded before that it changed."""
    skipped = sum(1 for p in gated.load if not p.release.is_plenary_report)
    reports = len(gated.load) - skipped
    counts = RunCounts(
        parsed=len(parsed.parsed), skipped=skipped, passed=reports - len(gated.warned), warned=len(gated.warned),
        quarantined=result.quarantined, loaded=len(result.loaded), unchanged=len(result.unchanged),
    )
    return counts, [{"meeting_id": c.meeting_id, "change": c.change, "summary": c.summary}
                    for c in result.changes if c.change != "new"]
