"""Chinese (Traditional and Simplified): every word and pattern the rules read a Chinese release with.

Two parts. `CHINESE`, the `Language` the shared stages read a Chinese release by (its lines' furniture, the layout's
punctuation, datelines, discovery's relevance words in `zh_titles.py`); and the module's other names in capitals,
the words of the Chinese sentence rules (`parsers/chinese/`), which read the meeting, its people, areas and
agreements: Chinese runs office and name together and marks no word boundaries, so its rules are its own. The
`Language` fields of the English sentence rules (`meeting`, `people`, `attendees`, `agreements`) are never read
for a Chinese release. Every name in capitals here and in `zh_words.py` is in `PARSER_VERSION`'s digest.

Patterns are written in Traditional characters and matched against a text's Traditional view (`matching_view`):
each Simplified character the patterns use is mapped to its Traditional one, one character for one, so a match's
span is the same in the printed text, and values are taken from the printed text (names as printed).
"""
from __future__ import annotations

import re
from dataclasses import replace

from . import Dates, LayoutWords
from .en import ENGLISH, FURNITURE_PHRASES
from .zh_titles import NOT_A_REPORT, RELEVANCE
from .zh_words import (
    CATEGORY_WORDS, CITIES, CITY_ABBREVIATIONS, COUNTERPART_ABBREVIATIONS, COUNTERPART_NAMES, HK_OFFICES,
    MAINLAND_OFFICES, SIMPLIFIED_TRADITIONAL,
)

# --- the Traditional view, and full-width forms -------------------------------------------------------------------
TO_TRADITIONAL = str.maketrans(SIMPLIFIED_TRADITIONAL[1::2], SIMPLIFIED_TRADITIONAL[0::2])
# Full-width ASCII (！ to ～) and the ideographic space as their ASCII forms: "（２６日）" reads "(26日)".
FULL_WIDTH = str.maketrans({chr(0xFF01 + i): chr(0x21 + i) for i in range(94)} | {"\u3000": " "})


# A pinyin gloss a mirror inserts after a character (聯(lián)席, 會(huì)議): not the text, and it splits its words.
_PINYIN_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


def normalised(text: str) -> str:
    """A Chinese text with full-width digits, letters and punctuation as ASCII, and without the pinyin glosses a
    mirror inserts (what the rules and records read)."""
    text = text.translate(FULL_WIDTH)
    return _PINYIN_GLOSS.sub("", text) if "(" in text else text


def matching_view(text: str) -> str:
    """The text with each Simplified character the patterns use as its Traditional one (same length)."""
    return text.translate(TO_TRADITIONAL)


# --- numbers ------------------------------------------------------------------------------------------------------
DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NUMBER = r"[0-9〇○零一二兩三四五六七八九十廿]{1,6}"


def number(text: str) -> int | None:
    """A number in Arabic or Chinese numerals: "21", "二十一", "十九", "廿三", "一〇二"; None if it is none."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in DIGITS and ch not in "十廿" for ch in text):
        return None
    if "十" not in text and "廿" not in text:  # digit by digit: 二〇二三
        return int("".join(str(DIGITS[ch]) for ch in text))
    tens_char = "十" if "十" in text else "廿"
    tens, _, units = text.partition(tens_char)
    base = 20 if tens_char == "廿" else 10
    tens_value = (DIGITS.get(tens, 0) if tens else 1) * base if tens_char == "十" else 20
    if len(tens) > 1 or len(units) > 1 or (tens and tens not in DIGITS) or (units and units not in DIGITS):
        return None
    return tens_value + (DIGITS[units] if units else 0)


# --- the conference and its plenary -------------------------------------------------------------------------------
_ABBR = "".join(COUNTERPART_ABBREVIATIONS)
_ABBR_AFTER = "".join(a for a in COUNTERPART_ABBREVIATIONS if a not in "青吉黑新寧藏蒙")  # after 港: 港青 is Hong Kong youth
_OPEN_QUOTE, _CLOSE_QUOTE = "「“\"『《", "」”\"』》"
# "粵港合作聯席會議", "滬港經貿合作會議", "粵港聯席會議" (the older name), "浙港高層會晤暨浙港合作會議",
# "川港高層會晤暨「川港合作會議」", "鄂港高層會晤暨合作會議"
CONFERENCE = (rf"(?P<abbr>[{_ABBR}])港(?P<high>高層會晤暨[{_OPEN_QUOTE}]?(?:[{_ABBR}]港)?)?"
              rf"(?P<name>(?:(?:經貿|經濟)?合作(?P<joint>聯席)?|(?P<old_joint>聯席))會議)")
_SESSION = r"(?:全體)?(?:會議|開會)"
PLENARIES = (  # group "n": the plenary's number
    # 粵港合作聯席會議第二十一次會議, 「滬港合作會議」噚日第六次開會, 粵港合作聯席會議的第十一次會議
    re.compile(rf"{CONFERENCE}[{_CLOSE_QUOTE}]?(?:的|[^。,;:!?]{{0,4}}?)第(?P<n>{NUMBER})次{_SESSION}"),
    # 第六次粵港聯席會議, 第二次閩港合作會議, 第四次京港合作會議
    re.compile(rf"第(?P<n>{NUMBER})[次屆][{_OPEN_QUOTE}]?{CONFERENCE}"),
    # 粵港合作聯席第19次會議
    re.compile(rf"(?P<abbr>[{_ABBR}])港(?:經貿|經濟)?合作(?P<joint>聯席)?第(?P<n>{NUMBER})次{_SESSION}"),
    # 京港舉行第四次合作會議
    re.compile(rf"(?P<abbr>[{_ABBR}])港[^。,;:!?港]{{0,4}}第(?P<n>{NUMBER})次(?:經貿)?合作(?P<joint>聯席)?會議"),
    # Hong Kong named first, as Hong Kong's media may: 港滬合作會議第六次會議, 第三次港滬經貿合作會議 (not 港青, 港澳)
    re.compile(rf"港(?P<abbr>[{_ABBR_AFTER}])(?:經貿|經濟)?合作(?P<joint>聯席)?會議[{_CLOSE_QUOTE}]?(?:的)?第(?P<n>{NUMBER})次"
               rf"{_SESSION}"),
    re.compile(rf"第(?P<n>{NUMBER})[次屆][{_OPEN_QUOTE}]?港(?P<abbr>[{_ABBR_AFTER}])(?:經貿|經濟)?合作(?P<joint>聯席)?會議"),
)
CONFERENCE_NAMED = re.compile(CONFERENCE)
HIGH_LEVEL = re.compile(r"高層會晤暨")

# --- what a page is, when it is no report -------------------------------------------------------------------------
# A headline announcing the leader's journey to a plenary, or one still to come.
ANNOUNCED = re.compile(r"將(?:於|在|會|率)?[^。,;!?]{0,12}?(?:出席|主持|舉行|召開|率團|率領|前往|前赴)|明[日天早]|明赴"
                       r"|率[^。,;!?]{0,12}?赴|前赴|啟程|啓程|起程|出發|即將|下(?:周|週|星期)")
# A sentence about what will be: the plenary in it is still to come.
FUTURE = re.compile(r"將|明[日天早年]|明赴|稍後|預計|計劃|擬|下(?:周|週|星期|月)")  # in a sentence, before the plenary it names
# matched just after it: "第七次會議將在廣州召開", "…會議下周在港舉行", "…即將在北京召開", "…擬於十月召開"
FUTURE_AFTER = re.compile(r"[」”\"』]?\s*(?:將|即將|定於|擬|計劃|預計|明[日天年]|下(?:周|週|星期|月)|稍後|今年稍後|(?:舉行|召開)?日期|籌備)")
# matched just after it, a plenary held before: "第二十次會議去年在廣州舉行", "…早前…", "…於2018年6月在廣州舉行",
# "第一次會議以來" (a report of the day gives the day: "…第12次會議於2009年8月19日在香港舉行")
_YEAR, _MONTH, _DAY = r"[\d〇○零一二三四五六七八九]{4}", r"[\d一二三四五六七八九十]{1,2}", r"[\d一二三四五六七八九十廿]{1,3}"
PAST_AFTER = re.compile(r"[」”\"』]?\s*(?:以來|以後|以后|至今|去年|前年|早前|上月|上周|上週|"
                        rf"(?:於|在)?{_YEAR}年(?:{_MONTH}月(?!{_DAY}日)|(?!{_MONTH}月))|(?:舉行|召開|開幕)?(?:前夕|之前|前(?!往)))")
# just after it, a document of the plenary (…第七次蘇港合作聯席會議紀要, …會議備忘錄): the sentence is about the document
DOCUMENT_AFTER = re.compile(r"[」”\"』]?\s*(?:的)?(?:紀要|備忘錄|會議紀要|成果文件)")
# A headline of a speech, remarks or a transcript (a report of the plenary says it was held).
SPEECH = re.compile(r"發言|致辭|致詞|講辭|演辭|講話|答問|談話|記者會|會見傳媒|會見記者|全文")
HELD = re.compile(r"舉行|召開|開會|舉辦|開幕|啟動")
# A headline about a call on someone, or a visit or a day's programme.
CALL = re.compile(r"會面|會見|晤(?!暨)|拜會|拜訪|禮節性")
VISIT = re.compile(r"訪[問港京滬粵川渝閩鄂浙湘魯蘇皖瓊遼]|行程|考察|參觀|訪(?=\s|$)")
# A visit's programme, the plenary one of its items: "訪問期間,龔正會見…,出席滬港合作會議第六次會議,參加…"
TRIP = re.compile(r"訪問期間|訪港期間|訪京期間|訪滬期間|訪問行程中|此行|行程包括|期間先後")
# Another event held (a signing ceremony, an anniversary, a working meeting, a forum) or the mechanism described.
OTHER_EVENT = re.compile(r"儀式|周年|週年|工作會議|研討會|洽談會|論壇|座談會|交流會|推介會|機制(?:的)?(?:成立|建立|正式)|每年|輪流|一般")
# A plenary cited, not reported: one held before ("自2003年召開首次...以來", "上次會議", "去年").
# before the plenary named: 上次, 去年, 自2003年, 2018年 (a year), 2006年8月 (a month: a report of the day gives the day)
PAST = re.compile(r"上次|上一次|上屆|去年|前年|自\d{4}年|\d{4}年(?!\d{1,2}月)|\d{4}年\d{1,2}月(?!\d{1,2}日)"
                  r"|(?<![\d年月])\d{1,2}月(?![\d一二三四五六七八九十廿]{1,3}日|\d)")  # and a month alone: "他5月率領…"
# _YEAR etc. (below) read a year in Chinese numerals too: "在二○二一年八月召開" after the name is a past one
# The sentence says where the meeting was: "在杭州舉行", "在香港特區政府總部召開", "到廣州出席", "在北京,".
_CITY_NAMES = "|".join(sorted(CITIES, key=len, reverse=True))
_CITY_ABBRS = "".join(CITY_ABBREVIATIONS)
# What may stand between 在/訪問 and the city: its province, by name or ending in 省/區 ("浙江省", "湖北")
_PROVINCE = rf"(?:[^\s,。;在於]{{1,6}}?[省區]|(?:{'|'.join(sorted(COUNTERPART_NAMES, key=len, reverse=True))}))?"
# The city is the meeting's when its clause goes on to the meeting (a verb of it within a few characters, or a comma:
# "在北京,行政長官…出席…"), not when it tells of something else there ("在香港面對困難時").
_MEETING_VERBS = "舉行|召開|開會|主持|出席|舉辦|會晤|會面|見證|簽署|參與|參加|共同|與|同"
VENUE = re.compile(rf"(?:在|於|到|赴|抵|前往|前赴|出訪){_PROVINCE}(?P<city>{_CITY_NAMES})"
                   rf"(?=[,;]|[^,。;!?]{{0,16}}?(?:{_MEETING_VERBS}))"
                   rf"|(?:在|於)(?P<abbr>[{_CITY_ABBRS}])(?=舉行|召開|開會|舉辦)")
# A city the leader is visiting, in the paragraph that reports the plenary she attends there: "訪問湖北武漢,與…參與
# …第一次會議", "正在武漢訪問的行政長官…出席…", "今日繼續在重慶的訪問行程。…並出席…" (read after `VENUE`).
VISITED = (re.compile(rf"(?:訪問|到訪){_PROVINCE}(?P<city>{_CITY_NAMES})"),
           re.compile(rf"在(?P<city>{_CITY_NAMES})(?:的)?(?:訪問|行程)"))
BY_VIDEO = re.compile(r"視頻|網上|線上|遙距|視像|云端|雲端")
# A wire story's dateline: "新華社香港8月24日電", "中新社武漢11月29日電", "中評社北京10月24日電"
WIRE_DATELINE = re.compile(rf"^[^。,]{{0,20}}?[社網](?P<city>{_CITY_NAMES})?\s*(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日\s*電")

# --- days -----------------------------------------------------------------------------------------------------------
DAY_NUMBER = r"[0-9一二三四五六七八九十廿〇]{1,3}"
TODAY_WITH_DATE = re.compile(rf"(?:今日|今天|本日)\s*\(\s*(?:(?P<month>{DAY_NUMBER})月)?(?P<day>{DAY_NUMBER})日\s*\)")
TODAY = re.compile(r"今日|今天|本日|當天|當日|今晨|今早|今午")
YESTERDAY = re.compile(r"昨日|昨天|昨晚|昨午|噚日|尋日|琴日|昨(?=[率在於赴到與和出主共])")
FULL_DATE = re.compile(r"(?P<year>\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月"
                       r"\s*(?P<day>\d{1,2}|[一二三四五六七八九十廿]{1,3})\s*日")
MONTH_DAY = re.compile(rf"(?<![\d年])(?P<month>{DAY_NUMBER})\s*月\s*(?P<day>{DAY_NUMBER})\s*日(?!\s*電)")
DAY_ONLY = re.compile(r"(?<![\d月年])(?P<day>\d{1,2})\s*日(?![\d電电])")
PART_OF_DAY = re.compile(r"(?:^|[,。])\s*(?:上午|下午|早上|晚上|中午)")

# Offices both sides use (主任, 局長): a Mainland one when its title names a Mainland body ("省人大常委會主任")
SHARED_OFFICES = frozenset({"主任", "副主任", "局長", "副局長", "處長", "署長", "秘書長"})
MAINLAND_BODY = re.compile(r"省|市委|人大|常委會|黨|政協|自治區|國務院|人民政府")

# --- people --------------------------------------------------------------------------------------------------------
_PLACES = "|".join(sorted(COUNTERPART_NAMES, key=len, reverse=True))
# An office and the place it is of, as printed before a name: "廣東省省長", "浙江省委書記", "香港特別行政區行政長官"
OFFICE = re.compile(rf"(?P<place>(?:中共)?(?:{_PLACES})(?:省|市|自治區)?|香港特別行政區(?:\(特區\))?|特區)?"
                    rf"(?P<office>{'|'.join(sorted(HK_OFFICES + MAINLAND_OFFICES, key=len, reverse=True))})")
NOT_HONG_KONG = re.compile(r"澳門(?:特別行政區)?(?:特區)?(?:政府)?$")  # before 行政長官: Macao's Chief Executive
# What may follow a name printed after its office: where the name ends.
NAME_ENDS = ("率", "與", "和", "及", "共同", "在", "於", "今", "昨", "出席", "表示", "說", "稱", "指", "致", "主持",
             "會面", "會見", "一行", "等", "為", "分別", "亦", "也", "先", "同", "就", "見證", "簽署", "發言", "帶領",
             "時", "當", "、", ",", "。", "(", ")", ";", ":", " ", "「", "」", "“", "”", "《", "噚", "認為", "透露", "強調",
             "首先", "隨後", "代表", "再", "介紹", "作", "向", "對", "會上", "率團", "上午", "下午", "早上", "晚上", "則", "還",
             "形容", "指出", "提到", "開場", "致辭", "講話", "歡迎", "會晤", "握手", "接見", "宴請", "陪同", "帶隊", "到", "赴",
             "抵", "已", "將", "都", "又", "來", "去", "從", "把", "被", "讓", "給", "是", "的", "之", "所", "而", "但",
             "並", "以", "等人", "二人", "兩人", "雙方", "教授", "博士", "先生", "女士", "議員", "太平紳士", "\n",
             "一同", "一起", "聯同", "偕", "均", "發表", "希望", "感謝", "讚", "致謝", "鼓勵", "回顧", "總結", "認同",
             "同意", "提出", "談", "問", "答", "聽取", "參觀", "考察", "視察", "訪問", "出訪", "前往", "率領", "帶同",
             "親自", "隨即", "隨後", "宣布", "宣佈", "首次", "再次", "分別", "特別", "專程", "全程", "還有",
             "市長", "省長", "書記", "局長", "主任", "司長", "特首")  # a title after the name: "楊雄市長"
NOT_NAME_STARTS = frozenset("後的之就已及與和在於為是也都又被把讓給等並而但所從到赴往向對將會首任即以其該此這聯偕感希發均一")
COMPOUND_SURNAMES = ("歐陽", "司徒", "上官", "諸葛", "司馬", "夏侯", "東方", "皇甫", "公孫", "令狐", "慕容")
TOGETHER = re.compile(r"共同主持|聯合主持|一同主持|共同出席|分別率領|分別率|共同見證")
MET = re.compile(r"會面|會見|會晤(?!暨)|接見|拜會|拜訪|宴請|晤(?!暨)")
# The person met: after 與/同/跟 and before the meeting word ("與廣東省委書記汪洋會面"), or after the word ("會見X").
MET_WITH = re.compile(r"(?:與|同|跟|和)(?P<before>[^,。;]{2,30}?)(?:會面|會晤(?!暨)|晤面|見面)"
                      r"|(?:會見|接見|拜會|拜訪|宴請)(?P<after>[^,。;]{2,20})")

# --- areas, agreements --------------------------------------------------------------------------------------------
# The count of areas the release states: "以下13個範疇", "五個方面的合作", "13項重點合作領域", "八個範疇"
STATED = re.compile(rf"(?P<n>{NUMBER})\s*[個项項]?\s*(?:重點)?(?:的)?(?:合作)?(?:重點)?(?:範疇|領域|方面|範圍)"
                    r"(?!的?(?:議題|建議|意見|問題|工作|機遇))")
STATED_PAST = re.compile(r"過去|回顧|成果|取得|已在|曾在")  # just before a count: work done before, not the areas agreed
AGREEMENT = re.compile(r"《([^《》]{4,120})》")
SIGNED = re.compile(r"簽署|簽訂|簽約|簽定")
DELEGATION = re.compile(r"(?:官員|成員|代表|人員)[^。]{0,6}?包括")
LIST_INTRO_END = (":", "：")  # the paragraph before a headed list of areas ends so ("...以下13個範疇的合作方向達成共識:")


# --- the Language the shared stages read a Chinese release by -----------------------------------------------------
CHROME_LINES = frozenset((
    "跳至主要內容", "跳至主要内容", "按此,跳至主要內容。", "按此,跳至主要内容。", "列印", "打印", "分享", "分享到:", "分享:",
    "字體:", "字体:", "返回", "返回頁首", "返回页首", "新聞公報", "新闻公报", "新聞稿", "新闻稿", "相片", "圖片", "图片",
    "視頻", "视频", "影片", "短片", "簡體版", "简体版", "繁體版", "繁体版", "english", "上一頁", "上一页", "下一頁", "下一页",
    "已複製連結", "已复制链接", "寄給朋友", "寄给朋友", "所有留言", "相關新聞", "相关新闻", "熱門新聞", "热门新闻",
    # a line that is only a publication's or a site's name (above its headline), in both scripts
    "人民网", "人民網", "新华网", "新華網", "新华社", "新華社", "中新网", "中新網", "中国新闻网", "中國新聞網", "央视网", "央視網",
    "中评网", "中評網", "大公网", "大公網", "文汇网", "文匯網", "香港商报", "香港商報",
    "星岛网", "星島網", "明报", "明報", "东方日报", "東方日報", "政府新闻网", "政府新聞網", "香港政府新闻网", "香港政府新聞網",
    "新闻中心", "新聞中心", "要闻", "要聞", "港闻", "港聞",
)) | ENGLISH.chrome  # and the English lines: Chinese pages print "Jump to the beginning of content"
# A line made only of navigation phrases (print and share bars, script switchers, greetings, page numbers), or a
# breadcrumb trail (首頁 > 要聞 > 正文): furniture. Anchored, each phrase atomic, so a long line fails in linear time.
_FURNITURE_PHRASES = (
    r"打\s?印", r"列印", r"[簡简繁][體体]版?", r"[簡简繁]", r"寄[給给]朋友", r"政府新[聞闻][網网]", r"字型大小", r"字[體体]:?",
    r"您好!?今天是", r"\+1", r"首[頁页]", r"正文", r"分享(?:到)?:?", r"返回", r"english(?: version)?", r"(?:traditional |simplified )?chinese(?: version)?", r"[設设][為为]主[頁页]",
    r"收藏本[頁页]", r"社交[網网]站:?", r"今日[導导][讀读]", r"本[報报]新[聞闻]", r"放大", r"[還还]原", r"[縮缩]小", r"[關关]閉",
    r"[時时][間间]:?", r"最新至全部", r"email", r"rss", r"[訂订][閱阅]rss", r"[進进][階阶]搜[尋寻]", r"[網网][頁页]指南",
    r"流[動动]/[無无]障[礙碍][瀏浏][覽览]", r"[預预][設设]字[體体]大小", r"[較较]大的字[體体]", r"最大的字[體体]",
    r"英文版", r"eng", r"(?:香港)?政府新[聞闻][網网]", r"\S{2,6}[電电]子版", r"第\d{1,3}[頁页]", r"上一[頁页]", r"下一[頁页]",
    r"[熱热]門新[聞闻]", r"相[關关]新[聞闻]", r"[評评][論论]", r"[點点][擊击]", r"[推荐薦][荐薦]", r"[頁页]首",
    r"cnml格式", r"[掃扫]描二[維维]碼\S{0,12}", r"[來来]源:\s?\S{1,12}",
)
_FURNITURE_SEPARATORS = r"[\s|>·•.,:/\-【】\[\]]*"
FURNITURE = re.compile(  # the English phrases too: Chinese pages print "Email this article", a video player's controls
    rf"{_FURNITURE_SEPARATORS}(?>(?:{'|'.join(_FURNITURE_PHRASES + FURNITURE_PHRASES)}){_FURNITURE_SEPARATORS})+"
    r"|(?>[^\s>》-]{1,10}\s*(?:-?[>》]\s*)+)+[^\s>》]{0,10}(?:\s+[^\s>》]{1,10})?"  # 首頁>要聞 要聞, 新華網 > > 正文
    r"|(?:\S{1,4}[\s|｜]+){3,}+\S{1,4}"  # a menu of short words: 首页 新闻 体育 娱乐 ..., 频 道: 首 页 |新 闻|...
    r"|\(?https?://\S{1,200}\)?"  # a bare address
    r"|[\s|｜]+",  # a row of bars
    re.I,
)
_MONTHS = {str(n): n for n in range(1, 13)} | {f"{n:02d}": n for n in range(1, 10)}

CHINESE = replace(
    ENGLISH,
    code="zh",
    name="Chinese",
    chrome=CHROME_LINES,
    furniture=FURNITURE,
    # a date line: 2019年5月20日, 2016.09.15, 2019/05/20 (groups month, day, year, as `Dates` reads them)
    dates=Dates(_MONTHS, re.compile(r"(?<!\d)(?=\d{4}\s*[年./\s]\s*(\d{1,2})\s*[月./]\s*(\d{1,2})(?!\d))(\d{4})"),
                re.compile(r"(?!)")),
    layout=LayoutWords(
        terminal=("。", "!", "?", "!", "?", ":", ";", ",", "、", "…", ".", "”", "」"), sentence_end=("。", "!", "?", "."),
        closers="”」』)", closing_heading=re.compile(r"簽署儀式|簽約儀式|附件"), closing_heading_words=("儀式", "仪式", "附件"),
        closing_paragraph=re.compile(r"^(?:會上|會後|会上|会后|此外|另外)?[^。]{0,30}?(?:簽署|签署|簽訂|签订)[^。]{0,60}(?:協議|协议|備忘錄|备忘录|意向書|意向书|文件)"),
        closing_words=("簽署", "签署", "簽訂", "签订"), closing_start="\x00",
        caption=re.compile(r"[攝摄]\)?$|(?:圖片|图片|相片|資料圖片|资料图片)$|新聞處\)?$|新闻处\)?$|^\S{2,8}\((?:左|右|中)[一二三四五六七八九\d]?\)"),
        caption_marks=("攝", "摄", "圖片", "图片", "相片", "新聞處", "新闻处", "(左", "(右", "(中"),
        caption_time=re.compile(r"今日|今天|昨日|昨天|\d{1,2}日"),
        cased=False, chars_per_word=2,
    ),
    meeting=replace(ENGLISH.meeting, not_a_report=NOT_A_REPORT),
    # Chinese marks no word starts: its areas are categorised by `chinese.areas` with `CATEGORY_WORDS`
    categories=replace(ENGLISH.categories, words=CATEGORY_WORDS,
                       other_heading=re.compile(r"^(?:\(?[一二三四五六七八九十]+\)?[、.]?\s*)?其他")),
    relevance=RELEVANCE,  # discovery's words for a Chinese title (`zh_titles.py`)
    normalise=normalised,  # full-width forms as ASCII, pinyin glosses out, before the lines are read
)
