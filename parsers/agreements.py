"""Agreements signed at a meeting: items listed under a signing ceremony, titles quoted as signed.

The words are the `Language`'s (`AgreementWords`).
"""
from __future__ import annotations

from .budget import check, rule_texts
from .language import ENGLISH, Language
from .layout import Paragraph
from .strings import folded


def find_agreements(closing: list[Paragraph], language: Language = ENGLISH) -> list[str]:
    """Titles of the documents signed, in order of first mention, each once."""
    words = language.agreements
    titles: list[str] = []
    read = [para for para in closing if para.kind in ("bullet", "body")]
    for para, text in zip(read, rule_texts(para.text for para in read)):
        check()
        if para.kind == "bullet":
            titles.append(_clean(text, language))
        elif words.signed_word in text and words.signed.search(text):
            titles.extend(_clean(t, language) for t in words.quoted.findall(text))
            if words.signed_by_word in folded(text):
                titles.extend(_clean(m.group(1), language) for m in _memoranda(text, language))
    return _unique(t for t in titles if t)


def _memoranda(text: str, language: Language = ENGLISH):
    """`memorandum.finditer(text)`, searched only up to the last "signed by": past it, each start of a title
    was read to the end of the text in vain, which made a paragraph of many such starts quadratic."""
    words = language.agreements
    last = None
    for last in words.signed_by.finditer(text):
        pass
    return words.memorandum.finditer(text, 0, last.end()) if last is not None else iter(())


def _clean(title: str, language: Language) -> str:
    words = language.agreements
    title = title.strip().strip(words.quotes)
    tail = len(title.rstrip(words.trailing_chars))  # `trailing` can match only here: searching the tail is quicker
    title = title[:tail] + words.trailing.sub("", title[tail:])
    title = title.strip().strip(words.quotes).strip()
    if words.chinese_only_word in title:
        title = words.chinese_only.sub("", title)
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
