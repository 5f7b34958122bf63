"""A Chinese release at the quality gate (issue 15): its people are printed without honorifics, which is no
failing of the release; an English release's still must have them."""
from __future__ import annotations

from expectations.columns import staged_rows
from parsers import Source, parse_document
from tests.support.real_pages import read_page

ZH = "zh_19_tunis_P2025042400444_zj1_hangzhou.txt"


def test_the_honorific_check_reads_english_names_only():
    page = read_page("zh", ZH)
    chinese = parse_document(page.text, Source(uri=page.file, url=page.source_url))
    english = parse_document(b"Hong Kong/Zhejiang Co-operation Conference holds first plenary\n\n"
                             b"  The Chief Executive, Mr John Lee, and the Secretary of the CPC Zhejiang Provincial "
                             b"Committee, Mr Wang Hao, co-chaired the First Plenary of the Hong Kong/Zhejiang "
                             b"Co-operation Conference in Hangzhou today (April 24).\n", Source("en.txt"))
    rows = staged_rows([chinese, english])["attendees"]
    by_language = {row["person"]: row["person_in_english"] for row in rows}
    assert by_language["李家超"] is None and by_language["王浩"] is None  # not checked: Chinese names
    assert by_language["Mr John Lee"] == "Mr John Lee"
