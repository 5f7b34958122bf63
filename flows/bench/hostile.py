"""Hostile inputs: release-shaped pages and texts of pathological shape, none larger than ingest accepts.

Each shape is generated in memory from a small repeated unit: the shapes of issue 12 (200,000 nested `<div>`,
a million `<br>`, a 5 MB single line, 100,000 headings or paragraphs), the same and others filled up to the
5 MiB a file or a fetched body may have, nesting just under the parser's tag limit (so that it is read, cut
at the documented depth, not refused), markup that makes an HTML5 parser walk its stack of open elements at
every tag, and text that makes regular expressions backtrack. Most are wrapped in a plenary report's
headline and lead, so that every rule of the parse (layout, meeting, attendees, categories, agreements)
reads them. `plenary bench` times the parse of each (at most 2 s, in bounded memory: `hostile_figures`);
tests/parsers/test_hostile_inputs.py parses them through `plenary parse`.
"""
from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from parsers import MAX_LINES, MAX_TAGS

LIMIT = 5 * 1024 * 1024  # flows.collect.files.MAX_FILE_BYTES, flows.collect.http.FetchPolicy.max_bytes
HEADLINE = "Fourth Plenary Session of the Hong Kong/Beijing Co-operation Conference held in Beijing"
LEAD = ("The Chief Executive, Mrs Carrie Lam, and the Mayor of Beijing, Mr Chen Jining, convened the Fourth Plenary "
        "Session of the Hong Kong/Beijing Co-operation Conference in Beijing today (October 24).")
ENDS = "Ends/Wednesday, October 24, 2018"
ISSUED = "Issued at HKT 17:08"
SENTENCE = "The two sides agreed to deepen co-operation."
UNDER_TAGS = MAX_TAGS - 1_000  # tags in a shape meant to be read, not refused (the page around it has a few)
UNDER_LINES = MAX_LINES - 1_000


@dataclass(frozen=True)
class Shape:
    """One hostile input: a name, its file suffix (.htm or .txt) and how to build its bytes (at most `limit`)."""

    name: str
    suffix: str
    build: Callable[[int], bytes]

    def data(self, limit: int = LIMIT) -> bytes:
        data = self.build(limit)
        assert len(data) <= limit, f"{self.name}: {len(data)} bytes, over {limit}"
        return data


Body = Callable[[int], str]  # the hostile part, given the room (bytes) it may take


def _fill(unit: str, head: str = "", tail: str = "") -> Body:
    """`head`, `unit` as many times as the room allows, `tail`."""

    def body(room: int) -> str:
        count = max(1, (room - len((head + tail).encode())) // len(unit.encode()))
        return head + unit * count + tail

    return body


def _times(unit: str, count: int, head: str = "", tail: str = "") -> Body:
    """`head`, `unit` `count` times (fewer if the room is smaller), `tail`."""

    def body(room: int) -> str:
        fits = max(1, (room - len((head + tail).encode())) // len(unit.encode()))
        return head + unit * min(count, fits) + tail

    return body


def _nested(open_tag: str, close_tag: str = "", depth: int | None = None) -> Body:
    """Elements nested `depth` deep (as deep as the room allows if None), closed (`close_tag`) or left open."""

    def body(room: int) -> str:
        fits = max(1, (room - len(SENTENCE)) // len(open_tag + close_tag))
        count = fits if depth is None else min(depth, fits)
        return open_tag * count + SENTENCE + close_tag * count

    return body


def _numbered(make_unit: Callable[[int], str], count: int | None = None) -> Body:
    """Units that differ from one another (`make_unit(i)`), as many as the room allows, at most `count`."""

    def body(room: int) -> str:
        parts, used = [], 0
        for i in range(count if count is not None else room):
            unit = make_unit(i)
            used += len(unit)
            if used > room:
                break
            parts.append(unit)
        return "".join(parts)

    return body


def _name(i: int) -> str:
    """A surname of its own for each number (Aaaa, Baaa, ...): names the rules cannot take for one another."""
    return chr(65 + i % 26) + "".join(chr(97 + i // 26**k % 26) for k in range(1, 4))


def _page(body: Body, after: str = "", lead: bool = True) -> Callable[[int], bytes]:
    """A page in the info.gov.hk layout: `span#pressrelease` holds a plenary lead (unless `lead` is False: the
    hostile body is then read as the lead), then the hostile body; the footer follows."""

    def build(limit: int) -> bytes:
        first = f"&nbsp;&nbsp;&nbsp;&nbsp; {LEAD}<br><br>" if lead else ""
        head = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{HEADLINE}</title></head><body>'
                f'<div id="contentBody"><span id="PRHeadlineSpan">{HEADLINE}</span><span id="pressrelease">{first}')
        tail = f"</span><div>{ENDS}<br>{ISSUED}</div>{after}</div></body></html>"
        return (head + body(limit - len(head.encode()) - len(tail.encode())) + tail).encode()

    return build


def _text(body: Body, lead: bool = True) -> Callable[[int], bytes]:
    """A text release: headline, lead (unless `lead` is False: the hostile body is then read as the lead), the
    hostile body, the footer lines."""

    def build(limit: int) -> bytes:
        head = f"{HEADLINE}\n\n     {LEAD}\n\n" if lead else f"{HEADLINE}\n\n"
        tail = f"\n\n{ENDS}\n{ISSUED}\n"
        return (head + body(limit - len(head.encode()) - len(tail.encode())) + tail).encode()

    return build


def _area(body: Body) -> Body:
    """The hostile body as the text of a co-operation area whose heading names no category (so that the
    area's text is categorised)."""
    head = "Further Matters\n\n     Both sides agreed: "

    def area(room: int) -> str:
        return head + body(room - len(head))

    return area


def _closing(body: Body) -> Body:
    """The hostile body in the closing material (after a signing ceremony heading), read for agreements."""
    head = "Signing Ceremony\n\n     "

    def closing(room: int) -> str:
        return head + body(room - len(head))

    return closing


SHAPES: tuple[Shape, ...] = (
    # the shapes issue 12 names
    Shape("issue: 200,000 nested <div> (2.2 MB)", ".htm", _page(_nested("<div>", "</div>", 200_000))),
    Shape("issue: a million <br>", ".htm", _page(_times("<br>", 1_000_000))),
    Shape("issue: a 5 MB single line, text", ".txt", _text(_fill("co-operation "))),
    Shape("issue: a 5 MB single line, HTML", ".htm", _page(_fill("co-operation "))),
    Shape("issue: 100,000 headings, text", ".txt", _text(_times("Innovation and Technology\n\n", 100_000))),
    Shape("issue: 100,000 <b> headings, HTML", ".htm", _page(_times("<b>Innovation and Technology</b><br>", 100_000))),
    Shape("issue: 100,000 short paragraphs, text", ".txt", _text(_times("     Both sides agreed.\n\n", 100_000))),
    Shape("issue: 100,000 short paragraphs, HTML", ".htm", _page(_times("<p>Both sides agreed.</p>", 100_000))),
    # nesting just under the tag limit: read, cut at the documented depth
    Shape("nested <div>, closed, under the tag limit", ".htm", _page(_nested("<div>", "</div>", UNDER_TAGS // 2))),
    Shape("nested <div>, never closed, under the tag limit", ".htm", _page(_nested("<div>", "", UNDER_TAGS))),
    Shape("nested <font>, never closed, under the tag limit", ".htm", _page(_nested("<font>", "", UNDER_TAGS))),
    Shape("nested <b>, never closed, under the tag limit", ".htm", _page(_nested("<b>", "", UNDER_TAGS))),
    Shape("nested <span>, closed, under the tag limit", ".htm", _page(_nested("<span>", "</span>", UNDER_TAGS // 2))),
    Shape("nested <ul><li>, never closed, under the tag limit", ".htm",
          _page(_nested("<ul><li>", "", UNDER_TAGS // 2))),
    Shape("nested <table><tr><td>, under the tag limit", ".htm",
          _page(_nested("<table><tr><td>", "", UNDER_TAGS // 3))),
    Shape("nested <blockquote>, under the tag limit", ".htm", _page(_nested("<blockquote>", "", UNDER_TAGS))),
    Shape("nested <object>, under the tag limit", ".htm", _page(_nested("<object>", "", UNDER_TAGS))),
    Shape("nested <svg><g>, under the tag limit", ".htm", _page(_times("<g>", UNDER_TAGS, "<svg>", "</svg>"))),
    Shape("nested <b><i><u> then text, under the tag limit", ".htm", _page(_times("<b><i><u>x", UNDER_TAGS // 3))),
    Shape("deep nesting around the release", ".htm",
          lambda limit: ("<div>" * UNDER_TAGS).encode() + _page(_fill("x"))(1_500)),
    # markup that makes lexbor walk its stack of open elements, or rebuild its formatting elements
    Shape("<span><div></span>, under the tag limit", ".htm", _page(_times("<span><div></span>", UNDER_TAGS // 3))),
    Shape("<span></b>, under the tag limit", ".htm", _page(_times("<span></b>", UNDER_TAGS // 2))),
    Shape("<b><div></b>, under the tag limit", ".htm", _page(_times("<b><div>x</b>", UNDER_TAGS // 3))),
    Shape("<a><p>x</a>, under the tag limit", ".htm", _page(_times("<a><p>x</a>", UNDER_TAGS // 3))),
    Shape("<a><table></a>, under the tag limit", ".htm", _page(_times("<a><table></a>", UNDER_TAGS // 3))),
    Shape("<table>text, under the tag limit", ".htm", _page(_times("<table>x", UNDER_TAGS))),
    Shape("distinct <font> reopened at each <p>, under the tag limit", ".htm",
          _page(_numbered(lambda i: f'<font size="{i}"><p>x', UNDER_TAGS // 2))),
    Shape("distinct <font> closed across <p>, under the tag limit", ".htm",
          _page(_numbered(lambda i: f'<font size="{i}"><p>x</font>', UNDER_TAGS // 3))),
    Shape("stray end tags", ".htm", _page(_times("</x>", UNDER_TAGS))),
    # filled up to the size limit
    Shape("5 MiB of nested <div>, closed", ".htm", _page(_nested("<div>", "</div>"))),
    Shape("5 MiB of nested <div>, never closed", ".htm", _page(_nested("<div>"))),
    Shape("5 MiB of <br>", ".htm", _page(_fill("<br>"))),
    Shape("5 MiB of comments", ".htm", _page(_fill("<!-- x -->"))),
    Shape("5 MiB of <b> heading lines", ".htm", _page(_fill("<b>Innovation and Technology</b><br>"))),
    Shape("5 MiB of a table", ".htm", _page(_fill("<tr><td>Finance</td><td>Mr Chan</td></tr>", "<table>", "</table>"))),
    Shape("5 MiB of list items", ".htm", _page(_fill("<li>Agreement on Science Parks</li>", "<ul>", "</ul>"))),
    Shape("5 MiB of entities", ".htm", _page(_fill("&amp;&nbsp;"))),
    Shape("5 MiB of one attribute", ".htm", _page(lambda room: '<div title="' + "a" * (room - 40) + '">x</div>')),
    Shape("5 MiB of text in <pre>", ".htm", _page(_fill("Both sides agreed.\n", "<pre>", "</pre>"))),
    Shape("5 MiB of '<' in text", ".htm", _page(_fill("a < b "))),
    Shape("5 MiB of '<a' never closed", ".htm", _page(_fill("<a"))),
    Shape("5 MiB of one word, HTML", ".htm", _page(lambda room: "a" * room)),
    Shape("Ends/ lines after the body", ".htm", _page(_fill("x"), after=f"<div>{ENDS}</div>" * 40)),
    Shape("the lead, 5 MiB of capitalised words, HTML", ".htm", _page(_fill("Hong Kong "), lead=False)),
    Shape("5 MiB of one word, text", ".txt", _text(lambda room: "a" * room)),
    Shape("5 MiB of one word of capitals", ".txt", _text(lambda room: "A" * room)),
    Shape("5 MiB of lines", ".txt", _text(_fill("a\n"))),
    Shape("5 MiB of heading lines", ".txt", _text(_fill("Innovation and Technology\n\n"))),
    Shape("heading lines, under the line limit", ".txt", _text(_times("Innovation and Technology\n", UNDER_LINES))),
    Shape("short paragraphs, under the line limit", ".txt", _text(_times("     Both sides agreed.\n", UNDER_LINES))),
    Shape("numbered headings, under the line limit", ".txt",
          _text(_numbered(lambda i: f"Area {i}\n", UNDER_LINES))),
    Shape("Markdown headings, under the line limit", ".txt", _text(_times("## Innovation\n", UNDER_LINES))),
    Shape("bullets, under the line limit", ".txt", _text(_times("• Agreement on Science Parks\n", UNDER_LINES))),
    Shape("lines broken mid-sentence, under the line limit", ".txt",
          _text(_times("     and the two sides\n", UNDER_LINES))),
    Shape("Ends/ lines, under the line limit", ".txt", _text(_times(ENDS + "\n", UNDER_LINES))),
    Shape("Ends/ then one long word", ".txt", _text(_fill("day", "Ends/"))),
    Shape("the headline repeated", ".txt", _text(_fill(HEADLINE + "\n"))),
    Shape("5 MiB of blank lines", ".txt", _text(_fill("\n"))),
    Shape("5 MiB of rule characters", ".txt", _text(_fill("- ", "", "x"))),
    Shape("5 MiB of Markdown emphasis", ".txt", _text(_fill("**a** __b__ "))),
    Shape("5 MiB of unclosed emphasis", ".txt", _text(_fill("** __ ", "**"))),
    Shape("5 MiB of backslashes", ".txt", _text(_fill("\\_"))),
    # regular expressions on one giant paragraph, in each part of a release
    Shape("the lead, 5 MiB of one word of capitals", ".txt", _text(lambda room: "A" * room, lead=False)),
    Shape("the lead, offices without honorifics", ".txt", _text(_fill("Chief Executive Carrie Lam "), lead=False)),
    Shape("the lead, capitalised words", ".txt", _text(_fill("Hong Kong "), lead=False)),
    Shape("the lead, dates and places", ".txt", _text(_fill("today (October 24) in Beijing "), lead=False)),
    Shape("the lead, honorifics", ".txt", _text(_fill("Mr Chan, ", "The "), lead=False)),
    Shape("the lead, areas stated", ".txt", _text(_fill("in in ", "", " eight areas"), lead=False)),
    Shape("the lead, will", ".txt", _text(_fill("will will "), lead=False)),
    Shape("honorifics", ".txt", _text(_fill("Mr Chan, ", "     Officials included "))),
    Shape("distinct names", ".txt", _text(_numbered(lambda i: f"Mr {_name(i)}, "))),
    Shape("distinct names, one a paragraph, under the line limit", ".txt",
          _text(_numbered(lambda i: f"     Mr {_name(i)} Wong attended.\n", UNDER_LINES))),
    Shape("offices and names", ".txt",
          _text(_fill("the Secretary for Justice, Mr Wong Kin-wah (SJ), ", "     Present were "))),
    Shape("sentences signed", ".txt", _text(_fill("Mr Chan signed. ", "     "))),
    Shape("an area of category words", ".txt", _text(_area(_fill("finance technology tourism ")))),
    Shape("an area of one long word", ".txt", _text(_area(lambda room: "a" * room))),
    Shape("a Markdown heading of 5 MiB", ".txt", _text(_fill("finance technology ", "## "))),
    Shape("a <b> heading of 5 MiB", ".htm", _page(_fill("finance technology ", "<b>", "</b>"))),
    Shape("closing: memoranda not signed by", ".txt",
          _text(_closing(_fill("agreement of the two sides ", "It was signed by both. ")))),
    Shape("closing: quotes signed", ".txt", _text(_closing(_fill('"Agreement on Parks" ', "They signed ")))),
    Shape("closing: bullets of trailing ands", ".txt", _text(_closing(_fill(" and", "• Agreement")))),
    Shape("closing: co-chaired paragraphs, under the line limit", ".txt",
          _text(_times("     It was co-chaired by Mr Chan and Mr Wong.\n\n", UNDER_LINES // 2))),
    # the rules of real pages (issue 14)
    Shape("furniture: lines of '1x.' (a video player's speed), under the line limit", ".txt",
          _text(_times("1x." * 70 + "!\n", UNDER_LINES // 4))),
    Shape("a list of links run into one line, 5 MiB", ".txt", _text(_fill("Premier vows efforts • "))),
    Shape("hard-wrapped lines, under the line limit", ".txt", _text(_times("Kong " * 14 + "\n", UNDER_LINES))),
    Shape("the lead, counts of past work, no sentence ends", ".txt",
          _text(_fill("results in 1 areas ", "", " agreed"), lead=False)),
    Shape("the lead, names and offices set off by commas", ".txt",
          _text(_fill("Guo Ningning, Governor of Fujian Province, "), lead=False)),
    Shape("the lead, days printed and weekdays", ".txt", _text(_fill("on 5 Sept. on Monday "), lead=False)),
    Shape("the lead, met with officials", ".txt",
          _text(_fill("met with the Secretary of the CPC Committee, Mr Huang Kunming, "), lead=False)),
)


def shapes(names: tuple[str, ...] | None = None) -> Iterator[Shape]:
    """The hostile shapes, or those named."""
    return (shape for shape in SHAPES if names is None or shape.name in names)


def hostile_figures(limit: int = LIMIT, progress: Callable[[str], None] = lambda message: None) -> dict:
    """Parse every shape in this process: the seconds each took (or the error it was refused with), the
    slowest, and the peak RSS of the process (each shape's bytes, tree and records are freed before the next)."""
    from parsers import ParsingError, Source, parse_document

    per_shape: dict[str, dict] = {}
    for shape in SHAPES:
        progress(shape.name)
        data = shape.data(limit)
        started = time.perf_counter()
        try:
            parsed = parse_document(data, Source(uri=f"hostile{shape.suffix}"))
            outcome = "parsed" if parsed.meeting else "parsed, not a plenary report"
        except ParsingError as exc:
            outcome = f"refused: {exc}"
        per_shape[shape.name] = {"bytes": len(data), "seconds": time.perf_counter() - started, "outcome": outcome}
        del data
    slowest = max(per_shape, key=lambda name: per_shape[name]["seconds"])
    return {"shapes": per_shape, "slowest": slowest, "slowest_seconds": per_shape[slowest]["seconds"],
            "peak_rss_mb": _peak_rss_mb()}


def _peak_rss_mb() -> float:
    """This process's peak resident memory (`VmHWM`): ru_maxrss would count the memory of the process that
    started it too (Linux keeps a process's maximum across fork and exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
