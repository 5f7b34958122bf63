"""`parse_page`: one release page's HTML to its staged records.

The page is reduced to the same raw lines the text parser reads (headline first, then the body, then
the footer lines), so `lines`, `layout` and `release.build_records` apply one set of rules to both
forms. Markup decides what plain text cannot show: `<br>`, `<p>`, `<div>` and `<li>` end lines, a line
wholly in `<b>`/`<u>` is a heading (emitted as `**text**`), `<li>` items are bullets, and leading
non-breaking spaces survive as indentation. Scripts, styles and navigation are never read.

Bounded work whatever the markup (issue 12). lexbor, like every HTML5 parser, looks down its stack of open
elements at most tags, so deep nesting costs the square of its depth (200,000 nested `<div>`: minutes), and
rebuilds the formatting elements still open at each text after a block (a few thousand distinct `<font>`:
millions of elements). A page of more than `_FEW_TAGS` (1,024) tags is therefore bounded before lexbor reads
it (`bound_markup`): an element nested more than `budget.MAX_DEPTH` (256) deep is dropped, its text kept as
the text of the element at that depth; the formatting elements the walk does not read are dropped and the
emphasis ones written as a bare `<b>`; a page of more than `budget.MAX_TAGS` (200,000) tags and comments is
refused (a release page has a few hundred). The tree is walked with an explicit stack, never by recursion.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser as _LexborParser
from selectolax.lexbor import LexborNode

from .budget import CHECK_EVERY, MAX_DEPTH, MAX_LINES, MAX_TAGS, check, too_many_lines
from .errors import ParsingError
from .layout import read_layout
from .lines import cut_footer, decode_text, is_footer_line, normalise, single_spaced, split_lines
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
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
     "keygen", "basefont", "bgsound", "frame", "image"}
)
# Elements whose end tag HTML lets a page leave out: each closes the one before (a `<p>` closes an open `<p>`),
# so they cannot nest in themselves without another element between. `bound_markup` counts only the others.
_SELF_CLOSING_TAGS = frozenset(
    {"p", "li", "dt", "dd", "td", "th", "tr", "option", "optgroup", "tbody", "thead", "tfoot", "colgroup", "caption",
     "rb", "rt", "rp", "rtc", "html", "head", "body"}
)
# HTML's formatting elements that the walk does not read (`bound_markup` drops them), and those it reads as
# emphasis (`bound_markup` writes them all as a bare `<b>`).
_UNREAD_FORMATTING = frozenset({"a", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "tt"})
_EMPHASIS_FORMATTING = frozenset({"b", "strong", "u"})
_SELECTED_ID = re.compile(r"\bid\s*=\s*[\"']?\s*(?:PRHeadline|pressrelease|contentBody)\b", re.I)  # ids selected
_RAW_TEXT_TAGS = frozenset({"script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes"})
# A start or end tag (groups: "/" or "", the name), or the start of a comment, doctype or processing instruction.
# Possessive, and never across a `<`: finding every tag is linear, whatever the page holds.
_TAG = re.compile(r"<(?:(/?)([A-Za-z][^\s/<>]*+)[^<>]*+>|[!?])")
_FEW_TAGS = 1024  # a page with at most this many `<` is read as it is: lexbor's extra work is at most their square
_BREAK_RUNS_KEPT = 8  # a run of more `<br>` (white space between) is read as this many: gaps past 7 blank lines mean nothing more
_BREAK_RUN = re.compile(r"(?:<br\s*/?>\s*){%d,}" % (_BREAK_RUNS_KEPT + 1), re.I)
_PAGE_END = "today's press releases"
_FOOTER_SCAN_LIMIT = 40  # non-blank lines read after the body span while looking for the footer


def parse_page(data: bytes, source: Source, declared_charset: str | None = None) -> ParsedRelease:
    """Parse a release page (HTML); raises `ParsingError` on unreadable input or a page with no release text."""
    decoded = decode_text(data, codec_for(declared_charset) or sniff_charset(data))
    tree = LexborHTMLParser(decoded.text)
    if source.url is None and (canonical := _canonical_url(tree)):
        source = replace(source, url=canonical)
    headline = _headline(tree)
    body = _body_lines(tree)
    if not any(line.strip(_BLANK) for line in body):
        raise ParsingError("the HTML page has no release text (span#pressrelease, else #contentBody/<body>, is empty)")
    raw = ([headline, ""] if headline else []) + body
    lines, footer = cut_footer(split_lines(normalise("\n".join(raw)).split("\n")))
    parsed = build_records(read_layout(lines, footer), source, hashlib.sha256(data).hexdigest(), decoded.warning)
    parsed.raw = data
    return parsed


class LexborHTMLParser(_LexborParser):
    """lexbor's parser, reading the page's markup bounded first (`bound_markup`): the tree `parse_page` reads."""

    def __init__(self, html: str) -> None:
        super().__init__(bound_markup(html))


def bound_markup(html: str) -> str:
    """The page's markup bounded, so that lexbor reads it in time linear in its size; raises `ParsingError` for a
    page of more than `MAX_TAGS` tags. A page of at most `_FEW_TAGS` tags is returned as it is.

    lexbor looks down its stack of open elements at most tags, and rebuilds the formatting elements still
    active (`<b>` `<font>` ..., up to three alike) at each text after a block that closed them. In the markup
    returned, start tags count as open until their end tag (those whose end tag may be left out, `<p>` `<li>`
    `<td>` ..., close one another and are not counted); one met with `MAX_DEPTH` elements open is dropped, and
    so is its end tag, their text kept. The formatting elements the walk does not read (`<a>` `<font>` `<i>`
    ...) are dropped, and those it reads as emphasis (`<b>` `<strong>` `<u>`) are written as a bare `<b>`, so
    that at most three are rebuilt at a time (an element with the id of a part the parser selects is kept).
    """
    if html.count("<") <= _FEW_TAGS:
        return html
    if "<br" in html or "<BR" in html:
        html = _BREAK_RUN.sub("<br>" * _BREAK_RUNS_KEPT, html)
    depth = tags = pos = copied = 0
    open_tags: dict[str, int] = {}
    dropped: dict[str, int] = {}
    out: list[str] = []
    while (m := _TAG.search(html, pos)) is not None:
        pos = m.end()
        tags += 1
        if not tags % CHECK_EVERY:
            if tags > MAX_TAGS:
                raise _too_many_tags()
            check()
        name = m.group(2)
        if name is None:  # a comment (read past its end: what it holds is not markup), doctype or instruction
            if html.startswith("<!--", m.start()):
                end = html.find("-->", m.start() + 4)
                pos = len(html) if end < 0 else end + 3
            continue
        tag, closing, name = m.group(0), m.group(1), name.lower()
        kept = tag
        if name in _UNREAD_FORMATTING or name in _EMPHASIS_FORMATTING:
            if "id" in tag.lower() and _SELECTED_ID.search(tag):
                pass  # kept as it is: a part the parser selects (there is one of each)
            elif name in _UNREAD_FORMATTING:
                kept = ""
            else:
                name, kept = "b", "</b>" if closing else "<b>"
        if not kept or name in _SELF_CLOSING_TAGS or name in _VOID_TAGS:
            pass
        elif name in _RAW_TEXT_TAGS:
            if not closing:  # what it holds is text, up to its end tag: never dropped, never counted
                end = _raw_text_end(name).search(html, pos)
                pos = len(html) if end is None else end.start()
        elif closing:
            if dropped.get(name):
                dropped[name] -= 1
                kept = " "
            elif open_tags.get(name):
                open_tags[name] -= 1
                depth -= 1
        elif depth >= MAX_DEPTH:
            dropped[name] = dropped.get(name, 0) + 1
            kept = " "
        else:
            open_tags[name] = open_tags.get(name, 0) + 1
            depth += 1
        if kept != tag:
            out.append(html[copied : m.start()])
            out.append(kept)
            copied = m.end()
    if tags > MAX_TAGS:
        raise _too_many_tags()
    out.append(html[copied:])
    return "".join(out)


@lru_cache(maxsize=None)
def _raw_text_end(name: str) -> re.Pattern[str]:
    """Where the text of a `<script>`, `<style>`, `<title>` ... ends: its end tag."""
    return re.compile(rf"</{re.escape(name)}[\s/>]", re.I)


def _too_many_tags() -> ParsingError:
    return ParsingError(f"the page has more than {MAX_TAGS:,} tags (a release page has a few hundred): not read")


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
    steps = 0
    while stack:
        steps += 1
        if not steps % CHECK_EVERY:
            check()
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
        self._visible = 0  # lines with visible text written so far

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
            if visible:
                self._visible += 1
                if self._visible > MAX_LINES:  # refused now, not after the whole walk (`split_lines` would too)
                    raise too_many_lines()
            self.lines.append(line)
        if hard or line:
            self.bullet = False
        self._parts.clear()
        self._plain = self._emphasised = False

    def take(self) -> list[str]:
        """Hand over the lines written so far and start afresh."""
        lines, self.lines = self.lines, []
        return lines
