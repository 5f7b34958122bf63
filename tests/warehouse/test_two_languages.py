"""One meeting, two languages (issue 15, deliverable 3): a Chinese release and the English release of one plenary
are two sources of one meeting; English columns from the English, `*_zh` columns from the Chinese, the neutral
ones by precedence; the Chinese source paired with its English twin whichever order they arrive in."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from warehouse import load_batch, open_writer

from tests.warehouse.bilingual_records import (CONFERENCE, EN_ID, ISSUED, ZH_AREAS, ZH_ATTENDEES, ZH_ID, chinese,
                                               english)

SNAPSHOT_TABLES = ("meetings", "cooperation_areas", "attendees", "agreements", "meeting_sources", "releases",
                   "release_revisions")


def row(con, query: str, *params) -> dict:
    cursor = con.execute(query, list(params))
    return dict(zip([d[0] for d in cursor.description], cursor.fetchone()))


def meeting(con) -> dict:
    return row(con, "SELECT * FROM meetings WHERE meeting_id = 'zhejiang-1'")


def pairing(con, release_id=ZH_ID) -> tuple:
    return con.execute("SELECT paired_release_id, pairing, pairing_note FROM meeting_sources WHERE release_id = ?",
                       [release_id]).fetchone()


def snapshot(con) -> dict:
    """Every row of the tables a load writes (but the time a release was last seen)."""
    snap = {}
    for table in SNAPSHOT_TABLES:
        query = "SELECT * EXCLUDE (last_seen_at) FROM releases" if table == "releases" else f"SELECT * FROM {table}"
        snap[table] = sorted(map(repr, con.execute(query).fetchall()))
    return snap


ORDERS = {"one-batch": [["en", "zh"]], "english-first": [["en"], ["zh"]], "chinese-first": [["zh"], ["en"]]}


@pytest.mark.parametrize("order", ORDERS)
def test_both_languages_fill_one_meeting_whichever_order_they_arrive_in(warehouse_path, order):
    make = {"en": english, "zh": chinese}
    with open_writer(warehouse_path) as con:
        for n, batch in enumerate(ORDERS[order]):
            load_batch(con, f"run-{n}", [make[language]() for language in batch])
        m = meeting(con)
        assert (m["conference"], m["hk_leader"], m["counterpart_leader"], m["venue"]) == (
            CONFERENCE, "Mr John Lee", "Mr Wang Hao", "Hangzhou")
        assert (m["conference_zh"], m["hk_leader_zh"], m["counterpart_leader_zh"], m["counterpart_leader_office_zh"],
                m["venue_zh"]) == ("浙港高層會晤暨浙港合作會議", "李家超", "王浩", "浙江省委書記", "杭州")
        assert (m["release_id"], m["area_count"], m["meeting_date"]) == (EN_ID, 3, date(2025, 4, 24))  # English first in a tie
        areas = con.execute("SELECT heading, heading_zh, text_zh, category FROM cooperation_areas ORDER BY area_no").fetchall()
        assert [(h, t) for _, h, t, _ in areas] == [(h, t) for h, _, t in ZH_AREAS]
        assert areas[0][0] == "Joint pursuit of the Belt and Road development"
        people = con.execute("SELECT person, person_zh, office_zh FROM attendees ORDER BY side, role, person").fetchall()
        assert ("Mr Chan Kwok-ki", "陳國基", "政務司司長") in people and ("Mr Wang Hao", "王浩", "浙江省委書記") in people
        assert con.execute("SELECT title, title_zh FROM agreements ORDER BY agreement_no").fetchall()[1] == (
            "Memorandum on Youth Development", "青年發展合作備忘錄")
        assert pairing(con) == (EN_ID, "folder_and_issue_time", "the one English release of 202504/24 issued at 21:30")
        assert pairing(con, EN_ID) == (None, None, None)  # pairing is the Chinese source's
        languages = dict(con.execute("SELECT release_id, language FROM meeting_sources").fetchall())
        assert languages == {EN_ID: "en", ZH_ID: "zh"}
        leaders = con.execute("SELECT bool_and(success) FROM dq_results WHERE check_name = 'sources_agree_on_leaders'").fetchone()
        assert leaders == (True,)  # 李家超 and Mr John Lee are not compared


def test_loading_again_changes_nothing_and_an_edited_chinese_release_is_a_new_revision(warehouse_path):
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [english(), chinese()])
        before = snapshot(con)
        again = load_batch(con, "run-1", [english(), chinese()])
        assert again.loaded == [] and sorted(again.unchanged) == sorted([EN_ID, ZH_ID])
        assert snapshot(con) == before
        assert con.execute("SELECT count(*) FROM dq_results WHERE run_id = 'run-1'").fetchone() == (0,)
        edited = chinese(hk_leader="李家超先生", areas=ZH_AREAS[:2])
        assert load_batch(con, "run-2", [edited]).loaded == [ZH_ID]
        assert con.execute("SELECT revision FROM releases WHERE release_id = ?", [ZH_ID]).fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM release_revisions WHERE release_id = ?", [ZH_ID]).fetchone() == (2,)
        m = meeting(con)
        assert (m["hk_leader_zh"], m["hk_leader"]) == ("李家超先生", "Mr John Lee")
        # two Chinese areas against three English ones: not aligned, and the English rows stay whole
        assert con.execute("SELECT count(*), count(heading_zh), count(heading) FROM cooperation_areas").fetchone() == (3, 0, 3)
        assert pairing(con)[1] == "folder_and_issue_time"  # the pairing is recorded again on the new revision
        change = con.execute("SELECT fields_changed FROM meeting_changes WHERE run_id = 'run-2'").fetchone()[0]
        assert "hk_leader_zh" in change and "areas" in change


def test_attendees_align_within_side_and_role_only_where_the_counts_agree(warehouse_path):
    fewer = [a for a in ZH_ATTENDEES if a[0] != "曾國衞"]  # one delegate fewer in Chinese
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [english(), chinese(attendees=fewer)])
        rows = dict(con.execute("SELECT person, person_zh FROM attendees").fetchall())
    assert rows == {"Mr John Lee": "李家超", "Mr Wang Hao": "王浩", "Mr Chan Kwok-ki": None, "Mr Erick Tsang Kwok-wai": None}


def test_a_meeting_known_only_in_chinese_gets_its_rows_with_no_chinese_text_in_english_columns(warehouse_path):
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [chinese()])
        m = meeting(con)
        assert (m["conference"], m["counterpart"], m["venue"], m["meeting_date"]) == (
            CONFERENCE, "Zhejiang", "Hangzhou", date(2025, 4, 24))  # canonical English names, neutral facts
        assert (m["hk_leader"], m["counterpart_leader"], m["counterpart_leader_office"]) == (None, None, None)
        assert (m["hk_leader_zh"], m["area_count"]) == ("李家超", 3)
        assert con.execute("SELECT heading, text, heading_zh, category FROM cooperation_areas WHERE area_no = 2").fetchone() == (
            None, None, "金融", "finance")
        assert con.execute("SELECT count(*), count(person), count(person_zh) FROM attendees").fetchone() == (4, 0, 4)
        assert con.execute("SELECT count(*), count(title), count(title_zh) FROM agreements").fetchone() == (2, 0, 2)
        paired, how, note = pairing(con)
        assert (paired, how) == (None, "unpaired")
        assert note == ("no page link between the languages; no English release of 202504/24 issued at 21:30; "
                        "no English release of Zhejiang plenary 1")
        load_batch(con, "run-1", [english(issued_at=ISSUED + timedelta(minutes=2))])  # the twin arrives later
        assert pairing(con)[:2] == (EN_ID, "counterpart_plenary_date")
        assert meeting(con)["hk_leader"] == "Mr John Lee"
        assert con.execute("SELECT count(*), count(person), count(person_zh) FROM attendees").fetchone() == (4, 4, 4)


def test_a_chinese_release_supplies_neutral_facts_no_better_source_gave_and_never_degrades_one(warehouse_path):
    story = english(release_id="Tstory", source_url="https://news.example.com/zhejiang.html", meeting_date=None,
                    venue=None, issued_at=None)
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [story, chinese(meeting_date=date(2025, 4, 23))])
        m = meeting(con)  # the official Chinese release outranks an English news story for the neutral facts
        assert (m["meeting_date"], m["venue"], m["hk_leader"], m["release_id"]) == (date(2025, 4, 23), "Hangzhou", "Mr John Lee", ZH_ID)
        supplied = dict(con.execute("SELECT release_id, fields_supplied FROM meeting_sources").fetchall())
        assert {"meeting_date", "venue", "hk_leader_zh"} <= set(supplied[ZH_ID]) and "hk_leader" in supplied["Tstory"]
        load_batch(con, "run-1", [english()])  # the English official release: as good, and English first in a tie
        zh_story = chinese(release_id="Tzh", source_url="https://news.example.cn/zj.html", meeting_date=date(2025, 4, 25),
                           hk_leader="李家超 (story)")
        load_batch(con, "run-2", [zh_story])
        m = meeting(con)
        assert (m["meeting_date"], m["hk_leader_zh"], m["release_id"]) == (date(2025, 4, 24), "李家超", EN_ID)
        assert pairing(con, "Tzh")[1:] == ("unpaired", "no page link between the languages; no date folder; the English "
                                                        "releases of Zhejiang plenary 1 date it 2025-04-24, not 2025-04-25")


def test_the_pages_own_link_is_stored_and_pairs_across_batches(warehouse_path):
    link = f"https://www.info.gov.hk/gia/general/202504/24/{EN_ID}.htm"
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [chinese(other_language_url=link, issued_at=ISSUED + timedelta(minutes=4))])
        assert con.execute("SELECT other_language_url FROM releases WHERE release_id = ?", [ZH_ID]).fetchone() == (link,)
        load_batch(con, "run-1", [english(meeting_date=None)])  # no date: only the link can pair them
        assert pairing(con) == (EN_ID, "page_link", f"its page links to {EN_ID}")


def test_a_later_english_release_at_the_same_minute_makes_the_folder_and_time_ambiguous(warehouse_path):
    other = english(release_id="P2025042400480", source_url="https://www.info.gov.hk/gia/general/202504/24/P2025042400480.htm",
                    counterpart="Fujian", plenary_number=5, title="Another release issued at 21:30")
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-0", [english(), chinese()])
        assert pairing(con)[1] == "folder_and_issue_time"
        load_batch(con, "run-1", [other])  # another meeting's release: the Chinese one is paired again, by its meeting
        assert pairing(con) == (EN_ID, "counterpart_plenary_date", "the best English source of Zhejiang plenary 1, "
                                                                   "held on 2025-04-24")
        load_batch(con, "run-2", [english(plenary_number=2, title="edited")])  # its twin revised into another meeting
        paired, how, note = pairing(con)
        assert (paired, how) == (None, "unpaired") and note.endswith("no English release of Zhejiang plenary 1")
