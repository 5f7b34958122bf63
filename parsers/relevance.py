"""The discovery-time relevance filter: from a title alone, is a release worth fetching?

It is deliberately generous (a wrongly kept release costs one fetch and is set aside by the full
parser; a wrongly skipped one is lost), and every release it sets aside is recorded with its reason. It keeps
a title that names a co-operation conference in any of its names (the older "... Economic and Trade Co-operation
Conference", "the Third Hong Kong-Fujian Co-operation Conference"), a plenary with a counterpart, or Hong Kong
with a counterpart (a story's "HK-Fujian conference held", "CE attends HK-Shanghai forum").
The words are the `Language`'s (`RelevanceWords`, and `MeetingWords.not_a_report`).
"""
from __future__ import annotations

from .language import ENGLISH, Language


def why_not_relevant(title: str, language: Language = ENGLISH) -> str | None:
    """None when the title may be a plenary report; otherwise why it is set aside."""
    title = " ".join(title.split())
    if not title:
        return "the feed or index gave no title"
    words = language.relevance
    names_conference = words.conference.search(title) is not None
    names_plenary = words.plenary.search(title) is not None
    names_counterpart = words.counterpart.search(title) is not None
    names_the_pair = names_counterpart and words.hong_kong.search(title) is not None  # "HK-Fujian conference held"
    if not (names_conference or names_the_pair or (names_plenary and names_counterpart)):
        if names_plenary:
            return "a plenary, but not of a Hong Kong/Mainland co-operation conference"
        return "not about a co-operation conference plenary, nor about Hong Kong and a Mainland counterpart"
    if m := language.meeting.not_a_report.search(title):
        return f"the title announces something other than a plenary held ({m.group(0).strip()!r})"
    return None
