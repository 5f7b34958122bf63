"""`parse_document`: pick the source form (`forms.html` or `forms.text`) for one fetched or read document."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .budget import check, deadline
from .forms.charset import codec_for
from .forms.html import parse_page
from .forms.text import parse_release
from .language import Language
from .records import ParsedRelease, Source
from .sites import DEFAULT_SITE, Site

_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|body)[\s>/]", re.I)
_ANY_TAG = re.compile(rb"<(?:[a-z][a-z0-9]*[\s>/]|!--|!doctype)", re.I)
_HTML_SUFFIX = re.compile(r"\.x?html?$", re.I)
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")
_TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
_SNIFF_BYTES = 1024


def parse_document(
    data: bytes, source: Source, content_type: str | None = None, declared_charset: str | None = None,
    budget: float | None = None, *, language: Language | None = None, site: Site = DEFAULT_SITE,
) -> ParsedRelease:
    """Parse HTML with `parse_page`, anything else with `parse_release`; raises `ParsingError` on unreadable input.

    `budget`: seconds the parse may take; past them it raises `ParseBudgetExceeded` (a `ParsingError`), checked
    between the parse's steps (`parsers.budget`). None: no budget. `language`: the words the rules read the
    release by (None: the language its text is written in, `language.language_of`); `site`: the site whose pages and closing lines it has (`parsers.sites`).
    """
    with deadline(budget):
        if is_html(data, source, content_type):
            parsed = parse_page(data, source, declared_charset, language=language, site=site)
        else:
            parsed = parse_release(data, source, codec_for(declared_charset), language=language, site=site)
        check()  # a parse whose last step ran past the deadline is over budget too
    return parsed


def is_html(data: bytes, source: Source, content_type: str | None = None) -> bool:
    """Whether a document is an HTML page: by its content type, else its opening bytes, else its name."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if "html" in mime:  # text/html, application/xhtml+xml
        return True
    if mime in _TEXT_TYPES:
        return False
    if _HTML_START.search(data, 0, _SNIFF_BYTES):
        return True
    return _named_html(source) and _ANY_TAG.search(data, 0, 4 * _SNIFF_BYTES) is not None


def _named_html(source: Source) -> bool:
    """Whether the name read ends in .htm/.html; the web address counts only when the file name has no suffix.

    A seed saved as `004_….txt` keeps its page's `.htm` address as `url`, yet holds text.
    """
    path = _path(source.uri)
    if _SUFFIX.search(path):
        return _HTML_SUFFIX.search(path) is not None
    return source.url is not None and _HTML_SUFFIX.search(_path(source.url)) is not None


def _path(address: str) -> str:
    """The path part of a URL or file name, without query or fragment."""
    return urlsplit(address).path if "://" in address else address
