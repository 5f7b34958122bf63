"""The expectation suites, as data: one list of checks per staged table, each with a severity and purpose.

`critical`: the release and all its records are quarantined, nothing of it is loaded.
`warning`: the release is loaded and the failure is reported.
GX classes are named here as strings, so this module imports nothing heavy.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from parsers import CATEGORIES
from parsers import COUNTERPARTS, HONORIFICS

CRITICAL, WARNING = "critical", "warning"
# Text that must never reach a record: page chrome, footer lines, Markdown marks.
CHROME_PATTERNS = [r"Print Table", r"NNNN", r"Ends/", r"Issued at HKT", r"^#{1,6} ", r"\\_", r"\*\*",
                   r"Go to main content", r"Today's Press Releases"]


@dataclass(frozen=True)
class Check:
    name: str  # what is checked, read as a sentence: "meeting_date is known"
    table: str
    severity: str
    expectation: str  # Great Expectations class name
    kwargs: dict = field(default_factory=dict)

    @property
    def purpose(self) -> str:
        return self.name.replace("_", " ")


def _release_checks() -> list[Check]:
    """The checks of releases."""
    c = Check
    return [
        c("release_id_is_present", "releases", CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "release_id"}),
        c("release_id_is_unique_in_batch", "releases", CRITICAL, "ExpectColumnValuesToBeUnique", {"column": "release_id"}),
        c("title_is_present", "releases", CRITICAL, "ExpectColumnValueLengthsToBeBetween", {"column": "title_or_empty", "min_value": 1}),
        c("release_has_a_title_of_its_own", "releases", CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "has_own_title", "value_set": [True]}),
        c("title_has_no_chrome", "releases", CRITICAL, "ExpectColumnValuesToNotMatchRegexList", {"column": "title", "regex_list": CHROME_PATTERNS}),
        c("content_hash_is_sha256", "releases", CRITICAL, "ExpectColumnValuesToMatchRegex", {"column": "content_sha256", "regex": r"^[0-9a-f]{64}$"}),
        c("issued_on_or_after_meeting", "releases", WARNING, "ExpectColumnPairValuesAToBeGreaterThanB",
          {"column_A": "issued_day", "column_B": "meeting_day", "or_equal": True, "ignore_row_if": "either_value_is_missing"}),
        # the text's integrity (parsers/forms/charset.py, parsers/lines.py): mojibake repaired or suspected; no closing lines, stops mid-sentence
        c("text_decoded_without_mojibake", "releases", WARNING, "ExpectColumnValuesToBeNull", {"column": "encoding_warning"}),
        c("release_is_not_truncated", "releases", WARNING, "ExpectColumnValuesToBeInSet", {"column": "truncated", "value_set": [False]}),
    ]


def _meeting_checks(today: int) -> list[Check]:
    """The checks of meetings (`today`: the upper bound of a meeting date, as YYYYMMDD)."""
    c = Check
    return [
        c("meeting_id_is_present", "meetings", CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "meeting_id"}),
        c("counterpart_is_present", "meetings", CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "counterpart"}),
        c("plenary_number_is_present", "meetings", CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "plenary_number"}),
        c("plenary_number_between_1_and_100", "meetings", CRITICAL, "ExpectColumnValuesToBeBetween", {"column": "plenary_number", "min_value": 1, "max_value": 100}),
        c("meeting_date_is_known", "meetings", WARNING, "ExpectColumnValuesToNotBeNull", {"column": "meeting_date"}),
        c("meeting_date_between_1997_07_01_and_today", "meetings", WARNING, "ExpectColumnValuesToBeBetween", {"column": "meeting_day", "min_value": 19970701, "max_value": today}),
        c("counterpart_is_a_mainland_province_municipality_region_or_sar", "meetings", WARNING, "ExpectColumnValuesToBeInSet", {"column": "counterpart", "value_set": list(COUNTERPARTS)}),
        c("stated_area_count_equals_areas_found", "meetings", WARNING, "ExpectColumnPairValuesToBeEqual",
          {"column_A": "stated_area_count", "column_B": "area_count", "ignore_row_if": "either_value_is_missing"}),
        c("meeting_has_at_least_one_area", "meetings", WARNING, "ExpectColumnValuesToBeBetween", {"column": "area_count", "min_value": 1}),
        c("both_leaders_are_named", "meetings", WARNING, "ExpectColumnValuesToNotBeNull", {"column": "leaders_or_null"}),
        c("venue_is_known", "meetings", WARNING, "ExpectColumnValuesToNotBeNull", {"column": "venue"}),
    ]


def _area_checks() -> list[Check]:
    """The checks of cooperation_areas."""
    c = Check
    return [
        c("area_key_is_unique", "cooperation_areas", CRITICAL, "ExpectCompoundColumnsToBeUnique", {"column_list": ["release_id", "meeting_id", "area_no"]}),
        c("area_has_text", "cooperation_areas", CRITICAL, "ExpectColumnValueLengthsToBeBetween", {"column": "text_or_empty", "min_value": 1}),
        c("area_text_has_no_chrome", "cooperation_areas", CRITICAL, "ExpectColumnValuesToNotMatchRegexList", {"column": "text", "regex_list": CHROME_PATTERNS}),
        c("area_heading_has_no_chrome", "cooperation_areas", CRITICAL, "ExpectColumnValuesToNotMatchRegexList", {"column": "heading", "regex_list": CHROME_PATTERNS}),
        c("area_category_is_in_vocabulary", "cooperation_areas", CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "category", "value_set": list(CATEGORIES)}),
        c("area_has_a_heading", "cooperation_areas", WARNING, "ExpectColumnValuesToNotBeNull", {"column": "heading"}),
        c("area_text_is_at_least_40_characters", "cooperation_areas", WARNING, "ExpectColumnValueLengthsToBeBetween", {"column": "text", "min_value": 40}),
        c("area_category_is_not_other", "cooperation_areas", WARNING, "ExpectColumnValuesToNotBeInSet", {"column": "category", "value_set": ["other"]}),
    ]


def _attendee_checks() -> list[Check]:
    """The checks of attendees."""
    c = Check
    return [
        c("attendee_has_a_person", "attendees", CRITICAL, "ExpectColumnValueLengthsToBeBetween", {"column": "person_or_empty", "min_value": 1}),
        c("attendee_key_is_unique", "attendees", CRITICAL, "ExpectCompoundColumnsToBeUnique", {"column_list": ["release_id", "meeting_id", "person", "role"]}),
        c("attendee_side_is_known", "attendees", CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "side", "value_set": ["hksar", "mainland", "central"]}),
        c("attendee_role_is_known", "attendees", CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "role", "value_set": ["co_chair", "delegation", "guest", "signatory"]}),
        c("attendee_text_has_no_chrome", "attendees", CRITICAL, "ExpectColumnValuesToNotMatchRegexList", {"column": "person", "regex_list": CHROME_PATTERNS}),
        c("attendee_has_an_office", "attendees", WARNING, "ExpectColumnValuesToNotBeNull", {"column": "office"}),
        c("attendee_has_an_honorific", "attendees", WARNING, "ExpectColumnValuesToMatchRegex", {"column": "person_in_english", "regex": rf"^(?:{'|'.join(HONORIFICS)})\.? "}),  # null: Chinese
    ]


def _agreement_checks() -> list[Check]:
    """The checks of agreements."""
    c = Check
    return [
        c("agreement_key_is_unique", "agreements", CRITICAL, "ExpectCompoundColumnsToBeUnique", {"column_list": ["release_id", "meeting_id", "agreement_no"]}),
        c("agreement_has_a_title", "agreements", CRITICAL, "ExpectColumnValueLengthsToBeBetween", {"column": "title_or_empty", "min_value": 1}),
        c("agreement_title_has_no_chrome", "agreements", CRITICAL, "ExpectColumnValuesToNotMatchRegexList", {"column": "title", "regex_list": CHROME_PATTERNS}),
    ]


def _checks() -> list[Check]:
    """Every check, table by table (the order is the suites' and the checks digest's)."""
    today = int(date.today().strftime("%Y%m%d"))
    return _release_checks() + _meeting_checks(today) + _area_checks() + _attendee_checks() + _agreement_checks()


CHECKS: list[Check] = _checks()
TABLES: tuple[str, ...] = ("releases", "meetings", "cooperation_areas", "attendees", "agreements")
