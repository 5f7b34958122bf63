"""The canonical office: one spelling for each post that releases print several ways ("Chief Executive",
"Chief Executive of the HKSAR", "Chief Executive of the Hong Kong Special Administrative Region").

A vocabulary of the HKSAR's and the Mainland's usual titles, each a pattern and the canonical form it gives. An
office no pattern knows has no canonical form (null), never a guess; "Acting" is kept (an acting Secretary
held the post for the day, not the office). A Mainland post names its province or municipality by one of the
counterparts' names (`parsers.CHINESE_PLACE_NAMES`): "Mayor of the People" is no office of the vocabulary. An office printed only in Chinese has the same canonical (English)
forms where `VOCABULARY_ZH` knows it (行政長官, 廣東省省長, 浙江省委書記).
"""
from __future__ import annotations

import re

from parsers import CHINESE_PLACE_NAMES

_HKSAR = r"(?:\s+of\s+(?:the\s+)?(?:HKSARG?|Hong Kong(?:\s+Special Administrative Region|\s+SAR)?)(?:\s+Government)?)?"
_HK_BEFORE = r"(?:(?:HKSAR|Hong Kong(?: SAR)?)\s+)?"  # "HKSAR Chief Executive", "Hong Kong Chief Executive"
_PROVINCE = (r"(?:\s+(?:Province|Municipality|Autonomous Region))?"
             r"(?:\s+(?:Provincial|Municipal)?\s*(?:People'?s\s+)?Government)?")
_PLACE = "(" + "|".join(sorted(set(CHINESE_PLACE_NAMES.values()), key=len, reverse=True)) + ")"  # provinces, by name

# (pattern matched on the whole office, ignoring case; the canonical form, with groups)
VOCABULARY: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.IGNORECASE), c) for p, c in (
    (rf"{_HK_BEFORE}Chief Executive{_HKSAR}", "Chief Executive of the HKSAR"),
    (rf"{_HK_BEFORE}Chief Secretary(?: for Administration)?{_HKSAR}", "Chief Secretary for Administration"),
    (rf"{_HK_BEFORE}Financial Secretary{_HKSAR}", "Financial Secretary"),
    (rf"Secretary for Justice{_HKSAR}", "Secretary for Justice"),
    (rf"Deputy (Chief|Financial) Secretary{_HKSAR}", r"Deputy \1 Secretary"),
    (rf"(Under |Permanent |Deputy )?Secretary for ([A-Z][\w ,'&-]+?){_HKSAR}", r"\1Secretary for \2"),
    (r"Director of (?:the )?Chief Executive'?s Office", "Director of the Chief Executive's Office"),
    (r"(Deputy )?Director of the Hong Kong and Maca[ou] Affairs Office of the State Council",
     r"\1Director of the Hong Kong and Macao Affairs Office of the State Council"),
    (r"(Deputy )?Director of the Hong Kong and Maca[ou] Work Office of the (?:CPC|Communist Party of China) Central Committee",
     r"\1Director of the Hong Kong and Macao Work Office of the CPC Central Committee"),
    (r"(Deputy )?Director of the Liaison Office of the Central People's Government in the "
     r"(?:HKSAR|Hong Kong Special Administrative Region)", r"\1Director of the Liaison Office of the Central People's Government in the HKSAR"),
    (rf"(Executive )?(?:Vice|Deputy)[- ]Governor of (?:the )?{_PLACE}{_PROVINCE}", r"\1Vice-Governor of \2"),
    (rf"Governor of (?:the )?{_PLACE}{_PROVINCE}", r"Governor of \1"),
    (rf"(Executive )?(?:Vice|Deputy)[- ]Mayor of (?:the )?{_PLACE}{_PROVINCE}", r"\1Vice Mayor of \2"),
    (rf"Mayor of (?:the )?{_PLACE}{_PROVINCE}", r"Mayor of \1"),
    (rf"{_PLACE} (Executive )?(?:Vice|Deputy)[- ]Governor", r"\2Vice-Governor of \1"),  # "Fujian Vice-Governor"
    (rf"{_PLACE} Governor", r"Governor of \1"),
    (rf"{_PLACE} (Executive )?(?:Vice|Deputy)[- ]Mayor", r"\2Vice Mayor of \1"),
    (rf"{_PLACE} Mayor", r"Mayor of \1"),
    (rf"(?:Party )?Secretary of the (?:CPC |Communist Party of China |CPC Central Committee )?{_PLACE} (?:Provincial|Municipal|"
     rf"Autonomous Regional) (?:Party )?Committee(?: of the (?:CPC|Communist Party of China))?", r"Party Secretary of \1"),
    (rf"{_PLACE} (?:Provincial |Municipal )?Party Secretary", r"Party Secretary of \1"),
    (rf"Party Secretary of {_PLACE}{_PROVINCE}", r"Party Secretary of \1"),
))


def canonical_office(printed: str | None) -> str | None:
    """The vocabulary's form of a printed office; None when it is not in the vocabulary (or none was printed)."""
    if not printed:
        return None
    text = " ".join(printed.replace("’", "'").split()).strip(" ,.;:")
    acting = re.match(r"(?i)acting\s+", text)
    text = text[acting.end():] if acting else text
    text = re.sub(r"(?i)^the\s+", "", text)
    for pattern, canonical in VOCABULARY:
        if m := pattern.fullmatch(text):
            return ("Acting " if acting else "") + _tidy(m.expand(canonical))
    return None


_ZH_PLACE = "(" + "|".join(sorted(CHINESE_PLACE_NAMES, key=len, reverse=True)) + ")"
_ZH_HK = "(?:香港特別行政區|香港特區|特區|香港)?(?:政府)?"
# The same posts as printed in Chinese (matched on the Traditional spelling): pattern, canonical form ({} the place).
VOCABULARY_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), c) for p, c in (
    (rf"{_ZH_HK}行政長官", "Chief Executive of the HKSAR"),
    (rf"{_ZH_HK}政務司司長", "Chief Secretary for Administration"),
    (rf"{_ZH_HK}財政司司長", "Financial Secretary"),
    (rf"{_ZH_HK}律政司司長", "Secretary for Justice"),
    (r"(?:國務院)?港澳(?:事務)?辦(?:公室)?(副)?主任", "{deputy}Director of the Hong Kong and Macao Affairs Office of the State Council"),
    (r"(?:中央人民政府駐香港特別行政區聯絡辦公室|中聯辦)(副)?主任",
     "{deputy}Director of the Liaison Office of the Central People's Government in the HKSAR"),
    (rf"(?:中共)?{_ZH_PLACE}(?:省委|市委|自治區黨委|區黨委)(?:書記)", "Party Secretary of {place}"),
    (rf"{_ZH_PLACE}(?:省|市)?(常務)?副省長", "{executive}Vice-Governor of {place}"),
    (rf"{_ZH_PLACE}(?:省)?省長", "Governor of {place}"),
    (rf"{_ZH_PLACE}(?:市)?(常務)?副市長", "{executive}Vice Mayor of {place}"),
    (rf"{_ZH_PLACE}(?:市)?市長", "Mayor of {place}"),
))


def canonical_office_zh(printed: str | None, traditional=lambda text: text) -> str | None:
    """The vocabulary's (English) form of an office printed in Chinese; `traditional` gives its Traditional
    spelling (`warehouse.person_names.chinese_key`). None when not in the vocabulary."""
    if not printed:
        return None
    text = traditional(printed)
    for pattern, canonical in VOCABULARY_ZH:
        if m := pattern.fullmatch(text):
            groups = [g for g in m.groups()]
            place = next((CHINESE_PLACE_NAMES[g] for g in groups if g in CHINESE_PLACE_NAMES), "")
            return canonical.format(place=place, deputy="Deputy " if "副" in groups else "",
                                    executive="Executive " if "常務" in groups else "")
    return None


def _tidy(office: str) -> str:
    """Spaces collapsed; a bureau's words keep their printed capitals, its "and"/"of"/"for" lower case."""
    words = office.split()
    return " ".join(w.lower() if w.lower() in {"and", "of", "for", "the", "in"} and i else w for i, w in enumerate(words))
