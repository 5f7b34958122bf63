"""`parse_page`: one release page's HTML to its staged records, its lines read from the markup directly.

The page gives the same lines the text form gives (headline first, then the body, then the footer lines), so
`lines`, `layout` and `build` apply one set of rules to both forms. Markup decides what plain text cannot
show, and says it as a raw line's mark (`lines.HeadingLine`, `lines.BulletLine`), never as Markdown: `<br>`, `<p>`, `<div>` and
`<li>` end lines, a line wholly in `<b>`/`<u>`/`<strong>`/`<hN>` is a heading, a `<li>` item a bullet, and
leading non-breaking spaces survive as indentation. Scripts, styles and navigation are never read. Which
parts of a page are read is the site's (`Site.headline_selectors`, `body_selectors`, `body_fallbacks`).

Bounded work whatever the markup (issue 12): a page of more than `_FEW_TAGS` tags is bounded before lexbor
reads it (`markup.bound_markup`), and the tree is walked with an explicit stack, never by recursion.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser as _LexborParser
from selectolax.lexbor import LexborNode

from ..budget import CHECK_EVERY, MAX_LINES, check, too_many_lines
from ..build import records_from_lines
from ..errors import ParsingError
from ..language import Language, language_of
from ..lines import BulletLine, HeadingLine, Line, RawLine, is_footer_line, read_lines
from ..records import ParsedRelease, Source
from ..sites import DEFAULT_SITE, Site, release_id_in
from ..strings import BLANK, HTML_SPACE, normalise, single_spaced, spaces_collapsed
from .charset import codec_for, decode_text, sniff_charset
from .markup import FEW_TAGS, bound_markup

_FEW_TAGS = FEW_TAGS  # pages of at most this many tags are read as they are (`markup.bound_markup`)
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
_CANONICAL = (('link[rel="canonical"]', "href"), ('meta[property="og:url"]', "content"))  # the page's own address
_FOOTER_SCAN_LIMIT = 40  # non-blank lines read after the body while looking for the footer


def parse_page(
    data: bytes, source: Source, declared_charset: str | None = None, *,
    language: Language | None = None, site: Site = DEFAULT_SITE,
) -> ParsedRelease:
    """Parse a release page (HTML); raises `ParsingError` on unreadable input or a page with no release text.

    `language`: the words to read it by; None: the language its text is written in (`language.language_of`)."""
    decoded = decode_text(data, codec_for(declared_charset) or sniff_charset(data))
    tree = LexborHTMLParser(decoded.text, site)
    if source.url is None and (canonical := _canonical_url(tree)):
        source = replace(source, url=canonical)
    lines, language = page_lines(tree, language, site)
    return records_from_lines(lines, data, source, decoded.warning, language, site,
                              other_language_url=_other_language_url(tree, source, site))


def page_lines(
    tree: LexborHTMLParser, language: Language | None = None, site: Site = DEFAULT_SITE,
) -> tuple[list[Line], Language]:
    """A page's lines (its headline, a blank line, its body and the footer lines after it), and the language
    they are read in (`language`, else the one its text is written in)."""
    headline = _headline(tree, site)
    body = _body_lines(tree, site)
    if not any(isinstance(line, RawLine) or line.strip(BLANK) for line in body):
        raise ParsingError(f"the HTML page has no release text ({site.body_description}, is empty)")
    raw = ([headline, ""] if headline else []) + body
    language = language or language_of("\n".join(raw[:_LANGUAGE_SAMPLE_LINES]), headline)
    if language.normalise is not None:  # each line keeps its mark (its class)
        raw = [type(line)(language.normalise(line)) for line in raw]
    return read_lines(raw, language), language


_LANGUAGE_SAMPLE_LINES = 60  # the lines a page's language is judged by
# The text of a page's link to its version in another language (info.gov.hk: "English" on a Chinese page,
# "繁體" and "简体" on an English one).
_LANGUAGE_LINKS = frozenset({"english", "english version", "eng", "繁體", "繁體版", "中文", "繁體中文", "中文版",
                             "traditional chinese", "chinese", "简体", "簡體", "简体版", "簡體版", "simplified chinese"})


def _other_language_url(tree: LexborHTMLParser, source: Source, site: Site) -> str | None:
    """The address of the release in the other language that the page links to (a release page of the site with
    another id than this one's), else None."""
    own = release_id_in(source.url) or release_id_in(source.uri)
    for link in tree.css("a[href]"):
        if " ".join(link.text().split()).lower() not in _LANGUAGE_LINKS:
            continue
        href = (link.attributes.get("href") or "").strip()
        address = urljoin(source.url or site.base_url + "/", href)
        if site.is_release_page(address) and (other := release_id_in(address)) and other != own:
            return address
    return None


class LexborHTMLParser(_LexborParser):
    """lexbor's parser, reading the page's markup bounded first (`bound_markup`): the tree `parse_page` reads."""

    def __init__(self, html: str, site: Site = DEFAULT_SITE) -> None:
        super().__init__(bound_markup(html, _FEW_TAGS, site.page_ids))


def _canonical_url(tree: LexborHTMLParser) -> str | None:
    """The page's own address from `<link rel="canonical">` or `og:url`, if it is an http(s) URL."""
    for selector, attribute in _CANONICAL:
        node = tree.css_first(selector)
        value = ((node.attributes.get(attribute) if node is not None else None) or "").strip()
        if value.lower().startswith(("http://", "https://")):
            return value
    return None


def _headline(tree: LexborHTMLParser, site: Site = DEFAULT_SITE) -> str:
    """The headline: the first of the site's headline selectors with text (`span#PRHeadlineSpan`, else
    `#PRHeadline`, else `<title>`); empty if none has text."""
    for selector in site.headline_selectors:
        node = tree.css_first(selector)
        if node is not None and (text := " ".join(normalise(node.text(separator=" ")).split())):
            return text
    return ""


def _body_lines(tree: LexborHTMLParser, site: Site = DEFAULT_SITE) -> list[str]:
    """Raw lines of the body: the site's body (`span#pressrelease`) and the footer lines after it, else the
    first fallback that has lines (`#contentBody`, `<body>`)."""
    for selector in site.body_selectors:
        if (node := tree.css_first(selector)) is not None:
            return _node_lines(node) + _footer_after(node, site)
    for selector in site.body_fallbacks:
        node = tree.css_first(selector)
        if node is not None and (lines := _node_lines(node)):
            return lines
    return []


def _node_lines(node: LexborNode) -> list[str]:
    """The raw lines inside a node, lines wholly emphasised marked as headings and list items as bullets."""
    writer = _LineWriter(mark_headings=True)
    _walk(_children(node), writer)
    writer.end_line(hard=False)
    return writer.lines


def _footer_after(span: LexborNode, site: Site) -> list[str]:
    """Footer lines (`Ends/…`, `Issued at HKT …`, `NNNN`) printed after the body span, up to the page's end
    (`Today's Press Releases`: `Site.page_ends`); a list item is neither."""
    writer = _LineWriter(mark_headings=False)
    found: list[str] = []
    seen = 0
    for node in _following(span):
        _walk([node], writer)
        writer.end_line(hard=False)
        for line in writer.take():
            text = single_spaced(line)
            if not text:
                continue
            seen += 1
            marked = isinstance(line, RawLine)
            if seen > _FOOTER_SCAN_LIMIT or (not marked and site.page_ends.get(text.lower()) is False):
                return found
            if not marked and is_footer_line(text, site):
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
            _edge(current, writer, inside=False)
            continue
        tag = current.tag
        if tag == "-text":
            writer.add(current.text_content or "", emphasis > 0)
        elif tag == "br":
            writer.end_line(hard=True)
        elif tag not in _SKIP_TAGS:
            if tag in _MARKED_TAGS:  # entering or leaving any other element changes nothing
                _edge(tag, writer, inside=True)
                emphasis += tag in _EMPHASIS_TAGS
                stack.append(tag)
            stack.extend(reversed(_children(current)))


def _children(node: LexborNode) -> list[LexborNode]:
    children, child = [], node.child
    while child is not None:
        children.append(child)
        child = child.next
    return children


def _edge(tag: str, writer: _LineWriter, inside: bool) -> None:
    """Entering (`inside`) or leaving an element: a block is on lines of its own; a list item is a bullet."""
    if tag in _BLOCK_TAGS:
        writer.end_line(hard=False)
    if tag == "li":
        writer.bullet = inside


def _collapse_html_space(text: str) -> str:
    r"""Each run of HTML white space (space, tab, LF, CR, FF; not NBSP) made one space.

    What re.sub(r"[\t\n\r\f][ \t\n\r\f]*| [ \t\n\r\f]+", " ", text) gives, ~5x faster.
    """
    return spaces_collapsed(text, HTML_SPACE[1:])  # all but the space itself


def _normalised(line: str) -> str:
    """`strings.normalise` of a written line: an ASCII one is already (its tabs and CRs were collapsed)."""
    return line if line.isascii() else normalise(line)


class _LineWriter:
    """Collects raw lines from a node walk, marking a line whose visible text was all emphasised as a heading
    (if `mark_headings`) and a list item's as a bullet; lines are normalised (`strings.normalise`)."""

    def __init__(self, mark_headings: bool) -> None:
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
        if text.strip(BLANK):
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
            self.lines.append(self._marked(line))
            self.bullet = False
        self._parts.clear()
        self._plain = self._emphasised = False

    def _marked(self, line: str) -> str:
        """A line as written: its visible text marked as a bullet or a heading, else its text as printed."""
        visible = line.strip(BLANK)
        if not visible:
            return _normalised(line)
        self._visible += 1
        if self._visible > MAX_LINES:  # refused now, not after the whole walk (`read_lines` would too)
            raise too_many_lines()
        if self.bullet:
            return BulletLine(_normalised(visible))
        if self._emphasised and not self._plain and self._mark_headings:
            return HeadingLine(_normalised(visible))
        return _normalised(line)

    def take(self) -> list[str]:
        """Hand over the lines written so far and start afresh."""
        lines, self.lines = self.lines, []
        return lines
