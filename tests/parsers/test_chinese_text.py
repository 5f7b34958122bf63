"""Chinese text as the parser reads it: charsets detected, full-width forms and pinyin glosses normalised, numerals,
the Traditional view the patterns match, and the rules on the shapes they must leave alone."""
from __future__ import annotations

import pytest

from parsers import Source, parse_document
from parsers.forms.charset import decode_text
from parsers.language.zh import matching_view, normalised, number

RELEASE = """粵港合作聯席會議第二十次會議在港舉行（附圖）
＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊

  行政長官林鄭月娥與廣東省省長馬興瑞今日（十一月十八日）在香港共同主持粵港合作聯席會議第二十次會議。雙方就以下８個範疇的合作方向達成共識：

一帶一路
——

  加強兩地共建「一帶一路」工作。

金融
——

  支持兩地金融合作。

  參與會議的特區政府官員包括政務司司長張建宗、政制及內地事務局局長聶德權等。

完

２０１７年１１月１８日（星期六）
香港時間１６時３０分
"""


@pytest.mark.parametrize("codec, label", [("big5hkscs", "Big5"), ("gb18030", "GB18030")])
def test_a_text_file_in_a_legacy_chinese_charset_is_detected_and_says_so(codec, label):
    data = RELEASE.encode(codec)
    decoded = decode_text(data)
    assert decoded.text == RELEASE and decoded.charset == codec
    assert f"read as {label}" in decoded.warning  # detected, never guessed silently
    parsed = parse_document(data, Source("release.txt"))
    assert parsed.release.language == "zh" and parsed.release.encoding_warning == decoded.warning
    assert parsed.meeting.meeting_id == "guangdong-20"


def test_utf8_and_a_declared_big5_page_need_no_detection():
    assert decode_text(RELEASE.encode("utf-8")).warning is None
    page = f'<html><head><meta charset="big5"></head><body><span id="pressrelease">{RELEASE}</span></body></html>'
    assert decode_text(page.encode("big5hkscs"), "big5").warning is None


def test_english_cp1252_is_not_taken_for_chinese():
    data = ("Conférence held today – the “first” café in Guangzhou. " * 30).encode("cp1252")
    decoded = decode_text(data)
    assert decoded.charset == "cp1252" and "Chinese" not in (decoded.warning or "")


def test_a_chinese_release_reads_its_closing_lines_full_width_forms_and_headed_areas():
    parsed = parse_document(RELEASE.encode(), Source("release.txt")).to_dict()
    release, meeting = parsed["release"], parsed["meeting"]
    assert release["release_date"] == "2017-11-18" and release["issued_at"] == "2017-11-18T16:30:00+08:00"
    assert not release["truncated"]
    assert (meeting["meeting_date"], meeting["venue"], meeting["venue_as_printed"]) == ("2017-11-18", "Hong Kong", "香港")
    assert (meeting["hk_leader"], meeting["counterpart_leader"]) == ("林鄭月娥", "馬興瑞")
    assert meeting["conference"] == "Hong Kong/Guangdong Co-operation Joint Conference"
    assert meeting["conference_as_printed"] == "粵港合作聯席會議" and meeting["stated_area_count"] == 8
    assert [(a["heading"], a["category"]) for a in parsed["areas"]] == [("一帶一路", "belt_and_road"), ("金融", "finance")]
    assert {(a["person"], a["office"], a["role"]) for a in parsed["attendees"]} >= {
        ("林鄭月娥", "行政長官", "co_chair"), ("馬興瑞", "廣東省省長", "co_chair"),
        ("張建宗", "政務司司長", "delegation"), ("聶德權", "政制及內地事務局局長", "delegation")}


def test_full_width_forms_and_pinyin_glosses_are_normalised():
    assert normalised("今日（２６日）") == "今日(26日)"
    assert normalised("粵港合作聯(lián)席會(huì)議") == "粵港合作聯席會議"
    assert normalised("Hong Kong (HK)") == "Hong Kong (HK)"  # a gloss follows a Chinese character only


@pytest.mark.parametrize("text, value", [("21", 21), ("二十一", 21), ("十九", 19), ("十", 10), ("廿三", 23),
                                         ("四", 4), ("二〇二三", 2023), ("兩", 2), ("三十", 30), ("x", None)])
def test_numbers_in_any_numerals(text, value):
    assert number(text) == value


def test_the_traditional_view_keeps_each_characters_place():
    printed = "粤港合作联席会议第二十一次会议在广州召开"
    assert matching_view(printed) == "粵港合作聯席會議第二十一次會議在廣州召開"
    assert len(matching_view(printed)) == len(printed)


@pytest.mark.parametrize("text, why", [
    ("行政長官明日率團赴廣州出席粵港合作聯席會議第二十次會議\n\n  行政長官將於明日（十一月十八日）率團出席會議。", "announces"),
    ("行政長官粵港合作聯席會議第十一次會議開場發言\n\n  以下為行政長官今日在會議上的開場發言：", "speech"),
    ("特首晤廣東省省長\n\n  行政長官今日與廣東省省長會面，並出席今日舉行的粵港合作聯席會議第二十次會議。", "call"),
    ("滬港合作會議機制二十周年簽約儀式在滬舉行\n\n  滬港合作會議機制二十周年簽約儀式昨天在滬舉行。", "簽約儀式"),
    ("上海香港二十周年\n\n  滬港合作會議機制二十周年簽約儀式昨天在滬舉行。", "neither"),
    ("粵港合作機制簡介\n\n  2006年8月，雙方在廣州主持召開粵港聯席會議第九次會議。", "neither"),
])
def test_pages_that_are_no_plenary_report(text, why):
    parsed = parse_document(text.encode(), Source("page.txt"))
    assert parsed.release.language == "zh" and parsed.meeting is None
    assert why in parsed.release.not_plenary_reason


def test_a_report_whose_headline_has_will_after_the_plenary_is_a_report():
    text = "滬港合作會議第六次會議在香港舉行，兩地將在這些領域深化合作\n\n  滬港合作會議第六次會議今天（26日）在香港舉行。"
    parsed = parse_document(text.encode(), Source("page.txt"))
    assert parsed.meeting is not None and parsed.meeting.plenary_number == 6


def test_a_page_gives_its_own_link_to_its_other_language_and_a_text_gives_none():
    page = ('<html><body><a href="/gia/general/202504/24/P2025042400475.htm">English</a> <a href="/sc/x.htm">简体</a>'
            '<span id="PRHeadlineSpan">浙港高層會晤暨浙港合作會議第一次會議在杭州舉行（附圖）</span>'
            '<span id="pressrelease">&nbsp;&nbsp;行政長官李家超與浙江省委書記王浩今日（四月二十四日）在杭州舉行浙港高層會晤暨'
            '浙港合作會議第一次會議。<br>完</span></body></html>')
    url = "https://www.info.gov.hk/gia/general/202504/24/P2025042400444.htm"
    release = parse_document(page.encode(), Source("p.htm", url)).release
    assert release.language == "zh"
    assert release.other_language_url == "https://www.info.gov.hk/gia/general/202504/24/P2025042400475.htm"
    assert parse_document(RELEASE.encode(), Source("release.txt", url)).release.other_language_url is None
