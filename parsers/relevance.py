"""The discovery-time relevance filter: from a title alone, is a release worth fetching?

It is deliberately generous (a wrongly kept release costs one fetch and is set aside by the full
parser; a wrongly skipped one is lost), and every release it sets aside is recorded with its reason.
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
    if not names_conference and not (names_plenary and words.counterpart.search(title)):
        if names_plenary:
            return "a plenary, but not of a Hong Kong/Mainland co-operation conference"
        return "not about a co-operation conference plenary"
    if m := language.meeting.not_a_report.search(title):
        return f"the title announces something other than a plenary held ({m.group(0).strip()!r})"
    return None
