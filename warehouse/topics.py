"""Topics over time (issue 16): `area_categories`, every category of each area, primary first.

The categories are computed at load from the merged area rows (`warehouse.meetings`), by `parsers.area_categories`,
a pure function of the area's heading, text and primary category: the English heading and text where the area has
them, else the Chinese ones. Nothing is added to the parser's records, so no release is parsed again for it, and a
warehouse loaded before migration 013 is filled from its stored areas by the same rule (`fill_area_categories`).
A change to the rule's code is a new migration whose step calls `fill_area_categories` again; a change to the
category words is a new parser version, which parses the releases again and so rewrites the rows with their areas.
"""
from __future__ import annotations

import duckdb

from parsers import CHINESE, ENGLISH, area_categories

from .temp_tables import temp_table


def category_rows(areas: list[dict]) -> list[dict]:
    """The `area_categories` rows of area rows (`cooperation_areas` columns): rank 1 is the area's `category`."""
    rows = []
    for area in areas:
        english = area.get("text") is not None
        heading, text = (area.get("heading"), area.get("text")) if english else (area.get("heading_zh"), area.get("text_zh"))
        categories = area_categories(heading, text, area["category"], ENGLISH if english else CHINESE)
        rows += [{"meeting_id": area["meeting_id"], "area_no": area["area_no"], "category": category, "rank": rank}
                 for rank, category in enumerate(categories, 1)]
    return rows


def fill_area_categories(con: duckdb.DuckDBPyConnection) -> int:
    """Write `area_categories` again for every stored area (migration 013; changes nothing when it is up to date);
    returns the rows written."""
    cursor = con.execute("SELECT meeting_id, area_no, heading, category, text, heading_zh, text_zh FROM cooperation_areas")
    columns = [d[0] for d in cursor.description]
    rows = category_rows([dict(zip(columns, row)) for row in cursor.fetchall()])
    con.execute("DELETE FROM area_categories")
    if rows:
        temp_table(con, "incoming_area_categories", rows)
        con.execute("INSERT INTO area_categories BY NAME SELECT * FROM incoming_area_categories")
    return len(rows)
