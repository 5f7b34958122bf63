"""People in the load's transaction: a Chinese co-chair's name joins the person, an ambiguous name is a warning in
dq_results and no person, and a warehouse made before `people` gets its people when it is next opened."""
from __future__ import annotations

import json

from tests.warehouse.bilingual_records import EN_ATTENDEES, chinese, english
from tests.warehouse.test_people import _ingest
from warehouse import load_batch, open_reader, open_writer


def test_the_chinese_names_of_the_co_chairs_join_their_people(warehouse_path):
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-1", [english(), chinese()])
    with open_reader(warehouse_path) as con:
        people = dict(con.execute("SELECT person_id, name_zh FROM people").fetchall())
        offices = con.execute("SELECT person_id, office_canonical FROM attendees ORDER BY person_id").fetchall()
    assert people == {"p-john-lee": "李家超", "p-wang-hao": "王浩",
                      "p-chan-kwok-ki": None, "p-erick-tsang-kwok-wai": None}  # delegates are aligned by order only
    assert offices == [("p-chan-kwok-ki", "Chief Secretary for Administration"),
                       ("p-erick-tsang-kwok-wai", "Secretary for Constitutional and Mainland Affairs"),
                       ("p-john-lee", "Chief Executive of the HKSAR"), ("p-wang-hao", "Party Secretary of Zhejiang")]


def test_people_known_only_in_chinese_get_provisional_ids_and_canonical_offices(warehouse_path):
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-1", [chinese()])
    with open_reader(warehouse_path) as con:
        rows = con.execute("SELECT a.person_zh, a.office_canonical, p.name, p.name_zh, a.person_id LIKE 'p-zh-%' "
                           "FROM attendees a JOIN people p USING (person_id) ORDER BY a.side, a.role, a.person_zh").fetchall()
    assert rows == [("李家超", "Chief Executive of the HKSAR", None, "李家超", True),
                    ("曾國衞", None, None, "曾國衞", True), ("陳國基", "Chief Secretary for Administration", None, "陳國基", True),
                    ("王浩", "Party Secretary of Zhejiang", None, "王浩", True)]
    with open_writer(warehouse_path) as con:  # the English release of the meeting: the co-chairs' ids become theirs
        load_batch(con, "run-2", [english()])
    with open_reader(warehouse_path) as con:
        ids = con.execute("SELECT person_id FROM people ORDER BY person_id").fetchall()
    assert [i for (i,) in ids if not i.startswith("p-zh-")] == ["p-chan-kwok-ki", "p-erick-tsang-kwok-wai", "p-john-lee", "p-wang-hao"]


def test_an_ambiguous_name_gets_no_person_and_a_warning(warehouse_path):
    attendees = EN_ATTENDEES + [("Mr Paul Chan", "Financial Secretary", "hksar", "delegation"),
                                ("Mr Chan", None, "hksar", "signatory")]
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-1", [english(attendees=attendees)])
    with open_reader(warehouse_path) as con:
        row = con.execute("SELECT person_id, person_resolution FROM attendees WHERE person = 'Mr Chan'").fetchone()
        warning = con.execute("SELECT table_name, severity, success, failing_keys, observed_value FROM dq_results "
                              "WHERE check_name = 'people_resolved'").fetchone()
    assert row == (None, "ambiguous: Chan Kwok-ki or Paul Chan")
    assert warning[:4] == ("attendees", "warning", False, ["zhejiang-1: Mr Chan (ambiguous: Chan Kwok-ki or Paul Chan)"])
    assert json.loads(warning[4]) == {"ambiguous": warning[3]}


def test_a_warehouse_made_before_people_gets_them_when_next_opened(warehouse_path):
    _ingest(warehouse_path)
    with open_writer(warehouse_path) as con:  # the warehouse as migrations 001-013 left it
        con.execute("DROP VIEW person_offices")
        con.execute("DROP VIEW attendance_by_person")
        con.execute("DROP TABLE people")
        for column in ("person_id", "office_canonical", "person_resolution"):
            con.execute(f"ALTER TABLE attendees DROP COLUMN {column}")
        con.execute("DELETE FROM schema_migrations WHERE version = 14")
    with open_writer(warehouse_path):
        pass
    with open_reader(warehouse_path) as con:
        unresolved = con.execute("SELECT count(*) FROM attendees WHERE person_id IS NULL").fetchone()[0]
        top = con.execute("SELECT person_id, meetings FROM attendance_by_person ORDER BY meetings DESC, person_id LIMIT 1").fetchone()
    assert unresolved == 0 and top == ("p-carrie-lam", 4)
