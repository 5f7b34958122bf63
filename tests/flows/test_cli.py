"""The `plenary` command as a user runs it: a real subprocess, a temporary warehouse."""
from __future__ import annotations

import json

import pytest

from tests.support.commands import run
from tests.support.paths import SEEDS, golden, seed_urls

pytestmark = pytest.mark.slow  # every test runs `plenary` in a subprocess (ingest also starts a temporary Prefect server)


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_parse_json_prints_the_staged_records(name):
    url = seed_urls()[name]
    args = ["parse", str(SEEDS / name), "--json"] + (["--source-url", url] if url else [])
    result = run(*args)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert set(records) == {"release", "meeting", "areas", "attendees", "agreements"}
    expected = golden(name.removesuffix(".txt"))
    assert records["meeting"]["meeting_id"] == expected["meeting"]["meeting_id"]
    assert [a["heading"] for a in records["areas"]] == [a["heading"] for a in expected["areas"]]


@pytest.mark.parametrize("codec", ["utf-8", "big5hkscs"])
def test_parse_of_a_chinese_release_gives_its_language_names_as_printed_and_english_places(tmp_path, codec):
    """Issue 15: the same JSON shape, "language": "zh", people as printed, counterpart and venue by English names."""
    page = tmp_path / "zh.txt"
    page.write_bytes("浙港高層會晤暨浙港合作會議第一次會議在杭州舉行\n\n  行政長官李家超與浙江省委書記王浩今日（四月二十四日）"
                     "在浙江省杭州市舉行浙港高層會晤暨浙港合作會議第一次會議。\n\n完\n\n2025年4月24日（星期四）\n".encode(codec))
    result = run("parse", str(page), "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert set(records) == {"release", "meeting", "areas", "attendees", "agreements"}
    assert records["release"]["language"] == "zh"
    meeting = records["meeting"]
    assert (meeting["counterpart"], meeting["venue"], meeting["meeting_date"]) == ("Zhejiang", "Hangzhou", "2025-04-24")
    assert (meeting["hk_leader"], meeting["counterpart_leader"], meeting["plenary_number"]) == ("李家超", "王浩", 1)
    assert (records["release"]["encoding_warning"] or "").startswith("detected" if codec != "utf-8" else "")


def test_parse_of_a_non_plenary_page_gives_null_meeting(tmp_path):
    page = tmp_path / "weather.txt"
    page.write_text("TROPICAL CYCLONE WARNING BULLETIN\n\nTHE STANDBY SIGNAL, NO. 1 WAS ISSUED AT 3:40 P.M.\n")
    result = run("parse", str(page), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["meeting"] is None


@pytest.mark.parametrize(
    "content, message",
    [(b"", "the input is empty"), (b"\x00\x01\x02PK\x03\x04" * 50, "binary")],
    ids=["empty", "binary"],
)
def test_parse_of_unreadable_input_says_why_without_traceback(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("parse", str(bad), "--json")
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_parse_of_a_missing_file_says_so():
    result = run("parse", "no/such/file.txt", "--json")
    assert result.returncode != 0 and "cannot read" in result.stderr and "Traceback" not in result.stderr


def test_ingest_then_sql_on_a_temporary_warehouse(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    bad = tmp_path / "inbox"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    result = run("ingest", str(SEEDS), str(bad), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr
    assert "loaded 5" in result.stdout and "quarantined 1" in result.stdout
    for meeting_id in ("sichuan-1", "chongqing-1", "beijing-4", "shanghai-4", "guangdong-20"):
        assert meeting_id in result.stdout
    assert "empty.txt: the input is empty" in result.stderr and "Traceback" not in result.stderr

    query = "select counterpart, count(*) as n from cooperation_areas join meetings using (meeting_id) group by 1 order by 1"
    result = run("sql", query, "--warehouse", str(warehouse), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"counterpart": "Beijing", "n": 8}, {"counterpart": "Chongqing", "n": 11}, {"counterpart": "Guangdong", "n": 9},
        {"counterpart": "Shanghai", "n": 13}, {"counterpart": "Sichuan", "n": 11},
    ]

    again = run("ingest", str(SEEDS), "--warehouse", str(warehouse))
    assert again.returncode == 0 and "loaded 0" in again.stdout and "unchanged 5" in again.stdout

    runs = run("sql", "select status, read, loaded, unchanged from ingest_runs order by started_at",
               "--warehouse", str(warehouse), "--json")
    assert json.loads(runs.stdout) == [
        {"status": "completed", "read": 6, "loaded": 5, "unchanged": 0},
        {"status": "completed", "read": 5, "loaded": 0, "unchanged": 5},
    ]


def test_sql_prints_a_table_csv_or_json_with_nulls_said_and_export_writes_every_table(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    assert run("ingest", str(SEEDS), "--warehouse", str(warehouse)).returncode == 0
    query = "select meeting_id, stated_area_count from meetings where meeting_id in ('guangdong-20', 'beijing-4') order by 1"
    table = run("sql", query, "--warehouse", str(warehouse))
    assert table.returncode == 0 and "NULL" in table.stdout  # guangdong-20 states no count
    csv_out = run("sql", query, "--warehouse", str(warehouse), "--format", "csv")
    assert csv_out.stdout.splitlines() == ["meeting_id,stated_area_count", "beijing-4,8", "guangdong-20,"]
    as_json = run("sql", query, "--warehouse", str(warehouse), "--format", "json")
    assert json.loads(as_json.stdout) == [{"meeting_id": "beijing-4", "stated_area_count": 8},
                                          {"meeting_id": "guangdong-20", "stated_area_count": None}]
    refused = run("sql", query, "--warehouse", str(warehouse), "--format", "xml")
    assert refused.returncode == 2 and "use table, csv or json" in refused.stderr

    exported = run("export", "--out", str(tmp_path / "out"), "--format", "csv", "--warehouse", str(warehouse))
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "out" / "meetings.csv").read_text().count("\n") == 6  # a header and five meetings
    assert (tmp_path / "out" / "data_dictionary.csv").exists() and "meeting_summary" in exported.stdout


def test_sql_is_read_only_and_errors_are_one_line(tmp_path):
    warehouse = tmp_path / "missing.duckdb"
    result = run("sql", "select 1", "--warehouse", str(warehouse))
    assert result.returncode != 0 and "no warehouse at" in result.stderr and "Traceback" not in result.stderr
