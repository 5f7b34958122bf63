"""Cross-language checks: a Chinese release and its English twin (`warehouse.pairing`) disagree on the plenary
number, the meeting date, the number of areas or the number of agreements. Warnings, written to `dq_results` by
`warehouse.language_pairs` in the batch that brings a pair together or changes one of its releases.

Pure functions, no DuckDB. A value one version does not give is not compared (a missing date disagrees with
none); nor is a count of areas or agreements one version gives none of (a story need not list them).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .dq_warnings import warning_row
from .pairing import ReleaseFacts

CROSS_LANGUAGE_EXPECTATION = "cross_language_comparison"  # dq_results.expectation_type of these checks
# check name -> the fact of each version it compares
LANGUAGE_CHECKS = {
    "languages_agree_on_plenary_number": "plenary_number",
    "languages_agree_on_meeting_date": "meeting_date",
    "languages_agree_on_number_of_areas": "area_count",
    "languages_agree_on_number_of_agreements": "agreement_count",
}
_COUNTS = ("area_count", "agreement_count")


@dataclass(frozen=True)
class LanguageDisagreement:
    """A Chinese release and its English twin giving different values of one fact."""

    check: str
    meeting_id: str
    field: str
    chinese: tuple[str, str]  # (release id, value)
    english: tuple[str, str]

    @property
    def key(self) -> str:
        """`zhejiang-1: meeting_date 2025-04-24 (P2025042400444, zh) vs 2025-04-25 (P2025042400475, en)`."""
        (zh_id, zh_value), (en_id, en_value) = self.chinese, self.english
        return f"{self.meeting_id}: {self.field} {zh_value} ({zh_id}, zh) vs {en_value} ({en_id}, en)"


def language_disagreements(chinese: ReleaseFacts, english: ReleaseFacts) -> list[LanguageDisagreement]:
    """What a Chinese release and its English twin disagree on, one item per check that fails."""
    found = []
    for check, name in LANGUAGE_CHECKS.items():
        zh_value, en_value = getattr(chinese, name), getattr(english, name)
        if zh_value is None or en_value is None or (name in _COUNTS and not (zh_value and en_value)):
            continue
        if str(zh_value) != str(en_value):
            meeting = chinese.meeting_id or english.meeting_id or chinese.release_id
            found.append(LanguageDisagreement(check, meeting, name, (chinese.release_id, str(zh_value)),
                                              (english.release_id, str(en_value))))
    return found


def language_check_rows(run_id: str, now: datetime, batch_no: int,
                        pairs: list[tuple[ReleaseFacts, ReleaseFacts]]) -> list[dict]:
    """One `dq_results` row per cross-language check over the (Chinese, English) pairs; none without pairs."""
    if not pairs:
        return []
    found = [d for chinese, english in pairs for d in language_disagreements(chinese, english)]
    rows = []
    for check in LANGUAGE_CHECKS:
        failing = [d for d in found if d.check == check]
        observed = {f"{d.meeting_id}.{d.field}": dict((d.chinese, d.english)) for d in failing}
        rows.append(warning_row(run_id, now, batch_no, check, CROSS_LANGUAGE_EXPECTATION, len(pairs),
                                [d.key for d in failing], observed))
    return rows
