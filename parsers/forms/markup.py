"""A page's markup bounded before lexbor reads it, so that any page is read in time linear in its size.

lexbor, like every HTML5 parser, looks down its stack of open elements at most tags, so deep nesting costs the
square of its depth (200,000 nested `<div>`: minutes), and rebuilds the formatting elements still open at each
text after a block (a few thousand distinct `<font>`: millions of elements). A page of more than `FEW_TAGS`
(1,024) tags is therefore bounded first (`bound_markup`): start tags count as open until their end tag (those
whose end tag may be left out, `<p>` `<li>` `<td>` ..., close one another and are not counted); one met with
`budget.MAX_DEPTH` (256) elements open is dropped, and so is its end tag, their text kept as the text of the
element at that depth. The formatting elements the walk does not read (`<a>` `<font>` `<i>` ...) are dropped,
and those it reads as emphasis (`<b>` `<strong>` `<u>`) are written as a bare `<b>`, so that lexbor rebuilds at
most three at a time (an element with the id of a part the parser selects is kept). A page of more than
`budget.MAX_TAGS` tags and comments is refused (a release page has a few hundred).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..budget import CHECK_EVERY, MAX_DEPTH, MAX_TAGS, check
from ..errors import ParsingError
from ..sites import DEFAULT_SITE

FEW_TAGS = 1024  # a page with at most this many `<` is read as it is: lexbor's extra work is at most their square
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
_FORMATTING = _UNREAD_FORMATTING | _EMPHASIS_FORMATTING
_NOT_NESTING = _SELF_CLOSING_TAGS | _VOID_TAGS  # tags that `bound_markup` does not count as open
_RAW_TEXT_TAGS = frozenset({"script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes"})
# A start or end tag (groups: "/" or "", the name), or the start of a comment, doctype or processing instruction.
# Possessive, and never across a `<`: finding every tag is linear, whatever the page holds.
_TAG = re.compile(r"<(?:(/?)([A-Za-z][^\s/<>]*+)[^<>]*+>|[!?])")
_BREAK_RUNS_KEPT = 8  # a run of more `<br>` (white space between) is read as this many: gaps past 7 blank lines mean nothing more
_BREAK_RUN = re.compile(r"(?:<br\s*/?>\s*){%d,}" % (_BREAK_RUNS_KEPT + 1), re.I)


def bound_markup(html: str, few_tags: int = FEW_TAGS, page_ids: tuple[str, ...] = DEFAULT_SITE.page_ids) -> str:
    """The markup bounded as the module says (`page_ids`: of the parts selected); at most `few_tags` tags: as it is.
    Raises `ParsingError` for a page of more than `MAX_TAGS` tags."""
    if html.count("<") <= few_tags:
        return html
    html, selected_id = _fewer_breaks(html), _selected_id(page_ids)
    depth = tags = pos = copied = 0
    open_tags, dropped = {}, {}  # by name: the elements open, and those dropped whose end tag is still to come
    out: list[str] = []
    while (m := _TAG.search(html, pos)) is not None:
        pos, tags = m.end(), tags + 1
        if not tags % CHECK_EVERY:
            _check(tags)
        if (name := m.group(2)) is None:  # a comment (read past its end: it holds no markup), doctype, instruction
            pos = _past_comment(html, m)
            continue
        tag, closing, name = m.group(0), m.group(1), name.lower()
        name, kept = _formatting(tag, closing, name, selected_id) if name in _FORMATTING else (name, tag)
        if not kept or name in _NOT_NESTING:
            pass
        elif name in _RAW_TEXT_TAGS:  # what it holds is text, up to its end tag: never dropped, never counted
            pos = pos if closing else _raw_text_end(html, name, pos)
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
            out += (html[copied : m.start()], kept)
            copied = m.end()
    _check(tags)
    return "".join(out) + html[copied:]


def _fewer_breaks(html: str) -> str:
    """Runs of more than `_BREAK_RUNS_KEPT` `<br>` cut to that many."""
    if "<br" in html or "<BR" in html:
        return _BREAK_RUN.sub("<br>" * _BREAK_RUNS_KEPT, html)
    return html


def _check(tags: int) -> None:
    """Refuse a page past `MAX_TAGS` tags; stop a parse past its deadline (`budget.check`)."""
    if tags > MAX_TAGS:
        raise _too_many_tags()
    check()


def _past_comment(html: str, m: re.Match[str]) -> int:
    """Where reading goes on after the `<!`, `<?` found at `m`: past the end of a comment, else just after."""
    if html.startswith("<!--", m.start()):
        end = html.find("-->", m.start() + 4)
        return len(html) if end < 0 else end + 3
    return m.end()


def _formatting(tag: str, closing: str, name: str, selected_id: re.Pattern[str]) -> tuple[str, str]:
    """A formatting element's name and tag as kept: dropped if unread, a bare `<b>` if emphasis, as it is if it
    has the id of a part the parser selects (there is one of each)."""
    if "id" in tag.lower() and selected_id.search(tag):
        return name, tag
    if name in _UNREAD_FORMATTING:
        return name, ""
    return "b", "</b>" if closing else "<b>"


@lru_cache(maxsize=None)
def _selected_id(page_ids: tuple[str, ...]) -> re.Pattern[str]:
    """An `id` attribute naming one of the parts selected (`Site.page_ids`)."""
    ids = "|".join(map(re.escape, page_ids)) or "(?!)"  # no ids: nothing is selected
    return re.compile(r"\bid\s*=\s*[\"']?\s*(?:" + ids + r")\b", re.I)


def _raw_text_end(html: str, name: str, pos: int) -> int:
    """Where the text of a `<script>`, `<style>`, `<title>` ... opened before `pos` ends: its end tag."""
    end = _raw_text_end_tag(name).search(html, pos)
    return len(html) if end is None else end.start()


@lru_cache(maxsize=None)
def _raw_text_end_tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{re.escape(name)}[\s/>]", re.I)


def _too_many_tags() -> ParsingError:
    return ParsingError(f"the page has more than {MAX_TAGS:,} tags (a release page has a few hundred): not read")
