"""www.news.gov.hk, the Government's news site: known for its addresses only (a story's date is in its path,
`/YYYY/MM/YYYYMMDD/` or `_`). No feed, index or page rules: its pages are read with the default site's."""
from __future__ import annotations

import re

from . import Site

NEWS_GOV_HK = Site(
    name="news.gov.hk",
    base_url="https://www.news.gov.hk",
    hosts=frozenset({"www.news.gov.hk"}),
    # /eng/YYYY/MM/YYYYMMDD/... (since 2018) and /en/categories/.../html/YYYY/MM/YYYYMMDD_NNNNNN.shtml (before)
    address_dates=(re.compile(r"/(\d{4})/(\d{2})/\d{6}(\d{2})[/_]"),),
)
