"""One meeting, many sources: a second source never degrades a meeting (issue 12, part 4-6).

The Beijing seed (an official release, P2018102400619) is the meeting's best source. Its copies are
made here from the seed's own text: without its title line (a critical failure), as an unidentified
file, as a news story on another site; each is loaded before and after the seed.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import PIPELINE_VERSION
from parsers import PARSER_VERSION, Source, parse_document
from warehouse import load_batch, open_writer
from warehouse.precedence import FILE, OFFICIAL, SECONDARY, MeetingSource, merge, source_kind
from tests.support.paths import ROOT, SEEDS

BEIJING = SEEDS / "002_76a61713adfee18e.txt"
BEIJING_URL = "https://www.info.gov.hk/gia/general/201810/24/P2018102400619.htm"
NEWS_URL = "https://www.news.gov.hk/eng/2018/10/20181024/20181024_181041_123.html"
TITLE = "Fourth Plenary Session of the Hong Kong/Beijing Co-operation Conference held in Beijing (with photos)"
PLENARY = [str(ROOT / ".venv" / "bin" / "plenary")]


def _text() -> str:
    return BEIJING.read_text(encoding="utf-8")


def without_title() -> str:
    """The seed with its headline line removed: the lead paragraph comes first."""
    lines = _text().split("\n")
    assert lines[1] == TITLE
    return "\n".join(lines[:1] + lines[2:])


def without_venue() -> str:
    """The seed with every mention of where the meeting was held removed."""
    text = _text().replace(" held in Beijing (with photos)", " (with photos)")
    return text.replace("Co-operation Conference in Beijing today", "Co-operation Conference today")


def news_story(day: str = "October 25") -> str:
    """The seed retitled as a news story, printing another day."""
    return _text().replace(TITLE, "HK, Beijing deepen co-operation").replace("today (October 24)", f"today ({day})")


def parsed(text: str, uri: str, url: str | None):
    return parse_document(text.encode("utf-8"), Source(uri=uri, url=url))


def official():
    return parsed(_text(), str(BEIJING), BEIJING_URL)


def beijing(con) -> dict:
    cursor = con.execute("SELECT * FROM meetings WHERE meeting_id = 'beijing-4'")
    return dict(zip([d[0] for d in cursor.description], cursor.fetchone()))


def attendees(con) -> list[tuple]:
    return con.execute("SELECT person, office, side, role FROM attendees WHERE meeting_id = 'beijing-4' ORDER BY ALL").fetchall()


def sources(con) -> dict[str, tuple]:
    return {rid: tuple(rest) for rid, *rest in con.execute(
        "SELECT release_id, source_kind, precedence, is_primary, fields_supplied FROM meeting_sources WHERE meeting_id = 'beijing-4'"
    ).fetchall()}


def test_source_kinds_follow_the_release_id_and_address():
    assert source_kind("P2018102400619", None) == OFFICIAL
    assert source_kind("Tabc", "https://www.info.gov.hk/gia/general/201810/24/x.htm") == OFFICIAL
    assert source_kind("Tabc", None) == FILE
    assert source_kind("Tabc", NEWS_URL) == SECONDARY
    assert source_kind("Tabc", "https://evil.example/www.info.gov.hk/") == SECONDARY
    assert source_kind("Tabc", "https://notinfo.gov.hk/x") == SECONDARY


def test_a_lower_source_never_overwrites_and_a_more_complete_one_fills_in():
    best = parsed(without_venue(), "a.txt", BEIJING_URL).to_dict()
    copy = parsed(_text(), "copy.txt", None).to_dict()
    copy["meeting"]["hk_leader"] = "Mr Somebody Else"
    merged = merge("beijing-4", [MeetingSource("Tcopy", 1, None, "en", copy),
                                 MeetingSource("P2018102400619", 1, BEIJING_URL, "en", best)])
    assert merged.primary.release_id == "P2018102400619"
    assert merged.row["release_id"] == "P2018102400619"
    assert merged.row["hk_leader"] == "Mrs Carrie Lam"  # the official release's, though the copy gives another
    assert merged.row["venue"] == "Beijing"  # the official release gives none: the copy fills it
    assert merged.fields_supplied("Tcopy") == ["venue"]
    assert "venue" not in merged.fields_supplied("P2018102400619")


@pytest.mark.parametrize("copy_first", [True, False], ids=["copy-first", "seed-first"])
def test_a_file_copy_and_a_news_story_never_degrade_the_official_release(warehouse_path, copy_first):
    seed = official()
    copy = parsed(without_venue().replace("Mrs Carrie Lam", "Mrs Lam"), "/elsewhere/copy.txt", None)
    story = parsed(news_story(), "story.html", NEWS_URL)
    batches = [[copy, story], [seed]] if copy_first else [[seed], [copy, story]]
    with open_writer(warehouse_path) as con:
        for n, batch in enumerate(batches):
            load_batch(con, f"run-{n}", batch)
        meeting = beijing(con)
        assert (meeting["release_id"], meeting["venue"], meeting["hk_leader"], meeting["counterpart_leader"],
                str(meeting["meeting_date"])) == ("P2018102400619", "Beijing", "Mrs Carrie Lam", "Mr Chen Jining", "2018-10-24")
        assert attendees(con) == sorted((a.person, a.office, a.side, a.role) for a in seed.attendees)
        assert con.execute("SELECT count(*) FROM cooperation_areas WHERE meeting_id = 'beijing-4'").fetchone()[0] == len(seed.areas)
        found = sources(con)
        assert set(found) == {"P2018102400619", copy.release.release_id, story.release.release_id}
        assert found["P2018102400619"][:3] == ("official", 1, True)
        assert found[copy.release.release_id][:3] == ("file", 2, False)
        assert found[story.release.release_id][:3] == ("secondary", 3, False)
        assert found[copy.release.release_id][3] == [] and found[story.release.release_id][3] == []
        # the news story prints another day: a warning naming both values, in the run that brought them together
        keys = con.execute("SELECT failing_keys FROM dq_results WHERE check_name = 'sources_agree_on_meeting_date' "
                           "AND run_id = 'run-1'").fetchone()[0]
        assert keys == [f"beijing-4: meeting_date 2018-10-24 (P2018102400619) vs 2018-10-25 ({story.release.release_id})"]
        leaders = con.execute("SELECT success FROM dq_results WHERE check_name = 'sources_agree_on_leaders' AND run_id = 'run-1'"
                              ).fetchone()
        assert leaders == (True,)  # "Mrs Lam" is a shorter form of "Mrs Carrie Lam", not another leader
        change = con.execute("SELECT change, sources, summary FROM meeting_changes WHERE run_id = 'run-1'").fetchone()
    assert change[0] == "updated" and change[1] == 3
    assert change[2].startswith("beijing-4: 3 sources (added ")
    assert "from P2018102400619 (official)" in change[2]


def test_a_more_complete_lower_source_fills_what_the_official_release_lacks(warehouse_path):
    seed = parsed(without_venue(), str(BEIJING), BEIJING_URL)
    copy = parsed(_text(), "/elsewhere/copy.txt", None)
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [seed])
        assert beijing(con)["venue"] is None
        load_batch(con, "run-1", [copy])
        meeting = beijing(con)
        assert (meeting["venue"], meeting["release_id"], meeting["hk_leader"]) == ("Beijing", "P2018102400619", "Mrs Carrie Lam")
        assert sources(con)[copy.release.release_id][3] == ["venue"]
        change = con.execute("SELECT fields_changed, summary FROM meeting_changes WHERE run_id = 'run-1'").fetchone()
    assert change[0] == ["venue"]
    assert f"venue from {copy.release.release_id} (file)" in change[1] and "changed: venue" in change[1]


def test_a_source_revised_into_another_meeting_leaves_the_first_one(warehouse_path):
    seed = official()
    renumbered = parsed(_text().replace("Fourth Plenary", "Fifth Plenary"), str(BEIJING), BEIJING_URL)
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [seed])
        load_batch(con, "run-1", [renumbered])  # the same release id, edited: a new revision
        assert [m for (m,) in con.execute("SELECT meeting_id FROM meetings").fetchall()] == ["beijing-5"]
        assert con.execute("SELECT meeting_id FROM meeting_sources").fetchall() == [("beijing-5",)]
        changes = dict(con.execute("SELECT meeting_id, change FROM meeting_changes WHERE run_id = 'run-1'").fetchall())
    assert changes == {"beijing-4": "removed", "beijing-5": "new"}


def test_force_parses_unchanged_bytes_again_and_a_new_parser_version_makes_a_revision(warehouse_path):
    seed = official()
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [seed])
        assert load_batch(con, "run-1", [official()]).unchanged == ["P2018102400619"]
        forced = load_batch(con, "run-2", [official()], force=True)
        assert forced.unchanged == ["P2018102400619"] and forced.changes == []  # same records: nothing to change
        newer = official()
        newer.release.parser_version = "999.0.0"
        assert load_batch(con, "run-3", [newer]).loaded == ["P2018102400619"]
        assert con.execute("SELECT revision, parser_version FROM releases").fetchone() == (2, "999.0.0")
        assert con.execute("SELECT count(*) FROM release_revisions").fetchone() == (2,)


def _write_folder(folder: Path, files: dict[str, str], urls: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,source_url\n" + "".join(f"{n},{u}\n" for n, u in urls.items()))
    return folder


def _plenary(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*PLENARY, *args], capture_output=True, text=True, timeout=600, cwd=ROOT)


@pytest.mark.slow  # runs `plenary ingest` three times (a temporary Prefect server each)
@pytest.mark.parametrize("copy_first", [True, False], ids=["copy-first", "seeds-first"])
def test_the_title_less_copy_is_quarantined_and_beijing_4_keeps_the_official_release(tmp_path, copy_first):
    warehouse = tmp_path / "w.duckdb"
    copies = _write_folder(tmp_path / "copies", {"beijing_copy.txt": without_title()}, {})
    order = [copies, SEEDS] if copy_first else [SEEDS, copies]
    for folder in order:
        result = _plenary("ingest", str(folder), "-w", str(warehouse))
        assert result.returncode == 0, result.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        meeting = beijing(con)
        assert (meeting["release_id"], meeting["venue"], meeting["hk_leader"], meeting["counterpart_leader"]) == (
            "P2018102400619", "Beijing", "Mrs Carrie Lam", "Mr Chen Jining")
        assert ("Mrs Carrie Lam", "Chief Executive", "hksar", "co_chair") in attendees(con)
        assert not any(person == "Mrs Lam" for person, *_ in attendees(con))
        assert list(sources(con)) == ["P2018102400619"]
        reason = con.execute("SELECT reason FROM quarantine_open WHERE source_uri LIKE '%beijing_copy.txt'").fetchone()[0]
    assert "release_has_a_title_of_its_own" in reason
    report = _plenary("report", "-w", str(warehouse))
    assert report.returncode == 0, report.stderr
    assert "beijing_copy.txt" in report.stdout and "release_has_a_title_of_its_own" in report.stdout
    # ingesting the seed again with --force parses it again and changes nothing
    forced = _plenary("ingest", "--force", str(SEEDS), "-w", str(warehouse), "--json")
    assert forced.returncode == 0, forced.stderr
    counts = json.loads(forced.stdout)["counts"]
    assert (counts["parsed"], counts["unchanged"], counts["loaded"]) == (5, 5, 0)


@pytest.mark.slow  # runs `plenary ingest` twice
def test_the_report_and_the_run_say_which_meeting_changed_and_where_its_fields_come_from(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    official_folder = _write_folder(tmp_path / "official", {"beijing.txt": without_venue()}, {"beijing.txt": BEIJING_URL})
    copies = _write_folder(tmp_path / "copies", {"copy.txt": _text()}, {})
    assert _plenary("ingest", str(official_folder), "-w", str(warehouse)).returncode == 0
    result = _plenary("ingest", str(copies), "-w", str(warehouse))
    assert result.returncode == 0, result.stderr
    assert "meeting updated: beijing-4: 2 sources" in result.stdout
    report = _plenary("report", "-w", str(warehouse), "--html", str(tmp_path / "report.html"))
    assert report.returncode == 0, report.stderr
    assert "meetings changed" in report.stdout and "updated" in report.stdout.split("meetings changed")[1]
    page = (tmp_path / "report.html").read_text()
    assert "beijing-4: 2 sources" in page and "venue from T" in page  # the terminal's table wraps the line


@pytest.mark.slow  # the real web flows (temporary Prefect server) against a loopback HTTP server
def test_stored_web_bodies_are_processed_again_by_force_and_by_reprocess(loopback_site, warehouse_path, tmp_path,
                                                                        monkeypatch):
    from flows.reprocess import reprocess_flow as reprocess
    from flows.ingest_web import ingest_web_flow as ingest_web
    from tests.support.fake_site import fixture_pages

    for key, value in {"PLENARY_ALLOWED_HOSTS": "127.0.0.1", "PLENARY_FETCH_DELAY": "0"}.items():
        monkeypatch.setenv(key, value)
    page = next(p for p in fixture_pages() if p.file.startswith("002"))
    url = loopback_site.add(page.path, page.body)
    reports = str(tmp_path / "r")
    assert ingest_web(urls=[url], warehouse=str(warehouse_path), reports_dir=reports)["counts"]["loaded"] == 1
    again = ingest_web(urls=[url], warehouse=str(warehouse_path), reports_dir=reports)["counts"]
    assert (again["parsed"], again["unchanged"]) == (0, 1)
    forced = ingest_web(urls=[url], warehouse=str(warehouse_path), reports_dir=reports, force=True)["counts"]
    assert (forced["parsed"], forced["unchanged"], forced["loaded"]) == (1, 1, 0)  # parsed again: the same records

    fetched = len(loopback_site.requests)
    assert reprocess(warehouse=str(warehouse_path), reports_dir=reports)["counts"]["parsed"] == 0  # all current
    with duckdb.connect(str(warehouse_path)) as con:  # as if an older parser had processed the stored body
        con.execute("UPDATE raw_documents SET pipeline_version = '0.9.0+checks-000000000000'")
        con.execute("UPDATE releases SET parser_version = '0.9.0'")
    redone = reprocess(warehouse=str(warehouse_path), reports_dir=reports)["counts"]
    assert (redone["read"], redone["parsed"], redone["loaded"]) == (1, 1, 1)  # a new revision by this parser
    assert len(loopback_site.requests) == fetched  # nothing fetched
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        assert con.execute("SELECT revision, parser_version FROM releases").fetchone() == (2, PARSER_VERSION)
        assert con.execute("SELECT DISTINCT pipeline_version FROM raw_documents").fetchall() == [(PIPELINE_VERSION,)]
        assert beijing(con)["release_id"] == "P2018102400619"


def test_upgrading_a_warehouse_rebuilds_a_meeting_a_lower_source_had_replaced(tmp_path):
    """Before migration 008 the newest release of a meeting replaced its rows: a news story loaded after the
    official release took beijing-4 over. The upgrade records both as sources and rebuilds the meeting."""
    import pathlib

    from warehouse.connection import migrate

    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
    for path in sorted(pathlib.Path(ROOT / "warehouse" / "migrations").glob("00[1-7]_*.sql")):
        con.execute(path.read_text())
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [int(path.name[:3]), path.name])
    story = parsed(news_story("October 24").replace("Mrs Carrie Lam", "Mrs Lam"), "story.html", NEWS_URL)
    for p in (official(), story):  # what the old writer left: both releases, the meeting from the newer
        con.execute("INSERT INTO releases VALUES (?, 1, ?, ?, ?, 'en', NULL, NULL, ?, true, NULL, '1.0.0', now(), now())",
                    [p.release.release_id, p.release.title, p.release.source_uri, p.release.source_url, p.release.content_sha256])
        con.execute("INSERT INTO release_revisions VALUES (?, 1, ?, ?, ?, '1.0.0', now(), 'run-old', ?)",
                    [p.release.release_id, p.release.content_sha256, p.release.title, p.release.source_uri,
                     json.dumps(p.to_dict())])
    m = story.meeting
    con.execute("INSERT INTO meetings VALUES ('beijing-4', ?, 'Beijing', 4, false, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                [m.conference, m.meeting_date, m.venue, m.hk_leader, m.counterpart_leader, m.counterpart_leader_office,
                 m.stated_area_count, m.area_count, story.release.release_id])
    assert beijing(con)["hk_leader"] == "Mrs Lam"
    assert migrate(con)[:2] == ["008_meeting_sources.sql", "009_two_languages.sql"]  # and any later ones
    meeting = beijing(con)
    assert (meeting["release_id"], meeting["hk_leader"]) == ("P2018102400619", "Mrs Carrie Lam")
    assert {rid: row[2] for rid, row in sources(con).items()} == {"P2018102400619": True, story.release.release_id: False}
    assert attendees(con) == sorted((a.person, a.office, a.side, a.role) for a in official().attendees)
    con.close()


def test_the_same_bytes_at_another_address_are_a_new_revision_and_another_kind_of_source(warehouse_path):
    copy = parsed(_text().replace(TITLE, "HK, Beijing deepen co-operation"), "/elsewhere/copy.txt", None)
    reposted = parsed(_text().replace(TITLE, "HK, Beijing deepen co-operation"), "/elsewhere/copy.txt", NEWS_URL)
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [copy])
        assert load_batch(con, "run-1", [reposted]).loaded == [copy.release.release_id]
        assert sources(con)[copy.release.release_id][:2] == ("secondary", 3)
