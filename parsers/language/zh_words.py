"""Chinese word lists: places, offices, category words, and the Simplified forms of the characters the patterns use;
part of `zh` (which builds the patterns). Written in Traditional characters."""
from __future__ import annotations

# Words whose Simplified form differs, as (Traditional, Simplified): each differing character is mapped in a text's
# Traditional view (`zh.matching_view`). Every character of `zh`'s patterns with a Simplified form is here.
_WORD_PAIRS = (
    ("會議", "会议"), ("聯席", "联席"), ("經貿", "经贸"), ("經濟", "经济"), ("高層會晤", "高层会晤"), ("全體", "全体"),
    ("屆", "届"), ("舉行", "举行"), ("召開", "召开"), ("舉辦", "举办"), ("開幕", "开幕"), ("啟動", "启动"), ("將", "将"),
    ("於", "于"), ("率領", "率领"), ("率團", "率团"), ("發言", "发言"), ("致辭", "致辞"), ("致詞", "致词"), ("講辭", "讲辞"),
    ("演辭", "演辞"), ("講話", "讲话"), ("答問", "答问"), ("談話", "谈话"), ("記者會", "记者会"), ("會見傳媒", "会见传媒"),
    ("會面", "会面"), ("拜訪", "拜访"), ("禮節", "礼节"), ("參觀", "参观"), ("訪問", "访问"), ("儀式", "仪式"), ("週年", "周年"),
    ("研討會", "研讨会"), ("洽談會", "洽谈会"), ("論壇", "论坛"), ("座談會", "座谈会"), ("交流會", "交流会"), ("推介會", "推介会"),
    ("機制", "机制"), ("輪流", "轮流"), ("以來", "以来"), ("以後", "以后"), ("上屆", "上届"), ("回顧", "回顾"), ("區", "区"),
    ("視頻", "视频"), ("網上", "网上"), ("線上", "线上"), ("遙距", "遥距"), ("雲端", "云端"), ("電", "电"), ("當天", "当天"),
    ("當日", "当日"), ("尋日", "寻日"), ("長", "长"), ("書記", "书记"), ("務", "务"), ("財", "财"), ("國務院", "国务院"),
    ("聯絡", "联络"), ("辦公室", "办公室"), ("處", "处"), ("門", "门"), ("特別", "特别"), ("與", "与"), ("說", "说"),
    ("稱", "称"), ("為", "为"), ("見證", "见证"), ("簽署", "签署"), ("簽訂", "签订"), ("簽約", "签约"), ("帶領", "带领"),
    ("時", "时"), ("認為", "认为"), ("透露", "透露"), ("強調", "强调"), ("隨後", "随后"), ("介紹", "介绍"), ("對", "对"),
    ("則", "则"), ("還", "还"), ("場", "场"), ("歡迎", "欢迎"), ("宴請", "宴请"), ("帶隊", "带队"), ("從", "从"), ("讓", "让"),
    ("給", "给"), ("並", "并"), ("兩", "两"), ("雙", "双"), ("範疇", "范畴"), ("領域", "领域"), ("項", "项"), ("個", "个"),
    ("重點", "重点"), ("範圍", "范围"), ("議題", "议题"), ("備忘錄", "备忘录"), ("協議", "协议"), ("意向書", "意向书"),
    ("官員", "官员"), ("成員", "成员"), ("人員", "人员"), ("黨組", "党组"), ("黨委", "党委"), ("聯合", "联合"),
    ("粵", "粤"), ("滬", "沪"), ("閩", "闽"), ("魯", "鲁"), ("蘇", "苏"), ("瓊", "琼"), ("遼", "辽"), ("晉", "晋"),
    ("贛", "赣"), ("陝", "陕"), ("隴", "陇"), ("寧", "宁"), ("貴", "贵"), ("雲", "云"), ("廣東", "广东"), ("重慶", "重庆"),
    ("廣州", "广州"), ("武漢", "武汉"), ("廈門", "厦门"), ("濟南", "济南"), ("鄭州", "郑州"), ("長沙", "长沙"), ("蘭州", "兰州"),
    ("貴陽", "贵阳"), ("南寧", "南宁"), ("哈爾濱", "哈尔滨"), ("石家莊", "石家庄"), ("銀川", "银川"), ("拉薩", "拉萨"),
    ("烏魯木齊", "乌鲁木齐"), ("澳門", "澳门"), ("總部", "总部"), ("灣", "湾"), ("黑龍江", "黑龙江"), ("內蒙古", "内蒙古"),
    ("甘肅", "甘肃"), ("廣西", "广西"), ("山東", "山东"), ("遼寧", "辽宁"), ("陝西", "陕西"), ("雲南", "云南"), ("創新", "创新"), ("創意", "创意"), ("藝術", "艺术"), ("電影", "电影"), ("設計", "设计"), ("戲曲", "戏曲"),
    ("旅遊", "旅游"), ("郵輪", "邮轮"), ("學校", "学校"), ("大學", "大学"), ("學生", "学生"), ("教師", "教师"), ("職業", "职业"),
    ("爭議解決", "争议解决"), ("調解", "调解"), ("律師", "律师"), ("債券", "债券"), ("保險", "保险"), ("人民幣", "人民币"),
    ("資本市場", "资本市场"), ("證券", "证券"), ("銀行", "银行"), ("研發", "研发"), ("智慧", "智慧"), ("醫療", "医疗"),
    ("衞生", "卫生"), ("衛生", "卫生"), ("醫藥", "医药"), ("藥品", "药品"), ("中醫", "中医"), ("交通", "交通"), ("物流", "物流"),
    ("機場", "机场"), ("鐵路", "铁路"), ("航運", "航运"), ("基建", "基建"), ("環保", "环保"), ("環境", "环境"), ("態", "态"),
    ("減排", "减排"), ("綠色", "绿色"), ("規劃", "规划"), ("發展", "发展"), ("專業", "专业"), ("築", "筑"), ("計", "计"),
    ("貿易", "贸易"), ("資", "资"), ("內銷", "内销"), ("會展", "会展"), ("員", "员"), ("訓", "训"), ("驗", "验"), ("圖片", "图片"),
    ("攝", "摄"), ("聞", "闻"), ("亞", "亚"), ("紀要", "纪要"), ("週", "周"), ("覽", "览"), ("期間", "期间"), ("行程", "行程"),
)
SIMPLIFIED_TRADITIONAL = "".join(
    t + s for trad, simp in _WORD_PAIRS for t, s in zip(trad, simp, strict=True) if t != s and s not in "周"
)

# The counterparts by the one character that names them in a conference's name (粵港, 京港 ...), in Traditional.
COUNTERPART_ABBREVIATIONS: dict[str, str] = {
    "粵": "Guangdong", "京": "Beijing", "滬": "Shanghai", "川": "Sichuan", "渝": "Chongqing", "閩": "Fujian",
    "鄂": "Hubei", "浙": "Zhejiang", "湘": "Hunan", "魯": "Shandong", "蘇": "Jiangsu", "皖": "Anhui", "瓊": "Hainan",
    "遼": "Liaoning", "津": "Tianjin", "冀": "Hebei", "晉": "Shanxi", "豫": "Henan", "贛": "Jiangxi", "桂": "Guangxi",
    "滇": "Yunnan", "黔": "Guizhou", "陝": "Shaanxi", "隴": "Gansu", "甘": "Gansu", "青": "Qinghai", "吉": "Jilin",
    "黑": "Heilongjiang", "蒙": "Inner Mongolia", "寧": "Ningxia", "疆": "Xinjiang", "藏": "Tibet",
}

# The counterparts' full names (Traditional), as printed before an office ("廣東省省長", "浙江省委書記").
COUNTERPART_NAMES: dict[str, str] = {
    "廣東": "Guangdong", "北京": "Beijing", "上海": "Shanghai", "四川": "Sichuan", "重慶": "Chongqing", "福建": "Fujian",
    "湖北": "Hubei", "浙江": "Zhejiang", "湖南": "Hunan", "山東": "Shandong", "江蘇": "Jiangsu", "安徽": "Anhui",
    "海南": "Hainan", "遼寧": "Liaoning", "天津": "Tianjin", "河北": "Hebei", "山西": "Shanxi", "河南": "Henan",
    "江西": "Jiangxi", "廣西": "Guangxi", "雲南": "Yunnan", "貴州": "Guizhou", "陝西": "Shaanxi", "甘肅": "Gansu",
    "青海": "Qinghai", "吉林": "Jilin", "黑龍江": "Heilongjiang", "內蒙古": "Inner Mongolia", "寧夏": "Ningxia",
    "新疆": "Xinjiang", "西藏": "Tibet",
}

# Cities a plenary is held in, as printed (Traditional; Simplified through the view), by their English names.
CITIES: dict[str, str] = {
    "香港": "Hong Kong", "廣州": "Guangzhou", "北京": "Beijing", "上海": "Shanghai", "成都": "Chengdu",
    "重慶": "Chongqing", "福州": "Fuzhou", "武漢": "Wuhan", "杭州": "Hangzhou", "南京": "Nanjing", "長沙": "Changsha",
    "濟南": "Jinan", "鄭州": "Zhengzhou", "合肥": "Hefei", "南昌": "Nanchang", "昆明": "Kunming", "貴陽": "Guiyang",
    "南寧": "Nanning", "海口": "Haikou", "西安": "Xi'an", "蘭州": "Lanzhou", "西寧": "Xining", "銀川": "Yinchuan",
    "烏魯木齊": "Urumqi", "拉薩": "Lhasa", "呼和浩特": "Hohhot", "瀋陽": "Shenyang", "沈陽": "Shenyang",
    "長春": "Changchun", "哈爾濱": "Harbin", "石家莊": "Shijiazhuang", "太原": "Taiyuan", "天津": "Tianjin",
    "深圳": "Shenzhen", "廈門": "Xiamen", "澳門": "Macao", "珠海": "Zhuhai",
}
# The one-character names news headlines give the cities (在港舉行, 在蓉召開), read only before 舉行/召開.
CITY_ABBREVIATIONS: dict[str, str] = {
    "港": "Hong Kong", "穗": "Guangzhou", "京": "Beijing", "滬": "Shanghai", "蓉": "Chengdu", "渝": "Chongqing",
    "榕": "Fuzhou", "杭": "Hangzhou", "漢": "Wuhan", "邕": "Nanning", "筑": "Guiyang", "昆": "Kunming",
}

# Offices, as printed before a name (Traditional). Hong Kong's, highest first (`chinese.people` ranks them so).
HK_OFFICES: tuple[str, ...] = (
    "行政長官", "特首", "署理行政長官", "政務司司長", "政務司長", "財政司司長", "財政司長", "律政司司長", "律政司長",
    "政務司副司長", "財政司副司長", "局長", "副局長", "常任秘書長", "處長", "署長", "主任",
)
HK_RANKS = ("行政長官", "特首", "署理行政長官", "政務司司長", "政務司長", "財政司司長", "財政司長", "律政司司長",
            "律政司長", "政務司副司長", "財政司副司長")
# The Mainland's, highest first: the Party secretary, the governor or mayor, their deputies; the central offices.
MAINLAND_OFFICES: tuple[str, ...] = (
    "省委書記", "市委書記", "自治區黨委書記", "區黨委書記", "黨委書記", "書記", "省長", "市長", "主席", "常務副省長",
    "常務副市長", "副省長", "副市長", "副主席", "副主任", "主任", "部長", "副部長", "秘書長",
)
MAINLAND_RANKS = ("省委書記", "市委書記", "自治區黨委書記", "區黨委書記", "黨委書記", "書記", "省長", "市長", "主席",
                  "常務副省長", "常務副市長", "副省長", "副市長", "副主席")
CENTRAL = ("國務院", "港澳辦", "港澳事務辦公室", "中聯辦", "聯絡辦", "中央", "港澳工作辦公室", "商務部", "外交部", "國家")

# Category words (Traditional), the specific categories first: an area takes the first whose words its heading
# holds, else the one whose words its text holds most.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "belt_and_road": ("一帶一路",),
    "greater_bay_area": ("大灣區",),
    "facilitation_hk_people": ("便利港人", "港人在內地", "香港居民", "便利香港"),
    "legal_dispute_resolution": ("法律", "爭議解決", "仲裁", "調解", "律師"),
    "finance": ("金融", "債券", "上市", "保險", "人民幣", "資本市場", "證券", "銀行"),
    "innovation_technology": ("創新", "科技", "科研", "研發", "智慧"),
    "culture_creative": ("文化", "創意", "藝術", "文物", "戲曲", "電影", "設計"),
    "tourism": ("旅遊", "郵輪"),
    "education": ("教育", "學校", "大學", "高校", "學生", "教師", "職業"),
    "youth": ("青年", "青少年"),
    "talent_exchange": ("人才", "公務員", "培訓", "人員交流"),
    "health_medicine": ("醫療", "衞生", "衛生", "醫藥", "藥品", "食品安全", "中醫"),
    "transport_logistics": ("交通", "物流", "航空", "機場", "鐵路", "航運", "港口", "基建", "口岸", "跨境"),
    "environment": ("環保", "環境", "生態", "污染", "減排", "綠色", "海洋垃圾"),
    "city_management": ("城市管理", "城市規劃", "城市發展", "公共服務", "城市"),
    "professional_services": ("專業服務", "專業", "建築", "工程", "會計"),
    "trade_investment": ("商貿", "經貿", "貿易", "投資", "經濟", "商務", "內銷", "市場", "會展"),
}
