"""Text you can trust (issue 12): mojibake is repaired when provable and flagged otherwise; a release without its
closing lines that stops mid-sentence is `truncated`. Both reach the quality gate as warnings."""
from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, time

import pytest

from flows.pipeline import ParsedBatch, gate_batch
from parsers import Source, parse_document
from parsers.forms import charset as text_integrity
from parsers.lines import Line, cut_footer, is_footer_line
from parsers.forms.charset import decode_text, repair_mojibake
from parsers.lines import stops_mid_sentence
from tests.support.paths import DEV_PAGES, PAGES, SEEDS

URL_002 = "https://www.info.gov.hk/gia/general/201810/24/P2018102400619.htm"
URL_003 = "https://www.info.gov.hk/gia/general/201808/24/P2018082400678.htm"
SENTENCE = "advisory services portal to serve Hong Kong people in Beijing."
ACCENTED = "advisory services portal, the Conférence’s “one-stop” café, to serve Hong Kong people in Beijing."
LATIN1_REPAIRED = "repaired: UTF-8 bytes declared as ISO-8859-1/cp1252, read as UTF-8"
LAST_PARAGRAPH_END = "Ms Qiu Hong, also attended the meeting."
ZH_HEADLINE = "川港高層會晤暨川港合作會議第二次全體會議在成都舉行"
ZH_BODY = (
    "　　香港特別行政區行政長官林鄭月娥今日（九月二十三日）在成都與四川省委書記彭清華共同主持川港高層會晤暨"
    "川港合作會議第二次全體會議，雙方回顧了「一帶一路」、金融、民航等領域的合作成果。\n\n"
    "　　雙方同意進一步加強合作。"
)
ZH_CLOSING = "\n\n完\n\n2021年9月23日（星期四）\n香港時間19時30分\n"


def seed_text(stem: str = "002_76a61713adfee18e") -> str:
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


def accented_002() -> str:
    """Seed 002 with accents and curly quotes in its first area's text."""
    text = seed_text()
    assert text.count(SENTENCE) == 1
    return text.replace(SENTENCE, ACCENTED)


def parse(data: bytes, charset: str | None = None, url: str | None = URL_002, uri: str = "release.txt"):
    return parse_document(data, Source(uri=uri, url=url), declared_charset=charset)


def same_records(a, b) -> bool:
    """Whether two parses give the same records, apart from what says how their bytes were read."""
    def strip(parsed) -> dict:
        d = parsed.to_dict()
        d["release"] = {k: v for k, v in d["release"].items() if k not in ("encoding_warning", "content_sha256",
                                                                          "source_uri")}
        return d
    return strip(a) == strip(b)


def area_text(parsed) -> str:
    return "\n".join(area.text for area in parsed.areas)


def mojibake(text: str) -> str:
    """What a tool that read UTF-8 bytes as Windows-1252 (keeping its five undefined bytes) would have saved."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)

    return text.encode("utf-8").decode("sloppy-windows-1252")


# --- mojibake, both ways -------------------------------------------------------------------------------------

def test_utf8_served_as_iso_8859_1_is_read_as_utf8_and_says_so():
    data = accented_002().encode("utf-8")
    clean = parse(data)
    served_as_latin1 = parse(data, charset="iso-8859-1")
    assert clean.release.encoding_warning is None
    assert served_as_latin1.release.encoding_warning == LATIN1_REPAIRED
    assert "the Conférence’s “one-stop” café" in area_text(served_as_latin1)
    assert same_records(served_as_latin1, clean)


def test_a_real_page_whose_meta_says_iso_8859_1_but_holds_utf8_is_read_as_utf8():
    page = (PAGES / "002_76a61713adfee18e.htm").read_text(encoding="utf-8")
    assert page.count("charset=utf-8") == 1 and page.count(SENTENCE) == 1
    page = page.replace(SENTENCE, ACCENTED)
    clean = parse(page.encode("utf-8"), uri="page.htm")
    latin1_meta = parse(page.replace("charset=utf-8", "charset=iso-8859-1").encode("utf-8"), uri="page.htm")
    assert clean.release.encoding_warning is None
    assert latin1_meta.release.encoding_warning == LATIN1_REPAIRED
    assert "the Conférence’s “one-stop” café" in area_text(latin1_meta)
    assert same_records(latin1_meta, clean)


def test_cp1252_bytes_declared_as_utf8_are_read_as_cp1252_and_say_so():
    text = accented_002()
    declared_utf8 = parse(text.encode("cp1252"), charset="utf-8")
    assert declared_utf8.release.encoding_warning == "repaired: bytes declared as UTF-8 are not UTF-8, read as cp1252"
    assert "the Conférence’s “one-stop” café" in area_text(declared_utf8)
    assert same_records(declared_utf8, parse(text.encode("utf-8")))


def test_undeclared_cp1252_text_is_read_as_cp1252_without_a_warning():
    parsed = parse(accented_002().encode("cp1252"))
    assert parsed.release.encoding_warning is None  # cp1252 text, not mojibake
    assert "the Conférence’s “one-stop” café" in area_text(parsed)


def test_text_saved_after_a_wrong_conversion_is_repaired_line_by_line():
    text = accented_002()
    garbled = mojibake(text)
    assert "ConfÃ©renceâ€™s â€œone-stopâ€\x9d cafÃ©" in garbled and "Â\xa0" in garbled  # NBSP indents too
    parsed = parse(garbled.encode("utf-8"))
    assert parsed.release.encoding_warning.startswith("repaired: mojibake in ")
    assert parsed.release.encoding_warning.endswith(" of the text (UTF-8 read as Latin-1/cp1252)")
    assert "the Conférence’s “one-stop” café" in area_text(parsed)
    assert same_records(parsed, parse(text.encode("utf-8")))


def test_mojibake_that_cannot_be_proven_is_kept_and_flagged():
    for damaged in ("Hong Kong\u00e2\u20ac\ufffd delegation", "caf\u00c3\u00a9 \u00c3\u00a9\u00c3"):  # lost byte; lone Ã
        text, warning = repair_mojibake(f"Headline\n{damaged}\n")
        assert text == f"Headline\n{damaged}\n"
        assert warning == "suspected mojibake: 1 line of the text looks garbled and could not be repaired"
    parsed = parse(seed_text().replace(SENTENCE, "advisory services caf\u00c3\u00a9 \u00c3\u00a9\u00c3.").encode())
    assert parsed.release.encoding_warning.startswith("suspected mojibake")
    assert "caf\u00c3\u00a9 \u00c3\u00a9\u00c3." in area_text(parsed)


def test_c1_controls_from_cp1252_read_as_latin1_are_repaired():
    decoded = decode_text("He said \u0093we agree\u0094.".encode("utf-8"))
    assert decoded.text == "He said “we agree”."
    assert decoded.warning == "repaired: mojibake in 1 line of the text (cp1252 read as Latin-1)"


# --- Chinese is never "repaired" into garbage ----------------------------------------------------------------

def zh_release(body: str = ZH_BODY, closing: str = ZH_CLOSING) -> str:
    return f"{ZH_HEADLINE}\n\n{body}{closing}"


@pytest.mark.parametrize(("encoding", "declared"), [("utf-8", None), ("utf-8", "utf-8"), ("big5hkscs", "big5"),
                                                    ("big5", "big5"), ("gb18030", "gb2312")])
def test_chinese_text_in_utf8_big5_or_gb18030_is_untouched(encoding, declared):
    text = zh_release()
    decoded = decode_text(text.encode(encoding), declared)
    assert decoded.text == text and decoded.warning is None
    parsed = parse(text.encode(encoding), charset=declared, url=None)
    assert parsed.release.title == ZH_HEADLINE
    assert parsed.release.encoding_warning is None and parsed.release.truncated is False


def test_a_big5_page_declared_in_its_meta_is_untouched():
    html = (f'<html><head><meta charset="big5"><title>{ZH_HEADLINE}</title></head><body><div id="contentBody">'
            f'<span id="PRHeadlineSpan">{ZH_HEADLINE}</span><span id="pressrelease">'
            f'{ZH_BODY.replace(chr(10), "<br>")}</span><p>完</p><p>2021年9月23日（星期四）<br>香港時間19時30分</p>'
            "</div></body></html>")
    parsed = parse(html.encode("big5hkscs"), uri="page.htm", url=None)
    assert parsed.release.title == ZH_HEADLINE
    assert parsed.release.encoding_warning is None and parsed.release.truncated is False
    assert parsed.release.release_date == date(2021, 9, 23)


def test_utf8_chinese_served_as_big5_is_read_as_utf8():
    decoded = decode_text(zh_release().encode("utf-8"), "big5")
    assert decoded.text == zh_release()
    assert decoded.warning == "repaired: UTF-8 bytes declared as Big5, read as UTF-8"


def test_undeclared_big5_is_detected_and_says_so():
    """Issue 15: a Chinese text file in Big5 or GB18030 is read in the charset it is written in, detected by the
    coherence of the text (charset-normalizer), and the release says it was detected (issue 12 left it as cp1252,
    flagged: it could not tell which charset)."""
    data = zh_release().encode("big5hkscs")
    decoded = decode_text(data)
    assert decoded.text == zh_release() and decoded.charset == "big5hkscs"
    assert decoded.warning == ("detected: the bytes declare no charset and are not UTF-8; read as Big5, the Chinese "
                               "charset they are written in")
    declared = decode_text(data, "utf-8")
    assert declared.text == zh_release()
    assert declared.warning.startswith("detected: the bytes declared as UTF-8 are not UTF-8; read as Big5")


def test_clean_releases_never_reach_ftfy(monkeypatch):
    """ASCII, NBSP-indented English, Chinese: no mojibake clue, so ftfy is neither imported nor run."""
    def refuse(line):
        raise AssertionError(f"ftfy consulted on a clean text: {line[:60]!r}")

    monkeypatch.setattr(text_integrity, "_judge_line", refuse)
    for path in [*SEEDS.glob("*.txt"), *PAGES.glob("*.htm"), *DEV_PAGES.glob("*.txt")]:
        assert parse(path.read_bytes(), uri=path.name, url=None).release.encoding_warning is None
    assert decode_text(zh_release().encode("utf-8")).warning is None


# --- truncated releases --------------------------------------------------------------------------------------

def without_closing_lines(text: str) -> str:
    return text[: text.index("\nEnds/")] + "\n"


def test_a_seed_cut_mid_sentence_before_its_closing_lines_is_truncated():
    text = seed_text()
    cut = without_closing_lines(text).replace(LAST_PARAGRAPH_END, "Ms Qiu Hong, also attended")
    parsed = parse(cut.encode())
    assert parsed.release.truncated is True
    assert parsed.meeting is not None  # it still parses: the flag is a warning, not a rejection


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_complete_seeds_are_not_flagged(path):
    release = parse(path.read_bytes(), url=None).release
    assert release.truncated is False and release.encoding_warning is None


def test_a_release_cut_after_a_full_sentence_is_not_truncated_with_or_without_closing_lines():
    text = seed_text()
    last = text[text.rindex("\n", 0, text.rindex("The Deputy Director of the Hong Kong")): text.index("\nEnds/")]
    with_closing = text.replace(last, "")
    assert "Ends/Wednesday" in with_closing and LAST_PARAGRAPH_END not in with_closing
    assert parse(with_closing.encode()).release.truncated is False
    assert parse(without_closing_lines(with_closing).encode()).release.truncated is False  # like seed 001


def test_a_body_that_stops_mid_sentence_before_its_closing_lines_is_not_truncated():
    """The closing lines show the release was delivered whole: only a release without them can be cut off."""
    text = seed_text().replace(LAST_PARAGRAPH_END, "Ms Qiu Hong, also attended")
    assert parse(text.encode()).release.truncated is False


def test_english_footer_dates_times_and_cut_are_unchanged():
    parsed = parse(seed_text().encode())
    assert parsed.release.release_date == date(2018, 10, 24)
    assert parsed.release.issued_at.time() == time(17, 8)
    lines = [Line(t) for t in ("Headline", "Body sentence.", "Ends/Wednesday, October 24, 2018",
                               "Issued at HKT 17:08", "NNNN", "Today's Press Releases", "Caption")]
    body, footer = cut_footer(lines)
    assert [ln.text for ln in body] == ["Headline", "Body sentence."]
    assert (footer.ends_date, footer.issued_time, footer.closed, footer.truncated) == (
        date(2018, 10, 24), time(17, 8), True, False)


@pytest.mark.parametrize("closing", ["NNNN", "完", "2021年9月23日(星期四)", "2021年9月23日（星期四）", "香港時間19時30分"])
def test_any_one_closing_line_english_or_chinese_cuts_the_body_and_closes_the_release(closing):
    body, footer = cut_footer([Line(t) for t in ("Headline", "First line.", "Second line stops", "mid", closing,
                                                 "Caption after")])
    assert [ln.text for ln in body] == ["Headline", "First line.", "Second line stops", "mid"]
    assert footer.closed and not footer.truncated
    assert is_footer_line(closing)


def test_chinese_closing_lines_give_the_date_and_time():
    body, footer = cut_footer([Line(t) for t in (ZH_HEADLINE, "雙方同意進一步加強合作。", "完", "2021年9月23日（星期四）",
                                                 "香港時間19時30分")])
    assert len(body) == 2
    assert (footer.ends_date, footer.issued_time, footer.closed, footer.truncated) == (
        date(2021, 9, 23), time(19, 30), True, False)
    assert not is_footer_line("2021年9月23日")  # a dateline without its weekday is no closing line


def test_a_chinese_release_without_closing_lines_is_truncated_only_mid_sentence():
    cut = parse(zh_release(ZH_BODY.removesuffix("合作。"), closing="\n").encode(), url=None)
    whole_sentence = parse(zh_release(closing="\n").encode(), url=None)
    assert cut.release.truncated is True
    assert whole_sentence.release.truncated is False


@pytest.mark.parametrize(("text", "mid_sentence"), [
    ("Mr Clement Woo, etc.", False), ("Hong Kong will thrive!", False), ("Is it?", False),
    ("He said, “We agree.”", False), ('He said, "We agree."', False), ("(Chinese only)", False),
    ("雙方同意加強合作。", False), ("「一帶一路」", False), ("合作！", False),
    ("one assigned driver", True), ("the following agreements:", True), ("first item;", True),
    ("the two governments’", True), ("Mainland cit", True), ("", True), ("雙方同意加強", True), ("合作，", True),
])
def test_what_stops_mid_sentence(text, mid_sentence):
    assert stops_mid_sentence(text) is mid_sentence


def test_dev_pages_cut_by_the_excerpting_are_truncated_and_the_complete_ones_are_not():
    truth = json.loads((DEV_PAGES / "truth.json").read_text())
    truncated = {t["file"]: parse((DEV_PAGES / t["file"]).read_bytes(), url=t["url"], uri=t["file"]).release.truncated
                 for t in truth}
    # 35 (hketosydney) and 72 (news.gov.hk) are whole releases on sites that print no closing lines.
    assert {f for f, cut in truncated.items() if not cut} == {"35_hketosydney_2016_0912b.txt",
                                                             "72_newsgov_20210923_181041.txt"}


@pytest.mark.parametrize("path", sorted(PAGES.glob("*.htm")), ids=lambda p: p.stem)
def test_fixture_pages_are_not_flagged(path):
    release = parse(path.read_bytes(), uri=path.name, url=None).release
    assert release.truncated is False and release.encoding_warning is None


# --- the quality gate ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gate():
    from expectations.gate import QualityGate

    return QualityGate()


def failing(gated) -> dict[str, list[str]]:
    found = defaultdict(list)
    for row in gated.dq_rows:
        if not row["success"]:
            found[row["check_name"]] += row["failing_keys"]
    return dict(found)


def test_the_gate_warns_of_truncated_and_mojibake_releases_and_loads_them(gate):
    truncated = parse(without_closing_lines(seed_text()).replace(LAST_PARAGRAPH_END, "Ms Qiu Hong, also").encode())
    garbled = parse(mojibake(seed_text("003_3b4f25005ebc3ec4")).encode(), url=URL_003)
    whole = parse((SEEDS / "000_4d56e0fd9a20abe2.txt").read_bytes(), url=None)
    assert garbled.release.encoding_warning.startswith("repaired: mojibake")
    gated = gate_batch(gate, ParsedBatch([truncated, garbled, whole]), "run-text-integrity", 0)
    assert gated.quarantine == [] and len(gated.load) == 3
    found = failing(gated)
    assert found["release_is_not_truncated"] == ["P2018102400619"]
    assert found["text_decoded_without_mojibake"] == ["P2018082400678"]
    severities = {r["check_name"]: r["severity"] for r in gated.dq_rows}
    assert severities["release_is_not_truncated"] == severities["text_decoded_without_mojibake"] == "warning"
    assert {"P2018102400619", "P2018082400678"} <= gated.warned


def test_the_gate_passes_both_checks_on_clean_whole_releases(gate):
    batch = ParsedBatch([parse(p.read_bytes(), url=None, uri=p.name) for p in sorted(SEEDS.glob("*.txt"))])
    found = failing(gate_batch(gate, batch, "run-text-integrity-clean", 0))
    assert "release_is_not_truncated" not in found and "text_decoded_without_mojibake" not in found
