"""English: every word and pattern the rules read an English release with, gathered in `ENGLISH`.

A word added here (a counterpart, an honorific, a category word, a line of page furniture) is read at once by
every rule that needs it, and changes `PARSER_VERSION` by itself.
"""
from __future__ import annotations

import re

from ..strings import WHITE_SPACE
from .en_people import ENGLISH_PEOPLE
from .en_places import ANY_COUNTERPART, CAPITALS, COUNTERPART_ALIASES, COUNTERPARTS  # noqa: F401  (English's places)
from . import (
    AgreementWords, AttendeeWords, CategoryWords, Dates, Language, LayoutWords, MeetingWords, Numbers,
    RelevanceWords, category_scan,
)

# --- numbers, months ---------------------------------------------------------------------------------------------
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINAL_UNITS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50}
CARDINAL_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)} | _TENS
ORDINAL_WORDS: dict[str, int] = {w: i for i, w in enumerate(_ORDINAL_UNITS)} | _ORDINAL_TENS
CARDINAL_PATTERN = r"\d{1,3}|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ])?(?:" + "|".join(
    sorted(CARDINAL_WORDS, key=len, reverse=True)
) + ")"
ORDINAL_PATTERN = r"\d{1,3}(?:st|nd|rd|th)|(?:(?:twenty|thirty|forty|fifty)[- ])?(?:" + "|".join(
    sorted(ORDINAL_WORDS, key=len, reverse=True)
) + ")"
MONTHS: dict[str, int] = {
    m: i
    for i, m in enumerate(
        "January February March April May June July August September October November December".split(), start=1
    )
}
MONTHS |= {m[:3]: i for m, i in list(MONTHS.items())} | {"Sept": 9}  # "21 Mar 2023", "Sept 5"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# --- names: places (en_places.py) and people (en_people.py) --------------------------------------------------------

# Lines that are page furniture, never content (compared case-insensitively after trimming).
CHROME_LINES: frozenset[str] = frozenset(
    s.lower()
    for s in (
        "Press Release", "Press Releases", "Print Table", "Go to main content", "Skip to main content",
        "Jump to the beginning of content", "border image", "Back to list",
        "Back to top", "Photo", "Photos", "Audio / Video", "Audio/Video", "Video", "Print", "Email this article",
        "Traditional Chinese Simplified Chinese Email this article", "Traditional Chinese", "Simplified Chinese",
        "Top", "Back",
    )
)

# A line made only of these phrases, with separators or run together ("Email this articleGovernment Homepage",
# "Default Font Size Larger Font Size ... 繁體 简体", "Skip to Content Facebook Feature Image"), is navigation,
# not content: skip links, font-size bars, language switchers, share bars, menus. Anchored and separated by a
# character class that no phrase starts or ends with, so a long line fails in linear time.
FURNITURE_PHRASES = (  # a phrase before any that is a prefix of it ("video player is loading" before "videos?")
    r"video player is loading", r"email this article", r"government homepage", r"(?:traditional|simplified) chinese(?: version)?", r"english version",
    r"繁體", r"简体", r"繁", r"简", r"(?:default |larger |largest |text )?font size", r"rss(?: subscription)?",
    r"advanced search", r"search", r"site ?map", r"mobile/accessible version", r"(?:press here to )?skip to (?:the )?"
    r"(?:main )?content", r"facebook", r"twitter", r"whatsapp", r"weibo", r"wechat", r"linkedin", r"e-?mail",
    r"feature image", r"share(?: this)?", r"contact us", r"about us", r"advertisement", r"home", r"print(?: this page)?",
    r"photos?", r"videos?", r"more images", r"back to top", r"top", r"menu", r"列印", r"打印", r"you are here",
    r"off the wire", r"adjust font size", r"breadcrumbs?",
    r"please wait while the page is loading", r"loading", r"loader",
    # a web video player's controls as text (Video.js: "Video Player is loading.", "Current Time 0:00", "1x")
    r"(?:current|remaining) time -?\d+(?::\d+)*", r"duration(?: time)? \d+(?::\d+)*",
    r"loaded: ?\d+(?:\.\d+)?%", r"progress: ?\d+(?:\.\d+)?%", r"stream type live", r"live", r"\d+(?:\.\d+)?x",
    r"chapters",
    r"(?:descriptions|captions|subtitles) (?:off|settings)(?:, selected)?", r"audio track", r"fullscreen",
    r"play(?: video)?", r"pause", r"mute", r"unmute", r"this is a modal window",
)
# Each phrase and the separators after it are matched once (an atomic group): a line that fails is not tried again
# split another way ("1x.1x.1x...!" read in linear time).
FURNITURE = re.compile(r"[\s|>·•.,:/-]*(?>(?:" + "|".join(FURNITURE_PHRASES) + r")[\s|>·•.,:/-]*)+", re.I)

# A photo caption before the lead: it places people in the picture ("Chief Secretary Matthew Cheung (left) and
# Fujian Vice-Governor Guo Ningning sign ...") and says nothing of when; a lead that says "today" is no caption.
PHOTO_CAPTION = re.compile(
    r"\((?:(?:second|third|fourth|fifth|far|front|back|centre|center)[ -])?(?:left|right|centre|center|front|back)"
    r"(?: row)?\)"
    r"|\bPhotos?: [A-Z][\w. ]{0,40}$",  # or a photo's credit at its end: "... the Executive Council. Photo: K.Y. Cheng"
    re.I)
CAPTION_TIME = re.compile(r"\b(?:today|yesterday|tonight|this (?:morning|afternoon|evening))\b", re.I)

# --- layout ----------------------------------------------------------------------------------------------------------
TERMINAL = tuple('.;:!?,"”’')
CLOSING_HEADING = re.compile(
    r"signing ceremony|\bsigning\b|\bplenary\b|co-?operation conference|joint conference|\bannex\b", re.I
)
CLOSING_PARAGRAPH = re.compile(
    r"\bco-chaired by\b|\bwas (?:jointly )?(?:chaired|led) by\b|^Officials? of the (?:HKSAR|Hong Kong)"
    r"|\b(?:accompanying|attending) the (?:meeting|plenary|Chief Executive)|\balso attended\b|\bspecial guests?\b"
    r"|\b(?:is|are) (?:at|in) (?:the )?annex|\(Chinese only\)|\bsigning ceremony\b",
    re.I,
)
# Every `CLOSING_HEADING` / `CLOSING_PARAGRAPH` alternative contains one of these (lower-cased); searching only
# texts whose `folded` form contains one saves ~1 ms a release.
CLOSING_HEADING_WORDS = ("signing", "plenary", "conference", "annex")
CLOSING_WORDS = (  # and `^Officials?`: a paragraph that starts with "official"
    "chaired by", "led by", "accompanying the ", "attending the ", "also attended", "special guest", "annex",
    "(chinese only)", "signing ceremony",
)

# --- meeting facts ---------------------------------------------------------------------------------------------------
NOT_A_REPORT = re.compile(
    r"\bto (?:attend|lead|visit|co-chair|chair|hold)\b|\bto be (?:held|convened)\b|\bwill\b|\bworking meeting\b|\bspeech\b|\bremarks\b|"
    r"\btranscript\b|\bsigning ceremony\b|\bexhibition\b|\bpreview\b|\bwelcomes?\b|\bjoint press\b"
    r"|\bLC Paper\b|\bLCQ\d*\b|\bLegislative Council\b"  # LegCo papers and questions tell of a plenary, they report none
    r"|\bpreparatory\b|\bpreparations? for\b|\bmedia session\b|\baddress by\b|\bopening address\b|\bstatement by\b"
    r"|\bLegCo\b|\bpostponed\b|\bcancell?ed\b",
    re.I,
)
# A page about a visit, a day's programme or a call on someone ("CE starts visit to Sichuan", "CE begins visit
# programme in Chengdu", "Chief Executive Carrie Lam met Shenzhen Mayor Chen Rugui ... today.") may say in its lead
# that the leader attended a plenary; it reports the plenary only if its headline names it.
VISIT = re.compile(r"\b(?:visits?|visiting|visit programmes?|meets|met|calls? on|courtesy call|trips?|itinerary|"
                   r"tours?|arrives?)\b", re.I)
_MEETING = MeetingWords(
    numbers=Numbers(CARDINAL_WORDS, ORDINAL_WORDS, CARDINAL_PATTERN, ORDINAL_PATTERN,
                    re.compile(r"^(\d+)(?:st|nd|rd|th)?$"), re.compile(r"[- ]")),
    # the pair in either order ("Hong Kong/Sichuan", "Chongqing-Hong Kong"), then the conference, its older and
    # longer names included ("... Economic and Trade Co-operation Conference", "... & Trade ...")
    counterpart=re.compile(
        r"\b(?:(Hong Kong|HK)\s*[/\-–]\s*)?(?P<counterpart>" + ANY_COUNTERPART + r"|(?-i:"
        + "|".join(COUNTERPART_ALIASES) + r"))\b"
        r"(?(1)|\s*[/\-–]\s*(?:Hong Kong|HK)\b)"
        r"(?=\s+(?:(?:economic|and|&|trade)\s+)*(?:co-?operation|joint|conference))",
        re.I,
    ),
    # "the Third Plenary", and the early "Second meeting of HK/Guangdong Co-operation Joint Conference" and "the
    # first meeting of the Chongqing-Hong Kong Co-operation Conference": an ordinal meeting of the conference itself
    # and the ordinal on the conference itself: "the Third Hong Kong-Fujian Co-operation Conference"
    plenary=re.compile(
        rf"\b({ORDINAL_PATTERN})\s+(?:plenary\b|meeting\s+of\s+(?:the\s+)?[“\"]?(?:[\w&/'’–-]+\s+){{1,8}}?"
        r"(?:co-?operation\s+(?:joint\s+)?conference|joint\s+conference)\b"
        r"|(?:(?:Hong Kong|HK)\s*[/\-–]\s*)?[a-z]+(?:\s*[/\-–]\s*(?:Hong Kong|HK))?\s+(?:(?:economic|and|&|trade)\s+)*"
        r"co-?operation\s+(?:joint\s+)?conference\b(?!\s+(?:since|in\s+\w+\s+years?|after)\b))"
        # ("the first Hong Kong/Guangdong Cooperation Joint Conference since he took office" counts no plenary)
        # and the conference holding its meeting: "the Hong Kong/Guangdong Co-operation Joint Conference held its
        # sixth meeting"
        rf"|\b(?:co-?operation\s+(?:joint\s+)?|joint\s+)conference\s+(?:held|holds|convened)\s+its\s+"
        rf"(?P<after>{ORDINAL_PATTERN})\s+(?:meeting|plenary|session)\b",
        re.I,
    ),
    place=re.compile(r"\b(?:" + ANY_COUNTERPART + r")\b", re.I),
    # a story that gives the plenary no number: the conference named, in any shape, in a sentence that says it was
    # held ("the first physical Hong Kong and Guangdong cooperation joint conference held after ...", "following
    # the city's first joint conference with Guangdong in two years")
    conference_named=re.compile(
        r"\b(?:(?:Hong Kong|HK)(?:\s*[/\-–]\s*|\s+and\s+)(?P<counterpart>" + ANY_COUNTERPART + r")"
        r"|(?P<counterpart_first>" + ANY_COUNTERPART + r")(?:\s*[/\-–]\s*|\s+and\s+)(?:Hong Kong|HK))\s+"
        r"(?:(?:economic|and|&|trade)\s+)*co-?operation\s+(?:joint\s+)?conference\b"
        r"|\bjoint conference with (?P<counterpart_after>" + ANY_COUNTERPART + r")\b",
        re.I,
    ),
    conference_word="conference",
    held=re.compile(r"\b(?:held|convened|co-chaired|jointly chaired|chaired|presided over|following)\b", re.I),
    # a conference held before the day the story tells of: "held in May", "held on September 28, 2005", "held last
    # year": the story cites it, it does not report it
    held_before=re.compile(
        r"\bheld\s+(?:(?:in|on)\s+(?:[A-Z][a-z]+\s+){0,2}(?:(?:" + "|".join(list(MONTHS)[:12]) + r")(?!\s+\d)\b"
        r"|(?:[\w,]+\s+){0,3}(?:19|20)\d\d\b)|last\b|previously\b)", re.I),
    # a sentence that reports the conference held on the story's day: a day word, a weekday, or "the first ...
    # since / after / in two years"; and the words of one that only tells of it ("held annually since 1998",
    # "originally to be held", "under the framework of", "Following is the speech")
    held_today=re.compile(
        r"\b(?:today|yesterday|tonight|this (?:morning|afternoon|evening)|earlier today|on (?:"
        + "|".join(WEEKDAYS) + r"))\b|\bfirst\b.{0,120}\b(?:since|after|in (?:\w+ )?years?)\b", re.I),
    told_of=re.compile(
        r"\b(?:to be|scheduled|postponed|cancell?ed|annually|every year|each year|since (?:19|20)\d\d|in (?:19|20)\d\d|"
        r"from (?:19|20)\d\d|ha(?:s|ve) held|first (?:held|convened) in|last year|previous|former|under the|framework|"
        r"following is|"
        r"anniversary|set up)\b", re.I),
    # the number of areas as stated: "in eight areas", "the following 11 co-operation areas", "The work plan covers
    # nine areas", and the older or looser units "the following six items", "in five aspects", "in 11 fields"
    stated=re.compile(
        rf"\b(?:following|in|on|of|covers|covering|spanning)\s+(?:the\s+)?({CARDINAL_PATTERN})\s+(?:key\s+|major\s+|main\s+)?"
        r"(?:co-?operation\s+)?(?:areas|items|aspects|fields|sectors)\b",
        re.I,
    ),
    stated_words=("areas", "items", "aspects", "fields", "sectors"),
    # a count of the work done before ("achieved fruitful results in seven areas"), not of what this plenary agreed
    past_work=re.compile(r"\b(?:results|achievements|achieved|progress)\b", re.I),
    agreed=re.compile(r"\b(?:agreed|agree|agreement|consensus|decided|will)\b", re.I),
    not_a_report=NOT_A_REPORT,
    visit=VISIT,
    other_event=re.compile(r"\b(?:working|liaison) (?:meeting|group)\b|\bsigning ceremony\b|\bseminar\b|\bforum\b",
                           re.I),
    future_lead=re.compile(r"\bwill (?:lead|attend|co-chair|chair|hold|depart|visit)\b", re.I),
    future_word="will ",
    when=re.compile(
        r"\b([Tt]oday|[Yy]esterday|[Tt]his (?:morning|afternoon|evening)|[Tt]onight)\b(?:\s*\(([A-Z][a-z]+) (\d{1,2})\))?"
    ),
    when_starts=re.compile("[Tt]oday|[Yy]esterday|[Tt]his |[Tt]onight"),
    # a story's day: "was held on September 16", "on 21 Mar 2023", "On the afternoon of May 11", "agreed Monday"
    on_date=re.compile(r"\b[Oo]n (?:the (?:morning|afternoon|evening|night) of )?(?:(\d{1,2}) ([A-Z][a-z]{2,8})\b\.?"
                       r"|([A-Z][a-z]{2,8})\b\.? (\d{1,2})(?:st|nd|rd|th)?\b)(?:,?\s+((?:19|20)\d\d)\b)?"),
    weekday=re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b"),
    weekdays=WEEKDAYS,
    yesterday="yesterday",
    venue=re.compile(
        r"\bin ((?:[A-Z][a-zA-Z'-]+)(?: [A-Z][a-zA-Z'-]+){0,2})(?![\w'-])"
        r"(?=\s*(?:,|\.|\(|today|this |tonight|on |yesterday|together with |with |$))"
    ),
    venue_starts=re.compile("in "),
    # a venue named by a building that bears its city's name: "at the Hong Kong Convention and Exhibition Centre"
    # (a building alone, "at the Central Government Offices", names no city)
    building=re.compile(
        r"\bat the ((?:Hong Kong|Beijing|Tianjin|Shanghai|Chongqing|" + "|".join(CAPITALS) + r"))\b"
        r"(?=(?:\s+[A-Z][\w'&-]*|\s+and|\s+of){0,6}\s+(?:Centre|Center|Hotel|Hall|House|Offices|Building|"
        r"Guesthouse|Headquarters|Tower)\b)"
    ),
    # a wire story's dateline city, where its lead says "here": "HONG KONG, March 21 (Xinhua) -- ... signed ... here"
    wire_dateline=re.compile(r"^([A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+){0,2}), [A-Z][a-z]+\.? \d{1,2} \([A-Za-z ]{2,30}\)"),
    here=re.compile(r"\bhere\b"),
    held_in=re.compile(r"\bheld in ((?:[A-Z][a-zA-Z'-]+)(?: [A-Z][a-zA-Z'-]+){0,2})"),
    not_venues=frozenset({*MONTHS, "The", "Chinese", "English"}),
    buildings=frozenset({"Centre", "Center", "Hotel", "Hall", "House", "Offices", "Building", "Guesthouse",
                         "Headquarters", "Tower"}),
    joint=r"(?i){counterpart}\s+Co-?operation\s+Joint\s+Conference",
    high_level=re.compile(r"high-level meeting", re.I),
)

# --- attendees, agreements -------------------------------------------------------------------------------------------
_ATTENDEES = AttendeeWords(
    sentence_end=re.compile(r"[.!?](\s+)(?=[A-Z\"“])"),
    guest=re.compile(r"special guests?", re.I), guest_word="special guest",
    signed=re.compile(r"\bsigned\b", re.I), signed_word="signed",
    witness=re.compile(r"\bwitness", re.I),
)
MEMORANDUM = re.compile(
    r"\b(?:the )?((?:memorandum|agreement|arrangement|minutes)\s+of\s+the\s+.+?)\s+signed by\b", re.I
)
_AGREEMENTS = AgreementWords(
    signed=re.compile(r"\bsigned\b"), signed_word="signed",
    quoted=re.compile(r"[\"“]([^\"”]{8,300})[\"”]"), quotes="\"“”'",
    memorandum=MEMORANDUM,
    signed_by=re.compile(r"\s+signed by\b", re.I), signed_by_word="signed by",
    trailing=re.compile(r"(?:\s*;\s*and|\s+and)?\s*[;,.]*\s*$"),
    trailing_chars=WHITE_SPACE + ";,.and",
    chinese_only=re.compile(r"\s*\(Chinese only\)"), chinese_only_word="(Chinese only)",
)

# --- categories ------------------------------------------------------------------------------------------------------
# Regular-expression fragments, each matched from a word start; the specific categories first.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "belt_and_road": ("belt and road", "belt & road"),
    "greater_bay_area": ("bay area", "greater bay"),
    "facilitation_hk_people": ("facilitation", "hong kong people", "hong kong residents"),
    "legal_dispute_resolution": ("legal", "dispute", "arbitration", "mediation", "law firm", "lawyer"),
    "finance": ("financ", "bond", "stock connect", "listing", "capital market", "insurance", "renminbi", "rmb", "fintech"),
    "innovation_technology": ("innovation", "technolog", "science", "scientific", "r&d", "smart"),
    "culture_creative": ("cultur", "creative", "arts", "art form", "heritage", "xiqu", r"operas?\b", "film", "design"),
    "tourism": ("touris", "travel", "multi-destination"),
    "education": ("education", "school", "universit", "student", "teacher", "vocational", "curriculum"),
    "youth": ("youth", "young people"),
    "talent_exchange": ("talent", "civil serv", "exchange of professionals", "personnel", "training"),
    "health_medicine": ("health", "medic", "hospital", "food safety", "food and drug", "drug", "food"),
    "transport_logistics": (
        "transport", "logistics", "aviation", "airport", "railway", "rail", "maritime", "port", "infrastructure",
        "bridge", "metro", "cargo", "cross-boundary",
    ),
    "environment": ("environment", "pollut", "ecolog", "green", "marine refuse", "emission", "conservation"),
    "city_management": ("city management", "urban", "public services", "flood", "governance"),
    "professional_services": ("professional service", "professional", "construction", "building", "engineering", "accountan"),
    "trade_investment": (
        "trade", "investment", "economic", "commerce", "free trade zone", "cepa", "domestic market",
        "services industr", "business", "market",
    ),
}

ENGLISH = Language(
    code="en",
    name="English",
    counterparts=COUNTERPARTS,
    counterpart_aliases=COUNTERPART_ALIASES,
    chrome=CHROME_LINES,
    furniture=FURNITURE,
    dates=Dates(MONTHS, re.compile(r"\b([A-Z][a-z]+)\s+(\d{1,2}),?\s+(\d{4})\b"),
                re.compile(r"\b(\d{1,2})\s+([A-Z][a-z]+),?\s+(\d{4})\b")),
    layout=LayoutWords(
        terminal=TERMINAL, sentence_end=(".", "!", "?"), closers="\"”’)",
        closing_heading=CLOSING_HEADING, closing_heading_words=CLOSING_HEADING_WORDS,
        closing_paragraph=CLOSING_PARAGRAPH, closing_words=CLOSING_WORDS, closing_start="official",
        caption=PHOTO_CAPTION, caption_marks=("(", "photo"), caption_time=CAPTION_TIME,
    ),
    meeting=_MEETING,
    people=ENGLISH_PEOPLE,
    attendees=_ATTENDEES,
    agreements=_AGREEMENTS,
    categories=CategoryWords(
        words=CATEGORY_WORDS,
        other_heading=re.compile(r"^(?:\(?[ivx]+\)\s*)?other\b", re.I),
        scan_any_case=re.compile(category_scan(CATEGORY_WORDS), re.I),
        # for lower-cased ASCII text, where it matches as re.I would, only faster
        scan_lower=re.compile(category_scan(CATEGORY_WORDS)),
    ),
    relevance=RelevanceWords(
        conference=re.compile(r"\bco-?operation\b.*\bconference\b|\bjoint conference\b", re.I),
        plenary=re.compile(r"\bplenar(?:y|ies)\b", re.I),
        counterpart=re.compile(r"\b(?:" + ANY_COUNTERPART + r")\b", re.I),
        hong_kong=re.compile(r"\b(?:Hong Kong|HK)\b", re.I),
    ),
)
