-- One meeting, two languages (issue 15): a Chinese release and the English release of the same plenary are two
-- sources of one meeting. English columns come from English releases only, the *_zh columns from Chinese ones;
-- the language-neutral columns follow the precedence of every source (warehouse/precedence.py). Each Chinese
-- source records its English twin and how it was paired (warehouse/pairing.py).

ALTER TABLE releases ADD COLUMN other_language_url VARCHAR;
COMMENT ON COLUMN releases.other_language_url IS 'The page''s own link to its version in the other language (a Chinese release''s English version, or the reverse); null when the page has none.';
COMMENT ON COLUMN releases.language IS 'ISO 639-1 language of the text: en | zh (Traditional or Simplified).';
UPDATE releases SET other_language_url = json_extract_string(v.records_json, '$.release.other_language_url')
FROM release_revisions v WHERE v.release_id = releases.release_id AND v.revision = releases.revision;

COMMENT ON COLUMN meeting_sources.language IS 'ISO 639-1 language of the release: en | zh. English columns come from en sources, *_zh columns from zh sources.';
ALTER TABLE meeting_sources ADD COLUMN paired_release_id VARCHAR;
ALTER TABLE meeting_sources ADD COLUMN pairing VARCHAR;
ALTER TABLE meeting_sources ADD COLUMN pairing_note VARCHAR;
COMMENT ON COLUMN meeting_sources.paired_release_id IS 'For a Chinese source: its English twin (releases.release_id), which may describe another meeting when the two disagree on the plenary number; null when unpaired, and for English sources.';
COMMENT ON COLUMN meeting_sources.pairing IS 'For a Chinese source, how it was paired: page_link (the page''s own link to its other language) | folder_and_issue_time (same info.gov.hk date folder and issue time, one English release only) | counterpart_plenary_date (same counterpart, plenary number and meeting date as the meeting''s English sources) | unpaired. Null for English sources.';
COMMENT ON COLUMN meeting_sources.pairing_note IS 'What matched (paired), or why each rule failed (unpaired), in words.';

ALTER TABLE meetings ADD COLUMN conference_zh VARCHAR;
ALTER TABLE meetings ADD COLUMN hk_leader_zh VARCHAR;
ALTER TABLE meetings ADD COLUMN counterpart_leader_zh VARCHAR;
ALTER TABLE meetings ADD COLUMN counterpart_leader_office_zh VARCHAR;
ALTER TABLE meetings ADD COLUMN venue_zh VARCHAR;
COMMENT ON COLUMN meetings.conference_zh IS 'The conference as the best Chinese source prints it (浙港合作會議); null when no Chinese source describes the meeting.';
COMMENT ON COLUMN meetings.hk_leader_zh IS 'Hong Kong side leader as the best Chinese source prints it (李家超).';
COMMENT ON COLUMN meetings.counterpart_leader_zh IS 'Mainland side leader as the best Chinese source prints it (王浩).';
COMMENT ON COLUMN meetings.counterpart_leader_office_zh IS 'Office of the Mainland side leader as printed in Chinese (浙江省委書記); travels with counterpart_leader_zh.';
COMMENT ON COLUMN meetings.venue_zh IS 'The venue as the best Chinese source prints it (杭州); venue holds its English name.';
COMMENT ON COLUMN meetings.conference IS 'Hong Kong/<Counterpart> Co-operation (Joint) Conference: from English sources, else the English canonical name a Chinese source gives.';
COMMENT ON COLUMN meetings.hk_leader IS 'Hong Kong side leader, honorific and name as printed in English (Mrs Carrie Lam); null when no English source names one.';
COMMENT ON COLUMN meetings.counterpart_leader IS 'Mainland side leader, as printed in English (Mr Peng Qinghua); null when no English source names one.';
COMMENT ON COLUMN meetings.venue IS 'City where the meeting was held, its English name (Chengdu, Hong Kong), from any source by precedence.';

ALTER TABLE cooperation_areas ALTER COLUMN text DROP NOT NULL;
ALTER TABLE cooperation_areas ADD COLUMN heading_zh VARCHAR;
ALTER TABLE cooperation_areas ADD COLUMN text_zh VARCHAR;
COMMENT ON COLUMN cooperation_areas.text IS 'The area paragraphs in English, separated by blank lines; null for an area known only from a Chinese source.';
COMMENT ON COLUMN cooperation_areas.heading_zh IS 'The heading as the Chinese source prints it: by order, only where the Chinese and English sources list as many areas.';
COMMENT ON COLUMN cooperation_areas.text_zh IS 'The area paragraphs in Chinese, aligned like heading_zh.';

ALTER TABLE agreements ALTER COLUMN title DROP NOT NULL;
ALTER TABLE agreements ADD COLUMN title_zh VARCHAR;
COMMENT ON COLUMN agreements.title IS 'Title as printed in English; null for an agreement known only from a Chinese source.';
COMMENT ON COLUMN agreements.title_zh IS 'Title as printed in Chinese: by order, only where the Chinese and English sources name as many agreements.';

-- attendees: person may be null (someone known only from a Chinese source), so its key becomes a unique
-- constraint (NULLs distinct) and the table is built again.
CREATE TABLE attendees_two_languages (
    meeting_id  VARCHAR NOT NULL,
    person      VARCHAR,
    office      VARCHAR,
    side        VARCHAR NOT NULL,
    role        VARCHAR NOT NULL,
    person_zh   VARCHAR,
    office_zh   VARCHAR,
    UNIQUE (meeting_id, person, role)
);
INSERT INTO attendees_two_languages SELECT meeting_id, person, office, side, role, NULL, NULL FROM attendees;
DROP TABLE attendees;
ALTER TABLE attendees_two_languages RENAME TO attendees;
COMMENT ON TABLE attendees IS 'People named as attending a meeting: one row per person per role.';
COMMENT ON COLUMN attendees.meeting_id IS 'The meeting (meetings.meeting_id).';
COMMENT ON COLUMN attendees.person IS 'Honorific and name as printed in English (Professor Sophia Chan); null for someone known only from a Chinese source.';
COMMENT ON COLUMN attendees.office IS 'Office printed with the name in English (Secretary for Food and Health); null if none.';
COMMENT ON COLUMN attendees.side IS 'hksar | mainland | central.';
COMMENT ON COLUMN attendees.role IS 'co_chair | delegation | guest | signatory.';
COMMENT ON COLUMN attendees.person_zh IS 'The name as the Chinese source prints it (李家超): by order within side and role, only where both sources name as many people there.';
COMMENT ON COLUMN attendees.office_zh IS 'The office as printed in Chinese (浙江省委書記), aligned like person_zh.';

CREATE OR REPLACE VIEW attendance_by_person AS
SELECT a.person, count(DISTINCT a.meeting_id) AS meetings, list(DISTINCT a.role ORDER BY a.role) AS roles,
       list(DISTINCT a.office ORDER BY a.office) FILTER (WHERE a.office IS NOT NULL) AS offices,
       any_value(a.side) AS side, min(m.meeting_date) AS first_meeting, max(m.meeting_date) AS last_meeting,
       list(DISTINCT a.person_zh ORDER BY a.person_zh) FILTER (WHERE a.person_zh IS NOT NULL) AS names_zh
FROM attendees a JOIN meetings m USING (meeting_id)
WHERE a.person IS NOT NULL
GROUP BY a.person;
COMMENT ON VIEW attendance_by_person IS 'How many plenaries each person named in English attended, in which roles and offices, with their names in Chinese where aligned.';
