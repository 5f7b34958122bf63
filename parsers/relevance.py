"""The discovery-time relevance filter: from a title alone, is a release worth fetching?

It is deliberately generous (a wrongly kept release costs one fetch and is set aside by the full
parser; a wrongly skipped one is lost), and every release it sets aside is recorded with its reason.
"""
from __future__ import annotations

import re

from .meeting import NOT_A_REPORT
from .vocabulary import COUNTERPARTS

_CONFERENCE = re.compile(r"\bco-?operation\b.*\bconference\b|\bjoint conference\b", re.I)
_PLENARY = re.compile(r"\bplenar(?:y|ies)\b", re.I)
_COUNTERPART = re.compile(r"\b(?:" + "|".join(COUNTERPARTS) + r")\b", re.I)


def why_not_relevant(title: str) -> str | None:
    """None when the title may be a plenary report; otherwise why it is set aside."""
    title = " ".join(title.split())
    if not title:
        return "the feed or index gave no title"
    names_conference = _CONFERENCE.search(title) is not None
    names_plenary = _PLENARY.search(title) is not None
    if not names_conference and not (names_plenary and _COUNTERPART.search(title)):
        if names_plenary:
            return "a plenary, but not of a Hong Kong/Mainland co-operation conference"
        return "not about a co-operation conference plenary"
    if m := NOT_A_REPORT.search(title):
        return f"the title announces something other than a plenary held ({m.group(0).strip()!r})"
    return None
