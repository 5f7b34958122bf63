"""The README's analyst's guide: every example query printed with its output is run on the seeds' warehouse with the
`plenary` command (or the DuckDB CLI the project installs, `.venv/bin/duckdb`), and prints exactly what the README
shows (the rows were read off the seed releases; the people and topics tests hold the same rows against the
releases' words)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import ROOT
from tests.warehouse.test_people import _ingest

README = ROOT / "README.md"
# an indented `plenary sql "..."` (or DuckDB CLI) line, a blank line, then the table it prints (indented, ┏/┌ to ┘)
EXAMPLE = re.compile(r"^    (?P<tool>plenary sql|\.venv/bin/duckdb -readonly warehouse\.duckdb -c) \"(?P<query>[^\"]+)\"\n\n"
                     r"(?P<table>    [┏┌].*?┘)$", re.MULTILINE | re.DOTALL)


def examples() -> list[tuple[str, str, str]]:
    text = README.read_text(encoding="utf-8")
    return [("duckdb" if "duckdb" in m["tool"] else "plenary", m["query"],
             "\n".join(line[4:] for line in m["table"].splitlines())) for m in EXAMPLE.finditer(text)]


def test_the_guide_has_its_examples():
    queries = [q for _, q, _ in examples()]
    assert len(queries) >= 12 and {tool for tool, _, _ in examples()} == {"plenary", "duckdb"}
    for view in ("attendance_by_person", "person_offices", "area_categories", "conference_timeline", "search_areas"):
        assert any(view in q for q in queries), view


@pytest.fixture(scope="module")
def seeds_warehouse(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("readme") / "warehouse.duckdb"  # the name the README's examples use
    _ingest(path)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("tool, query, table", examples(), ids=[q[:60] for _, q, _ in examples()])
def test_an_example_prints_what_the_readme_shows(seeds_warehouse, tool, query, table):
    bin_dir = Path(sys.executable).parent
    command = ([str(bin_dir / "plenary"), "sql", query, "--warehouse", str(seeds_warehouse)] if tool == "plenary"
               else [str(bin_dir / "duckdb"), "-readonly", str(seeds_warehouse), "-c", query])
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=os.environ | {"NO_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip("\n") == table
