"""The parser generalises: ten real pages from other years and sites (tests/fixtures/dev_pages)."""
from __future__ import annotations

import json

import pytest

from parsers import Source, parse_release
from tests.support.paths import DEV_PAGES

TRUTH = json.loads((DEV_PAGES / "truth.json").read_text()) if (DEV_PAGES / "truth.json").exists() else []
MEETING_FIELDS = ("counterpart", "plenary_number", "high_level_meeting", "venue", "hk_leader",
                  "counterpart_leader", "stated_area_count", "meeting_date")


def test_dev_pages_are_present():
    assert len(TRUTH) == 10, f"expected ten dev pages with truth under {DEV_PAGES}"


@pytest.mark.parametrize("truth", TRUTH, ids=[t["file"] for t in TRUTH])
def test_dev_page_matches_truth(truth):
    path = DEV_PAGES / truth["file"]
    parsed = parse_release(path.read_bytes(), Source(uri=str(path), url=truth["url"])).to_dict()
    assert parsed["release"]["is_plenary_report"] is truth["is_plenary_report"]
    if not truth["is_plenary_report"]:
        assert parsed["meeting"] is None and parsed["release"]["not_plenary_reason"]
        return
    got = {k: parsed["meeting"][k] for k in MEETING_FIELDS if k in truth}
    assert got == {k: truth[k] for k in MEETING_FIELDS if k in truth}
    if "first_area_heading" in truth:
        assert parsed["areas"][0]["heading"] == truth["first_area_heading"]
