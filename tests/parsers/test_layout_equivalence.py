"""Issue 13, a layout that shows the pipeline: the restructured `parsers` gives every known input exactly the
records the code before it gave (`tests/golden/records_before_layout/`, written by `tests/support/layout_snapshot.py`
before the change), its HTML form reads lines from the markup without Markdown, and `PARSER_VERSION` follows
every vocabulary by itself."""
from __future__ import annotations

import dataclasses
import json
import re

import pytest

import parsers.forms.html as html_form
import parsers.forms.text as text_form
from parsers import CATEGORIES, DEFAULT_SITE, ENGLISH, LANGUAGES, PARSER_VERSION, SITES, Source, parse_document
from parsers.lines import HeadingLine, RawLine
from parsers.version import CODE_VERSION, vocabulary_digest
from tests.support.layout_snapshot import SNAPSHOT, inputs, records
from tests.support.paths import PAGES

INPUTS = inputs()


# Fields the records gained after the snapshot (issue 15: the link to the other language, names as printed): an
# English release's are null, and left out of the comparison only when null.
FIELDS_ADDED_SINCE = {"release": ("other_language_url",), "meeting": ("conference_as_printed", "venue_as_printed")}


def without_version(snapshot: dict) -> dict:
    """The records of a snapshot or a parse, their parser version left out (it changes by design), and the fields
    added since the snapshot left out where they are null."""
    snapshot = json.loads(json.dumps(snapshot, ensure_ascii=False))
    for parsed in snapshot.values():
        assert parsed["release"].pop("parser_version")
        for record, fields in FIELDS_ADDED_SINCE.items():
            for name in fields:
                if parsed.get(record) and name in parsed[record] and parsed[record][name] is None:
                    del parsed[record][name]
    return snapshot


def test_every_input_has_its_snapshot():
    assert len(INPUTS) == 20  # five seeds, their five pages, ten dev pages
    assert sorted(p.name for p in SNAPSHOT.glob("*.json")) == sorted(f"{name}.json" for name in INPUTS)


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_records_are_those_before_the_layout_change(name):
    path, url = INPUTS[name]
    before = json.loads((SNAPSHOT / f"{name}.json").read_text())
    assert before["source_url"] == url
    assert without_version(records(path, url)) == without_version(before["records"])


def test_the_release_records_name_the_language_and_version():
    path, url = INPUTS["seeds__002_76a61713adfee18e.txt"]
    release = records(path, url)["document/with_url"]["release"]
    assert release["language"] == ENGLISH.code == "en"
    assert release["parser_version"] == PARSER_VERSION


# --- the HTML form reads markup, not Markdown ----------------------------------------------------------------

class _Spy:
    """`read_lines` as the HTML form calls it, recording what it is given."""

    def __init__(self, read_lines):
        self.read_lines, self.calls = read_lines, []

    def __call__(self, raw_lines, language=ENGLISH, marks=None):
        self.calls.append((list(raw_lines), marks))
        return self.read_lines(raw_lines, language, marks)


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.htm")), ids=lambda p: p.name)
def test_the_html_form_neither_writes_nor_reads_markdown(page, monkeypatch):
    def no_markdown(stripped):
        raise AssertionError(f"the HTML form read Markdown: {stripped!r}")

    spy = _Spy(html_form.read_lines)
    monkeypatch.setattr(text_form, "read_markdown", no_markdown)
    monkeypatch.setattr(html_form, "read_lines", spy)
    name = f"pages__{page.name}"
    path, url = INPUTS[name]
    got = parse_document(path.read_bytes(), Source(uri=str(path.relative_to(PAGES.parents[2])), url=url)).to_dict()
    before = json.loads((SNAPSHOT / f"{name}.json").read_text())["records"]["document/with_url"]
    assert without_version({"page": got}) == without_version({"page": before})

    [(raw_lines, marks)] = spy.calls  # one call, with no Markdown reader
    assert marks is None
    given = "\n".join(raw_lines)
    assert "**" not in given and "__" not in given  # no heading written as Markdown
    source_text = page.read_text(encoding="utf-8")
    assert given.count("•") <= source_text.count("•")  # no bullet written as a glyph: only those the page prints
    assert not any(line.startswith("#") for line in raw_lines)
    headings = [line for line in raw_lines if type(line) is HeadingLine]  # the marks travel as the lines' types
    assert bool(headings) == ("<b>" in source_text or "<u>" in source_text)  # pages 002-004 mark their headings
    assert all(isinstance(line, RawLine) and line.marker == "heading" for line in headings)


def test_emphasis_cut_off_by_the_depth_bound_is_no_heading():
    html = ("<html><body><span id='pressrelease'><p>The two sides met.</p>" + "<div>" * 5_000
            + "<b>Deepest words</b>" + "</div>" * 5_000 + "<p>After the nesting.</p></span></body></html>")
    lines = html_form._body_lines(html_form.LexborHTMLParser(html))
    assert [type(line) for line in lines[-2:]] == [str, str]


def test_markdown_is_read_by_the_text_form():
    data = b"Headline of a release\n\n## Innovation\n\n**Finance** and __more__\n\n- an item\n"
    lines = text_form.text_lines(data.decode())
    assert [(line.text, line.marker) for line in lines] == [
        ("Headline of a release", None), ("Innovation", "heading"), ("Finance and more", None), ("an item", "bullet"),
    ]


# --- languages and sites ------------------------------------------------------------------------------------

def test_every_language_reads_into_the_same_categories():
    assert (*ENGLISH.categories.words, "other") == CATEGORIES
    for language in LANGUAGES.values():
        assert set(language.categories.words) <= set(CATEGORIES), language.code


def test_the_default_site_is_info_gov_hk():
    assert DEFAULT_SITE is SITES[0]
    assert DEFAULT_SITE.base_url == "https://www.info.gov.hk"
    assert DEFAULT_SITE.hosts == frozenset({"www.info.gov.hk"})
    assert DEFAULT_SITE.feed_url() == "https://www.info.gov.hk/gia/rss/general_en.xml"


# --- the version follows every vocabulary ---------------------------------------------------------------------

def test_the_parser_version_is_the_code_version_and_the_vocabularies_digest():
    assert re.fullmatch(r"\d+\.\d+\.\d+\+[0-9a-f]{8}", PARSER_VERSION)
    assert PARSER_VERSION == f"{CODE_VERSION}+{vocabulary_digest()}"
    assert vocabulary_digest() == vocabulary_digest(LANGUAGES.values(), SITES)


@pytest.mark.parametrize("change", ["counterpart", "honorific", "category word", "chrome line", "site host"])
def test_a_word_added_to_a_copy_changes_the_digest_and_nothing_else(change):
    before = vocabulary_digest()
    english, site = ENGLISH, DEFAULT_SITE
    if change == "counterpart":
        english = dataclasses.replace(ENGLISH, counterparts=(*ENGLISH.counterparts, "Atlantis"))
    elif change == "honorific":
        people = dataclasses.replace(ENGLISH.people, honorifics=(*ENGLISH.people.honorifics, "Sheriff"))
        english = dataclasses.replace(ENGLISH, people=people)
    elif change == "category word":
        words = {**ENGLISH.categories.words, "youth": (*ENGLISH.categories.words["youth"], "juvenile")}
        english = dataclasses.replace(ENGLISH, categories=dataclasses.replace(ENGLISH.categories, words=words))
    elif change == "chrome line":
        english = dataclasses.replace(ENGLISH, chrome=ENGLISH.chrome | {"share this page"})
    else:
        site = dataclasses.replace(DEFAULT_SITE, hosts=DEFAULT_SITE.hosts | {"mirror.example.org"})
    others = [s for s in SITES if s is not DEFAULT_SITE]
    assert vocabulary_digest([english], [site, *others]) != before
    assert vocabulary_digest() == before and PARSER_VERSION.endswith(before)  # the copies changed nothing global
    assert "Atlantis" not in ENGLISH.counterparts and "Sheriff" not in ENGLISH.people.honorifics


def test_a_closing_time_no_clock_shows_is_read_as_no_time_not_an_error():
    """`Issued at HKT 25:61` (a typo, or a hostile page) is a closing line without a time, like 香港時間25時61分."""
    text = ("Hong Kong-Beijing Co-operation Conference holds plenary\n\nThe Chief Executive met officials today.\n\n"
            "Ends/Wednesday, October 24, 2018\nIssued at HKT 25:61\n").encode()
    parsed = parse_document(text, Source(uri="typo.txt"))
    assert parsed.release.title == "Hong Kong-Beijing Co-operation Conference holds plenary"
    assert parsed.release.issued_at is None
