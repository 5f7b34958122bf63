"""English people: honorifics, names printed with or without one, offices before or after them, and the words
that tell a side (`PeopleWords`); part of `en.ENGLISH`."""
from __future__ import annotations

import re

from . import PeopleWords

HONORIFICS: tuple[str, ...] = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Professor", "Prof", "Sir", "Dame", "Madam")

_NAME_TOKEN = r"[A-Z][a-zA-Z'’]*(?:-[a-zA-Z]+)*"
# A name printed without honorific ("Guo Ningning", "Tung Chee-hwa", "John Lee Ka-chiu", "Li Jiachao") and the
# offices printed with such names ("Governor of Guangdong Province", "Chief Executive of the HKSAR")
_NOT_A_NAME = (r"(?!(?:Special|Administrative|Region|Province|Provincial|Municipal|Municipality|Committee|Government|"
               r"People|Hong|Kong|Party|Central|Communist|China|Chinese|Secretary|Governor|Mayor|Director|Chief|"
               r"Executive|Council|State|Office|Affairs|Mainland|Constitutional|Administration|Commerce|Trade|"
               r"Development|Bureau|Department|Authority|Commission|Centre|Center|Corporation|Association|Board|"
               r"Agency|Institute|University|Bank|Exchange|Group|"
               + "|".join(HONORIFICS) + r")\b)")
_BARE_NAME = (rf"(?:{_NOT_A_NAME}[A-Z][a-z]+(?:[ -]{_NOT_A_NAME}[A-Z][a-z]+){{1,2}}(?:-[a-z]+)?"
              r"|(?:[A-Z]\.?\s?){1,2}[A-Z]\.?\s[A-Z][a-z]+|[A-Z]{2}\s[A-Z][a-z]+)")  # and initials: "CY Leung", "C Y Leung"
# the key word of an office, in news style also in lower case ("Zhu Xiaodan, governor of Guangdong Province")
_OFFICE_KEY = (r"(?:Chief Executive|Chief Secretary|Financial Secretary|Secretary|Governor|Vice-Governor|Mayor|Director"
               r"|chief executive|governor|vice-governor|mayor|party secretary)")
_OFFICE_OF = (r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'&-]{0,59}\s+){0,7}?"
              r"(?:[Rr]egion|[Pp]rovince|[Cc]ommittee|[Mm]unicipality|City|HKSAR|SAR|[Gg]overnment|Hong Kong|"
              r"(?!(?:" + "|".join(HONORIFICS) + r")\b)[A-Z][a-z]+)){0,2}")  # "Director of the Standing Committee of the ..."
ENGLISH_PEOPLE = PeopleWords(
    honorifics=HONORIFICS,
    person=re.compile(rf"\b(?:{'|'.join(HONORIFICS)})\.?\s+{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}}"),
    honorific=re.compile("|".join(HONORIFICS)),
    office_start=re.compile(  # a clause or list boundary
        r"(?:^|[;:]|\.\s|,\s*and\s|,\s*while\s|\s(?:include|includes|included|including|by|with|are|were)\s)", re.I
    ),
    office_words=re.compile(
        r"\b(?:Secretary|Director|Governor|Mayor|Chief Executive|Minister|Commissioner|Chairman|Chairperson|"
        r"Chairwoman|President|Head|Deputy|Vice[- ]\w+|Permanent|Controller|Consul|Principal|Representative|"
        r"Member|Officer|Chief|Leader|Party Secretary|Commander|Ambassador|Solicitor|Registrar|Administrator)\b"
    ),
    abbreviation=re.compile(r"\s*\([A-Z][A-Za-z&]{1,9}\)"),
    central=re.compile(
        r"State Council|Central People's Government|Central Government|Liaison Office|Hong Kong and Macao Affairs|"
        r"National (?:Development|People's Congress)|Ministry|Central Committee|Vice[- ]Premier|Premier", re.I
    ),
    mainland=re.compile(
        r"Province|Provincial|Municipal|Municipality|Mayor|Governor|\bCPC\b|Communist Party|People's Government|"
        r"Autonomous Region|Party Secretary|Committee Secretary",
        re.I,
    ),
    postnominal=re.compile(r",\s*(?:SC|JP|GBS|SBS|BBS|MH|GBM|QC|KC)\b"),
    leading_word=re.compile(r"^(?:the|and|of)\s+", re.I),
    leading_the=re.compile(r"^(?:the)\s+", re.I),
    # A word of the office is at most 60 characters long: unbounded, every start inside a long word of capitals
    # was read to its end, which made a paragraph of one such word quadratic (issue 12).
    no_honorific=re.compile(
        rf"(?P<office>(?:[A-Z][\w'&-]{{0,59}}\s+){{0,5}}?{_OFFICE_KEY}{_OFFICE_OF})\s+(?P<name>{_BARE_NAME})\b"
    ),
    # "the Vice-Governor of Fujian Province, Guo Ningning, co-chaired", "Yuan Jiajun, Secretary of the Chongqing
    # Municipal Party Committee, and ...": an office and a name without honorific set off by commas
    office_comma_name=re.compile(
        rf"(?P<office>(?:[A-Z][\w'&-]{{0,59}}\s+){{0,5}}?{_OFFICE_KEY}{_OFFICE_OF}),\s+(?P<name>{_BARE_NAME})"
        r"(?=,|\s+(?:and|co-chaired|led|met|attended|held)\b)"
    ),
    name_comma_office=re.compile(
        rf"(?<![\w-])(?P<name>{_BARE_NAME}),\s+(?:the\s+)?(?P<office>(?:[A-Z][\w'&-]{{0,59}}\s+){{0,5}}?{_OFFICE_KEY}"
        rf"{_OFFICE_OF})(?:\s*\([A-Z]{{2,6}}\))?(?=,|\.|;|\s+and\b)"
    ),
    # ", Chief Executive of the HKSAR," after an honorific and a name: the office printed after it
    office_after=re.compile(
        rf",\s+(?:the\s+)?(?P<office>(?:[A-Z][\w'&-]{{0,59}}\s+){{0,5}}?{_OFFICE_KEY}{_OFFICE_OF})(?:\s*\([A-Z]{{2,6}}\))?"
        r"(?=,|\.|;|\s+and\b)"
    ),
    # "met with the Secretary of the CPC Guangdong Provincial Committee, Mr Huang Kunming, and co-chaired ... with
    # the Governor ..., Mr Wang Weizhong": the person met is no co-chair
    met_with=re.compile(r"\b(?:met|meets|called on|calls on)(?: with)?\b", re.I),
    # the Hong Kong side's offices by rank: when a paragraph names several, the highest leads the side
    ranks=("Chief Executive", "Chief Secretary", "Financial Secretary"),
)
