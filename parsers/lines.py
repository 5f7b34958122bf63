"""Bytes to normalised lines: the shape every source form (text, Markdown, HTML) is reduced to."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from .errors import ParsingError
from .vocabulary import CHROME_LINES, MONTHS, WHITE_SPACE, contains_any, is_rule_line

# Replaced with str.replace, not str.translate: translate with a dict costs ~1 ms per 12 KB release, this ~20 µs.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACES = "\u00a0\u3000\u2002\u2003\u2009\u202f\t"
_ASCII_OTHER_SPACES = "".join(ch for ch in WHITE_SPACE if ch.isascii() and ch != " ")
# Control characters: below 32, except \t \n \f \r. Each is one byte in UTF-8, which no other character uses.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_ESCAPE = re.compile(r"\\([\\_*#\-\[\]().!`>])")
_BULLET = re.compile(r"^[-*•·▪●◦]\s+")
_BULLET_STARTS = frozenset("-*•·▪●◦")
_ENDS = re.compile(r"^Ends\s*/\s*(?:[A-Za-z]+day)?,?\s*([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})", re.I)
_END_MARKERS = frozenset({"nnnn", "today's press releases"})
_LONGEST_END_MARKER = max(map(len, _END_MARKERS))  # `lower()` never shortens a text
_ISSUED = re.compile(r"^Issued at HKT\s+(\d{1,2}):(\d{2})", re.I)
_LONGEST_CHROME = max(map(len, CHROME_LINES))
_FOOTER_STARTS = frozenset("EeIi\u0130\u0131")  # how `_ENDS` and `_ISSUED` lines can start (re.I reads İ ı as i)


@dataclass
class Line:
    """One line of a release: its text, whether it was indented, how it was marked, blank lines before it."""

    text: str
    indented: bool = False
    marker: str | None = None  # "heading" (Markdown # or bold) or "bullet"
    gap: int = 0


@dataclass
class Footer:
    """What the `Ends/<date>` and `Issued at HKT HH:MM` lines say."""

    ends_date: date | None = None
    issued_time: time | None = None


def decode(data: bytes, declared_charset: str | None = None) -> str:
    """Decode a release's bytes: declared charset, else UTF-8, else cp1252; refuse empty or binary input."""
    if not data or data.isspace():  # what `not data.strip()` says, without copying the data
        raise ParsingError("the input is empty")
    if data.find(b"\x00", 0, 4096) != -1:
        raise ParsingError("the input is binary, not a text or HTML release")
    for charset in (declared_charset, "utf-8-sig", "cp1252"):
        if not charset:
            continue
        try:
            text = data.decode(charset)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    else:  # pragma: no cover - cp1252 fails only on five undefined bytes
        text = data.decode("utf-8", errors="replace")
    if _control_count(text[:4096]) > 8:
        raise ParsingError("the input is binary, not a text or HTML release")
    return text


def _control_count(text: str) -> int:
    """How many control characters a text holds; counted in its UTF-8 bytes, ~7x faster than a regex."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


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
    """Turn raw lines (already normalised) into `Line`s: blank runs become gaps, Markdown marks become flags."""
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
    return " ".join(text.split())


def is_footer_line(text: str) -> bool:
    """Whether a trimmed, normalised line is a footer line: `Ends/<date>`, `Issued at HKT HH:MM` or `NNNN`."""
    footer_start = text[:1] in _FOOTER_STARTS
    return (footer_start and bool(_ENDS.match(text) or _ISSUED.match(text))) or text.lower() == "nnnn"


def cut_footer(lines: list[Line]) -> tuple[list[Line], Footer]:
    """Cut the body at its end marker (`Ends/`, `Issued at HKT`, `NNNN`) and read the footer's date and time."""
    footer = Footer()
    end = len(lines)
    for i, line in enumerate(lines):
        ends = issued = None
        if line.text[:1] in _FOOTER_STARTS:
            ends, issued = _ENDS.match(line.text), _ISSUED.match(line.text)
        if ends and footer.ends_date is None:
            footer.ends_date = _date(ends.group(3), ends.group(1), ends.group(2))
            end = min(end, i)
        elif issued and footer.issued_time is None:
            footer.issued_time = time(int(issued.group(1)), int(issued.group(2)))
            end = min(end, i)
        elif i > 2 and len(line.text) <= _LONGEST_END_MARKER and line.text.lower() in _END_MARKERS:
            end = min(end, i)
    return lines[:end], footer


def parse_month_day_year(text: str) -> date | None:
    """Read a date such as 'September 23, 2021' or '23 September 2021'."""
    m = re.search(r"\b([A-Z][a-z]+)\s+(\d{1,2}),?\s+(\d{4})\b", text)
    if m and m.group(1) in MONTHS:
        return _date(m.group(3), m.group(1), m.group(2))
    m = re.search(r"\b(\d{1,2})\s+([A-Z][a-z]+),?\s+(\d{4})\b", text)
    if m and m.group(2) in MONTHS:
        return _date(m.group(3), m.group(2), m.group(1))
    return None


def _date(year: str, month: str, day: str) -> date | None:
    month_no = MONTHS.get(month.capitalize())
    try:
        return date(int(year), month_no, int(day)) if month_no else None
    except ValueError:
        return None
