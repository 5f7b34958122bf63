"""Hand-built staged records of one meeting in two languages (the High-Level Meeting cum First Plenary of the Hong
Kong/Zhejiang Co-operation Conference, 24 April 2025), in the shape the Chinese parser gives: for the Chinese
release, counterpart, conference, venue and categories are the English canonical values, names and text as printed.

`english()` and `chinese()` take keyword changes: release fields (`release_id`, `source_url`, `issued_at`,
`other_language_url`), meeting fields, and `areas` / `attendees` / `agreements` as lists of tuples."""
from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta, timezone

from parsers import (PARSER_VERSION, AgreementRecord, AreaRecord, AttendeeRecord, MeetingRecord, ParsedRelease,
                     ReleaseRecord)

HKT = timezone(timedelta(hours=8))
FOLDER = "https://www.info.gov.hk/gia/general/202504/24/"
EN_ID, ZH_ID = "P2025042400475", "P2025042400444"
ISSUED = datetime(2025, 4, 24, 21, 30, tzinfo=HKT)
CONFERENCE = "Hong Kong/Zhejiang Co-operation Conference"

EN_AREAS = [("Joint pursuit of the Belt and Road development", "belt_and_road", "Strengthen co-operation on the Belt and Road Initiative."),
            ("Finance", "finance", "Support Zhejiang Province in collaborating with the Hong Kong Exchanges."),
            ("Innovation and technology", "innovation_technology", "Jointly promote research and development.")]
ZH_AREAS = [("共建「一帶一路」及商貿投資", "belt_and_road", "加強兩地共建「一帶一路」工作。"),
            ("金融", "finance", "支持浙江省會同香港交易及結算所有限公司開展業務培訓。"),
            ("科技創新", "innovation_technology", "共同推進浙港兩地技術研發合作。")]
EN_ATTENDEES = [("Mr John Lee", "Chief Executive", "hksar", "co_chair"),
                ("Mr Wang Hao", "Secretary of the CPC Zhejiang Provincial Committee", "mainland", "co_chair"),
                ("Mr Chan Kwok-ki", "Chief Secretary for Administration", "hksar", "delegation"),
                ("Mr Erick Tsang Kwok-wai", "Secretary for Constitutional and Mainland Affairs", "hksar", "delegation")]
ZH_ATTENDEES = [("李家超", "行政長官", "hksar", "co_chair"), ("王浩", "浙江省委書記", "mainland", "co_chair"),
                ("陳國基", "政務司司長", "hksar", "delegation"), ("曾國衞", "政制及內地事務局局長", "hksar", "delegation")]
EN_AGREEMENTS = ["Memorandum of the First Plenary Session", "Memorandum on Youth Development"]
ZH_AGREEMENTS = ["浙港合作會議第一次會議備忘錄", "青年發展合作備忘錄"]

_EN_MEETING = dict(conference=CONFERENCE, counterpart="Zhejiang", plenary_number=1, high_level_meeting=True,
                   meeting_date=date(2025, 4, 24), venue="Hangzhou", hk_leader="Mr John Lee",
                   counterpart_leader="Mr Wang Hao",
                   counterpart_leader_office="Secretary of the CPC Zhejiang Provincial Committee", stated_area_count=3)
_ZH_MEETING = dict(_EN_MEETING, hk_leader="李家超", counterpart_leader="王浩", counterpart_leader_office="浙江省委書記",
                   conference_as_printed="浙港高層會晤暨浙港合作會議", venue_as_printed="杭州")


def english(**changes) -> ParsedRelease:
    """The English release: P2025042400475 on info.gov.hk, issued at 21:30 HKT."""
    fields = dict(_EN_MEETING, release_id=EN_ID, source_url=FOLDER + EN_ID + ".htm", issued_at=ISSUED,
                  title="High-Level Meeting cum First Plenary Session of Hong Kong/Zhejiang Co-operation Conference held in Hangzhou",
                  areas=EN_AREAS, attendees=EN_ATTENDEES, agreements=EN_AGREEMENTS)
    return build("en", fields | changes)


def chinese(**changes) -> ParsedRelease:
    """The Chinese release: P2025042400444 on info.gov.hk, issued at the same minute."""
    fields = dict(_ZH_MEETING, release_id=ZH_ID, source_url=FOLDER + ZH_ID + ".htm", issued_at=ISSUED,
                  title="浙港高層會晤暨浙港合作會議第一次會議在杭州舉行", areas=ZH_AREAS, attendees=ZH_ATTENDEES,
                  agreements=ZH_AGREEMENTS)
    return build("zh", fields | changes)


def build(language: str, fields: dict) -> ParsedRelease:
    """A report's records from flat fields; its content hash follows its content, so an edit is a new revision."""
    rid = fields["release_id"]
    meeting_id = f"{fields['counterpart'].lower()}-{fields['plenary_number']}"
    areas = [AreaRecord(meeting_id, n, h, c, t, 1) for n, (h, c, t) in enumerate(fields["areas"], 1)]
    attendees = [AttendeeRecord(meeting_id, *a) for a in fields["attendees"]]
    agreements = [AgreementRecord(meeting_id, n, t) for n, t in enumerate(fields["agreements"], 1)]
    meeting_fields = {k: fields.get(k) for k in list(_ZH_MEETING)}
    if language == "en":
        meeting_fields["conference_as_printed"] = meeting_fields["venue_as_printed"] = None
    meeting = MeetingRecord(meeting_id=meeting_id, area_count=len(areas), release_id=rid, **meeting_fields)
    content = json.dumps([fields.get("title"), vars(meeting), [vars(a) for a in areas + attendees + agreements],
                          fields.get("other_language_url"), fields.get("source_url"), str(fields.get("issued_at"))],
                         default=str, ensure_ascii=False)
    issued = fields.get("issued_at")
    release = ReleaseRecord(
        release_id=rid, title=fields["title"], source_uri=fields.get("source_url") or f"{rid}.txt",
        source_url=fields.get("source_url"), language=language, issued_at=issued,
        release_date=issued.date() if issued else None, content_sha256=hashlib.sha256(content.encode()).hexdigest(),
        parser_version=PARSER_VERSION, is_plenary_report=True, other_language_url=fields.get("other_language_url"))
    return ParsedRelease(release, meeting, areas, attendees, agreements)
