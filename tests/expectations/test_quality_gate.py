"""The quality gate: seeds pass with exactly the warnings their text implies; bad records are quarantined."""
from __future__ import annotations

import copy
import socket
from collections import defaultdict

import pytest

from expectations import CHECKS
from flows.collect.files import discover_files, read_documents
from flows.pipeline import ParsedBatch, gate_batch, parse_documents
from parsers import Source, parse_release
from tests.support.paths import SEEDS
from warehouse import load_batch, open_reader, open_writer


@pytest.fixture(scope="module")
def gate():
    from expectations.gate import QualityGate

    return QualityGate()


def _seed_batch(with_urls: bool = True) -> ParsedBatch:
    files, _ = discover_files([SEEDS])
    docs, _ = read_documents(files)
    if not with_urls:
        docs = [type(d)(Source(d.source.uri), d.data) for d in docs]
    return parse_documents(docs)


def _failing(gated) -> dict[str, list[str]]:
    failing = defaultdict(list)
    for row in gated.dq_rows:
        if not row["success"]:
            failing[row["check_name"]] += row["failing_keys"]
    return dict(failing)


def test_seeds_pass_with_exactly_the_warnings_their_text_implies(gate):
    gated = gate_batch(gate, _seed_batch(), "run-seeds", 0)
    assert len(gated.load) == 5 and gated.quarantine == []
    assert _failing(gated) == {
        "stated_area_count_equals_areas_found": ["shanghai-4"],  # 16 stated, 13 present
        "area_has_a_heading": ["shanghai-4/3", "shanghai-4/4", "sichuan-1/4", "sichuan-1/7", "sichuan-1/9"],
        "area_category_is_not_other": ["guangdong-20/9", "shanghai-4/13"],  # "Other Areas" sections
    }
    severities = {r["check_name"]: r["severity"] for r in gated.dq_rows}
    assert {severities[name] for name in _failing(gated)} == {"warning"}


def test_a_date_warning_appears_only_when_the_source_is_unknown(gate):
    gated = gate_batch(gate, _seed_batch(with_urls=False), "run-no-urls", 0)
    assert _failing(gated)["meeting_date_is_known"] == ["chongqing-1"]
    assert len(gated.load) == 5


def test_one_result_row_per_expectation_per_batch(gate):
    gated = gate_batch(gate, _seed_batch(), "run-rows", 3)
    assert len(gated.dq_rows) == len(CHECKS)
    assert {(r["table_name"], r["check_name"]) for r in gated.dq_rows} == {(c.table, c.name) for c in CHECKS}
    assert {r["batch_no"] for r in gated.dq_rows} == {3}


def _bad_fixtures() -> tuple[ParsedBatch, dict[str, str]]:
    """Good seeds plus crafted bad records: release id -> the critical check that must catch it."""
    batch = _seed_batch()
    by_id = {p.release.release_id: p for p in batch.parsed}
    beijing, shanghai = by_id["P2018102400619"], by_id["P2018082400678"]
    guangdong, sichuan = by_id["P2017111800744"], by_id["T7457824e3775d742"]

    no_title = copy.deepcopy(beijing)
    no_title.release.release_id, no_title.release.title = "PBAD00000001", ""
    no_title.meeting = None
    plenary_zero = copy.deepcopy(shanghai)
    plenary_zero.release.release_id = plenary_zero.meeting.release_id = "PBAD00000002"
    plenary_zero.meeting.plenary_number = 0
    for rec in plenary_zero.areas + plenary_zero.attendees + plenary_zero.agreements:
        rec.meeting_id = plenary_zero.meeting.meeting_id = "shanghai-0"
    chrome = copy.deepcopy(guangdong)
    chrome.release.release_id = chrome.meeting.release_id = "PBAD00000003"
    chrome.areas[0].text += "\n\nNNNN"
    empty_person = copy.deepcopy(sichuan)
    empty_person.release.release_id = empty_person.meeting.release_id = "PBAD00000004"
    for rec in [empty_person.meeting] + empty_person.areas + empty_person.attendees:
        rec.meeting_id = "sichuan-2"
    empty_person.meeting.plenary_number = 2
    empty_person.attendees[2].person = ""
    twin = copy.deepcopy(beijing)
    twin.release.release_id = twin.meeting.release_id = "PBAD00000005"  # a second source of beijing-4: not a failure
    unnumbered = copy.deepcopy(guangdong)  # a story that gives the plenary no number (parsers.meeting)
    unnumbered.release.release_id = unnumbered.meeting.release_id = "PBAD00000006"
    unnumbered.meeting.plenary_number = None
    for rec in [unnumbered.meeting] + unnumbered.areas + unnumbered.attendees + unnumbered.agreements:
        rec.meeting_id = "guangdong-unnumbered"
    batch.parsed = [beijing, shanghai, sichuan, no_title, plenary_zero, chrome, empty_person, twin, unnumbered]
    return batch, {
        "PBAD00000001": "title_is_present",
        "PBAD00000002": "plenary_number_between_1_and_100",
        "PBAD00000003": "area_text_has_no_chrome",
        "PBAD00000004": "attendee_has_a_person",
        "PBAD00000006": "plenary_number_is_present",
    }


def test_crafted_bad_records_are_quarantined_and_the_rest_loads(gate, warehouse_path):
    batch, expected = _bad_fixtures()
    gated = gate_batch(gate, batch, "run-bad", 0)
    reasons = {q.release_id: q.reason for q in gated.quarantine}
    assert set(reasons) == set(expected)
    for release_id, check in expected.items():
        assert check in reasons[release_id], (release_id, reasons[release_id])
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-bad", gated.load, gated.quarantine, gated.dq_rows)
    with open_reader(warehouse_path) as con:
        assert sorted(r[0] for r in con.execute("SELECT meeting_id FROM meetings").fetchall()) == ["beijing-4", "shanghai-4", "sichuan-1"]
        assert con.execute("SELECT count(*) FROM quarantine_open WHERE stage = 'validate'").fetchone() == (len(expected),)
        # the gate's rows: one per check (the load writes its own warnings too: sources compared, people resolved)
        assert con.execute("SELECT count(*) FROM dq_results WHERE run_id = 'run-bad' AND expectation_type NOT IN "
                           "('cross_source_comparison', 'person_resolution')").fetchone() == (len(CHECKS),)
        assert con.execute("SELECT release_id, is_primary FROM meeting_sources WHERE meeting_id = 'beijing-4' ORDER BY 1"
                           ).fetchall() == [("P2018102400619", True), ("PBAD00000005", False)]
        payload = con.execute("SELECT payload FROM quarantine WHERE release_id = 'PBAD00000003'").fetchone()[0]
        assert payload == (SEEDS / "004_19cada9a8958ebfd.txt").read_bytes()  # the raw input is kept


def test_a_corrected_release_leaves_quarantine(gate, warehouse_path, tmp_path):
    source = tmp_path / "beijing.txt"
    text = (SEEDS / "002_76a61713adfee18e.txt").read_text()
    source.write_text(text.replace("Fourth Plenary Session", "0th Plenary Session"))
    url = "https://www.info.gov.hk/gia/general/201810/24/P2018102400619.htm"

    def ingest(run_id):
        parsed = parse_release(source.read_bytes(), Source(str(source), url))
        gated = gate_batch(gate, ParsedBatch([parsed]), run_id, 0)
        with open_writer(warehouse_path) as con:
            load_batch(con, run_id, gated.load, gated.quarantine, gated.dq_rows)

    ingest("run-1")
    with open_reader(warehouse_path) as con:
        assert con.execute("SELECT stage, reason FROM quarantine_open").fetchall() == [
            ("validate", "failed critical checks: plenary_number_between_1_and_100")
        ]
    source.write_text(text)
    ingest("run-2")
    with open_reader(warehouse_path) as con:
        assert con.execute("SELECT count(*) FROM quarantine_open").fetchone() == (0,)
        assert con.execute("SELECT run_id, resolved_by_run FROM quarantine").fetchall() == [("run-1", "run-2")]
        assert con.execute("SELECT meeting_id FROM meetings").fetchall() == [("beijing-4",)]
        history = con.execute("SELECT run_id, success FROM dq_results WHERE check_name = 'plenary_number_between_1_and_100' ORDER BY run_id").fetchall()
        assert history == [("run-1", False), ("run-2", True)]


def test_the_gate_uses_no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network use is forbidden in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    from expectations.gate import QualityGate

    gated = gate_batch(QualityGate(), _seed_batch(), "run-offline", 0)
    assert len(gated.load) == 5 and len(gated.dq_rows) == len(CHECKS)


def test_two_copies_of_one_release_id_are_both_quarantined(gate):
    batch = _seed_batch()
    twin = copy.deepcopy(batch.parsed[2])
    twin.release.source_uri = "/elsewhere/copy.txt"
    batch.parsed.append(twin)
    gated = gate_batch(gate, batch, "run-twins", 0)
    held = sorted(q.source_uri for q in gated.quarantine if q.release_id == twin.release.release_id)
    assert held == sorted([batch.parsed[2].release.source_uri, "/elsewhere/copy.txt"])
    assert len(gated.load) == 4
