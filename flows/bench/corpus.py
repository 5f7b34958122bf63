"""A synthetic corpus for the benchmark, built from the structures of the seed releases.

Each plenary report takes a counterpart and plenary number (so its meeting id is unique), a date,
co-chairs, between four and twelve co-operation areas drawn from the seeds' own areas (some printed
without their heading, as the seeds do), officials attending and agreements signed; about half are
written as HTML pages in the site's layout and half as text files. Past the number of distinct
meetings the vocabulary allows, and for a share of the corpus anyway, come releases that are not
plenary reports (announcements, working meetings, unrelated news) of similar length. A few per cent
are deliberately bad (empty, binary, a plenary numbered zero) so the gate and quarantine work too.
"""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

from parsers import Source, parse_release
from parsers import COUNTERPARTS

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
BAD_SHARE = 0.03
OTHER_SHARE = 0.10
MAX_PLENARY = 100  # the gate's own bound on plenary numbers
_ORDINALS = ("First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Eleventh Twelfth Thirteenth "
             "Fourteenth Fifteenth Sixteenth Seventeenth Eighteenth Nineteenth Twentieth").split()
_CARDINALS = "four five six seven eight nine ten eleven twelve".split()
_SURNAMES = "Chan Wong Lee Cheung Lau Ng Ho Leung Tang Yip Kwok Lam Tsang Fung Mak Yeung Zhang Li Wang Liu Chen Yang Zhao Huang Zhou Wu".split()
_GIVEN = "Wai-ming Siu-fai Ka-ho Mei-ling Kin-wah Yuk-lan Jian Hua Wei Ming Lei Xin Hong Yong Jun Ping Tao Qiang".split()
_HONORIFICS = ("Mr", "Mr", "Mrs", "Ms", "Dr", "Professor")
_HK_OFFICES = ("the Financial Secretary", "the Secretary for Constitutional and Mainland Affairs",
               "the Secretary for Commerce and Economic Development", "the Secretary for Innovation and Technology",
               "the Secretary for Education", "the Secretary for Transport and Housing", "the Director of Chief Executive's Office",
               "the Secretary for Food and Health", "the Secretary for Justice", "the Permanent Secretary for Commerce")
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = "January February March April May June July August September October November December".split()


@dataclass(frozen=True)
class CorpusItem:
    """One synthetic release: file name, bytes, its address, and what the pipeline should make of it."""

    name: str
    data: bytes
    url: str
    expect: str  # "meeting" | "skipped" | "quarantined"


@dataclass(frozen=True)
class _Area:
    heading: str | None
    paragraphs: tuple[str, ...]


def build_corpus(n: int, seed: int = 20261121) -> list[CorpusItem]:
    """N releases: plenary reports with unique meetings, other releases, and a few bad ones, shuffled."""
    rng = random.Random(seed)
    areas = _seed_areas()
    counterparts = [c for c in COUNTERPARTS if c != "Macau"]  # one slug per counterpart
    capacity = len(counterparts) * MAX_PLENARY
    bad = max(1, round(n * BAD_SHARE)) if n >= 20 else 0
    reports = min(capacity, n - bad - round(n * OTHER_SHARE))
    kinds = ["meeting"] * reports + ["bad"] * bad + ["skipped"] * (n - reports - bad)
    rng.shuffle(kinds)
    meetings = iter([(c, k) for k in range(1, MAX_PLENARY + 1) for c in counterparts])
    items = []
    for serial, kind in enumerate(kinds):
        day = date(2003, 1, 1) + timedelta(days=rng.randrange(8000))
        url = f"https://www.info.gov.hk/gia/general/{day:%Y%m}/{day:%d}/P{day:%Y%m%d}{serial % 100000:05d}.htm"
        as_page = serial % 2 == 0
        if kind == "meeting":
            counterpart, number = next(meetings)
            title, paragraphs = _plenary_report(rng, counterpart, number, day, areas)
        elif kind == "skipped":
            title, paragraphs = _other_release(rng, day, areas)
        else:
            items.append(_bad_item(rng, serial, url, day, areas))
            continue
        data = _page(title, paragraphs, day, url) if as_page else _text(title, paragraphs, day)
        items.append(CorpusItem(f"{serial:06d}.{'htm' if as_page else 'txt'}", data, url, kind))
    return items


def write_corpus(items: list[CorpusItem], folder: Path) -> Path:
    """Write the releases and a manifest.csv giving each its address; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for item in items:
        (folder / item.name).write_bytes(item.data)
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "source_url"])
        writer.writerows((item.name, item.url) for item in items)
    return folder


def _seed_areas() -> list[_Area]:
    """The co-operation areas of the five seeds, with their headings and paragraphs."""
    areas = []
    for path in sorted(SEEDS.glob("*.txt")):
        for area in parse_release(path.read_bytes(), Source(str(path))).areas:
            areas.append(_Area(area.heading, tuple(area.text.split("\n\n"))))
    return areas


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_HONORIFICS)} {rng.choice(_GIVEN)} {rng.choice(_SURNAMES)}"


def _plenary_report(rng, counterpart: str, number: int, day: date, pool: list[_Area]) -> tuple[str, list]:
    """Headline and paragraphs (("heading"|"body"|"bullet"|"gap", text)) of one plenary report."""
    ordinal = _ORDINALS[number - 1] if number <= len(_ORDINALS) else f"{number}th"
    venue = rng.choice(("Hong Kong", counterpart))
    hk_leader, leader = _person(rng), _person(rng)
    chosen = rng.sample(pool, rng.randint(4, min(12, len(pool))))
    count = _CARDINALS[len(chosen) - 4]
    title = f"{ordinal} Plenary Session of Hong Kong/{counterpart} Co-operation Conference held in {venue}"
    body = [("body", f"The Chief Executive, {hk_leader}, and the Governor of {counterpart} Province, {leader}, co-chaired "
                     f"the {ordinal} Plenary Session of the Hong Kong/{counterpart} Co-operation Conference in {venue} "
                     f"today ({_MONTHS[day.month - 1]} {day.day})."),
            ("body", f"At the meeting, the two sides reached consensus on the following {count} co-operation areas:")]
    for area in chosen:
        if area.heading and rng.random() > 0.03:
            body.append(("heading", area.heading))
        else:
            body.append(("gap", ""))
        body += [("body", p) for p in area.paragraphs]
    officials = "; ".join(f"{rng.choice(_HK_OFFICES)}, {_person(rng)}" for _ in range(rng.randint(2, 5)))
    body.append(("body", f"Officials of the HKSAR Government attending the meeting included {officials}, and other "
                         "representatives of the relevant bureaux and departments."))
    agreements = rng.randint(0, 6)
    if agreements:
        body.append(("body", f"After the plenary, {agreements} co-operation agreements were signed:"))
        body += [("bullet", f"Co-operation Agreement on {rng.choice(pool).heading or 'Trade and Investment'} "
                            f"between Hong Kong and {counterpart} ({k + 1})") for k in range(agreements)]
    return title, body


def _other_release(rng, day: date, pool: list[_Area]) -> tuple[str, list]:
    """A release of similar length that is not a plenary report: an announcement, a working meeting, other news."""
    counterpart = rng.choice(COUNTERPARTS[:20])
    title = rng.choice((
        f"CE to attend Hong Kong/{counterpart} Co-operation Conference Plenary",
        f"Working meeting of Hong Kong/{counterpart} Co-operation held",
        "Government announces measures to support small and medium enterprises",
    ))
    body = [("body", f"The Government announced today ({_MONTHS[day.month - 1]} {day.day}) the following arrangements.")]
    for area in rng.sample(pool, 4):
        body += [("body", p) for p in area.paragraphs]
    return title, body


def _bad_item(rng, serial: int, url: str, day: date, pool: list[_Area]) -> CorpusItem:
    """Empty, binary, or a plenary numbered zero (a critical check quarantines it)."""
    name = f"{serial:06d}.txt"
    kind = serial % 3
    if kind == 0:
        return CorpusItem(name, b"", url, "quarantined")
    if kind == 1:
        return CorpusItem(name, bytes(rng.randrange(256) for _ in range(2048)) + b"\x00" * 64, url, "quarantined")
    title, body = _plenary_report(rng, "Hainan", 1, day, pool)
    title = title.replace("First Plenary", "Zeroth Plenary")
    body[0] = ("body", body[0][1].replace("First Plenary", "Zeroth Plenary"))
    return CorpusItem(name, _text(title, body, day), url, "quarantined")


def _footer(day: date) -> tuple[str, str]:
    return f"Ends/{_WEEKDAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}, {day.year}", "Issued at HKT 18:30"


def _text(title: str, body: list, day: date) -> bytes:
    """The release as a plain-text dump: indented paragraphs, unindented headings, a blank line where one is missing."""
    lines = [title, ""]
    for kind, text in body:
        if kind == "gap":
            lines.append("")
        elif kind == "heading":
            lines += [text, ""]
        elif kind == "bullet":
            lines += [f"• {text}", ""]
        else:
            lines += [f"     {text}", ""]
    return "\n".join(lines + list(_footer(day)) + [""]).encode("utf-8")


def _page(title: str, body: list, day: date, url: str) -> bytes:
    """The release as a page in the site's layout: headline span, `<br>`-separated body, footer divs, chrome."""
    parts = []
    for kind, text in body:
        if kind == "gap":
            parts.append("<br>")
        elif kind == "heading":
            parts.append(f"<b>{escape(text)}</b><br><br>")
        elif kind == "bullet":
            parts.append(f"<ul><li>{escape(text)}</li></ul>")
        else:
            parts.append(f"&nbsp;&nbsp;&nbsp;&nbsp; {escape(text)}<br><br>")
    ends, issued = _footer(day)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<link rel="canonical" href="{url}"><script>var t = "Issued at HKT 00:00";</script></head><body>'
        f'<div id="skipContent"><a href="#contentBody">Go to main content</a></div><div id="contentBody">'
        f'<span id="PRHeadlineSpan">{escape(title)}</span><br><br><span id="pressrelease" class="fontSize1">'
        f'{"".join(parts)}</span><div class="endsLine">{ends}</div><div>{issued}</div>'
        f'<div class="photoCaption">Photo: the plenary in session.</div>'
        f'<a href="/gia/general/today.htm">Today\'s Press Releases</a></div></body></html>'
    ).encode("utf-8")
