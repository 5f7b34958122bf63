"""Agreements signed at a meeting: items listed under a signing ceremony, titles quoted as signed."""
from __future__ import annotations

import re

from .layout import Paragraph
from .vocabulary import WHITE_SPACE, folded

_SIGNED = re.compile(r"\bsigned\b")
_QUOTED = re.compile(r"[\"“]([^\"”]{8,300})[\"”]")
_MEMORANDUM = re.compile(
    r"\b(?:the )?((?:memorandum|agreement|arrangement|minutes)\s+of\s+the\s+.+?)\s+signed by\b", re.I
)
_TRAILING = re.compile(r"(?:\s*;\s*and|\s+and)?\s*[;,.]*\s*$")
_TRAILING_CHARS = WHITE_SPACE + ";,.and"  # all that `_TRAILING` matches is made of
_CHINESE_ONLY = re.compile(r"\s*\(Chinese only\)")


def find_agreements(closing: list[Paragraph]) -> list[str]:
    """Titles of the documents signed, in order of first mention, each once."""
    titles: list[str] = []
    for para in closing:
        if para.kind == "bullet":
            titles.append(_clean(para.text))
        elif para.kind == "body" and "signed" in para.text and _SIGNED.search(para.text):
            titles.extend(_clean(t) for t in _QUOTED.findall(para.text))
            if "signed by" in folded(para.text):
                titles.extend(_clean(m.group(1)) for m in _MEMORANDUM.finditer(para.text))
    return _unique(t for t in titles if t)


def _clean(title: str) -> str:
    title = title.strip().strip("\"“”'")
    tail = len(title.rstrip(_TRAILING_CHARS))  # `_TRAILING` can match only here: searching the tail is quicker
    title = title[:tail] + _TRAILING.sub("", title[tail:])
    title = title.strip().strip("\"“”'").strip()
    if "(Chinese only)" in title:
        title = _CHINESE_ONLY.sub("", title)
    return title[:1].upper() + title[1:]


def _unique(titles) -> list[str]:
    seen: set[str] = set()
    out = []
    for title in titles:
        key = title.lower()
        if key not in seen:
            seen.add(key)
            out.append(title)
    return out
