"""Bytes to normalised lines: the shape every source form (text, Markdown, HTML) is reduced to."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

# `DecodedText` and `decode_text` are re-exported: the parsers decode through this module.
from .text_integrity import DecodedText, decode_text, stops_mid_sentence  # noqa: F401
from .budget import CHECK_EVERY, MAX_LINES, check, too_many_lines
from .vocabulary import CHROME_LINES, MONTHS, WHITE_SPACE, contains_any, is_rule_line

# Replaced with str.replace, not str.translate: translate with a dict costs ~1 ms per 12 KB release, this ~20 µs.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACES = "\u00a0\u3000\u2002\u2003\u2009\u202f\t"
_ASCII_OTHER_SPACES = "".join(ch for ch in WHITE_SPACE if ch.isascii() and ch != " ")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_ESCAPE = re.compile(r"\\([\\_*#\-\[\]().!`>])")
_BULLET = re.compile(r"^[-*•·▪●◦]\s+")
_BULLET_STARTS = frozenset("-*•·▪●◦")
# Words bounded (a weekday or month has at most 9 letters): `[A-Za-z]+day` tried at every "day" of a long word
# made matching one line quadratic (issue 12).
_ENDS = re.compile(r"^Ends\s*/\s*(?:[A-Za-z]{1,20}day)?,?\s*([A-Za-z]{1,20}+)\s+(\d{1,2}),?\s+(\d{4})", re.I)
_END_MARKERS = frozenset({"nnnn", "today's press releases"})
_LONGEST_END_MARKER = max(map(len, _END_MARKERS))  # `lower()` never shortens a text
_ISSUED = re.compile(r"^Issued at HKT\s+(\d{1,2}):(\d{2})", re.I)
_LONGEST_CHROME = max(map(len, CHROME_LINES))
_OTHER_WHITE_SPACE = WHITE_SPACE.replace(" ", "")
_LONG_TEXT = 65_536  # `single_spaced` makes a longer text single-spaced without splitting it into words
_FOOTER_STARTS = frozenset("EeIi\u0130\u0131")  # how `_ENDS` and `_ISSUED` lines can start (re.I reads İ ı as i)
# The Chinese closing lines: 完 on a line of its own, the date with its weekday, the time.
_ZH_END = "完"
_ZH_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[(（]\s*星期[一二三四五六日天]\s*[)）]$")
_ZH_TIME = re.compile(r"^香港時間\s*(\d{1,2})\s*時\s*(\d{2})\s*分$")
_ZH_FOOTER_STARTS = frozenset("完香0123456789０１２３４５６７８９")  # how `_ZH_END`, `_ZH_DATE`, `_ZH_TIME` lines start


@dataclass
class Line:
    """One line of a release: its text, whether it was indented, how it was marked, blank lines before it."""

    text: str
    indented: bool = False
    marker: str | None = None  # "heading" (Markdown # or bold) or "bullet"
    gap: int = 0


@dataclass
class Footer:
    """What the closing lines say (`Ends/<date>`, `Issued at HKT HH:MM`; in Chinese the date and 香港時間HH時MM分),
    whether there was any, and whether the release without them stops mid-sentence."""

    ends_date: date | None = None
    issued_time: time | None = None
    closed: bool = False  # a closing line was seen: Ends/, Issued at HKT, NNNN, 完, 2018年5月11日(星期五), 香港時間15時36分
    truncated: bool = False  # no closing line, and the last body line stops mid-sentence (`stops_mid_sentence`)


def decode(data: bytes, declared_charset: str | None = None) -> str:
    """Decode a release's bytes (`text_integrity.decode_text`, its warning dropped); refuse empty or binary input."""
    return decode_text(data, declared_charset).text


def normalise(text: str) -> str:
    """Strip invisible characters and make every kind of space an ordinary one (line breaks kept)."""
    if not text.isascii():
        for chars, by in ((_INVISIBLE, ""), (_SPACES, " ")):
            for ch in chars:
                if ch in text:
                    text = text.replace(ch, by)
    elif "\t" in text:  # the only one of those characters in ASCII
        text = text.replace("\t", " ")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split_lines(raw_lines: list[str]) -> list[Line]:
    """Turn raw lines (already normalised) into `Line`s: blank runs become gaps, Markdown marks become flags.

    Raises `ParsingError` past `budget.MAX_LINES` lines, and `ParseBudgetExceeded` past the parse's deadline.
    """
    lines: list[Line] = []
    gap = 0
    ascii_plain = _ascii_lines_plain(raw_lines)
    for raw in raw_lines:
        if not raw or raw.isspace():
            gap += 1
            continue
        line = _to_line(raw, ascii_plain)
        if line is None:
            continue
        line.gap = gap
        gap = 0
        lines.append(line)
        if not len(lines) % CHECK_EVERY:
            if len(lines) > MAX_LINES:
                raise too_many_lines()
            check()
    if len(lines) > MAX_LINES:
        raise too_many_lines()
    return lines


def _ascii_lines_plain(raw_lines: list[str]) -> bool:
    """Whether " " is the only ASCII white space in the lines; one test for all lines is ~10x quicker than one each."""
    return not contains_any("".join(raw_lines), _ASCII_OTHER_SPACES)


def _to_line(raw: str, ascii_plain: bool = False) -> Line | None:
    """One raw line as a `Line`, None if it is blank, a rule or page furniture; `ascii_plain`: `_ascii_lines_plain`."""
    stripped = raw.strip()
    if not stripped or is_rule_line(stripped) or _is_chrome(stripped):
        return None
    indented = raw.startswith("  ")  # two or more leading spaces
    marker = None
    # The first-character and `in` tests only skip regexes that could not match or would change nothing.
    if stripped[0] == "#" and _MD_HEADING.match(stripped):
        marker, stripped = "heading", _MD_HEADING.sub("", stripped)
    elif stripped.startswith(("**", "__")) and (m := _MD_EMPHASIS.fullmatch(stripped)) is not None:
        marker, stripped = "heading", m.group(2)
    if _has_emphasis_marks(stripped):
        stripped = _MD_EMPHASIS.sub(r"\2", stripped)
    if "\\" in stripped:
        stripped = _MD_ESCAPE.sub(r"\1", stripped)
    if marker is None and stripped[:1] in _BULLET_STARTS and _BULLET.match(stripped):
        marker, stripped = "bullet", _BULLET.sub("", stripped)
    text = single_spaced(stripped, ascii_plain and stripped.isascii())
    if not text or is_rule_line(text):
        return None
    return Line(text, indented, marker)


def _has_emphasis_marks(text: str) -> bool:
    """Whether a text holds `**` or `__`; the one-character tests go first, being ~10x quicker."""
    return ("*" in text and "**" in text) or ("_" in text and "__" in text)


def _is_chrome(text: str) -> bool:
    """Whether a trimmed line is page furniture; `lower()` never shortens a text, so long lines are not."""
    return len(text) <= _LONGEST_CHROME and text.lower() in CHROME_LINES


def single_spaced(text: str, only_plain_spaces: bool = False) -> str:
    r"""Runs of white space made one space, none at the ends: what re.sub(r"\s+", " ", text).strip() gives.

    `only_plain_spaces`: the caller knows that " " is the only white space in `text`.
    """
    plain = only_plain_spaces or text.isprintable()  # every white space but " " is unprintable
    if plain and "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text  # already single-spaced: the tests are quicker than splitting
    if len(text) > _LONG_TEXT:  # its words, split, would take up to 25 times its memory
        if not plain:
            for char in _OTHER_WHITE_SPACE:
                if char in text:
                    text = text.replace(char, " ")
        while "  " in text:
            text = text.replace("  ", " ")
        return text.strip(" ")
    return " ".join(text.split())


def is_footer_line(text: str) -> bool:
    """Whether a trimmed, normalised line is a footer line: `Ends/<date>`, `Issued at HKT HH:MM` or `NNNN`,
    or a Chinese one: 完, `YYYY年M月D日(星期X)` or `香港時間HH時MM分`."""
    footer_start = text[:1] in _FOOTER_STARTS
    if (footer_start and bool(_ENDS.match(text) or _ISSUED.match(text))) or text.lower() == "nnnn":
        return True
    return text[:1] in _ZH_FOOTER_STARTS and (text == _ZH_END or bool(_ZH_DATE.match(text) or _ZH_TIME.match(text)))


def cut_footer(lines: list[Line]) -> tuple[list[Line], Footer]:
    """Cut the body at its end marker (`Ends/`, `Issued at HKT`, `NNNN`, their Chinese forms, `Today's Press
    Releases`), read the footer's date and time, and judge whether a release without closing lines is truncated.

    `lines[0]` is the headline: a release with no closing line is truncated when it has no line after the
    headline or its last body line stops mid-sentence. `Today's Press Releases` (page furniture) cuts the
    body but is no closing line.
    """
    footer = Footer()
    end = len(lines)
    for i, line in enumerate(lines):
        text = line.text
        ends = issued = zh_date = zh_time = None
        zh_end = False
        if text[:1] in _FOOTER_STARTS:
            ends, issued = _ENDS.match(text), _ISSUED.match(text)
        elif text[:1] in _ZH_FOOTER_STARTS:
            zh_end, zh_date, zh_time = text == _ZH_END, _ZH_DATE.match(text), _ZH_TIME.match(text)
        if ends and footer.ends_date is None:
            footer.ends_date = _date(ends.group(3), ends.group(1), ends.group(2))
            end, footer.closed = min(end, i), True
        elif issued and footer.issued_time is None:
            footer.issued_time = time(int(issued.group(1)), int(issued.group(2)))
            end, footer.closed = min(end, i), True
        elif zh_date and footer.ends_date is None:
            footer.ends_date = _numeric_date(zh_date.group(1), zh_date.group(2), zh_date.group(3))
            end, footer.closed = min(end, i), True
        elif zh_time and footer.issued_time is None:
            hour, minute = int(zh_time.group(1)), int(zh_time.group(2))
            footer.issued_time = time(hour, minute) if hour < 24 and minute < 60 else None
            end, footer.closed = min(end, i), True
        elif zh_end:
            end, footer.closed = min(end, i), True
        elif i > 2 and len(text) <= _LONGEST_END_MARKER and text.lower() in _END_MARKERS:
            end = min(end, i)
            footer.closed = footer.closed or text.lower() == "nnnn"
    body = lines[:end]
    footer.truncated = not footer.closed and (len(body) < 2 or stops_mid_sentence(body[-1].text))
    return body, footer


def parse_month_day_year(text: str) -> date | None:
    """Read a date such as 'September 23, 2021' or '23 September 2021'."""
    m = re.search(r"\b([A-Z][a-z]+)\s+(\d{1,2}),?\s+(\d{4})\b", text)
    if m and m.group(1) in MONTHS:
        return _date(m.group(3), m.group(1), m.group(2))
    m = re.search(r"\b(\d{1,2})\s+([A-Z][a-z]+),?\s+(\d{4})\b", text)
    if m and m.group(2) in MONTHS:
        return _date(m.group(3), m.group(2), m.group(1))
    return None


def _numeric_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _date(year: str, month: str, day: str) -> date | None:
    month_no = MONTHS.get(month.capitalize())
    try:
        return date(int(year), month_no, int(day)) if month_no else None
    except ValueError:
        return None
