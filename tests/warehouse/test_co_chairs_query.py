"""The README's example query (issue 15): each meeting with both names of its co-chairs, English and Chinese, on a
warehouse loaded from hand-built records: one meeting in both languages, one known only in English, one only in
Chinese. `python -m tests.warehouse.test_co_chairs_query` prints the table the README shows."""
from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from warehouse import load_batch, open_writer

from tests.warehouse.bilingual_records import HKT, chinese, english

CO_CHAIRS_QUERY = """
SELECT meeting_id, meeting_date, conference_zh,
       hk_leader, hk_leader_zh, counterpart_leader, counterpart_leader_zh
FROM meetings
ORDER BY meeting_date, meeting_id
"""

EXPECTED = [
    ("beijing-4", date(2018, 10, 24), None, "Mrs Carrie Lam", None, "Mr Chen Jining", None),
    ("hubei-1", date(2021, 11, 29), "鄂港合作會議", None, "林鄭月娥", None, "應勇"),
    ("zhejiang-1", date(2025, 4, 24), "浙港高層會晤暨浙港合作會議", "Mr John Lee", "李家超", "Mr Wang Hao", "王浩"),
]


def example_releases() -> list:
    """Zhejiang-1 in both languages; Beijing-4 only in English; Hubei-1 only in Chinese (a news story)."""
    beijing = english(release_id="P2018102400619", source_url="https://www.info.gov.hk/gia/general/201810/24/P2018102400619.htm",
                      issued_at=datetime(2018, 10, 24, 19, 0, tzinfo=HKT), counterpart="Beijing", plenary_number=4,
                      conference="Hong Kong/Beijing Co-operation Conference", high_level_meeting=False,
                      meeting_date=date(2018, 10, 24), venue="Beijing", hk_leader="Mrs Carrie Lam",
                      counterpart_leader="Mr Chen Jining", counterpart_leader_office="Mayor of Beijing", attendees=[])
    hubei = chinese(release_id="Tb9a1c2d3e4f50617", source_url="https://news.example.hk/20211129/hubei.html", issued_at=None,
                    counterpart="Hubei", plenary_number=1, conference="Hong Kong/Hubei Co-operation Conference",
                    conference_as_printed="鄂港合作會議", meeting_date=date(2021, 11, 29), venue="Wuhan",
                    venue_as_printed="武漢", hk_leader="林鄭月娥", counterpart_leader="應勇",
                    counterpart_leader_office="湖北省委書記", attendees=[], agreements=[])
    return [english(), chinese(), beijing, hubei]


def load_example(path: Path) -> list[tuple]:
    with open_writer(path) as con:
        load_batch(con, "run-example", example_releases())
        return con.execute(CO_CHAIRS_QUERY).fetchall()


def test_the_co_chairs_query_lists_each_meeting_with_both_names(warehouse_path):
    assert load_example(warehouse_path) == EXPECTED


def table(rows: list[tuple], columns: list[str]) -> str:
    """The rows as a Markdown table, NULL for a null."""
    cells = [[("NULL" if v is None else str(v)) for v in row] for row in rows]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in cells])


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        rows = load_example(Path(folder) / "example.duckdb")
    print(table(rows, ["meeting_id", "meeting_date", "conference_zh", "hk_leader", "hk_leader_zh", "counterpart_leader",
                       "counterpart_leader_zh"]))
