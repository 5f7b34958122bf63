"""The HTML page parser: each fixture page parses to what its seed text parses to, plus focused markup cases."""
from __future__ import annotations

import csv
import hashlib

import pytest

from parsers import ParsingError, Source, parse_document, parse_page, parse_release
from parsers.forms.charset import sniff_charset
from tests.support.paths import PAGES, SEEDS, seed_urls

STEMS = sorted(p.stem for p in PAGES.glob("*.htm"))
HEADLINE = "Fourth Plenary Session of the Hong Kong/Beijing Co-operation Conference held in Beijing"
HEADLINE_SPAN = f'<span id="PRHeadlineSpan">{HEADLINE}</span>'
LEAD = (
    "&nbsp;&nbsp;&nbsp;&nbsp; The Chief Executive, Mrs Carrie Lam, and the Mayor of Beijing, Mr Chen Jining, convened "
    "the Fourth Plenary Session of the Hong Kong/Beijing Co-operation Conference in Beijing today (October 24).<br><br>"
)
BODY = (
    LEAD + "<b><u>Innovation and Technology</u></b><br><br>"
    "&nbsp;&nbsp;&nbsp;&nbsp; The two places will set up a joint laboratory.<br><br>"
    "<b>Signing Ceremony</b><br><br>&nbsp;&nbsp;&nbsp;&nbsp; Two agreements were signed:<br>"
    "<ul><li>Agreement on Science Parks</li><li>Memorandum on Youth Exchange</li></ul>"
)
FOOTER = "<div>Ends/Wednesday, October 24, 2018<br>Issued at HKT 17:08</div>"
URL_002 = "https://www.info.gov.hk/gia/general/201810/24/P2018102400619.htm"
CO_CHAIRS = [("Mrs Carrie Lam", "co_chair"), ("Mr Chen Jining", "co_chair")]


def page_urls() -> dict[str, str | None]:
    with open(PAGES / "manifest.csv", newline="") as fh:
        return {row["file"]: (row["source_url"] or None) for row in csv.DictReader(fh)}


def page(body: str, *, head: str = "", after: str = "", headline: str = HEADLINE_SPAN,
         title: str = HEADLINE, meta: str = '<meta charset="utf-8">', encoding: str = "utf-8") -> bytes:
    """A small release page in the info.gov.hk layout."""
    html = (
        f"<!DOCTYPE html><html><head>{meta}<title>{title}</title>{head}</head><body>"
        f'<div id="contentBody">{headline}<span id="pressrelease">{body}</span>{after}</div></body></html>'
    )
    return html.encode(encoding)


def parse_fixture(stem: str, url: str | None) -> dict:
    path = PAGES / f"{stem}.htm"
    return parse_page(path.read_bytes(), Source(uri=str(path), url=url)).to_dict()


def without_source(parsed: dict) -> dict:
    parsed["release"] = {k: v for k, v in parsed["release"].items() if k not in ("source_uri", "content_sha256")}
    return parsed


# --- each fixture page equals its seed ---------------------------------------------------------------------

def test_page_manifest_gives_the_seed_addresses():
    assert {f.removesuffix(".htm"): u for f, u in page_urls().items()} == {
        f.removesuffix(".txt"): u for f, u in seed_urls().items()
    }
    assert sorted(page_urls()) == [f"{s}.htm" for s in STEMS] and len(STEMS) == 5


@pytest.mark.parametrize("stem", STEMS)
def test_page_parses_like_its_seed(stem):
    url = page_urls()[f"{stem}.htm"]
    seed = SEEDS / f"{stem}.txt"
    from_text = parse_release(seed.read_bytes(), Source(uri=str(seed), url=url)).to_dict()
    from_page = parse_fixture(stem, url)
    assert from_page["meeting"] is not None
    assert without_source(from_page) == without_source(from_text)


@pytest.mark.parametrize("stem", STEMS)
def test_page_hash_and_raw_are_the_page_bytes(stem):
    data = (PAGES / f"{stem}.htm").read_bytes()
    parsed = parse_page(data, Source(uri="page.htm"))
    assert parsed.release.content_sha256 == hashlib.sha256(data).hexdigest()
    assert parsed.raw == data


# --- headline ---------------------------------------------------------------------------------------------

def test_headline_falls_back_to_pr_headline():
    data = page(LEAD, headline=f'<h1 id="PRHeadline">{HEADLINE}</h1>', title="Press Releases")
    assert parse_page(data, Source("p.htm")).release.title == HEADLINE


def test_headline_falls_back_to_title():
    data = page(LEAD, headline="", title=f"  {HEADLINE}\n")
    parsed = parse_page(data, Source("p.htm"))
    assert parsed.release.title == HEADLINE
    assert parsed.meeting.meeting_id == "beijing-4"


# --- charset ----------------------------------------------------------------------------------------------

def test_big5_declared_only_in_meta_decodes():
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=big5">'
    data = page("&nbsp;&nbsp; 京港合作會議今日在北京舉行。", headline='<span id="PRHeadlineSpan">京港合作會議第四次會議</span>',
                title="新聞公報", meta=meta, encoding="big5")
    assert sniff_charset(data) == "big5hkscs"
    parsed = parse_page(data, Source("p.htm"))
    assert parsed.release.title == "京港合作會議第四次會議"
    assert parsed.release.language == "zh"  # read in the language it is written in (issue 15)
    assert (parsed.meeting.meeting_id, parsed.meeting.venue) == ("beijing-4", "Beijing")


def test_windows_1252_declared_only_in_meta_decodes():
    data = page(LEAD, headline='<span id="PRHeadlineSpan">“Bay Area” co-operation – Hong Kong’s role</span>',
                meta='<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', encoding="cp1252")
    assert sniff_charset(data) == "windows-1252"
    assert parse_page(data, Source("p.htm")).release.title == "“Bay Area” co-operation – Hong Kong’s role"


def test_declared_charset_wins_over_meta():
    data = page("&nbsp;&nbsp; 京港合作會議今日在北京舉行。", headline='<span id="PRHeadlineSpan">京港合作會議</span>',
                title="x", meta='<meta charset="windows-1252">', encoding="big5")
    assert parse_page(data, Source("p.htm"), declared_charset="big5").release.title == "京港合作會議"
    misled = parse_page(data, Source("p.htm")).release  # the meta alone would mislead: the Big5 is detected (issue 15)
    assert misled.title == "京港合作會議"
    assert misled.encoding_warning.startswith("detected: the bytes declared as ISO-8859-1/cp1252 are not")


def test_a_header_charset_is_read_as_browsers_do_and_an_unknown_one_falls_back_to_meta():
    data = page(LEAD, headline='<span id="PRHeadlineSpan">Hong Kong’s role</span>', meta="", encoding="cp1252")
    assert parse_page(data, Source("p.htm"), declared_charset="ISO-8859-1").release.title == "Hong Kong’s role"
    with_meta = page(LEAD, headline='<span id="PRHeadlineSpan">Hong Kong’s role</span>',
                     meta='<meta charset="windows-1252">', encoding="cp1252")
    assert parse_page(with_meta, Source("p.htm"), declared_charset="x-no-such-charset").release.title == "Hong Kong’s role"


def test_thousands_of_unclosed_tags_do_not_exhaust_the_stack():
    data = page("<font>" * 5000 + BODY, after=FOOTER)
    parsed = parse_page(data, Source("p.htm", URL_002))
    assert parsed.meeting.meeting_id == "beijing-4"
    assert [a.heading for a in parsed.areas] == ["Innovation and Technology"]


# --- what is not content ----------------------------------------------------------------------------------

def test_script_text_is_never_read():
    decoy = "<script>\nIssued at HKT 00:00\n</script>"
    body = BODY.replace("joint laboratory.", f"joint laboratory.{decoy}<style>p {{ margin: 0 }}</style>")
    parsed = parse_page(page(body, head=decoy, after=decoy + FOOTER), Source("p.htm"))
    assert parsed.release.issued_at.isoformat() == "2018-10-24T17:08:00+08:00"
    assert [a.text for a in parsed.areas] == ["The two places will set up a joint laboratory."]


def test_fixture_decoy_script_is_ignored():
    assert parse_fixture("002_76a61713adfee18e", URL_002)["release"]["issued_at"] == "2018-10-24T17:08:00+08:00"


def test_captions_and_todays_press_releases_after_the_body_are_not_content():
    after = (
        FOOTER + '<div><a href="/gia/general/today.htm">Today\'s Press Releases</a></div>'
        '<div class="photoCaption">Photo shows Mrs Lam. The Director of the Liaison Office, Mr Wang Zhimin, '
        "also attended the meeting as a special guest. Issued at HKT 23:59</div>"
    )
    parsed = parse_page(page(BODY, after=after), Source("p.htm"))
    assert [(a.heading, a.text, a.paragraph_count) for a in parsed.areas] == [
        ("Innovation and Technology", "The two places will set up a joint laboratory.", 1)
    ]
    assert [(a.person, a.role) for a in parsed.attendees] == CO_CHAIRS
    assert [a.title for a in parsed.agreements] == ["Agreement on Science Parks", "Memorandum on Youth Exchange"]
    assert parsed.release.issued_at.isoformat() == "2018-10-24T17:08:00+08:00"


def test_without_a_footer_nothing_after_the_body_is_read():
    after = (
        '<div class="photoCaption">Photo shows Mrs Lam. The Director of the Liaison Office, Mr Wang Zhimin, '
        "also attended the meeting as a special guest.</div>"
        '<div><a href="/gia/general/today.htm">Today\'s Press Releases</a></div>'
        '<div class="photoCaption">Ends/Monday, January 1, 2001<br>Issued at HKT 00:00</div>'
    )
    parsed = parse_page(page(BODY, after=after), Source("p.htm"))
    assert parsed.release.issued_at is None and parsed.release.release_date is None
    assert [(a.person, a.role) for a in parsed.attendees] == CO_CHAIRS


def test_markup_marks_headings_bullets_and_indentation():
    body = (
        LEAD + "&nbsp;&nbsp;&nbsp;&nbsp; <b>Innovation and Technology:</b><br><br>"
        "&nbsp;&nbsp;&nbsp;&nbsp; The two places will set up a joint laboratory.<br><br>"
        "<p>&nbsp;&nbsp;&nbsp;&nbsp; They will also share data</p>"
        "<p><u>Youth</u> <b>Development</b></p><div>&nbsp;&nbsp;&nbsp;&nbsp; Internships will be offered.</div>"
        "<br><br><br>&nbsp;&nbsp;&nbsp;&nbsp; Tourism will be promoted.<br><br>"
        "<b>Signing Ceremony</b><br><br>&nbsp;&nbsp;&nbsp;&nbsp; Two agreements were signed:<br>"
        "<ol><li><b>Agreement on Science Parks</b></li><li>Memorandum on Youth Exchange</li></ol>"
    )
    parsed = parse_page(page(body), Source("p.htm"))
    assert [(a.heading, a.text, a.paragraph_count) for a in parsed.areas] == [
        ("Innovation and Technology:",
         "The two places will set up a joint laboratory.\n\nThey will also share data", 2),
        ("Youth Development", "Internships will be offered.", 1),
        (None, "Tourism will be promoted.", 1),
    ]
    assert [a.title for a in parsed.agreements] == ["Agreement on Science Parks", "Memorandum on Youth Exchange"]


def test_fixture_photo_captions_stay_out_of_the_areas():
    parsed = parse_fixture("004_19cada9a8958ebfd", None)
    assert parsed["meeting"]["area_count"] == 9
    assert not any("Photo shows" in a["text"] for a in parsed["areas"])


def test_body_fallback_skips_scripts_and_navigation():
    html = (
        "<html><head><title>Press Releases</title></head><body><nav>Home | Ends/Monday, January 1, 2001</nav>"
        "<script>document.write('Issued at HKT 00:00')</script>"
        f'<div id="contentBody"><h1 id="PRHeadline">{HEADLINE}</h1><p>{LEAD}</p>'
        "<p><b>Innovation and Technology</b></p>"
        "<p>&nbsp;&nbsp;&nbsp;&nbsp; The two places will set up a joint laboratory.</p>"
        "<p>Ends/Wednesday, October 24, 2018</p><p>Issued at HKT 17:08</p></div></body></html>"
    )
    parsed = parse_page(html.encode(), Source("p.htm"))
    assert parsed.release.title == HEADLINE
    assert parsed.release.issued_at.isoformat() == "2018-10-24T17:08:00+08:00"
    assert [(a.heading, a.text) for a in parsed.areas] == [
        ("Innovation and Technology", "The two places will set up a joint laboratory.")
    ]


# --- unusable input ---------------------------------------------------------------------------------------

def test_page_without_body_text_is_a_parsing_error():
    with pytest.raises(ParsingError, match="no release text"):
        parse_page(page("&nbsp;<br><br>"), Source("p.htm"))
    with pytest.raises(ParsingError, match="no release text"):
        parse_page(b"<!DOCTYPE html><html><head></head><body></body></html>", Source("p.htm"))


def test_empty_input_is_a_parsing_error():
    with pytest.raises(ParsingError, match="empty"):
        parse_page(b" \n ", Source("p.htm"))


# --- source address ---------------------------------------------------------------------------------------

def test_canonical_link_fills_a_missing_url():
    parsed = parse_fixture("003_3b4f25005ebc3ec4", None)["release"]
    assert parsed["source_url"] == "https://www.info.gov.hk/gia/general/201808/24/P2018082400678.htm"
    assert parsed["release_id"] == "P2018082400678"


def test_og_url_fills_a_missing_url_and_a_given_url_wins():
    data = page(BODY, head=f'<link rel="canonical" href="/gia/x.htm"><meta property="og:url" content="{URL_002}">')
    assert parse_page(data, Source("p.htm")).release.release_id == "P2018102400619"
    given = "https://www.info.gov.hk/gia/general/201810/25/P2018102500001.htm"
    assert parse_page(data, Source("p.htm", url=given)).release.source_url == given


def test_relative_canonical_is_not_an_address():
    data = page(BODY, head='<link rel="canonical" href="/gia/general/201810/24/P2018102400619.htm">')
    release = parse_page(data, Source("p.htm")).release
    assert release.source_url is None and release.release_id.startswith("T")


# --- parse_document dispatch ------------------------------------------------------------------------------

def test_document_with_html_content_type_goes_to_the_page_parser():
    data = (PAGES / "002_76a61713adfee18e.htm").read_bytes()
    source = Source(uri="download", url=URL_002)
    got = parse_document(data, source, content_type="text/html; charset=utf-8").to_dict()
    assert got == parse_page(data, source).to_dict()
    assert got["meeting"]["meeting_id"] == "beijing-4"


def test_document_sniffed_as_html_goes_to_the_page_parser():
    data = page(BODY, after=FOOTER)
    assert parse_document(data, Source("-")).to_dict() == parse_page(data, Source("-")).to_dict()


def test_text_seed_with_an_htm_address_goes_to_the_text_parser():
    name = "002_76a61713adfee18e.txt"
    source = Source(uri=str(SEEDS / name), url=seed_urls()[name])
    data = (SEEDS / name).read_bytes()
    assert parse_document(data, source).to_dict() == parse_release(data, source).to_dict()
    assert parse_document(data, source, content_type="text/plain").to_dict() == parse_release(data, source).to_dict()


def test_htm_name_without_markup_goes_to_the_text_parser():
    data = f"{HEADLINE}\n\n     The Chief Executive met the Mayor of Beijing.\n".encode()
    got = parse_document(data, Source("saved.htm"))
    assert got.to_dict() == parse_release(data, Source("saved.htm")).to_dict()
    assert got.release.title == HEADLINE
