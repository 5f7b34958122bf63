"""`parse_page`: one release page's HTML to its staged records.

The page is reduced to the same raw lines the text parser reads (headline first, then the body, then
the footer lines), so `lines`, `layout` and `release.build_records` apply one set of rules to both
forms. Markup decides what plain text cannot show: `<br>`, `<p>`, `<div>` and `<li>` end lines, a line
wholly in `<b>`/`<u>` is a heading (emitted as `**text**`), `<li>` items are bullets, and leading
non-breaking spaces survive as indentation. Scripts, styles and navigation are never read.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterator
from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .errors import ParsingError
from .layout import read_layout
from .lines import cut_footer, decode, is_footer_line, normalise, single_spaced, split_lines
from .records import ParsedRelease, Source
from .release import build_records

_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
# WHATWG maps these labels to a superset decoder; Python's codecs of the same name are stricter.
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
    "big5": "big5hkscs", "x-x-big5": "big5hkscs", "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
}
_HEADLINE_SELECTORS = ("span#PRHeadlineSpan", "#PRHeadline", "title")
_BODY_FALLBACKS = ("#contentBody", "body")
_BLANK = " \t\n\r\f\u00a0\u3000\u2002\u2003\u2009\u202f\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "nav", "head", "title", "iframe", "object", "svg", "select",
     "textarea", "-comment"}
)
_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "tbody", "thead", "tfoot", "caption",
     "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "header", "footer", "main", "aside",
     "pre", "hr", "center", "address", "figure", "figcaption", "form", "fieldset"}
)
_EMPHASIS_TAGS = frozenset({"b", "strong", "u", "h1", "h2", "h3", "h4", "h5", "h6"})
_MARKED_TAGS = _BLOCK_TAGS | _EMPHASIS_TAGS | {"li"}  # the tags whose start and end the walk acts on
_PAGE_END = "today's press releases"
_FOOTER_SCAN_LIMIT = 40  # non-blank lines read after the body span while looking for the footer


def parse_page(data: bytes, source: Source, declared_charset: str | None = None) -> ParsedRelease:
    """Parse a release page (HTML); raises `ParsingError` on unreadable input or a page with no release text."""
    tree = LexborHTMLParser(decode(data, codec_for(declared_charset) or sniff_charset(data)))
    if source.url is None and (canonical := _canonical_url(tree)):
        source = replace(source, url=canonical)
    headline = _headline(tree)
    body = _body_lines(tree)
    if not any(line.strip(_BLANK) for line in body):
        raise ParsingError("the HTML page has no release text (span#pressrelease, else #contentBody/<body>, is empty)")
    raw = ([headline, ""] if headline else []) + body
    lines, footer = cut_footer(split_lines(normalise("\n".join(raw)).split("\n")))
    parsed = build_records(read_layout(lines, footer), source, hashlib.sha256(data).hexdigest())
    parsed.raw = data
    return parsed


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in `<meta charset>` or `<meta http-equiv="Content-Type">`, as a Python codec name."""
    m = _META_CHARSET.search(data, 0, 4096)
    return codec_for(m.group(1).decode("ascii")) if m else None


def codec_for(label: str | None) -> str | None:
    """The Python codec for a charset label as browsers read it (iso-8859-1 means cp1252); None if unknown."""
    if not label:
        return None
    name = _CHARSET_ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _canonical_url(tree: LexborHTMLParser) -> str | None:
    """The page's own address from `<link rel="canonical">` or `og:url`, if it is an http(s) URL."""
    for selector, attribute in (('link[rel="canonical"]', "href"), ('meta[property="og:url"]', "content")):
        node = tree.css_first(selector)
        value = ((node.attributes.get(attribute) if node is not None else None) or "").strip()
        if value.lower().startswith(("http://", "https://")):
            return value
    return None


def _headline(tree: LexborHTMLParser) -> str:
    """The headline: `span#PRHeadlineSpan`, else `#PRHeadline`, else `<title>`; empty if none has text."""
    for selector in _HEADLINE_SELECTORS:
        node = tree.css_first(selector)
        if node is not None and (text := " ".join(normalise(node.text(separator=" ")).split())):
            return text
    return ""


def _body_lines(tree: LexborHTMLParser) -> list[str]:
    """Raw lines of the body: `span#pressrelease` plus the footer lines after it, else a whole-page fallback."""
    span = tree.css_first("span#pressrelease") or tree.css_first("#pressrelease")
    if span is not None:
        return _node_lines(span) + _footer_after(span)
    for selector in _BODY_FALLBACKS:
        node = tree.css_first(selector)
        if node is not None and (lines := _node_lines(node)):
            return lines
    return []


def _node_lines(node: LexborNode) -> list[str]:
    """The raw text lines inside a node, headings marked `**…**` and list items as `• …`."""
    writer = _LineWriter(mark_headings=True)
    _walk(_children(node), writer)
    writer.end_line(hard=False)
    return writer.lines


def _footer_after(span: LexborNode) -> list[str]:
    """Footer lines (`Ends/…`, `Issued at HKT …`, `NNNN`) printed after the body span, up to the page chrome."""
    writer = _LineWriter(mark_headings=False)
    found: list[str] = []
    seen = 0
    for node in _following(span):
        _walk([node], writer)
        writer.end_line(hard=False)
        for line in writer.take():
            text = single_spaced(normalise(line))
            if not text:
                continue
            seen += 1
            if text.lower() == _PAGE_END or seen > _FOOTER_SCAN_LIMIT:
                return found
            if is_footer_line(text):
                found.append(text)
    return found


def _following(node: LexborNode) -> Iterator[LexborNode]:
    """The nodes after `node` in document order, siblings first, then its ancestors' later siblings."""
    while node is not None and node.tag not in ("body", "html"):
        sibling = node.next
        while sibling is not None:
            yield sibling
            sibling = sibling.next
        node = node.parent


def _walk(nodes: list[LexborNode], writer: _LineWriter) -> None:
    """Write sibling nodes and what they hold: text as text, `<br>` as a line end, blocks on lines of their own.

    The walk uses an explicit stack, so thousands of nested tags (old pages leave `<font>` unclosed)
    cannot exhaust Python's recursion limit. A tag on the stack marks the end of an element opened earlier.
    """
    stack: list[LexborNode | str] = nodes[::-1]
    emphasis = 0  # how many emphasis elements enclose the current node
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            emphasis -= current in _EMPHASIS_TAGS
            _leave(current, writer)
            continue
        tag = current.tag
        if tag == "-text":
            writer.add(current.text_content or "", emphasis > 0)
        elif tag == "br":
            writer.end_line(hard=True)
        elif tag not in _SKIP_TAGS:
            if tag in _MARKED_TAGS:  # entering or leaving any other element changes nothing
                _enter(tag, writer)
                emphasis += tag in _EMPHASIS_TAGS
                stack.append(tag)
            stack.extend(reversed(_children(current)))


def _children(node: LexborNode) -> list[LexborNode]:
    children, child = [], node.child
    while child is not None:
        children.append(child)
        child = child.next
    return children


def _enter(tag: str, writer: _LineWriter) -> None:
    """A block starts on a line of its own; a list item is a bullet."""
    if tag in _BLOCK_TAGS:
        writer.end_line(hard=False)
    if tag == "li":
        writer.bullet = True


def _leave(tag: str, writer: _LineWriter) -> None:
    """A block ends its line; a list item stops being a bullet."""
    if tag in _BLOCK_TAGS:
        writer.end_line(hard=False)
    if tag == "li":
        writer.bullet = False


def _collapse_html_space(text: str) -> str:
    r"""Each run of HTML white space (space, tab, LF, CR, FF; not NBSP) made one space.

    What re.sub(r"[\t\n\r\f][ \t\n\r\f]*| [ \t\n\r\f]+", " ", text) gives, ~5x faster.
    """
    for char in "\t\n\r\f":
        if char in text:
            text = text.replace(char, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text


class _LineWriter:
    """Collects raw lines from a node walk, remembering whether a line's visible text was all emphasised."""

    def __init__(self, mark_headings: bool) -> None:
        """An empty writer; `mark_headings` wraps wholly emphasised lines in `**`."""
        self.lines: list[str] = []
        self.bullet = False
        self._mark_headings = mark_headings
        self._parts: list[str] = []
        self._plain = False
        self._emphasised = False

    def add(self, text: str, emphasised: bool) -> None:
        """Append a text node, collapsing HTML whitespace (NBSP is kept: it is indentation)."""
        text = _collapse_html_space(text)
        if not self._parts:
            text = text.lstrip(" ")
        if not text:
            return
        self._parts.append(text)
        if text.strip(_BLANK):
            if emphasised:
                self._emphasised = True
            else:
                self._plain = True

    def end_line(self, hard: bool) -> None:
        """End the current line: a `<br>` (hard) always does; a block edge only when the line has content."""
        if not hard and not self._parts:
            return  # nothing to end (and nothing to reset: `add` sets the flags only with a part)
        line = "".join(self._parts).rstrip(" ")
        if hard or line:
            visible = line.strip(_BLANK)
            if visible and self.bullet:
                line = f"• {visible}"
            elif visible and self._emphasised and not self._plain and self._mark_headings:
                line = f"**{visible}**"
            self.lines.append(line)
        if hard or line:
            self.bullet = False
        self._parts.clear()
        self._plain = self._emphasised = False

    def take(self) -> list[str]:
        """Hand over the lines written so far and start afresh."""
        lines, self.lines = self.lines, []
        return lines
