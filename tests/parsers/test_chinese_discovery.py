"""Discovery in Chinese (issue 15): the relevance filter on Chinese titles, measured on the headlines of the real
Chinese pages (`tests/fixtures/real_pages/zh/`), and the Chinese feed and daily index pages read into candidates
that carry their language (`tests/fixtures/discovery_zh/`)."""
from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, timedelta, timezone

import pytest

from parsers import DEFAULT_SITE, ENGLISH, Candidate, daily_index_url, feed_url, parse_daily_index, parse_feed
from parsers.language.zh_titles import NOT_A_REPORT, RELEVANCE
from parsers.relevance import why_not_relevant
from parsers.sites.info_gov_hk import language_of_title
from tests.support.paths import ROOT

REAL = ROOT / "tests" / "fixtures" / "real_pages" / "zh"
FIXTURES = ROOT / "tests" / "fixtures" / "discovery_zh"
KEPT = None
NOT_ABOUT = "not about a co-operation conference plenary"
ANNOUNCES = "announces something other than a plenary held"

# Each real page's headline as its page prints it: the first content line after `---`, or, where that line is the
# page's furniture (a menu, a date, a photo caption) the headline below it; an excerpt that starts with its lead has
# its lead as its title. Then whether the headline names the conference (粵港合作聯席會議, 京港合作會議 ...) or the
# pair of places (粵港, 閩港, 重慶 and 香港), and what the filter gives: KEPT, or the start of its reason.
REAL_HEADLINES = [
    ("zh_01", "粤港合作联席会议第二十一次会议在广州召开", True, KEPT),
    ("zh_02", "粤港合作联席会议 签署青年交流等多项协议及意向书", True, KEPT),
    ("zh_03", "李家超及王伟中共同主持粤港合作联席会议", True, KEPT),
    ("zh_04", "李家超(左)与广东省委书记黄坤明(右)会面。(政府新闻处)", False, NOT_ABOUT),  # a photo caption first
    ("zh_05", "梁率一司九局 與粵簽9協議", False, NOT_ABOUT),  # 粵 alone: Hong Kong unnamed
    ("zh_06", "香港文匯報訊(記者 鄭治祖)國務院副總理李克強訪港時,明確表示要加快落實《粵港合作框架協議》的各項任務。",
     True, KEPT),  # its lead
    ("zh_07", "”粵港合作聯席會議第12次會議”", True, KEPT),
    ("zh_08", "中新網(wǎng)8月2日電 據(jù)香港媒體報道,粵港合作聯(lián)席會議第九次會議2日早上在廣州舉行。", True, KEPT),
    ("zh_09", "中新網(wǎng)8月5日電 第六次粵港聯(lián)席會議今天上午在香港召開。", True, KEPT),  # the old name, without 合作
    ("zh_10", "京港舉行第四次合作會議 冀進一步推動兩地互利合作", True, KEPT),
    ("zh_11", "京港合作會議召開 八個範疇達成合作共識", True, KEPT),
    ("zh_12", "滬港合作會議第四次會議在港召開 兩地簽署15項(xiàng)協(xié)議", True, KEPT),
    ("zh_13", "滬港合作會(huì)議第六次會(huì)議在香港舉行,龔正李家超簽署合作備忘錄,兩地將在這些領(lǐng)域深化合作", True, KEPT),
    ("zh_14", "【Emily】滬港合作會議 15領域65項目達共識", True, KEPT),
    ("zh_15", "沪港合作会议第五次会议举行 就13个范畴合作方向达成共识", True, KEPT),
    ("zh_16", "川港高层会晤暨川港合作会议第二次会议在蓉召开 彭清华林郑月娥黄柳权致辞 黄强主持 邓小刚出席", True, KEPT),
    ("zh_17", "川港将加强新一轮12个领域合作", True, KEPT),  # 将 (will) of a result, not of an announcement
    ("zh_18", "林郑月娥访川 聚焦两地深化合作", False, NOT_ABOUT),  # 川 alone
    ("zh_19", "浙港高层会晤暨浙港合作会议第一次会议在杭州举行(附图)", True, KEPT),
    ("zh_20", "正率團訪問浙江的行政長官李家超,與浙江省委書記王浩共同出席「浙港合作會議」第一次會議,見證「浙港合作機制」正式成立。",
     True, KEPT),
    ("zh_21", "正在武汉访问的行政长官林郑月娥,出席鄂港合作会议第一次会议。", True, KEPT),  # its lead
    ("zh_22", "鄂港高層會晤暨合作會議正式啟動", True, KEPT),
    ("zh_23", "政務司長林鄭月娥與福建省副省長梁建勇,在香港共同主持第二次閩港合作會議。", True, KEPT),
    ("zh_24", "林鄭稱閩港關係密切", True, KEPT),
    # not plenary reports
    ("zh_25", "林鄭率團赴廣州 出席粵港合作聯席會議", True, ANNOUNCES),  # a departure
    ("zh_26", "特首明赴廣州出席粵港合作聯席會議", True, ANNOUNCES),  # tomorrow
    ("zh_27", "行政長官李家超明日(12日)下午率領(lǐng)特區(qū)政府代表團(tuán)前赴廣州,與廣東省省長王偉中共同主持粵港合作聯(lián)席會(huì)議第二十四次會(huì)議",
     True, ANNOUNCES),  # its lead
    ("zh_28", "行政长官展开北京访问行程(附图/短片)", False, NOT_ABOUT),
    ("zh_29", "林郑月娥与蔡奇会面 促京港密切合作", True, KEPT),  # a call on the Party secretary: the parser sets it aside
    ("zh_30", "滬港合作會議機制20周年簽約儀式昨天在滬舉行。", True, ANNOUNCES),  # a signing ceremony
    ("zh_31", "与重庆市副市长吃火锅!香港特首李家超的特殊行程", True, KEPT),  # a visit story: the parser's to judge
    ("zh_32", "行政长官粤港合作联席会议第十一次会议开场发言(只有中文)(附图/短片)", True, ANNOUNCES),  # a speech
    ("zh_33", "政務司司長與深圳市市長共同主持深港合作會議", False, NOT_ABOUT),  # Shenzhen: no province
    ("zh_34", "特首晤深圳市市長", False, NOT_ABOUT),
    ("zh_35", "粤澳联席会议昨举行 岑浩辉:完善合作机制 推进粤澳合作跃上新台阶", False, NOT_ABOUT),  # Macao's
    ("zh_36", "【Now新聞台】中共十九屆四中全會閉幕,公報強調,堅持黨的集中統一領導", False, "a plenary, but not of"),  # its lead
    ("zh_37", "立法会七题: 跨境委员会", False, NOT_ABOUT),
    ("zh_38", "尹力出席2016年泛珠三角区域合作行政首长联席会议", False, NOT_ABOUT),
    ("zh_39", "林郑月娥率团访问武汉 参观港资医院及出席鄂港合作会议", True, KEPT),  # a day's programme: the parser's
    ("zh_40", "政务司司长率特区政府代表团赴福建出席闽港合作会议", True, ANNOUNCES),
    ("zh_41", "为促进粤港合作,广东省和香港特别行政区自1998年起,每年一次、轮流在广州和香港", True, KEPT),  # an overview
    ("zh_42", "卓永興展開廣州訪問行程", False, NOT_ABOUT),
    ("zh_43", "海南省委書記馮飛稱瓊港合作備忘錄必將共創輝煌新篇章", True, KEPT),  # an MoU signed: the parser's
    # the hold-out pages (measured before any rule had seen them, then joined the corpus)
    ("hz_01", "掃描二維碼訪問中評網移動版 滬港合作股市漲 特首冀創三贏", True, KEPT),  # the headline amid a QR code's lines
    ("hz_02", "汪洋讚梁振英熟悉粵事務", False, NOT_ABOUT),  # 粵 alone
    ("hz_03", "香港与湖北建立内地中部首个合作会议机制", True, KEPT),
    ("hz_04", "林鄭月娥率團訪湖北", False, NOT_ABOUT),  # a province visited: Hong Kong unnamed
    ("hz_05", "北京与香港就11个范畴合作方向达成共识", True, KEPT),
    ("hz_06", "行政長官林鄭月娥(30日)出席滬港合作會議第五次會議,她開場發言指出", True, ANNOUNCES),  # its lead: a speech
    ("hz_07", "港滬簽4份合作協議 達28共識", True, KEPT),
    ("hz_08", "粵港冀聯手參與“一帶一路”建設", True, KEPT),
    ("hz_09", "粵港合作聯(lián)席會議第十六次會議舉行 朱小丹梁振英出席", True, KEPT),
    ("hz_10", "一带一路国家级信息服务平台", False, NOT_ABOUT),  # the site's tagline above the headline
    ("hz_11", "粤港合作联席会议:携手抓住国家发展机遇实现互利共赢", True, KEPT),
    ("hz_12", "陳國基深信香港與重慶交流合作將走向更高水平更深層次", True, KEPT),
    ("hz_13", "高官代表團明訪廣州開會", False, NOT_ABOUT),
    ("hz_14", "政務司司長出席粵港合作聯席會議第十次工作會議", True, ANNOUNCES),
    ("hz_15", "行政長官於粵港合作聯席會議第十七次會議後會見傳媒談話全文(只有中文)(附圖/短片)", True, ANNOUNCES),
    ("hz_16", "林郑月娥会见访港上海市长应勇 指将加强合作", True, KEPT),  # a call: the parser's
    ("hz_17", "发布时间:2024-11-23 11:25:10 来源: sp20241123", False, NOT_ABOUT),
    ("hz_18", "1月5日,上海市市長韓正(右)與香港特別行政區行政長官曾蔭權在簽約儀式上合影。", True, ANNOUNCES),
    ("hz_19", "中新社香港十一月十五日电(记者 文青)第十届京港经济合作洽谈会今天在港开幕", True, KEPT),  # a fair: the parser's
    ("hz_20", "行政長官林鄭月娥表示,粵港澳大灣區發展規劃綱要,會爭取在一兩個月內,得到中央批准及同意後公布", True, KEPT),
    ("hz_21", "李家超:重慶之旅達四成果", False, NOT_ABOUT),
    ("hz_22", "中新網(wǎng)7月27日電 據(jù)香港《文匯報》報道,自去年粵港合作聯(lián)席會議第六次會議以來", True, KEPT),
    ("hz_23", "李家超晤浙江省委书记易炼红 冀展开更紧密高层次合作交流", False, NOT_ABOUT),
    # the second batch of hold-out pages
    ("h3_01", "粵港合作聯席會議第二次會議", True, KEPT),
    ("h3_02", "粤港联席会议签署四协议", True, KEPT),
    ("h3_03", "昨日,粤港合作联席会议第十四次会议在香港举行。", True, KEPT),  # its lead
    ("h3_04", "-- 天氣", False, NOT_ABOUT),  # a weather widget above the headline
    ("h3_05", "川港高层会晤暨“川港合作会议”第二次会议23日在成都市举行。", True, KEPT),  # a wire story's lead
    ("h3_06", "北京与香港就11个范畴合作方向达成共识", True, KEPT),
    ("h3_07", "以下为行政长官曾荫权今日(八月五日)在粤港合作联席会议第十一次会议上的总结发言:", True, KEPT),  # a speech: the parser's
    ("h3_08", "在上海出席沪港经贸合作会议第二次会议后会见传媒的谈话全文:", True, ANNOUNCES),
    ("h3_09", "上海市长韩正率团抵港访问 香港媒体极大关注", True, KEPT),  # an arrival: the parser's
    ("h3_10", "(http://www.iloveguava.com)", False, NOT_ABOUT),
    ("h3_11", "■ 本页位置:首页新闻中心港澳新闻", False, NOT_ABOUT),
    ("h3_12", "在香港共同主持第四次港澳合作高层会议。", False, "a plenary, but not"),  # Macao
    ("h3_13", "內地與香港商貿聯委會第三次會議在北京召開", True, KEPT),  # another body: the parser's
    ("h3_14", "粤港合作第十二次工作会议在广州举行", True, ANNOUNCES),
    ("h3_15", "香港特區政府政制事務局局長林瑞麟27日出席立法會致謝動議辯論致辭時説", False, NOT_ABOUT),
    ("h3_16", "「沪港合作成果展」于上海举行(附图)", True, KEPT),  # an exhibition: the parser's
    ("h3_17", "林郑月娥:希望苏港开拓两地更多合作", True, KEPT),  # a summit: the parser's
    ("h3_18", "中央政府门户网 | kaiyun.com网页版 | 繁體 | English", False, NOT_ABOUT),
    ("h3_19", "特首書記願促成 多黨派議員訪川", False, NOT_ABOUT),
    ("h3_20", "陈国基将展开为期三天粤港澳大湾区内地城市访问", False, NOT_ABOUT),  # 粵港澳: the Bay Area
    ("h3_21", "胡衡华率重庆市政府代表团访问香港 携手推动渝港合作走深走实", True, KEPT),  # a visit: the parser's
    ("h3_22", "香港特区行政长官林郑月娥于12月1日结束为期4天的访鄂行程。此行,鄂港两地成立鄂港合作会议机制", True, KEPT),
    # the third batch of hold-out pages
    ("h4_01", "林郑月娥指不打算率领议员考察大湾区", False, NOT_ABOUT),  # a report whose headline is about another matter
    ("h4_02", "\"双珠\"优势互补开拓发展新空间 沪港牵手迈步双赢", True, KEPT),
    ("h4_03", "香港特區行政長官董建華今天表示,在CEPA簽署后,香港與上海的合作意義深遠,滬港合作定能使香港市民振奮。", True, KEPT),
    ("h4_04", "(可按這裏收看整個會見傳媒的手語翻譯短片。", False, NOT_ABOUT),
    ("h4_05", "3月21日晚,广东省2023年春茗(香港)在香港会议展览中心举行。", True, ANNOUNCES),  # a reception
    ("h4_06", "粤港合作联席会议第12次会议19日在香港举行,广东省省长黄华华18日提前率团访港", True, KEPT),  # a preview: the parser's
    ("h4_07", "李家超将率团赴穗出席第24次粤港合作联席会议", True, ANNOUNCES),
    ("h4_08", "粤澳合作联席会议签署8项协议 深化拓展两地合作", False, NOT_ABOUT),  # Macao
    ("h4_09", "二00五年粵澳合作聯(lián)席會(huì)議六日在澳門(mén)特區(qū)政府總部舉行。", False, NOT_ABOUT),  # pinyin glosses
    ("h4_10", "粵港澳官員在港開會 討論珠三角發展規劃綱要", True, KEPT),  # another body: the parser's
    ("h4_11", "政务司司长率特区政府代表团赴深圳出席深港合作会议", False, NOT_ABOUT),  # Shenzhen
    ("h4_12", "特区政府与粤澳联合承办第十届泛珠三角区域合作与发展论坛暨经贸洽谈会", False, NOT_ABOUT),
    ("h4_13", "行政長官李家超將於星期二(4月20日)率團訪問浙江,出席在杭州舉行的浙港高層會晤暨浙港合作會議第一次會議", True, ANNOUNCES),
    ("h4_14", "李家超今率团访重庆 见证两地成立合作机制", False, NOT_ABOUT),
    ("h4_15", "林鄭月娥將率團赴武漢市 啟動鄂港高層會晤", True, ANNOUNCES),
    ("h4_16", "林鄭10日率90人團訪川 冀成立川港高層合作平台", True, KEPT),  # a preview: the parser's
    ("h4_17", "特首晤四川省省长", False, NOT_ABOUT),
    ("h4_18", "李家超与上海市领导会面 沪港优势互补 全方位多领域深层次合作", True, KEPT),  # a call: the parser's
    ("h4_19", "李家超晤北京市市长殷勇 冀两地创科领域深化合作 为建设科技强国贡献更大力量", False, NOT_ABOUT),
    ("h4_20", "由市委副书记、市长龚正率领的上海市代表团于4月25日至28日访问香港。", True, KEPT),  # a visit: the parser's
    ("h4_21", "粤港合作联席会议", True, KEPT),  # an overview: the parser's
    ("h4_22", "闽港合作 欣欣向荣", True, KEPT),  # a speech: the parser's
    ("h4_23", "行政長官李家超今日(6日)表示,香港與重慶關係密切,他5月率領特區政府代表團訪問重慶", True, KEPT),  # a speech
    ("h4_24", "梁振英:閩港高層將舉行不定期會(huì)晤", True, ANNOUNCES),  # a pinyin gloss
    ("h4_25", "滬港經貿合作會議將於今年第三季舉行,進一步推動滬港共同發展。", True, ANNOUNCES),
]
# A report whose first line the filter sets aside although it names the conference: an excerpt that starts with its
# lead, which tells of the Chief Executive's opening remarks (a Government title of a speech is set aside).
LEADS_SET_ASIDE = {"hz_06"}


def _truth() -> dict[str, dict]:
    return {entry["file"][:5]: entry for entry in json.loads((REAL / "truth.json").read_text(encoding="utf-8"))}


def _content(prefix: str) -> str:
    (path,) = REAL.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def test_the_table_lists_every_real_chinese_page_with_a_headline_its_page_prints():
    assert sorted(row[0] for row in REAL_HEADLINES) == sorted(_truth())
    for prefix, headline, _, _ in REAL_HEADLINES:
        assert headline in " ".join(_content(prefix).split()), prefix


@pytest.mark.parametrize("prefix, headline, names_it, gives", REAL_HEADLINES, ids=[row[0] for row in REAL_HEADLINES])
def test_each_real_headline_gives_what_the_table_says(prefix, headline, names_it, gives):
    reason = why_not_relevant(headline, "zh")
    assert reason is None if gives is KEPT else (reason is not None and gives in reason), reason


def test_every_report_whose_headline_names_the_conference_or_the_pair_is_kept():
    truth = _truth()
    reports = [(prefix, headline) for prefix, headline, names_it, _ in REAL_HEADLINES
               if truth[prefix]["is_plenary_report"] and names_it and prefix not in LEADS_SET_ASIDE]
    assert len(reports) == 35
    assert [(prefix, why_not_relevant(headline, "zh")) for prefix, headline in reports] == [(p, None) for p, _ in reports]


# Headlines in the Government's style, Traditional and Simplified
KEPT_TITLES = [
    "粵港合作聯席會議第二十次會議在港舉行（附圖）", "粤港合作联席会议第二十次会议在港举行（附图）",
    "粵港合作聯席會議第20次會議在港舉行", "粵港合作聯席會議第２０次會議在港舉行", "第二十一次粵港合作聯席會議在廣州舉行",
    "京港合作會議第四次會議在京舉行（附圖／短片）", "滬港經貿合作會議第三次會議在上海舉行", "沪港合作会议第六次会议在香港举行",
    "川港高層會晤暨川港合作會議第一次會議在成都舉行（附圖）", "渝港高層會晤暨渝港合作會議第一次會議在重慶舉行",
    "鄂港合作會議第一次會議在武漢舉行", "第二次閩港合作會議在港舉行（附圖）", "行政長官出席粵港合作聯席會議第二十一次會議（附圖）",
    "行政長官與廣東省省長共同主持粵港合作聯席會議", "粵港簽署七份合作協議及意向書（附圖）", "重慶與香港同意共同推動發展",
    "港滬合作再上新台階",
]
SET_ASIDE_TITLES = [
    ("行政長官明日赴廣州出席粵港合作聯席會議", "明日"), ("政務司司長將率團赴福建出席閩港合作會議", "將率"),
    ("政务司司长将率团赴福建出席闽港合作会议", "将率"), ("粵港合作聯席會議第二十次會議將於下周六舉行", "將於"),
    ("第二十次粵港合作聯席會議將在港舉行", "將在港舉行"),
    ("行政長官啓程前往杭州出席浙港合作會議", "啓程"), ("行政長官啟程赴京出席京港合作會議", "啟程"),
    ("行政長官在粵港合作聯席會議第二十次會議致辭（只有中文）", "致辭"),
    ("行政长官粤港合作联席会议第十一次会议开场发言(只有中文)(附图/短片)", "开场发言"),
    ("行政長官於粵港合作聯席會議後會見傳媒談話內容（附短片）", "會見傳媒"), ("立法會十題：粵港合作聯席會議", "立法會"),
    ("粵港合作聯席會議押後舉行", "押後"), ("粵港合作聯席會議工作會議在廣州舉行", "工作會議"),
    ("滬港合作項目簽署儀式在港舉行", "簽署儀式"), ("行政長官結束北京訪問返港", "返港"),
]
NOT_ABOUT_TITLES = ["海灘懸掛紅旗", "政府債券投標結果", "行政長官會見深圳市市長（附圖）", "連雲港代表團訪問灣仔",
                    "天津港貨運量創新高", "香港青年交流團啓程", "港珠澳大橋開通儀式（附圖）", "港澳辦主任會見行政長官"]


@pytest.mark.parametrize("title", KEPT_TITLES)
def test_a_chinese_report_headline_is_kept(title):
    assert why_not_relevant(title, "zh") is None


@pytest.mark.parametrize("title, word", SET_ASIDE_TITLES)
def test_a_chinese_headline_that_announces_something_else_is_set_aside_with_the_words(title, word):
    reason = why_not_relevant(title, "zh")
    assert reason is not None and ANNOUNCES in reason and word in reason, reason


@pytest.mark.parametrize("title", NOT_ABOUT_TITLES)
def test_a_chinese_headline_about_neither_a_conference_nor_the_two_places_is_set_aside(title):
    assert NOT_ABOUT in why_not_relevant(title, "zh")


def test_a_language_built_with_the_chinese_words_judges_as_the_code_zh_does():
    chinese = dataclasses.replace(ENGLISH, code="zh", relevance=RELEVANCE,
                                  meeting=dataclasses.replace(ENGLISH.meeting, not_a_report=NOT_A_REPORT))
    for title in KEPT_TITLES + [title for title, _ in SET_ASIDE_TITLES] + NOT_ABOUT_TITLES:
        assert why_not_relevant(title, chinese) == why_not_relevant(title, "zh"), title


def test_english_titles_are_still_judged_in_english():
    assert why_not_relevant("23rd Plenary of Hong Kong / Guangdong Co-operation Joint Conference") is None
    assert why_not_relevant("23rd Plenary of Hong Kong / Guangdong Co-operation Joint Conference", "en") is None
    assert "to attend" in why_not_relevant("CE to attend Hong Kong/Guangdong Co-operation Joint Conference Plenary", "en")
    assert NOT_ABOUT in why_not_relevant("粵港合作聯席會議第二十次會議在港舉行", "en")  # English words find nothing in it
    with pytest.raises(ValueError, match="no relevance words for language 'fr'"):
        why_not_relevant("Conférence", "fr")


# --- the Chinese feed and daily index pages ---------------------------------------------------------------------

def test_the_site_has_a_feed_and_a_daily_index_page_in_each_language():
    day = date(2017, 11, 18)
    assert DEFAULT_SITE.languages == ("en", "zh")
    assert DEFAULT_SITE.feed_url() == feed_url() == "https://www.info.gov.hk/gia/rss/general_en.xml"
    assert feed_url(language="zh") == "https://www.info.gov.hk/gia/rss/general_zh.xml"
    assert daily_index_url(day) == "https://www.info.gov.hk/gia/general/201711/18.htm"
    assert daily_index_url(day, "http://127.0.0.1:8080", "zh") == "http://127.0.0.1:8080/gia/general/201711/18c.htm"
    assert DEFAULT_SITE.feed_language("http://127.0.0.1:8080/mirror/gia/rss/general_zh.xml") == "zh"
    assert DEFAULT_SITE.feed_language(feed_url()) == "en"
    assert DEFAULT_SITE.feed_language("https://example.org/news.xml") is None


def test_the_chinese_feed_gives_chinese_candidates_judged_in_chinese():
    found = parse_feed((FIXTURES / "general_zh.xml").read_bytes())  # no language given: the channel's zh-hk
    assert {c.language for c in found} == {"zh"} and {c.via for c in found} == {"feed"}
    first = found[0]
    assert (first.url, first.release_id, first.title) == (
        "https://www.info.gov.hk/gia/general/201810/24/P2018102400781.htm", "P2018102400781", "京港合作會議第四次會議在京舉行（附圖／短片）")
    assert first.published_at == datetime(2018, 10, 24, 20, 45, tzinfo=timezone(timedelta(hours=8)))
    verdicts = {c.title: c.skip_reason for c in found}
    assert [title for title, reason in verdicts.items() if reason is None] == ["京港合作會議第四次會議在京舉行（附圖／短片）"]
    assert "致辭" in verdicts["行政長官出席「北京‧香港經濟合作研討洽談會」開幕式致辭（只有中文）（附圖／短片）"]
    assert "明日" in verdicts["行政長官明日赴京出席京港合作會議"] and "立法會" in verdicts["立法會三題：京港合作"]
    assert NOT_ABOUT in verdicts["港珠澳大橋開通儀式（附圖）"] and NOT_ABOUT in verdicts["行政長官展開北京訪問行程（附圖／短片）"]


def test_a_feed_names_its_language_by_its_address_else_its_channel_else_each_title():
    data = (FIXTURES / "general_zh.xml").read_bytes()
    assert {c.language for c in parse_feed(data, "zh")} == {"zh"}
    bare = data.replace(b"<language>zh-hk</language>", b"")
    assert {c.language for c in parse_feed(bare)} == {"zh"}  # every title is Chinese
    assert (language_of_title("粵港合作聯席會議"), language_of_title("HK-Fujian conference held")) == ("zh", "en")


def test_the_chinese_daily_index_lists_its_releases_in_page_order_in_chinese():
    url = "https://www.info.gov.hk/gia/general/201711/18c.htm"
    found = parse_daily_index((FIXTURES / "18c.htm").read_bytes(), url, date(2017, 11, 18))  # language from <html lang>
    assert [c.release_id for c in found] == ["P2017111800321", "P2017111800402", "P2017111800655", "P2017111800716",
                                            "P2017111800740", "P2017111800741", "P2017111800763", "P2017111800770",
                                            "P2017111800788"]  # not the Simplified view of P…740 (sc.isd.gov.hk)
    assert all(c.language == "zh" and c.via == "index" and c.url.startswith("https://www.info.gov.hk/") for c in found)
    assert found[0].published_at == datetime(2017, 11, 18, tzinfo=timezone(timedelta(hours=8)))
    kept = [c.title for c in found if c.skip_reason is None]
    assert kept == ["粵港合作聯席會議第二十次會議在港舉行（附圖）", "粵港簽署七份合作協議及意向書（附圖）",
                    "「粵港澳大灣區」青年實習計劃接受申請"]  # the Bay Area names Guangdong and Hong Kong: kept, as in English
    reasons = {c.title: c.skip_reason for c in found}
    assert "开场发言" not in reasons["行政長官在粵港合作聯席會議第二十次會議開場發言（只有中文）（附圖）"]
    assert "開場發言" in reasons["行政長官在粵港合作聯席會議第二十次會議開場發言（只有中文）（附圖）"]
    assert "會見傳媒" in reasons["行政長官於粵港合作聯席會議後會見傳媒談話內容（附短片）"]


def test_a_big5_chinese_index_page_reads_the_same_by_its_meta_or_header_charset():
    page = (FIXTURES / "18c.htm").read_text(encoding="utf-8")
    big5 = page.replace("charset=utf-8", "charset=big5").encode("big5")
    url = "https://www.info.gov.hk/gia/general/201711/18c.htm"
    expected = [(c.url, c.title) for c in parse_daily_index(page.encode(), url, language="zh")]
    assert [(c.url, c.title) for c in parse_daily_index(big5, url, language="zh")] == expected
    assert [(c.url, c.title) for c in parse_daily_index(page.encode("big5"), url, charset="big5", language="zh")] == expected


def test_a_candidate_is_judged_in_its_own_language():
    title = "粵港合作聯席會議第二十次會議在港舉行（附圖）"
    url = "https://www.info.gov.hk/gia/general/201711/18/P2017111800740.htm"
    assert Candidate(url, title, "index", language="zh").skip_reason is None
    assert NOT_ABOUT in Candidate(url, title, "index").skip_reason  # "en" by default: English words
    assert Candidate(url, "海灘懸掛紅旗", "url", language="zh").skip_reason is None  # named by URL: always fetched
