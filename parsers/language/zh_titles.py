"""Chinese titles: what a Chinese title must name to be worth fetching (`RELEVANCE`), and what a title announces
that is no plenary held (`NOT_A_REPORT`); part of `zh.CHINESE`, and what discovery judges a title of the Chinese
feed and daily index pages by (`parsers.relevance`). Traditional and Simplified forms both: a title is matched
as printed, and full-width digits count as digits.

A title names a conference by the pair of places, the counterpart's one-character abbreviation before 港
(粵港合作聯席會議, 京港合作會議, 滬港經貿合作會議, the old 粵港聯席會議, 川港高層會晤); a plenary by its number
(第二十次會議, 第4次全體會議, 第２０次會議) or as a plenary (全體會議, and the Party's 四中全會, which is no
conference's); the two places by that pair either way round (粵港, 港滬) or by a counterpart's full name and
Hong Kong (重慶與香港). Like the English filter it keeps generously: a wrong keep costs one fetch, a wrong skip loses
a release. 港 alone stands for Hong Kong, as it does in a Government headline (返港, 港府).
"""
from __future__ import annotations

import re

from . import RelevanceWords

# One-character abbreviations of the counterparts, as the conferences are named (粵港, 京港, 滬港 ...), both scripts.
# Macao (澳) and Taiwan (台) are left out: 港澳 and 港台 name no co-operation conference of a Mainland counterpart.
ABBREVIATIONS = "粵粤京滬沪川渝閩闽鄂浙湘魯鲁蘇苏皖瓊琼遼辽津冀晉晋豫贛赣桂雲云貴贵陝陕甘青吉黑"
# Those that also follow 港 in a pair (港粵合作, 港滬); not 青, 吉 or 黑, which follow 港 in other words (港青, 香港青年).
ABBREVIATIONS_AFTER = "粵粤京滬沪川渝閩闽鄂浙湘魯鲁蘇苏皖瓊琼遼辽津冀晉晋豫贛赣桂"
# The counterparts' full names, Traditional and Simplified where they differ.
COUNTERPART_NAMES = (
    "北京", "天津", "上海", "重慶", "重庆", "河北", "山西", "遼寧", "辽宁", "吉林", "黑龍江", "黑龙江", "江蘇", "江苏",
    "浙江", "安徽", "福建", "江西", "山東", "山东", "河南", "湖北", "湖南", "廣東", "广东", "海南", "四川", "貴州",
    "贵州", "雲南", "云南", "陝西", "陕西", "甘肅", "甘肃", "青海", "內蒙古", "内蒙古", "廣西", "广西", "西藏",
    "寧夏", "宁夏", "新疆",
)
# Numbers as a plenary's is printed: Chinese numerals, Arabic and full-width digits.
NUMERAL = "[〇○零一二兩两三四五六七八九十廿卅百0-9０-９]"

# The pair of places as a conference names it: 粵港, or 港粵 (not 香港青年, 連雲港, 天津港, which are no pair).
PAIR = rf"(?:(?<![連连天])[{ABBREVIATIONS}]港|(?<!香)港[{ABBREVIATIONS_AFTER}])"
_MEETING = "(?:會議|会议)"

RELEVANCE = RelevanceWords(
    # 粵港合作聯席會議, 京港合作會議, 滬港經貿合作會議, 粵港聯席會議, 粵港會議; 川港高層會晤(暨 ...)
    conference=re.compile(rf"{PAIR}(?:(?:經貿|经贸)?合作)?(?:聯席|联席)?{_MEETING}|{PAIR}高[層层](?:會晤|会晤)"),
    # 第二十次會議, 第4次全體會議, 第六次粵港聯席會議 (the name may stand between), 第四次合作會議; 全體會議; 四中全會
    plenary=re.compile(rf"第{NUMERAL}{{1,4}}次[^\s,，。;；:：]{{0,12}}?{_MEETING}|(?:全體|全体){_MEETING}"
                       r"|[一二三四五六七八九]中全[會会]"),
    counterpart=re.compile(PAIR + "|" + "|".join(COUNTERPART_NAMES)),
    hong_kong=re.compile(r"(?<![津海州島岛])港"),  # not a port: 天津港, 上海港, 廣州港, 青島港
)

# The verbs after 將 (will) that announce: to attend, lead, go, visit, chair, hold, take part; 將於 (will, on ...).
_WILL = ("出席", "率", "赴", "前往", "訪問", "访问", "主持", "舉行", "举行", "召開", "召开", "參加", "参加", "參與", "参与",
         "於", "于")
# Speeches, remarks and transcripts: a title ending in the speech (its notes in brackets after it), or 全文.
_SPEECH = "(?:致辭|致辞|講辭|讲辞|發言|发言|講話|讲话|演辭|演辞|演講|演讲)"
NOT_A_REPORT = re.compile(
    rf"[將将](?:{'|'.join(_WILL)})|即[將将]|[將将]在[^\s,，。]{{0,8}}?(?:舉行|举行|召開|召开)"  # will attend, lead, be held
    r"|明(?:日|天|早|晨|晚|赴)"  # tomorrow
    r"|啓程|啟程|启程|起程|離港|离港|前赴|前往|抵達|抵达|返港|回港"  # departures, arrivals and returns
    r"|率[^\s,，。]{0,14}?赴|赴[^\s,，。]{1,8}?出席"  # leads a delegation to ..., goes to attend
    rf"|{_SPEECH}(?:全文|內容|内容)?\s*(?:[(（][^()（）]{{0,15}}[)）]\s*)*$|{_SPEECH}全文|開場發言|开场发言"  # a speech
    r"|談話|谈话|答問|答问|會見傳媒|会见传媒|見記者|见记者|記者會|记者会"  # remarks to the media, a press conference
    r"|工作(?:會議|会议|會晤|会晤)"  # a working meeting
    r"|(?:簽約|签约|簽署|签署|簽字|签字)(?:儀式|仪式)"  # a signing ceremony
    r"|展覽|展览|歡迎|欢迎|預告|预告"  # an exhibition, a welcome, a preview
    r"|立法[會会]|LCQ"  # LegCo papers and questions tell of a plenary, they report none
    r"|籌備|筹备|預備會議|预备会议|聲明|声明"  # a preparatory meeting, a statement
    r"|延期|押後|押后|延後|延后|改期|取消"  # postponed, cancelled
)
