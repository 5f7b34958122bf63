-- A comment on every column of every view too (the tables' columns have theirs): `duckdb_columns()`, the data
-- dictionary of `plenary export`, and analysts' tools show them.

COMMENT ON COLUMN meeting_summary.meeting_id IS '<counterpart slug>-<plenary number>, as in meetings.';
COMMENT ON COLUMN meeting_summary.counterpart IS 'The Mainland province, municipality or region (English name).';
COMMENT ON COLUMN meeting_summary.conference IS 'The conference''s English name.';
COMMENT ON COLUMN meeting_summary.plenary_number IS 'The plenary''s number within its conference.';
COMMENT ON COLUMN meeting_summary.high_level_meeting IS 'True for a High-Level Meeting cum Plenary.';
COMMENT ON COLUMN meeting_summary.meeting_date IS 'The day of the meeting (null when the year is not established).';
COMMENT ON COLUMN meeting_summary.meeting_year IS 'The year of meeting_date (null when it is null).';
COMMENT ON COLUMN meeting_summary.venue IS 'The city the meeting was held in (English name).';
COMMENT ON COLUMN meeting_summary.hk_leader IS 'The Hong Kong co-chair, as the English release prints the name.';
COMMENT ON COLUMN meeting_summary.counterpart_leader IS 'The Mainland co-chair, as the English release prints the name.';
COMMENT ON COLUMN meeting_summary.stated_area_count IS 'How many areas the release says there are (null: it says nothing).';
COMMENT ON COLUMN meeting_summary.area_count IS 'How many areas were extracted.';
COMMENT ON COLUMN meeting_summary.attendee_count IS 'How many attendees rows the meeting has.';
COMMENT ON COLUMN meeting_summary.agreement_count IS 'How many agreements rows the meeting has.';
COMMENT ON COLUMN meeting_summary.release_id IS 'The release ranked first among the meeting''s sources.';
COMMENT ON COLUMN meeting_summary.title IS 'That release''s title.';
COMMENT ON COLUMN meeting_summary.source_url IS 'That release''s web address, when known.';

COMMENT ON COLUMN areas_by_counterpart_year.counterpart IS 'The Mainland counterpart (English name).';
COMMENT ON COLUMN areas_by_counterpart_year.meeting_year IS 'The year of the meetings counted (null: the year is unknown).';
COMMENT ON COLUMN areas_by_counterpart_year.category IS 'The areas'' category (the fixed vocabulary).';
COMMENT ON COLUMN areas_by_counterpart_year.areas IS 'How many areas of that counterpart, year and category.';
COMMENT ON COLUMN areas_by_counterpart_year.headings IS 'Their headings, each once, in order (null headings left out).';

COMMENT ON COLUMN attendance_by_person.person IS 'The person as printed in English, with honorific.';
COMMENT ON COLUMN attendance_by_person.meetings IS 'How many plenaries the person attended.';
COMMENT ON COLUMN attendance_by_person.roles IS 'The roles held at them (co_chair, delegation, guest, signatory).';
COMMENT ON COLUMN attendance_by_person.offices IS 'The offices printed with the name at them.';
COMMENT ON COLUMN attendance_by_person.side IS 'hksar, mainland or central.';
COMMENT ON COLUMN attendance_by_person.first_meeting IS 'The date of the first of those plenaries.';
COMMENT ON COLUMN attendance_by_person.last_meeting IS 'The date of the last of them.';
COMMENT ON COLUMN attendance_by_person.names_zh IS 'The names the Chinese releases print for the person, where aligned.';

COMMENT ON COLUMN quarantine_open.quarantine_id IS 'The quarantine row''s id.';
COMMENT ON COLUMN quarantine_open.quarantined_at IS 'When it was quarantined.';
COMMENT ON COLUMN quarantine_open.stage IS 'discover, fetch, read, parse or validate.';
COMMENT ON COLUMN quarantine_open.reason IS 'Why, in one line.';
COMMENT ON COLUMN quarantine_open.source_uri IS 'The file or address that was read.';
COMMENT ON COLUMN quarantine_open.release_id IS 'The release''s id, when it was read far enough to have one.';
