"""`parse_release`: a release in plain text or Markdown to its staged records.

The text is split into lines; the marks Markdown writes (`#` headings, a line wholly in `**`/`__`, emphasis
and backslash escapes inside a line) are read here (`read_markdown`) and nowhere else: the HTML form marks
its lines from their tags. Everything after is the shared rules (`lines.read_lines`, `build.records_from_lines`).
"""
from __future__ import annotations

import re

from ..build import records_from_lines
from ..language import ENGLISH, Language, language_of
from ..lines import Line, read_lines
from ..records import ParsedRelease, Source
from ..sites import DEFAULT_SITE, Site
from ..strings import normalise
from .charset import decode_text

_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_ESCAPE = re.compile(r"\\([\\_*#\-\[\]().!`>])")


def parse_release(
    data: bytes, source: Source, declared_charset: str | None = None, *,
    language: Language | None = None, site: Site = DEFAULT_SITE,
) -> ParsedRelease:
    """Parse a release in text or Markdown form; raises `ParsingError` on unreadable input.

    `language`: the words to read it by; None: the language its text is written in (`language.language_of`)."""
    decoded = decode_text(data, declared_charset)
    language = language or language_of(decoded.text, _first_line(decoded.text))
    return records_from_lines(text_lines(decoded.text, language), data, source, decoded.warning, language, site)


def text_lines(text: str, language: Language = ENGLISH) -> list[Line]:
    """A text's lines, its Markdown marks read as headings and bullets."""
    if language.normalise is not None:
        text = language.normalise(text)
    return read_lines(normalise(text).split("\n"), language, read_markdown)


def _first_line(text: str) -> str:
    """The first line that is not blank (a text's headline, if it has one)."""
    return next((line for line in text[:_FIRST_LINE_REACH].splitlines() if line.strip()), "")


_FIRST_LINE_REACH = 2_000  # characters a text's first line is looked for in


def read_markdown(stripped: str) -> tuple[str | None, str]:
    """The mark Markdown gives a trimmed line ("heading" or None) and its text without Markdown's marks."""
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
    return marker, stripped


def _has_emphasis_marks(text: str) -> bool:
    """Whether a text holds `**` or `__`; the one-character tests go first, being ~10x quicker."""
    return ("*" in text and "**" in text) or ("_" in text and "__" in text)
