"""People: one person however the name is printed, never two people merged on a shared surname, offices in one
spelling; in the seeds' warehouse, one person_id for each person (written down by reading the seed releases)."""
from __future__ import annotations

import duckdb
import pytest

from flows.collect.files import discover_files, read_documents
from flows.pipeline import parse_documents
from tests.support.paths import SEEDS
from warehouse import load_batch, open_writer
from warehouse.offices import canonical_office, canonical_office_zh
from warehouse.person_names import chinese_key, printed_name, same_name, variant_of
from warehouse.person_registry import AttendeeRow, Registry


def _name(text: str):
    name = printed_name(text)
    assert name is not None
    return name


@pytest.mark.parametrize("printed, honorific, name", [
    ("Mrs Carrie Lam", "Mrs", "Carrie Lam"),
    ("Chief Executive Mrs Carrie Lam", "Mrs", "Carrie Lam"),
    ("Mr Matthew Cheung Kin-chung, GBS, JP", "Mr", "Matthew Cheung Kin-chung"),
    ("Professor Sophia Chan", "Professor", "Sophia Chan"),
    ("Dr. Law Chi-kwong", "Dr", "Law Chi-kwong"),
    ("Tung Chee-hwa", None, "Tung Chee-hwa"),
])
def test_a_printed_name_splits_into_honorific_and_name(printed, honorific, name):
    found = _name(printed)
    assert (found.honorific, found.name) == (honorific, name)


@pytest.mark.parametrize("a, b", [
    ("Mrs Carrie Lam", "Carrie Lam"),
    ("Mr Zhang Xiaoming", "Mr Xiaoming Zhang"),     # given name after the surname, or before it
    ("Mr Chan Kwok-ki", "Mr Chan Kwok Ki"),         # a hyphenated given name, or two words
    ("Mr Huang Huahua", "Mr Huang Hua Hua"),        # one word, or two
    ("Mr Nicholas W Yang", "Mr Nicholas Yang"),     # an initial printed once
    ("Mr C Y Leung", "Mr CY Leung"),
])
def test_printings_of_one_name_are_the_same_name(a, b):
    assert same_name(_name(a), _name(b))


@pytest.mark.parametrize("a, b", [
    ("Mr Matthew Cheung", "Mr Matthew Cheung Kin-chung"),
    ("Mr John Lee", "Mr John Lee Ka-chiu"),
    ("Mr C Y Leung", "Mr Leung Chun-ying"),         # initials of the given names
])
def test_a_shorter_or_longer_printing_is_a_variant(a, b):
    assert not same_name(_name(a), _name(b)) and variant_of(_name(a), _name(b))


@pytest.mark.parametrize("a, b", [
    ("Mr Paul Chan", "Professor Sophia Chan"),      # a shared surname
    ("Mr Paul Chan", "Mr Frank Chan Fan"),
    ("Mr John K Lee", "Mr John T Lee"),             # other initials
    ("Mr C Y Leung", "Mr Leung Chun-wah"),
    ("Mrs Lam", "Mrs Carrie Lam"),                  # a surname alone is never a variant across meetings
])
def test_different_people_are_neither_the_same_name_nor_variants(a, b):
    assert not same_name(_name(a), _name(b)) and not variant_of(_name(a), _name(b))


def _rows(meeting_id: str, *people: tuple[str | None, str | None, str, str]) -> list[AttendeeRow]:
    return [AttendeeRow(hash((meeting_id, i)), meeting_id, person, zh, side, role) for i, (person, zh, side, role) in enumerate(people)]


def test_the_four_printings_of_the_issue_are_one_person():
    registry = Registry()
    found = registry.resolve_meeting(_rows("guangdong-20", ("Chief Executive Mrs Carrie Lam", None, "hksar", "co_chair"),
                                           ("Mrs Lam", None, "hksar", "signatory")))
    found += registry.resolve_meeting(_rows("sichuan-1", ("Carrie Lam", None, "hksar", "co_chair")))
    found += registry.resolve_meeting(_rows("shanghai-4", ("Mrs Carrie Lam", None, "hksar", "co_chair")))
    assert [(r.person.person_id, r.how) for _, r in found] == [
        ("p-carrie-lam", "new"), ("p-carrie-lam", "surname_in_meeting"), ("p-carrie-lam", "name"), ("p-carrie-lam", "name")]
    assert registry.people[0].aliases == ["Carrie Lam"]


def test_a_surname_alone_is_no_one_where_two_people_or_none_have_it():
    registry = Registry()
    two = registry.resolve_meeting(_rows("beijing-4", ("Mr Paul Chan", None, "hksar", "delegation"),
                                         ("Mr Frank Chan Fan", None, "hksar", "delegation"), ("Mr Chan", None, "hksar", "signatory")))
    none = registry.resolve_meeting(_rows("shanghai-4", ("Mr Chan", None, "hksar", "signatory")))
    assert two[2][1].person is None and two[2][1].how == "ambiguous: Paul Chan or Frank Chan Fan"
    assert none[0][1].person is None and none[0][1].how.startswith("ambiguous: a surname alone")
    assert {p.person_id for p in registry.people} == {"p-paul-chan", "p-frank-chan-fan"}


def test_a_short_printing_that_fits_two_people_is_ambiguous():
    registry = Registry()
    registry.resolve_meeting(_rows("a-1", ("Mr John Lee Ka-chiu", None, "hksar", "co_chair"),
                                   ("Mr John Lee Kin-man", None, "hksar", "delegation")))
    (_, found), = registry.resolve_meeting(_rows("a-2", ("Mr John Lee", None, "hksar", "co_chair")))
    assert found.person is None and found.how == "ambiguous: John Lee Ka-chiu or John Lee Kin-man"


def test_a_co_chairs_chinese_name_joins_the_person_and_a_provisional_person_merges_into_them():
    registry = Registry()
    (_, zh_only), = [(row, registry.resolve_chinese(row.person_zh)) for row in _rows("beijing-4", (None, "林郑月娥", "hksar", "co_chair"))]
    assert zh_only.person.person_id.startswith("p-zh-") and zh_only.how == "new"
    (_, english), = registry.resolve_meeting(_rows("shanghai-4", ("Mrs Carrie Lam", "林鄭月娥", "hksar", "co_chair")))
    assert english.person.name_zh == "林鄭月娥" and zh_only.person.merged_into == "p-carrie-lam"
    assert registry.resolve_chinese("林郑月娥").person.person_id == "p-carrie-lam"  # Simplified or Traditional


def test_a_delegates_chinese_name_aligned_by_order_is_not_taken_and_two_chinese_names_are_none():
    registry = Registry()
    registry.resolve_meeting(_rows("g-15", ("Mr Zhu Xiaodan", "朱小丹", "mainland", "co_chair"),
                                   ("Mr Paul Chan", "林鄭月娥", "hksar", "delegation"), ("Mr Frank Chan", "陳帆", "hksar", "delegation")))
    registry.resolve_meeting(_rows("g-16", ("Mr Zhu Xiaodan", "王榮", "mainland", "co_chair")))
    people = {p.person_id: p for p in registry.people}
    assert people["p-paul-chan"].aliases_zh == []
    zhu = people["p-zhu-xiaodan"]
    assert (zhu.aliases_zh, zhu.name_zh) == (["朱小丹", "王榮"], None)  # which is his, the releases do not agree
    assert registry.conflicts == ["p-zhu-xiaodan: Chinese names disagree (朱小丹, 王榮); name_zh left null"]
    for name in ("王榮", "朱小丹"):  # a disputed name finds no one: a provisional person
        assert registry.resolve_chinese(name).person.person_id.startswith("p-zh-")


def _one_by_one(*meetings: tuple) -> list[tuple[str | None, str]]:
    """Each meeting (a list of (printed name, side)) resolved in turn: (person id or None, how) per row."""
    registry, found = Registry(), []
    for n, people in enumerate(meetings):
        rows = _rows(f"m-{n}", *[(name, None, side, "delegation") for name, side in people])
        found += [(r.person.person_id if r.person else None, r.how) for _, r in registry.resolve_meeting(rows)]
    return found


@pytest.mark.parametrize("first, second", [
    ("Mr Edward Yau Tang-wah", "Mr Tang Wah"),      # given-name syllables are not a name
    ("Mr Chan Ho-wah", "Mr Ho Wah"),
    ("Mr Wang Yang Ming", "Mr Wang Ming"),          # not a run of the other's words
    ("Mr Leung Chun-ying", "Mr Leung Chun-yan"),
    ("Mr Li Wei", "Ms Li Wei"),                     # honorifics of the two sexes
    ("Mr Chan Hon Wah", "Mr Wah"),
])
def test_names_that_share_words_are_not_one_person(first, second):
    found = _one_by_one([(first, "hksar")], [(second, "hksar")])
    assert found[0][0] != found[1][0]


def test_initials_match_the_given_names_of_the_printing_that_carries_them():
    found = _one_by_one([("Mr Leung Chun-ying", "hksar")], [("Mr CY Leung", "hksar")], [("Mr Leung Chun-yan", "hksar")])
    assert found[1] == ("p-leung-chun-ying", "variant") and found[2] == ("p-leung-chun-yan", "new")


def test_a_surname_alone_is_a_surname_of_its_own_side_only():
    found = _one_by_one([("Mr Edward Yau Tang-wah", "hksar"), ("Mr Tang", "hksar")],
                        [("Mrs Carrie Lam Cheng Yuet-ngor", "hksar"), ("Mrs Lam", "hksar")],
                        [("Mr Zhu Xiaodan", "mainland"), ("Mr Zhu", "hksar")])
    assert found[1] == (None, "ambiguous: a surname alone, no full name beside it")  # Tang is a given name there
    assert found[3] == ("p-carrie-lam-cheng-yuet-ngor", "surname_in_meeting")         # Lam is a surname there
    assert found[5][0] is None                                                          # the other side's Zhu


@pytest.mark.parametrize("printed, honorific, name", [
    ("Mr Chan Hon Wah", "Mr", "Chan Hon Wah"),                       # "Hon" inside a name is a name
    ("Dr the Honourable Leung Chun-ying", "Dr", "Leung Chun-ying"),
    ("Mr John Lee Ka-chiu, GBM, SBS, PDSM, PMSM", "Mr", "John Lee Ka-chiu"),
    ("Mr MA Xingrui", "Mr", "MA Xingrui"),                           # capitals with a vowel: a word, not initials
])
def test_honorifics_and_post_nominals_are_read_only_where_they_stand(printed, honorific, name):
    found = _name(printed)
    assert (found.honorific, found.name) == (honorific, name)
    assert same_name(_name("Mr Ma Xingrui"), _name("Mr MA Xingrui"))


@pytest.mark.parametrize("printed, canonical", [
    ("Chief Executive", "Chief Executive of the HKSAR"),
    ("Chief Executive of the HKSAR", "Chief Executive of the HKSAR"),
    ("Chief Executive of the Hong Kong Special Administrative Region", "Chief Executive of the HKSAR"),
    ("HKSAR Chief Executive", "Chief Executive of the HKSAR"),
    ("Director of Chief Executive's Office", "Director of the Chief Executive's Office"),
    ("Acting Secretary for Commerce and Economic Development", "Acting Secretary for Commerce and Economic Development"),
    ("Governor of Guangdong Province", "Governor of Guangdong"),
    ("Mayor of Beijing Municipal People's Government", "Mayor of Beijing"),
    ("Shanghai Mayor", "Mayor of Shanghai"),
    ("Secretary of the CPC Sichuan Provincial Committee", "Party Secretary of Sichuan"),
    ("Secretary of the Chongqing Municipal Committee of the Communist Party of China", "Party Secretary of Chongqing"),
    ("Vice-Governor of the Guangdong Provincial Government", "Vice-Governor of Guangdong"),
    ("Chief Executive said that he and", None),   # not an office: no canonical form, never a guess
    ("Vice Governor", None),
    ("Mayor of the People", None),                # a place the vocabulary does not know: no canonical form
    ("Deputy Governor of Guangdong Province", "Vice-Governor of Guangdong"),
    ("Director of the Hong Kong and Macau Affairs Office of the State Council",
     "Director of the Hong Kong and Macao Affairs Office of the State Council"),
])
def test_offices_have_one_canonical_spelling(printed, canonical):
    assert canonical_office(printed) == canonical


@pytest.mark.parametrize("printed, canonical", [
    ("行政長官", "Chief Executive of the HKSAR"),
    ("香港特別行政區行政長官", "Chief Executive of the HKSAR"),
    ("浙江省委書記", "Party Secretary of Zhejiang"),
    ("广东省省长", "Governor of Guangdong"),                # Simplified
    ("廣東省常務副省長", "Executive Vice-Governor of Guangdong"),
    ("國務院港澳事務辦公室副主任", "Deputy Director of the Hong Kong and Macao Affairs Office of the State Council"),
    ("政制及內地事務局局長", None),                           # not in the vocabulary
])
def test_offices_printed_in_chinese_have_the_same_canonical_spelling(printed, canonical):
    assert canonical_office_zh(printed, chinese_key) == canonical


# By reading the seed releases: who attended which plenaries, and the offices printed with them.
SEED_PEOPLE = {
    "p-carrie-lam": ("Carrie Lam", ["beijing-4", "guangdong-20", "shanghai-4", "sichuan-1"], ["Chief Executive of the HKSAR"]),
    "p-chan-kwok-ki": ("Chan Kwok-ki", ["beijing-4", "chongqing-1", "guangdong-20", "shanghai-4"],
                       ["Chief Secretary for Administration", "Director of the Chief Executive's Office"]),
    "p-patrick-nip": ("Patrick Nip", ["beijing-4", "guangdong-20", "shanghai-4", "sichuan-1"],
                      ["Secretary for Constitutional and Mainland Affairs"]),
    "p-qiu-hong": ("Qiu Hong", ["beijing-4", "guangdong-20", "shanghai-4"],
                   ["Deputy Director of the Liaison Office of the Central People's Government in the HKSAR"]),
}


def _ingest(path, run_id: str = "run-1") -> None:
    files, _ = discover_files([SEEDS])
    docs, _ = read_documents(files)
    batch = parse_documents(docs)
    with open_writer(path) as con:
        load_batch(con, run_id, batch.parsed, batch.failures)


def test_the_seeds_warehouse_has_one_person_id_for_each_person(warehouse_path):
    _ingest(warehouse_path)
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        for person_id, (name, meetings, offices) in SEED_PEOPLE.items():
            row = con.execute("SELECT name, list(DISTINCT meeting_id ORDER BY meeting_id), list(DISTINCT office_canonical "
                              "ORDER BY office_canonical) FROM person_offices WHERE person_id = ? GROUP BY name", [person_id]).fetchone()
            assert row == (name, meetings, offices), person_id
        printed_lam = con.execute("SELECT list(DISTINCT office ORDER BY office) FROM attendees WHERE person_id = 'p-carrie-lam'").fetchone()[0]
        assert len(printed_lam) == 3  # three printings of one office, one canonical form
        duplicates = con.execute("SELECT lower(name), count(*) FROM people GROUP BY 1 HAVING count(*) > 1").fetchall()
        unresolved = con.execute("SELECT count(*) FROM attendees WHERE person_id IS NULL").fetchone()[0]
        top = con.execute("SELECT person_id, meetings, meetings_as_co_chair FROM attendance_by_person "
                          "ORDER BY meetings DESC, person_id LIMIT 3").fetchall()
        check = con.execute("SELECT bool_and(success) FROM dq_results WHERE check_name = 'people_resolved'").fetchone()[0]
    assert duplicates == [] and unresolved == 0 and check is True
    assert top == [("p-carrie-lam", 4, 4), ("p-chan-kwok-ki", 4, 0), ("p-patrick-nip", 4, 0)]


def test_person_ids_are_the_same_after_a_rerun_and_a_rebuild(warehouse_path, tmp_path):
    _ingest(warehouse_path)
    query = "SELECT meeting_id, role, person, person_id FROM attendees ORDER BY ALL"
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        first = con.execute(query).fetchall()
    _ingest(warehouse_path, "run-2")
    other = tmp_path / "rebuilt.duckdb"
    _ingest(other)
    newest_first = tmp_path / "one_by_one.duckdb"  # one release per run, the newest first
    files, _ = discover_files([SEEDS])
    docs, _ = read_documents(files)
    batch = parse_documents(docs)
    for n, parsed in enumerate(sorted(batch.parsed, key=lambda p: str(p.meeting.meeting_date if p.meeting else ""), reverse=True)):
        with open_writer(newest_first) as con:
            load_batch(con, f"run-{n}", [parsed])
    for path in (warehouse_path, other, newest_first):
        with duckdb.connect(str(path), read_only=True) as con:
            assert con.execute(query).fetchall() == first
