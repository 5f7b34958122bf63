"""The release structure: headline, lead paragraphs, co-operation areas, closing material.

Every source form is first reduced to `Line`s; this module reads the structure from them, so the text
and HTML parsers share one set of rules. The words it reads by are the `Language`'s (`LayoutWords`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .budget import check, clip
from .dates import read_date, read_stamp
from .language import ENGLISH, Language
from .lines import Footer, Line
from .strings import contains_any, folded

_TITLE_MAX_WORDS = 40  # the longest real headlines run to about 25 words
_SENTENCE_TITLE_MAX_WORDS = 12  # a headline may end with a full stop only when it is this short


@dataclass
class Paragraph:
    text: str
    kind: str  # "heading" | "body" | "bullet" | "caption" (a photo caption in the intro)
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
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # what the rules read once from it

    @property
    def lead(self) -> str:
        """The first body paragraph: who met, where and when."""
        return next((p.text for p in self.intro if p.kind == "body"), "")


def read_layout(lines: list[Line], footer: Footer, language: Language = ENGLISH) -> Layout:
    """Read headline, lead, areas and closing material from a release's lines."""
    if not lines:
        return Layout("", None, [], [], [], footer)
    dateline = None
    if len(lines) > 1 and (dateline := _dateline(lines[0].text, language, _DATED_LINE_WORDS)):  # a story dated above its headline
        lines = lines[1:]
    headline, rest = lines[0].text, _drop_headline_repeats(lines[0].text, lines[1:])
    if dateline is None and rest and (dateline := _dateline(rest[0].text, language, _DATED_LINE_WORDS)):
        rest = rest[1:]
    paragraphs = _classify(_join_broken(rest, language), language)
    caption: dict[int, bool] = {}  # paragraph index -> whether it is a photo caption, each read once

    def is_caption(i: int) -> bool:
        if i not in caption:
            caption[i] = _is_caption(paragraphs[i], language)
        return caption[i]

    lead = next((i for i, p in enumerate(paragraphs) if p.kind == "body" and not is_heading_like(p.text, language)
                 and not _dateline(p.text, language) and not is_caption(i)), len(paragraphs))
    # an indented short line before the lead (a repost's tag, its own title) is a heading of the intro too
    paragraphs[:lead] = [Paragraph(p.text, "heading", p.gap) if p.kind == "body" and is_heading_like(p.text, language)
                         else p for p in paragraphs[:lead]]
    # Short lines before the lead (a repost's tags, a story's kicker, the release's own title under another
    # site's headline) are the intro's headings, not areas: the areas start at the first heading after the lead.
    start = next((i for i, p in enumerate(paragraphs) if p.kind == "heading" and i > lead), len(paragraphs))
    areas, closing = _split_areas(paragraphs[start:], _usual_gap(paragraphs), language)
    intro = [Paragraph(p.text, "caption", p.gap) if is_caption(i) else p for i, p in enumerate(paragraphs[:start])]
    if dateline is None:  # a repost's or a story's time stamp among the lines above the lead
        dateline = next((d for p in paragraphs[:lead] if (d := _dateline(p.text, language))), None) \
            or read_stamp(headline)
    return Layout(headline, dateline, intro, areas, closing, footer)


_DATELINE_WORDS = 10  # a line of a date (and a source, a time) is at most this long
_DATED_LINE_WORDS = 5  # and a line above or under the headline, that is only a date


def _dateline(text: str, language: Language, max_words: int = _DATELINE_WORDS) -> date | None:
    """The date of a short line that dates the page ("April 15, 2016", "Xinhua, September 9, 2015 Adjust font
    size:", "2025-04-24 18:32 Last Updated At:04-25 20:02"), else None: such a line is no lead."""
    if language.layout.word_count(text, max_words) > max_words:
        return None
    return read_stamp(text) or read_date(text, language)


def _is_caption(paragraph: Paragraph, language: Language) -> bool:
    """A photo caption in the intro: it places people in the picture and says nothing of when; not the lead."""
    if paragraph.kind != "body" or not contains_any(folded(paragraph.text), language.layout.caption_marks):
        return False
    words, text = language.layout, clip(paragraph.text)
    return bool(words.caption.search(text)) and not words.caption_time.search(text)


def _drop_headline_repeats(headline: str, lines: list[Line]) -> list[Line]:
    """Reposted pages repeat the headline (sometimes without a site prefix); keep it once."""
    return [ln for ln in lines if not (len(ln.text) > 20 and headline.endswith(ln.text))]


def _join_broken(lines: list[Line], language: Language = ENGLISH) -> list[Line]:
    """Join a paragraph broken mid-sentence: no closing punctuation, next part starts in lower case.

    The parts of a paragraph are joined once it is complete: joining each to the text so far made a
    paragraph of many parts quadratic (issue 12).
    """
    check()
    terminal = language.layout.terminal
    wrapped_at = _wrap_width(lines)
    joined: list[Line] = []
    parts: list[str] = []  # the texts of `joined[-1]` and of the lines joined to it so far
    for line in lines:
        if (
            parts
            and joined[-1].marker != "heading"
            and line.marker is None
            and not parts[-1].endswith(terminal)  # the end of the paragraph so far
            and (line.text[:1].islower() or (line.gap == 0 and len(parts[-1]) >= wrapped_at
                                             and not parts[-1].endswith(")")
                                             and (len(line.text) >= wrapped_at or not is_heading_like(line.text, language))))
        ):
            parts.append(line.text)
            continue
        _join_parts(joined, parts)
        joined.append(line)
        parts = [line.text]
    _join_parts(joined, parts)
    return joined


_WRAPPED_LINES = 8  # a text of fewer long lines is not taken for a hard-wrapped one
_WRAP_SLACK = 20  # a wrapped line stops at most this many characters short of the width
_WRAP_MAX = 115  # no copy is wrapped wider than 100 characters, and a wrapped line overshoots by 15 at most


def _wrap_width(lines: list[Line]) -> int:
    """The width a plain text copy was hard-wrapped at, or a width no line reaches.

    A copy that kept a page's line breaks ("... to the one-day seventh plenary of the Hong\nKong/Guangdong
    Co-operation Joint Conference held in Guangzhou, ...") has most of its long lines as long as one another; a
    line that nearly fills that width and ends no sentence runs on into the next, whatever its first letter."""
    long = [n for n in map(len, (line.text for line in lines)) if n >= 40]
    if len(long) < _WRAPPED_LINES or sum(n <= _WRAP_MAX for n in long) < 0.7 * len(long):
        return 1 << 30  # most long lines are longer than any width a copy is wrapped at: a release's paragraphs
    long.sort()
    width = long[len(long) * 4 // 5]
    near = sum(1 for n in long if width - _WRAP_SLACK <= n <= width + 15)
    return width - _WRAP_SLACK if width <= _WRAP_MAX - 15 and near >= 0.7 * len(long) else 1 << 30


def _join_parts(joined: list[Line], parts: list[str]) -> None:
    """Make `joined[-1]` the paragraph of its parts, if lines were joined to it (lines stay as read)."""
    if len(parts) > 1:
        first = joined[-1]
        joined[-1] = Line(" ".join(parts), first.indented, first.marker, first.gap)


def has_own_title(headline: str, language: Language = ENGLISH) -> bool:
    """Whether a release's first line is a headline of its own, not the first sentence of its body.

    A copy whose headline was lost starts with its lead paragraph ("The Chief Executive, Mrs Carrie Lam,
    led ... today (October 24)."): a sentence that ends with a full stop and runs past a dozen words, or
    anything past forty words. A headline in title case ("Hong Kong and Zhejiang Establish New Cooperation
    Mechanism to Enhance Bilateral Ties and Development Opportunities.") is one, whatever it ends with.
    """
    words = language.layout
    count = words.word_count(headline)
    if not count or count > _TITLE_MAX_WORDS:
        return False
    sentence = headline.rstrip(words.closers).endswith(words.sentence_end) and count > _SENTENCE_TITLE_MAX_WORDS
    return not sentence or _title_cased(headline)


def _title_cased(headline: str) -> bool:
    """Every word of four letters or more starts with a capital, and there are four such words at least (a
    sentence of the body has its verbs in lower case: "... met Shenzhen Mayor Chen Rugui ... today.")."""
    long = [w for w in headline.split() if len(w.strip(".,;:!?\"'“”‘’()")) >= 4 and w[:1].isalpha()
            and w.lower().strip(".,;:") not in _TITLE_SMALL_WORDS]
    return len(long) >= 4 and all(w[0].isupper() for w in long)  # never in a script without capitals


# words a headline in title case keeps in lower case ("Hong Kong Signs Agreements with Guangdong")
_TITLE_SMALL_WORDS = frozenset("with from into onto over upon amid than that about after under".split())


def is_heading_like(text: str, language: Language = ENGLISH) -> bool:
    """A short line with no closing punctuation that starts like a title."""
    words = language.layout
    return (
        len(text) <= 160
        and not text.endswith(words.terminal)
        and (text[:1].isupper() or text[:1].isdigit() or text[:1] == "(" or (not words.cased and text[:1].isalpha()))
        and words.word_count(text, _HEADING_WORDS) <= _HEADING_WORDS
    )


_HEADING_WORDS = 18  # a heading is at most this long


def _classify(lines: list[Line], language: Language) -> list[Paragraph]:
    check()
    out = []
    for line in lines:
        if line.marker == "bullet":
            kind = "bullet"
        elif line.marker == "heading" or (not line.indented and is_heading_like(line.text, language)):
            kind = "heading"
        else:
            kind = "body"
        out.append(Paragraph(line.text, kind, line.gap))
    return out


def _usual_gap(paragraphs: list[Paragraph]) -> int:
    """The number of blank lines that usually separates two body paragraphs in this release."""
    gaps = Counter([cur.gap for prev, cur in zip(paragraphs, paragraphs[1:]) if prev.kind == cur.kind == "body"])
    return gaps.most_common(1)[0][0] if gaps else 1


def _split_areas(
    paragraphs: list[Paragraph], usual_gap: int, language: Language
) -> tuple[list[AreaBlock], list[Paragraph]]:
    """Walk the body from the first heading: headings open areas, a wider gap opens an unheaded one."""
    check()
    areas: list[AreaBlock] = []
    for i, para in enumerate(paragraphs):
        if para.kind == "heading":
            if _is_closing_heading(para.text, language):
                return areas, paragraphs[i:]
            areas.append(AreaBlock(para.text))
            continue
        if para.kind == "body" and _is_closing_paragraph(para.text, language):
            return areas, paragraphs[i:]
        prev = paragraphs[i - 1] if i else None
        missing_heading = (
            prev is not None and prev.kind != "heading" and para.kind == "body" and para.gap >= 2 and para.gap > usual_gap
        )
        if missing_heading or not areas:
            areas.append(AreaBlock(None))
        areas[-1].paragraphs.append(para.text)
    return areas, []


def _is_closing_heading(text: str, language: Language) -> bool:
    """Whether a heading opens the closing material (a signing ceremony, the plenary itself, an annex)."""
    words = language.layout
    return contains_any(folded(text), words.closing_heading_words) and words.closing_heading.search(text) is not None


def is_attendance_list(text: str, language: Language = ENGLISH) -> bool:
    """A paragraph that lists who attended ("Officials of the HKSAR Government that attended ... included ...")."""
    words = language.layout
    return folded(text).startswith(words.closing_start) and words.closing_paragraph.search(text) is not None


def _is_closing_paragraph(text: str, language: Language) -> bool:
    """Whether a body paragraph opens the closing material (who chaired, who attended, what is annexed)."""
    words, lower = language.layout, folded(text)
    may_close = lower.startswith(words.closing_start) or contains_any(lower, words.closing_words)
    return may_close and words.closing_paragraph.search(text) is not None
