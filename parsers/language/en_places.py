"""English places: the counterparts' names (and the abbreviations machine translations spell them by), and the
cities their governments sit in; part of `en.ENGLISH`."""
from __future__ import annotations

from . import alternation

# The cities where the provinces' and regions' governments sit, where their plenaries are held.
CAPITALS: tuple[str, ...] = (
    "Guangzhou", "Chengdu", "Wuhan", "Hangzhou", "Fuzhou", "Nanjing", "Changsha", "Jinan", "Zhengzhou",
    "Hefei", "Nanchang", "Kunming", "Guiyang", "Nanning", "Haikou", "Xi'an", "Lanzhou", "Xining", "Yinchuan",
    "Urumqi", "Lhasa", "Hohhot", "Shenyang", "Changchun", "Harbin", "Shijiazhuang", "Taiyuan",
)
# Mainland provinces, municipalities, autonomous regions and the other SAR (the counterparts).
COUNTERPARTS: tuple[str, ...] = (
    "Beijing", "Tianjin", "Shanghai", "Chongqing",
    "Hebei", "Shanxi", "Liaoning", "Jilin", "Heilongjiang", "Jiangsu", "Zhejiang", "Anhui", "Fujian",
    "Jiangxi", "Shandong", "Henan", "Hubei", "Hunan", "Guangdong", "Hainan", "Sichuan", "Guizhou",
    "Yunnan", "Shaanxi", "Gansu", "Qinghai", "Taiwan",
    "Inner Mongolia", "Guangxi", "Tibet", "Ningxia", "Xinjiang",
    "Macao", "Macau",
)
ANY_COUNTERPART = alternation(COUNTERPARTS)  # any counterpart's name, as one pattern

# Machine translations of Chinese stories spell a counterpart by its one-character abbreviation: 鄂港 "E-Hong Kong",
# 粵港 "Yue-Hong Kong". Only the abbreviations that name one place (渝 and 豫 are both "Yu", 津 and 晉 "Jin").
COUNTERPART_ALIASES: dict[str, str] = {
    "Yue": "Guangdong", "Jing": "Beijing", "Hu": "Shanghai", "Min": "Fujian", "Chuan": "Sichuan", "E": "Hubei",
    "Zhe": "Zhejiang", "Xiang": "Hunan", "Lu": "Shandong", "Su": "Jiangsu", "Wan": "Anhui", "Qiong": "Hainan",
    "Liao": "Liaoning",
}
