"""The release structure: headline, lead paragraphs, co-operation areas, closing material.

Every source form is first reduced to `Line`s; this module reads the structure from them, so the text
and HTML parsers share one set of rules.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .budget import check
from .lines import Footer, Line, parse_month_day_year
from .vocabulary import contains_any, folded

_TERMINAL = tuple('.;:!?,"”’')
_CLOSING_HEADING = re.compile(
    r"signing ceremony|\bsigning\b|\bplenary\b|co-?operation conference|joint conference|\bannex\b", re.I
)
_CLOSING_PARAGRAPH = re.compile(
    r"\bco-chaired by\b|\bwas (?:jointly )?(?:chaired|led) by\b|^Officials? of the (?:HKSAR|Hong Kong)"
    r"|\b(?:accompanying|attending) the (?:meeting|plenary|Chief Executive)|\balso attended\b|\bspecial guests?\b"
    r"|\b(?:is|are) (?:at|in) (?:the )?annex|\(Chinese only\)|\bsigning ceremony\b",
    re.I,
)
# Every `_CLOSING_HEADING` / `_CLOSING_PARAGRAPH` alternative contains one of these (lower-cased); searching only
# texts whose `folded` form contains one saves ~1 ms a release.
_CLOSING_HEADING_WORDS = ("signing", "plenary", "conference", "annex")
_CLOSING_WORDS = (  # and `^Officials?`: a paragraph that starts with "official"
    "chaired by", "led by", "accompanying the ", "attending the ", "also attended", "special guest", "annex",
    "(chinese only)", "signing ceremony",
)


@dataclass
class Paragraph:
    text: str
    kind: str  # "heading" | "body" | "bullet"
    gap: int = 0


@dataclass
class AreaBlock:
    heading: str | None
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Layout:
    """A release read into its parts; `closing` holds everything after the last area."""

    headline: str
    dateline: date | None
    intro: list[Paragraph]
    areas: list[AreaBlock]
    closing: list[Paragraph]
    footer: Footer

    @property
    def lead(self) -> str:
        """The first body paragraph: who met, where and when."""
        return next((p.text for p in self.intro if p.kind == "body"), "")


def read_layout(lines: list[Line], footer: Footer) -> Layout:
    """Read headline, lead, areas and closing material from a release's lines."""
    if not lines:
        return Layout("", None, [], [], [], footer)
    headline, rest = lines[0].text, _drop_headline_repeats(lines[0].text, lines[1:])
    dateline = None
    if rest and len(rest[0].text.split(maxsplit=5)) <= 5 and (dateline := parse_month_day_year(rest[0].text)):
        rest = rest[1:]
    paragraphs = _classify(_join_broken(rest))
    start = next((i for i, p in enumerate(paragraphs) if p.kind == "heading"), len(paragraphs))
    areas, closing = _split_areas(paragraphs[start:], _usual_gap(paragraphs))
    return Layout(headline, dateline, paragraphs[:start], areas, closing, footer)


def _drop_headline_repeats(headline: str, lines: list[Line]) -> list[Line]:
    """Reposted pages repeat the headline (sometimes without a site prefix); keep it once."""
    return [ln for ln in lines if not (len(ln.text) > 20 and headline.endswith(ln.text))]


def _join_broken(lines: list[Line]) -> list[Line]:
    """Join a paragraph broken mid-sentence: no closing punctuation, next part starts in lower case.

    The parts of a paragraph are joined once it is complete: joining each to the text so far made a
    paragraph of many parts quadratic (issue 12).
    """
    check()
    joined: list[Line] = []
    parts: list[str] = []  # the texts of `joined[-1]` and of the lines joined to it so far
    for line in lines:
        if (
            parts
            and joined[-1].marker != "heading"
            and line.marker is None
            and not parts[-1].endswith(_TERMINAL)  # the end of the paragraph so far
            and line.text[:1].islower()
        ):
            parts.append(line.text)
            continue
        _join_parts(joined, parts)
        joined.append(line)
        parts = [line.text]
    _join_parts(joined, parts)
    return joined


def _join_parts(joined: list[Line], parts: list[str]) -> None:
    """Make `joined[-1]` the paragraph of its parts, if lines were joined to it (lines stay as read)."""
    if len(parts) > 1:
        first = joined[-1]
        joined[-1] = Line(" ".join(parts), first.indented, first.marker, first.gap)


_SENTENCE_END = (".", "!", "?")
_TITLE_MAX_WORDS = 40  # the longest real headlines run to about 25 words
_SENTENCE_TITLE_MAX_WORDS = 12  # a headline may end with a full stop only when it is this short


def has_own_title(headline: str) -> bool:
    """Whether a release's first line is a headline of its own, not the first sentence of its body.

    A copy whose headline was lost starts with its lead paragraph ("The Chief Executive, Mrs Carrie Lam,
    led ... today (October 24)."): a sentence that ends with a full stop and runs past a dozen words, or
    anything past forty words.
    """
    words = len(headline.split())
    if not words or words > _TITLE_MAX_WORDS:
        return False
    return not (headline.rstrip("\"”’)").endswith(_SENTENCE_END) and words > _SENTENCE_TITLE_MAX_WORDS)


def is_heading_like(text: str) -> bool:
    """A short line with no closing punctuation that starts like a title."""
    return (
        len(text) <= 160
        and not text.endswith(_TERMINAL)
        and (text[:1].isupper() or text[:1].isdigit() or text[:1] == "(")
        and len(text.split()) <= 18
    )


def _classify(lines: list[Line]) -> list[Paragraph]:
    check()
    out = []
    for line in lines:
        if line.marker == "bullet":
            kind = "bullet"
        elif line.marker == "heading" or (not line.indented and is_heading_like(line.text)):
            kind = "heading"
        else:
            kind = "body"
        out.append(Paragraph(line.text, kind, line.gap))
    return out


def _usual_gap(paragraphs: list[Paragraph]) -> int:
    """The number of blank lines that usually separates two body paragraphs in this release."""
    gaps = Counter([cur.gap for prev, cur in zip(paragraphs, paragraphs[1:]) if prev.kind == cur.kind == "body"])
    return gaps.most_common(1)[0][0] if gaps else 1


def _split_areas(paragraphs: list[Paragraph], usual_gap: int) -> tuple[list[AreaBlock], list[Paragraph]]:
    """Walk the body from the first heading: headings open areas, a wider gap opens an unheaded one."""
    check()
    areas: list[AreaBlock] = []
    for i, para in enumerate(paragraphs):
        if para.kind == "heading":
            if _is_closing_heading(para.text):
                return areas, paragraphs[i:]
            areas.append(AreaBlock(para.text))
            continue
        if para.kind == "body" and _is_closing_paragraph(para.text):
            return areas, paragraphs[i:]
        prev = paragraphs[i - 1] if i else None
        missing_heading = (
            prev is not None and prev.kind != "heading" and para.kind == "body" and para.gap >= 2 and para.gap > usual_gap
        )
        if missing_heading or not areas:
            areas.append(AreaBlock(None))
        areas[-1].paragraphs.append(para.text)
    return areas, []


def _is_closing_heading(text: str) -> bool:
    """Whether a heading opens the closing material (a signing ceremony, the plenary itself, an annex)."""
    lower = folded(text)
    return contains_any(lower, _CLOSING_HEADING_WORDS) and _CLOSING_HEADING.search(text) is not None


def _is_closing_paragraph(text: str) -> bool:
    """Whether a body paragraph opens the closing material (who chaired, who attended, what is annexed)."""
    lower = folded(text)
    may_close = lower.startswith("official") or contains_any(lower, _CLOSING_WORDS)
    return may_close and _CLOSING_PARAGRAPH.search(text) is not None
