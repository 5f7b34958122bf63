"""The rule for an area's further categories (`parsers.area_categories`, README "Topics over time"): the primary
first; each other category the heading names; each other category the text uses at least three times and at least
half as often as its most used one. Measured on the seeds and on every area of the real pages."""
from __future__ import annotations

from collections import Counter

import pytest

from parsers import CHINESE, ENGLISH, Source, area_categories, parse_document
from tests.support.paths import SEEDS
from tests.support.real_pages import parsed_pages


def test_a_heading_that_names_two_topics_carries_both_primary_first():
    assert area_categories("Cultural Exchange and Tourism", "Museums will co-operate.", "culture_creative") == [
        "culture_creative", "tourism"]
    assert area_categories("Education and Training of Civil Servants", "", "education") == ["education", "talent_exchange"]


def test_the_primary_is_first_even_when_the_heading_names_it_second():
    """The primary is the record's `category`, whatever the rule that chose it."""
    assert area_categories("Economic, trade, and the Belt and Road Initiative", "", "belt_and_road") == [
        "belt_and_road", "trade_investment"]


def test_a_category_the_text_uses_three_times_and_half_as_often_as_the_most_used_is_further():
    text = ("Fintech enterprises will exchange views. Both attend the Asian Financial Forum on finance. "
            "A trade delegation of services industries will attend the fair for trade in services. "
            "Both sides hold an economic symposium.")  # finance 3, trade and investment 5
    assert area_categories("Services Industries", text, "trade_investment") == ["trade_investment", "finance"]


def test_passing_words_make_no_further_category():
    twice = "Both sides will promote financial co-operation and financing of projects in the airport and railway."
    assert area_categories("Transport", twice, "transport_logistics") == ["transport_logistics"]
    # three times, but under half as often as the text's most used category
    text = "tourism " * 7 + "finance bond insurance"
    assert area_categories("Tourism", text, "tourism") == ["tourism"]
    assert area_categories("Tourism", "tourism " * 6 + "finance bond insurance", "tourism") == ["tourism", "finance"]


def test_an_other_heading_names_no_category_and_an_unheaded_area_reads_its_text():
    assert area_categories("Other Areas of Co-operation including tourism", "", "other") == ["other"]
    text = "The two sides will co-operate on education, schools and students, and on teacher training and talent."
    assert area_categories(None, text, "education") == ["education"]  # talent exchange: twice (training, talent)
    assert area_categories(None, None, "other") == ["other"]


def test_text_categories_come_most_used_first_after_the_headings():
    text = "environment pollution emission " + "medical hospital health food drug " + "urban governance flood"
    assert area_categories("City Management and Public Services", text, "city_management") == [
        "city_management", "health_medicine", "environment"]


def test_chinese_words_are_counted_in_traditional_form_the_longest_first():
    assert area_categories("共建「一带一路」及商贸投资", "", "belt_and_road", CHINESE) == ["belt_and_road", "trade_investment"]
    # 城市管理 is one word of city management, not also 城市: three words, not six
    text = "城市管理" * 3 + "環保" * 5
    assert area_categories("環境保護", text, "environment", CHINESE) == ["environment", "city_management"]
    assert area_categories("環境保護", "城市管理" * 2 + "環保" * 5, "environment", CHINESE) == ["environment"]


def _real_areas():
    for language in ("en", "zh"):
        for _, parsed in parsed_pages(language):
            yield from ((a, CHINESE if language == "zh" else ENGLISH) for a in parsed.areas)
    for path in sorted(SEEDS.glob("*.txt")):
        yield from ((a, ENGLISH) for a in parse_document(path.read_bytes(), Source(uri=path.name)).areas)


@pytest.fixture(scope="module")
def counts() -> Counter:
    return Counter(len(area_categories(a.heading, a.text, a.category, language)) for a, language in _real_areas())


def test_on_the_seeds_and_real_pages_most_areas_keep_one_category_and_none_gets_more_than_three(counts):
    """92 areas (the seeds' 52, the English pages' 30, the Chinese pages' 10): 72 keep one category, 18 get two, 2
    get three (README, "Topics over time"). A parser that reads more areas of the pages changes the figures."""
    assert max(counts) <= 3 and counts[1] > 2 * (counts[2] + counts[3])
    assert counts == Counter({1: 72, 2: 18, 3: 2})
