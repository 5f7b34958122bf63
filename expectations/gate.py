"""The quality gate: one Great Expectations validation per table per batch, records routed by severity.

Great Expectations is imported by `QualityGate` only (it takes seconds and hundreds of MB), and one
context is made per process and reports folder. Validation runs on pandas DataFrames (its SQL
datasource fails on DuckDB). `judge` gives the checks' verdict on a batch's rows; `route` (pure)
turns it into what loads and what is quarantined, so the verdict can come from another process.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from parsers import ParsedRelease

from .checks import CHECKS, CRITICAL, TABLES, Check
from .columns import staged_frames, staged_rows

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@dataclass
class Verdict:
    """What the checks said about one batch: releases failing critical checks, releases warned, one row per check."""

    failing: dict[str, list[str]] = field(default_factory=dict)  # release id -> names of the critical checks failed
    warned: set[str] = field(default_factory=set)
    dq_rows: list[dict] = field(default_factory=list)


@dataclass
class GateResult:
    passed: list[ParsedRelease] = field(default_factory=list)
    rejected: list[tuple[ParsedRelease, str]] = field(default_factory=list)  # (records, reason), every copy
    warned: set[str] = field(default_factory=set)
    dq_rows: list[dict] = field(default_factory=list)


class QualityGate:
    """Holds the GX context, suites and validation definitions for one flow run."""

    def __init__(self, docs_dir: Path | None = None):
        gx = import_gx()
        from . import store

        self._gx = gx
        self._store = store
        self._lock = threading.Lock()
        self.docs_dir = docs_dir
        if docs_dir is not None:
            docs_dir.mkdir(parents=True, exist_ok=True)
        self.context = gx.get_context(mode="ephemeral", project_config=store.context_config(docs_dir))
        source = self.context.data_sources.add_or_update_pandas("staged_batch")
        self._definitions = {table: self._definition(source, table) for table in TABLES}
        self._unpublished: set[str] = set()  # run names of the validations not yet rendered in Data Docs

    def _definition(self, source, table: str):
        gx = self._gx
        asset = next((a for a in source.assets if a.name == table), None) or source.add_dataframe_asset(name=table)
        batch_def = next((b for b in asset.batch_definitions if b.name == "whole_batch"), None) or \
            asset.add_batch_definition_whole_dataframe("whole_batch")
        suite = gx.ExpectationSuite(name=f"{table}_suite")
        for check in (c for c in CHECKS if c.table == table):
            expectation = getattr(gx.expectations, check.expectation)(
                **check.kwargs, meta={"check": check.name, "severity": check.severity},
                severity=check.severity,  # GX's own field too (its default is critical): Data Docs show it (`docs`)
            )
            suite.add_expectation(expectation)
        suite = self.context.suites.add_or_update(suite)
        return self.context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=f"{table}_validation", data=batch_def, suite=suite)
        )

    def validate(self, batch: list[ParsedRelease], run_id: str, batch_no: int) -> GateResult:
        """Validate the staged batch; critical failures reject whole releases, warnings flag them."""
        return route(batch, self.judge(staged_rows(batch), run_id, batch_no))

    def judge(self, rows: dict[str, list[dict]], run_id: str, batch_no: int) -> Verdict:
        """Run every table's suite on the batch's rows (`staged_rows`, one frame per table).

        One batch at a time per gate: GX's pandas datasource holds one batch per asset, so two threads
        sharing a gate (a threaded Dask worker) would validate each other's frames."""
        frames = staged_frames(rows)
        with self._lock:
            return self._judge(frames, run_id, batch_no)

    def _judge(self, frames: dict, run_id: str, batch_no: int) -> Verdict:
        verdict = Verdict()
        now = datetime.now(timezone.utc)
        for table in TABLES:
            frame = frames[table]
            checks = [c for c in CHECKS if c.table == table]
            if frame.empty:
                verdict.dq_rows += [_row(run_id, batch_no, now, c, True, 0, 0, None, []) for c in checks]
                continue
            outcome = self._run(table, frame, f"{run_id}-batch{batch_no}")
            for check, res in _by_check(outcome, checks):
                keys = [(i.get("release_id"), i.get("record_key")) for i in res.result.get("unexpected_index_list") or []]
                verdict.dq_rows.append(_row(run_id, batch_no, now, check, bool(res.success),
                                            res.result.get("element_count", len(frame)),
                                            res.result.get("unexpected_count", len(keys)),
                                            res.result.get("observed_value"), sorted({k for _, k in keys if k})))
                for release_id, _ in keys:
                    if check.severity == CRITICAL:
                        verdict.failing.setdefault(release_id, []).append(check.name)
                    else:
                        verdict.warned.add(release_id)
        return verdict

    def _run(self, table: str, frame, run_name: str):
        """One GX validation of a table's frame (its result is written to the reports folder, if any)."""
        kwargs = {"batch_parameters": {"dataframe": frame}, "run_id": self._run_identifier(run_name),
                  "result_format": {"result_format": "COMPLETE", "unexpected_index_column_names": ["release_id", "record_key"]}}
        self._unpublished.add(run_name)
        return self._definitions[table].run(**kwargs)

    @staticmethod
    def _run_identifier(name: str):
        from great_expectations.core.run_identifier import RunIdentifier

        return RunIdentifier(run_name=name)

    def build_docs(self) -> Path | None:
        """Render Data Docs for the validations run since the last call, and the index; returns the index page.

        Only new pages are rendered (the suites' pages too, in case a check changed): rebuilding every
        stored validation would take longer with each run. A folder without an index is built whole. A
        build that fails on a damaged store sets the damage aside and builds the site anew, once; a
        second failure leaves the docs unwritten (None) and the run goes on: dq_results has every result."""
        if self.docs_dir is None:
            return None
        index = self._store.docs_index(self.docs_dir)
        with self._lock:
            try:
                self._build_docs(index)
            except Exception:
                self._store.set_aside_damaged(self.docs_dir)
                self._store.reset_docs(self.docs_dir)
                try:
                    self._build_docs(index)
                except Exception:
                    return None
            finally:
                self._unpublished.clear()
        return index if index.exists() else None

    def _build_docs(self, index: Path) -> None:
        fresh = self._unpublished_results()
        if index.exists() and fresh:
            from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

            suites = [ExpectationSuiteIdentifier(name=f"{table}_suite") for table in TABLES]
            self.context.build_data_docs(resource_identifiers=fresh + suites)
        elif not index.exists():
            self.context.build_data_docs()

    def _unpublished_results(self) -> list:
        if not self._unpublished:
            return []
        return [key for key in self.context.validation_results_store.list_keys()
                if key.run_id.run_name in self._unpublished]


def import_gx():
    """Import Great Expectations, with the dependencies the gate never uses deferred (`lazy_imports`)."""
    from .lazy_imports import defer_unused_imports

    defer_unused_imports()
    import great_expectations

    return great_expectations


def route(batch: list[ParsedRelease], verdict: Verdict) -> GateResult:
    """Split a batch by the verdict: a release failing a critical check is rejected (with the checks named)."""
    result = GateResult(dq_rows=verdict.dq_rows)
    for parsed in batch:
        names = verdict.failing.get(parsed.release.release_id)
        if names:
            result.rejected.append((parsed, "failed critical checks: " + ", ".join(dict.fromkeys(names))))
        else:
            result.passed.append(parsed)
    result.warned = set(verdict.warned) - {parsed.release.release_id for parsed, _ in result.rejected}
    return result


def _by_check(outcome, checks: list[Check]):
    by_name = {c.name: c for c in checks}
    for res in outcome.results:
        name = (res.expectation_config.meta or {}).get("check")
        if name in by_name:
            yield by_name[name], res


def _row(run_id, batch_no, now, check: Check, success, element_count, unexpected_count, observed, keys) -> dict:
    return {
        "run_id": run_id, "batch_no": batch_no, "validated_at": now, "table_name": check.table,
        "check_name": check.name, "expectation_type": check.expectation, "severity": check.severity,
        "success": success, "element_count": int(element_count or 0), "unexpected_count": int(unexpected_count or 0),
        "observed_value": None if observed is None else json.dumps(observed, default=str),
        "failing_keys": keys,
    }
