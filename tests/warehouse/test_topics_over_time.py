"""Topics over time (issue 16): `area_categories` (every category of an area, primary first) and the
`conference_timeline` view, on the seeds' warehouse and on one with two more plenaries from real pages.

The expected rows are written down by reading the releases in `seeds/` and the pages in
`tests/fixtures/real_pages/en/`, each with the line it rests on; the rule they follow is in the README ("Topics over
time") and `parsers.categories.area_categories`.
"""
from __future__ import annotations

import pytest

from flows.collect.files import discover_files, read_documents
from flows.pipeline import parse_documents
from parsers import Source, parse_document
from tests.support.paths import SEEDS
from tests.support.real_pages import read_page
from tests.warehouse.bilingual_records import english
from warehouse import load_batch, open_reader, open_writer
from warehouse.topics import category_rows

# (meeting, area) -> its further categories (rank 2, 3, ...), by reading; every other area of the seeds has its
# primary category only.
FURTHER = {
    # "The Belt and Road Initiative and economic and trade fronts"
    ("sichuan-1", 1): ["trade_investment"],
    # "Airport and railway construction and management": construction of the Chengdu metro, railway and aviation
    # professionals
    ("sichuan-1", 10): ["professional_services"],
    # "The Belt and Road Initiative, Economic, Trade and Investment Co-operation"
    ("chongqing-1", 1): ["trade_investment"],
    # "Cultural Exchange and Tourism"
    ("chongqing-1", 5): ["tourism"],
    # "Talent Exchange": the Vocational College of Public Transportation, the Airport Group, aviation talents
    ("chongqing-1", 7): ["transport_logistics"],
    # "The Belt and Road Initiative, Economic and Trade Co-operation"
    ("beijing-4", 1): ["trade_investment"],
    # "Services Industries": co-operation in financial technologies (Fintech), the Asian Financial Forum, financing
    ("beijing-4", 2): ["finance"],
    # "Education and Training of Civil Servants"
    ("beijing-4", 5): ["talent_exchange"],
    # "City Management and Public Services": food and drug safety, healthcare, Chinese medicine; environmental
    # pollution, environmental think tanks
    ("beijing-4", 6): ["health_medicine", "environment"],
    # "The Belt and Road Initiative": the Import Expo, the Mainland market, trade and business events
    ("shanghai-4", 1): ["trade_investment"],
    # "Civil Aviation, Maritime Transport and Logistics": talent training, on-the-job training
    ("shanghai-4", 10): ["talent_exchange"],
    # "Exchange of Professionals"
    ("shanghai-4", 11): ["professional_services"],
    # "The Belt and Road Initiative": trade and economic co-operation, investment promotion; tourism, "multi-destination"
    # travel
    ("guangdong-20", 2): ["trade_investment", "tourism"],
    # "Financial Co-operation": "stock market", "bond market", "the Guangdong market", "the Guangdong Free Trade Zone"
    # (six words of trade and investment, "market" among them, against eight of finance: the vocabulary's reading)
    ("guangdong-20", 5): ["trade_investment"],
    # "Co-operation in Professional Services": law firms, legal consultants, legal services
    ("guangdong-20", 6): ["legal_dispute_resolution"],
}
# Two more plenaries, each an excerpt that ends after its first area:
GUANGDONG_19 = "gd_13_tunis_P2016091401045p_19th_plenary.txt"  # "The Belt and Road Initiative" (Financial Integration
# and an Infrastructure Financing office are named twice: a passing mention, not a further category)
SICHUAN_2 = "ot_05_webnewswire_20210923_sichuan_p2.txt"  # "Economic, trade, and the Belt and Road Initiative"


def _load(path, pages=()):
    files, _ = discover_files([SEEDS])
    docs, _ = read_documents(files)
    parsed = parse_documents(docs).parsed
    for file in pages:
        page = read_page("en", file)
        parsed.append(parse_document(page.text, Source(uri=page.file, url=page.source_url)))
    with open_writer(path) as con:
        load_batch(con, "run-1", parsed, [])


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    path = tmp_path_factory.mktemp("topics") / "seeds.duckdb"
    _load(path)
    return path


@pytest.fixture(scope="module")
def three_plenaries(tmp_path_factory):
    """The seeds and the 19th Guangdong plenary and the second Sichuan one."""
    path = tmp_path_factory.mktemp("topics") / "timeline.duckdb"
    _load(path, [GUANGDONG_19, SICHUAN_2])
    return path


def _query(path, sql, *params):
    with open_reader(path) as con:
        return con.execute(sql, list(params)).fetchall()


def test_each_area_has_its_category_first_then_the_further_ones_read(seeds):
    primary = dict(((m, n), c) for m, n, c in _query(seeds, "SELECT meeting_id, area_no, category FROM cooperation_areas"))
    ranked = _query(seeds, "SELECT meeting_id, area_no, list(category ORDER BY rank), list(rank ORDER BY rank) "
                           "FROM area_categories GROUP BY ALL")
    got = {(m, n): categories for m, n, categories, _ in ranked}
    assert all(ranks == list(range(1, len(ranks) + 1)) for *_, ranks in ranked)
    assert got == {key: [category] + FURTHER.get(key, []) for key, category in primary.items()}


def test_a_finance_query_finds_beijings_fintech_area(seeds):
    """Beijing's "Services Industries" area (Fintech, the Asian Financial Forum) is filed under trade and
    investment; `area_categories` finds it under finance too."""
    rows = _query(seeds, """SELECT m.counterpart, a.area_no, a.heading, c.rank FROM area_categories c
                            JOIN cooperation_areas a USING (meeting_id, area_no) JOIN meetings m USING (meeting_id)
                            WHERE c.category = 'finance' ORDER BY m.counterpart""")
    assert rows == [("Beijing", 2, "Services Industries", 2), ("Chongqing", 2, "Finance", 1),
                    ("Guangdong", 5, "Financial Co-operation", 1), ("Shanghai", 4, None, 1), ("Sichuan", 4, None, 1)]
    assert _query(seeds, "SELECT category FROM cooperation_areas WHERE meeting_id = 'beijing-4' AND area_no = 2") == [
        ("trade_investment",)]


def test_the_seeds_hold_one_plenary_of_each_conference_so_every_category_is_new(seeds):
    rows = _query(seeds, "SELECT DISTINCT counterpart, plenary_number, status, previous_plenary_number "
                         "FROM conference_timeline ORDER BY 1")
    assert rows == [("Beijing", 4, "new", None), ("Chongqing", 1, "new", None), ("Guangdong", 20, "new", None),
                    ("Shanghai", 4, "new", None), ("Sichuan", 1, "new", None)]


# The README's question: "how did finance co-operation with Guangdong change over time?"
GUANGDONG_FINANCE = """SELECT plenary_number, meeting_date, status, areas, primary_areas, headings, previous_plenary_number
                       FROM conference_timeline WHERE counterpart = 'Guangdong' AND category = 'finance'
                       ORDER BY plenary_number"""


def test_finance_cooperation_with_guangdong_over_time(seeds, three_plenaries):
    """The seeds hold one Guangdong plenary, the 20th, whose "Financial Co-operation" area is finance; with the 19th
    loaded too (its one area the Belt and Road), finance is new at the 20th against the 19th."""
    in_seeds = _query(seeds, GUANGDONG_FINANCE)
    assert [(r[0], str(r[1])) + r[2:] for r in in_seeds] == [
        (20, "2017-11-18", "new", 1, 1, ["Financial Co-operation"], None)]
    with_19th = _query(three_plenaries, GUANGDONG_FINANCE)
    assert [(r[0], str(r[1])) + r[2:] for r in with_19th] == [
        (20, "2017-11-18", "new", 1, 1, ["Financial Co-operation"], 19)]


def test_guangdong_continues_the_belt_and_road_and_adds_the_rest(three_plenaries):
    rows = _query(three_plenaries, "SELECT plenary_number, category, status, previous_plenary_number "
                                   "FROM conference_timeline WHERE counterpart = 'Guangdong' ORDER BY 1, 2")
    added = ["environment", "finance", "greater_bay_area", "innovation_technology", "legal_dispute_resolution", "other",
             "professional_services", "tourism", "trade_investment", "transport_logistics", "youth"]
    assert rows == sorted([(19, "belt_and_road", "new", None), (20, "belt_and_road", "continued", 19)]
                          + [(20, category, "new", 19) for category in added])


def test_sichuan_second_plenary_continues_two_categories_and_drops_the_others(three_plenaries):
    """The second plenary's page shows one area ("Economic, trade, and the Belt and Road Initiative"); the first's
    eleven areas carried twelve categories (trade and investment as the first area's further one)."""
    rows = _query(three_plenaries, "SELECT category, status, areas, area_nos, previous_meeting_id FROM conference_timeline "
                                   "WHERE meeting_id = 'sichuan-2' ORDER BY status, category")
    dropped = ["culture_creative", "education", "facilitation_hk_people", "finance", "health_medicine",
               "innovation_technology", "professional_services", "tourism", "transport_logistics", "youth"]
    assert rows == ([("belt_and_road", "continued", 1, [1], "sichuan-1"), ("trade_investment", "continued", 1, [1], "sichuan-1")]
                    + [(category, "dropped", 0, None, "sichuan-1") for category in dropped])


def test_a_warehouse_from_before_gets_its_area_categories(warehouse_path):
    """Migration 013 fills `area_categories` from the stored areas, as a load writes them."""
    _load(warehouse_path)
    with open_reader(warehouse_path) as con:
        loaded = sorted(con.execute("SELECT * FROM area_categories").fetchall())
    with open_writer(warehouse_path) as con:  # as before 013: no table, no view, the migration not applied
        con.execute("DROP VIEW conference_timeline; DROP TABLE area_categories; "
                    "DELETE FROM schema_migrations WHERE version = 13")
    with open_writer(warehouse_path) as con:
        assert sorted(con.execute("SELECT * FROM area_categories").fetchall()) == loaded
    assert len(loaded) == 52 + sum(len(further) for further in FURTHER.values())


def test_an_area_known_only_in_chinese_is_read_in_chinese():
    """No English text: the Chinese heading and text, by the Chinese words (Zhejiang's first area, as the Chinese
    release heads it: 共建「一带一路」及商贸投资)."""
    area = {"meeting_id": "zhejiang-1", "area_no": 1, "heading": None, "text": None, "category": "belt_and_road",
            "heading_zh": "共建「一带一路」及商贸投资", "text_zh": "支持两地企业共同开拓「一带一路」市场。"}
    assert [(r["category"], r["rank"]) for r in category_rows([area])] == [("belt_and_road", 1), ("trade_investment", 2)]
    english = area | {"heading": "Finance", "text": "Both sides will co-operate on finance."}
    assert [(r["category"], r["rank"]) for r in category_rows([english])] == [("belt_and_road", 1), ("finance", 2)]


def test_a_plenary_read_without_areas_drops_nothing(warehouse_path):
    """A story that names the 2nd plenary but none of its areas: the 3rd is compared with the 1st, and the 2nd is
    not in the timeline (it would drop every category, and the 3rd would find them all new)."""
    releases = [english(release_id=f"P20250424{n:05d}", plenary_number=n, high_level_meeting=False,
                        areas=[] if n == 2 else _ZHEJIANG_AREAS, agreements=[])
                for n in (1, 2, 3)]
    with open_writer(warehouse_path) as con:
        load_batch(con, "run-1", releases)
    with open_reader(warehouse_path) as con:
        rows = con.execute("SELECT plenary_number, previous_plenary_number, status, count(*) FROM conference_timeline "
                           "GROUP BY ALL ORDER BY ALL").fetchall()
    assert rows == [(1, None, "new", 3), (3, 1, "continued", 3)]


_ZHEJIANG_AREAS = [("Finance", "finance", "Support Zhejiang Province in collaborating with the Hong Kong Exchanges."),
                   ("Innovation and technology", "innovation_technology", "Jointly promote research and development."),
                   ("Culture", "culture_creative", "Cultural exchanges.")]
