"""Marked raw lines to `Line`s, the shape every source form is reduced to, and the footer that ends a release.

A source form (`parsers.forms`) hands over its raw lines: their text as printed (normalised: `strings.normalise`),
each a plain `str` or a `RawLine` carrying the mark its markup gave it (an HTML heading or list item), or else
plain texts and a function that reads the marks written in them (Markdown, `forms.text.read_markdown`). `read_lines` applies
the rules every form shares: blank lines become gaps, page furniture and rules are dropped, two leading spaces
are indentation, a bullet glyph is a bullet. `cut_footer` cuts the body at the site's closing lines.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time

from .budget import CHECK_EVERY, MAX_LINES, check, too_many_lines
from .language import ENGLISH, Language
from .sites import DEFAULT_SITE, ClosingLine, Site
from .strings import WHITE_SPACE, contains_any, is_rule_line, single_spaced

Marks = Callable[[str], "tuple[str | None, str]"]  # a trimmed line -> (its mark, its text without the marks)
_BULLET = re.compile(r"^[-*•·▪●◦]\s+")  # a bullet glyph, as any form prints one
_BULLET_STARTS = frozenset("-*•·▪●◦")
_ASCII_OTHER_SPACES = "".join(ch for ch in WHITE_SPACE if ch.isascii() and ch != " ")


class RawLine(str):
    """A raw line its form marked (an HTML heading or list item): its text, and its mark (`marker`). A raw line
    that is a plain `str` has no mark; the subclasses are the marks, so making one costs no more than a str."""

    __slots__ = ()
    marker: str | None = None


class HeadingLine(RawLine):
    __slots__ = ()
    marker = "heading"


class BulletLine(RawLine):
    __slots__ = ()
    marker = "bullet"


@dataclass
class Line:
    """One line of a release: its text, whether it was indented, how it was marked, blank lines before it."""

    text: str
    indented: bool = False
    marker: str | None = None  # "heading" (Markdown #, bold, an HTML heading) or "bullet"
    gap: int = 0


@dataclass
class Footer:
    """What the closing lines say (`Ends/<date>`, `Issued at HKT HH:MM`; in Chinese the date and 香港時間HH時MM分),
    whether there was any, and whether the release without them stops mid-sentence."""

    ends_date: date | None = None
    issued_time: time | None = None
    closed: bool = False  # a closing line was seen: Ends/, Issued at HKT, NNNN, 完, 2018年5月11日(星期五), 香港時間15時36分
    truncated: bool = False  # no closing line, and the last body line stops mid-sentence (`stops_mid_sentence`)


def read_lines(raw_lines: list[str], language: Language = ENGLISH, marks: Marks | None = None) -> list[Line]:
    """Turn raw lines (already normalised) into `Line`s: blank runs become gaps, marks become flags.

    With `marks`, the raw lines are plain texts whose marks it reads (Markdown); without, a `RawLine` carries
    its form's mark. Raises `ParsingError` past `budget.MAX_LINES` lines, and `ParseBudgetExceeded` past the
    parse's deadline.
    """
    lines: list[Line] = []
    gap = 0
    ascii_plain = _ascii_lines_plain(raw_lines)
    chrome, furniture = language.chrome, language.furniture
    longest_chrome = max(map(len, chrome), default=0)
    form_marked = marks is None
    for raw in raw_lines:
        if not raw or raw.isspace():
            if not form_marked or type(raw) is str:
                gap += 1
            continue  # a marked line of white space alone is no line, and no gap either
        marker = raw.marker if form_marked and type(raw) is not str else None
        line = _read_line(raw, marker, ascii_plain, marks, chrome, longest_chrome, furniture)
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


_LINK_LIST_ITEMS = 3  # a line of this many short items or more, separated by bullets, is a list of links
_LINK_WORDS = 15  # words in an item of a list of links, at most


_LINK_LIST_LENGTH = 2000  # a longer line is content


def _is_link_list(text: str) -> bool:
    """A site's list of links run into one line: a news ticker or a sidebar ("China IPR courts efficient in
    operations: SPC • Premier vows efforts to ... • S.Korea picks ..."), not content. A list that a sentence
    introduces ("... the following areas: • innovation • finance • ...") or whose items end as sentences is."""
    items = [item.strip() for item in text.split("•") if item.strip()]
    return (len(items) >= _LINK_LIST_ITEMS and all(len(item.split()) <= _LINK_WORDS for item in items)
            and not any(item.endswith((":", ".", ";", "!", "?")) for item in items[:-1]))


_FURNITURE_LENGTH = 240  # a longer line is content, whatever it starts with


def _ascii_lines_plain(raw_lines: list[str]) -> bool:
    """Whether " " is the only ASCII white space in the lines; one test for all lines is ~10x quicker than one each."""
    return not contains_any("".join(raw_lines), _ASCII_OTHER_SPACES)


def _read_line(
    raw: str, marker: str | None, ascii_plain: bool, marks: Marks | None, chrome: frozenset[str], longest_chrome: int,
    furniture: re.Pattern[str],
) -> Line | None:
    """One raw line as a `Line`, None if it is blank, a rule or page furniture (a line its form marked is neither
    furniture nor indented); `ascii_plain`: `_ascii_lines_plain`."""
    stripped = str.strip(raw)
    if marker is None and (not stripped or is_rule_line(stripped)
                           or (len(stripped) <= longest_chrome and stripped.lower() in chrome)
                           or (len(stripped) <= _FURNITURE_LENGTH and furniture.fullmatch(stripped))
                           or (len(stripped) <= _LINK_LIST_LENGTH and "•" in stripped and _is_link_list(stripped))):
        return None  # `lower()` never shortens a text, so long lines are no furniture
    indented = marker is None and raw.startswith("  ")  # two or more leading spaces
    if marks is not None:
        marker, stripped = marks(stripped)
    # The first-character test only skips a regex that could not match.
    if marker is None and stripped[:1] in _BULLET_STARTS and _BULLET.match(stripped):
        marker, stripped = "bullet", _BULLET.sub("", stripped)
    text = single_spaced(stripped, ascii_plain and stripped.isascii())
    if not text or is_rule_line(text):
        return None
    return Line(text, indented, marker)


def closing_line(text: str, site: Site = DEFAULT_SITE) -> tuple[ClosingLine | None, re.Match[str] | None]:
    """The kind of closing line a trimmed, normalised line is in the site's releases, and its match."""
    for rule in site.closing_by_start.get(text[:1], ()):
        if (m := rule.pattern.match(text)) is not None:
            return rule, m
    return None, None


def is_footer_line(text: str, site: Site = DEFAULT_SITE) -> bool:
    """Whether a trimmed, normalised line is a footer line: `Ends/<date>`, `Issued at HKT HH:MM` or `NNNN`,
    or a Chinese one: 完, `YYYY年M月D日(星期X)` or `香港時間HH時MM分` (the site's closing lines)."""
    return closing_line(text, site)[0] is not None or site.page_ends.get(text.lower(), False)


def cut_footer(lines: list[Line], site: Site = DEFAULT_SITE) -> tuple[list[Line], Footer]:
    """Cut the body at its end marker (`Ends/`, `Issued at HKT`, `NNNN`, their Chinese forms, `Today's Press
    Releases`), read the footer's date and time, and judge whether a release without closing lines is truncated.

    `lines[0]` is the headline: a release with no closing line is truncated when it has no line after the
    headline or its last body line stops mid-sentence. `Today's Press Releases` (page furniture) cuts the
    body but is no closing line.
    """
    footer = Footer()
    end = len(lines)
    longest_end = max(map(len, site.page_ends), default=0)  # `lower()` never shortens a text
    for i, line in enumerate(lines):
        text = line.text
        rule, m = closing_line(text, site)
        kind = rule.kind if rule is not None else None
        if kind == "date" and footer.ends_date is None:
            footer.ends_date = rule.read(m)
            end, footer.closed = min(end, i), True
        elif kind == "time" and footer.issued_time is None:
            footer.issued_time = rule.read(m)
            end, footer.closed = min(end, i), True
        elif kind == "end":
            end, footer.closed = min(end, i), True
        elif i > 2 and len(text) <= longest_end and (closes := site.page_ends.get(text.lower())) is not None:
            end = min(end, i)
            footer.closed = footer.closed or closes
    body = lines[:end]
    footer.truncated = not footer.closed and (len(body) < 2 or stops_mid_sentence(body[-1].text))
    return body, footer


# --- truncated releases ------------------------------------------------------------------------------------------
_SENTENCE_ENDS = frozenset(".!?…。！？．｡")
_CLOSERS = "\"'”’)]}）」』】〕〉》"
_APOSTROPHES = frozenset("'’")


def stops_mid_sentence(text: str) -> bool:
    """Whether a body line stops mid-sentence: it ends in neither a sentence end (`. ! ? … 。 ！ ？`, maybe
    followed by closing quotes or brackets) nor a closing quote or bracket (`” " ) 」 』 ...`, not an apostrophe).

    A colon, semicolon, comma, word or number at the end is mid-sentence; so is an empty text.
    """
    text = text.rstrip()
    core = text.rstrip(_CLOSERS)
    if core[-1:] in _SENTENCE_ENDS:
        return False
    return core == text or text[-1] in _APOSTROPHES
