"""docs/data_dictionary.md, which the README links, is what `plenary dictionary` writes for a new warehouse: the
comments of every table, view and column, kept true by this test when a migration adds or changes one."""
from __future__ import annotations

from tests.support.paths import ROOT
from warehouse import data_dictionary_markdown, open_reader, open_writer

DICTIONARY = ROOT / "docs" / "data_dictionary.md"


def test_the_committed_data_dictionary_is_the_warehouses(warehouse_path):
    with open_writer(warehouse_path):
        pass
    with open_reader(warehouse_path) as con:
        made = data_dictionary_markdown(con)
    assert DICTIONARY.read_text(encoding="utf-8") == made, (
        "docs/data_dictionary.md is stale: run `plenary dictionary --warehouse NEW.duckdb --out docs/data_dictionary.md` "
        "on a new warehouse")
    for name in ("people", "area_categories", "attendance_by_person", "person_offices", "conference_timeline"):
        assert f"## `{name}` (" in made
    assert "| `person_id` | VARCHAR | The person (people.person_id)" in made
