"""Cross-language checks (issue 15, deliverable 4): warnings in `dq_results` when a Chinese release and its English
twin disagree on the plenary number, the meeting date, the number of areas or the number of agreements."""
from __future__ import annotations

from datetime import date

import pytest

from warehouse import load_batch, open_writer
from warehouse.cross_language import LANGUAGE_CHECKS, language_disagreements
from warehouse.pairing import facts_of

from tests.warehouse.bilingual_records import EN_ID, ZH_AGREEMENTS, ZH_AREAS, ZH_ID, chinese, english

DISAGREEING = {  # check -> (the Chinese version's change, the failing key it gives)
    "languages_agree_on_plenary_number": (
        {"plenary_number": 2}, f"zhejiang-2: plenary_number 2 ({ZH_ID}, zh) vs 1 ({EN_ID}, en)"),
    "languages_agree_on_meeting_date": (
        {"meeting_date": date(2025, 4, 23)}, f"zhejiang-1: meeting_date 2025-04-23 ({ZH_ID}, zh) vs 2025-04-24 ({EN_ID}, en)"),
    "languages_agree_on_number_of_areas": (
        {"areas": ZH_AREAS[:2]}, f"zhejiang-1: area_count 2 ({ZH_ID}, zh) vs 3 ({EN_ID}, en)"),
    "languages_agree_on_number_of_agreements": (
        {"agreements": ZH_AGREEMENTS[:1]}, f"zhejiang-1: agreement_count 1 ({ZH_ID}, zh) vs 2 ({EN_ID}, en)"),
}


def results(con, run_id: str) -> dict[str, tuple]:
    return {check: (success, keys, severity, count) for check, success, keys, severity, count in con.execute(
        """SELECT check_name, success, failing_keys, severity, element_count FROM dq_results
           WHERE run_id = ? AND expectation_type = 'cross_language_comparison'""", [run_id]).fetchall()}


@pytest.mark.parametrize("check", DISAGREEING)
def test_a_check_fails_when_the_two_versions_disagree(warehouse_path, check):
    change, key = DISAGREEING[check]
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [english(), chinese(**change)])  # paired by date folder and issue time
        found = results(con, "run-0")
    assert found[check] == (False, [key], "warning", 1)
    assert all(success for name, (success, *_) in found.items() if name != check)


@pytest.mark.parametrize("check", DISAGREEING)
def test_a_check_passes_when_the_two_versions_agree(warehouse_path, check):
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [chinese()])
        assert results(con, "run-0") == {}  # nothing paired yet: nothing checked
        load_batch(con, "run-1", [english()])  # the twin arrives later: the pair is checked in its batch
        found = results(con, "run-1")
    assert found[check] == (True, [], "warning", 1)


def test_the_warning_is_written_in_the_batch_that_brings_the_pair_together_in_either_order(warehouse_path):
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [chinese(meeting_date=date(2025, 4, 23))])
        load_batch(con, "run-1", [english()])
        assert results(con, "run-1")["languages_agree_on_meeting_date"][0] is False
        load_batch(con, "run-2", [english(), chinese(meeting_date=date(2025, 4, 23))])  # unchanged: nothing written
        assert results(con, "run-2") == {}


def test_a_value_one_version_does_not_give_is_not_compared():
    zh = facts_of(chinese(meeting_date=None, areas=[], agreements=[]).to_dict())
    assert language_disagreements(zh, facts_of(english().to_dict())) == []
    assert set(LANGUAGE_CHECKS) == set(DISAGREEING)
