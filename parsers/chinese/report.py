"""Whether a Chinese release reports a plenary, and the sentence that reports it.

A plenary is reported by a sentence that names a numbered plenary of a co-operation conference (粵港合作聯席會議
第二十一次會議, 第六次粵港聯席會議, 京港舉行第四次合作會議) and tells of it neither as still to come (將出席, 明日)
nor as one held before (以來, 去年); in the headline, the kickers above the lead, or the story's first paragraphs.
A story that reports the conference held without a number (粵港合作聯席會議首次以實體形式在香港舉行, 曾蔭權在粵港
合作聯席會議上致辭) is a report whose number is unknown. Pages that are not reports: a headline announcing a journey
or a plenary to come, a speech or a transcript, a call on someone, a visit programme that names no plenary held.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..language import zh
from ..language.zh import CHINESE, number
from ..layout import Layout, has_own_title
from .text import ReleaseTexts, Text

_STORY_PARAGRAPHS = 8  # how far into a story the sentence reporting a numbered plenary is looked for
_UNNUMBERED_PARAGRAPHS = 4  # and one reporting the conference without a number
_VISIT_LEAD_PARAGRAPHS = 2  # a visit's page reports the plenary only if its first paragraphs do


@dataclass
class Reported:
    """The sentence that reports the plenary, and the match of its name (`number` None: a story without one)."""

    sentence: Text
    match: re.Match[str]
    number: int | None


def why_not_a_plenary_report(layout: Layout) -> str | None:
    """None for a Chinese plenary report; otherwise the reason it is set aside."""
    if not layout.headline:
        return "the release has no headline or text"
    texts = _texts(layout)
    headline = texts.headline.view if _titled(layout) else ""
    if zh.SPEECH.search(headline) and not zh.HELD.search(headline):
        return f"the headline is of a speech, remarks or a transcript, not a plenary held: {texts.headline.printed!r}"
    if (m := zh.ANNOUNCED.search(headline)) and not _held_now(headline):
        return f"the headline announces a journey or a plenary still to come ({m.group(0)!r}): {texts.headline.printed!r}"
    if headline and (m := CHINESE.meeting.not_a_report.search(texts.headline.printed)):  # discovery's words for a title
        return f"the headline announces something other than a plenary held ({m.group(0)!r}): {texts.headline.printed!r}"
    if zh.CALL.search(headline) and not zh.CONFERENCE_NAMED.search(headline):
        return f"the page is about a call on someone and its headline names no plenary: {texts.headline.printed!r}"
    if (headline and _is_visit(texts) and _numbered(texts.paragraphs[:_VISIT_LEAD_PARAGRAPHS]) is None
            and not any(zh.CONFERENCE_NAMED.search(kicker.view) for kicker in texts.kickers)):
        return f"the page is about a visit and names no plenary held in its headline or lead: {texts.headline.printed!r}"
    if reported_plenary(layout) is None:
        return "neither the headline nor the opening paragraphs report a plenary of a co-operation conference held"
    return None


def _held_now(headline: str) -> bool:
    """Whether a headline says a plenary was held (舉行, 召開), not that it will be (將於…舉行, 即將召開)."""
    return any(not zh.FUTURE.search(headline, max(0, m.start() - _FUTURE_REACH), m.start())
               for m in zh.HELD.finditer(headline))


_FUTURE_REACH = 12  # characters before a verb of holding that tell it is still to come (將於十一月十八日在港舉行)


def _titled(layout: Layout) -> bool:
    """Whether the release's first line is a headline of its own (not its lead, nor a photo caption)."""
    return has_own_title(layout.headline, CHINESE) and not CHINESE.layout.caption.search(layout.headline)


def reported_plenary(layout: Layout) -> Reported | None:
    """The sentence reporting the plenary: a numbered one in the opening, else the conference held without a
    number (a page whose headline is about a visit or a call reads that from the paragraphs only)."""
    key = "zh reported"
    if key not in layout.memo:
        texts = _texts(layout)
        opening = texts.opening(_STORY_PARAGRAPHS)
        layout.memo[key] = _numbered(opening) or _unnumbered(
            ([] if _titled(layout) and (zh.VISIT.search(texts.headline.view) or zh.CALL.search(texts.headline.view))
             else [texts.headline])
            + texts.kickers + texts.paragraphs[:_UNNUMBERED_PARAGRAPHS], texts.lead)
    return layout.memo[key]


def reporting_paragraph(layout: Layout) -> Text | None:
    """The first of the story's opening paragraphs that reports the numbered plenary as held (when the headline or
    a kicker reports it, the story's own sentence gives its day and place: "...第12次會議於2009年8月19日在香港舉行")."""
    reported, texts = reported_plenary(layout), _texts(layout)
    if reported is None or reported.number is None:
        return None
    return next((p for p in texts.paragraphs[:_STORY_PARAGRAPHS]
                 if (found := _numbered([p])) is not None and found.number == reported.number), None)


def _texts(layout: Layout) -> ReleaseTexts:
    key = "zh texts"
    if key not in layout.memo:
        layout.memo[key] = ReleaseTexts.of(layout)
    return layout.memo[key]


def release_texts(layout: Layout) -> ReleaseTexts:
    return _texts(layout)


def _is_visit(texts: ReleaseTexts) -> bool:
    """A headline about a visit or a day's programme that names no conference."""
    headline = texts.headline.view
    return zh.VISIT.search(headline) is not None and zh.CONFERENCE_NAMED.search(headline) is None


def _numbered(texts: list[Text]) -> Reported | None:
    for text in texts:
        for sentence in text.sentences():
            view = sentence.view
            for pattern in zh.PLENARIES:
                for m in pattern.finditer(view):
                    if _told_as_held(view, m):
                        if (n := number(m.group("n"))) is not None and 0 < n < 100:
                            return Reported(sentence, m, n)
    return None


def _unnumbered(texts: list[Text], lead: Text) -> Reported | None:
    future_lead = any(zh.CONFERENCE_NAMED.search(s.view) and zh.FUTURE.search(s.view) for s in lead.sentences())
    for text in texts:
        for sentence in text.sentences():
            view = sentence.view
            m = zh.CONFERENCE_NAMED.search(view)
            if m is None or zh.OTHER_EVENT.search(view) or zh.FUTURE.search(view) or not _told_as_held(view, m):
                continue  # a sentence about what will be (…聯席會議將在廣州召開,並由…共同主持) reports nothing held
            if any(pattern.search(view) for pattern in zh.PLENARIES):
                continue  # it names a numbered plenary that `_numbered` found not held that day (…第二十次會議去年…)
            if future_lead:
                return None  # the lead says the conference is still to come: the page announces it
            at_it = view[m.end():m.end() + 1] == "上" or "會上" in view  # 在粵港合作聯席會議上致辭
            if zh.HELD.search(view) or "主持" in view or "出席" in view or at_it:
                return Reported(sentence, m, None)
    return None


def _told_as_held(view: str, m: re.Match[str]) -> bool:
    """Whether the sentence tells of the plenary it names as held: not still to come, not one held before (nor the
    time before it: 第一次會議舉行前), not a document of it (…會議紀要)."""
    if zh.TRIP.search(view):
        return False  # one item of a visit's programme, told of by the visit
    if zh.FUTURE.search(view, 0, m.start()) or zh.FUTURE_AFTER.match(view, m.end()):  # 明日(12日)…率領…共同主持…
        return False  # …第二十四次會議, or 今年…第七次會議將在廣州召開: still to come
    return not (zh.PAST.search(view, 0, m.start()) or zh.PAST_AFTER.match(view, m.end())
                or zh.DOCUMENT_AFTER.match(view, m.end()))
