"""Agreements signed at a meeting: items listed under a signing ceremony, titles quoted as signed."""
from __future__ import annotations

import re

from .budget import check, rule_texts
from .layout import Paragraph
from .vocabulary import WHITE_SPACE, folded

_SIGNED = re.compile(r"\bsigned\b")
_QUOTED = re.compile(r"[\"“]([^\"”]{8,300})[\"”]")
_MEMORANDUM = re.compile(
    r"\b(?:the )?((?:memorandum|agreement|arrangement|minutes)\s+of\s+the\s+.+?)\s+signed by\b", re.I
)
_SIGNED_BY = re.compile(r"\s+signed by\b", re.I)  # where every `_MEMORANDUM` match ends
_TRAILING = re.compile(r"(?:\s*;\s*and|\s+and)?\s*[;,.]*\s*$")
_TRAILING_CHARS = WHITE_SPACE + ";,.and"  # all that `_TRAILING` matches is made of
_CHINESE_ONLY = re.compile(r"\s*\(Chinese only\)")


def find_agreements(closing: list[Paragraph]) -> list[str]:
    """Titles of the documents signed, in order of first mention, each once."""
    titles: list[str] = []
    read = [para for para in closing if para.kind in ("bullet", "body")]
    for para, text in zip(read, rule_texts(para.text for para in read)):
        check()
        if para.kind == "bullet":
            titles.append(_clean(text))
        elif "signed" in text and _SIGNED.search(text):
            titles.extend(_clean(t) for t in _QUOTED.findall(text))
            if "signed by" in folded(text):
                titles.extend(_clean(m.group(1)) for m in _memoranda(text))
    return _unique(t for t in titles if t)


def _memoranda(text: str):
    """`_MEMORANDUM.finditer(text)`, searched only up to the last "signed by": past it, each start of a title
    was read to the end of the text in vain, which made a paragraph of many such starts quadratic."""
    last = None
    for last in _SIGNED_BY.finditer(text):
        pass
    return _MEMORANDUM.finditer(text, 0, last.end()) if last is not None else iter(())


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
