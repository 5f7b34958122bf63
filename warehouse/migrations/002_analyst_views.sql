-- Views for analysts.

CREATE VIEW meeting_summary AS
SELECT m.meeting_id, m.counterpart, m.conference, m.plenary_number, m.high_level_meeting,
       m.meeting_date, year(m.meeting_date) AS meeting_year, m.venue, m.hk_leader, m.counterpart_leader,
       m.stated_area_count, m.area_count,
       (SELECT count(*) FROM attendees a WHERE a.meeting_id = m.meeting_id) AS attendee_count,
       (SELECT count(*) FROM agreements g WHERE g.meeting_id = m.meeting_id) AS agreement_count,
       m.release_id, r.title, r.source_url
FROM meetings m LEFT JOIN releases r USING (release_id);
COMMENT ON VIEW meeting_summary IS 'One row per meeting with its counts of areas, attendees and agreements.';

CREATE VIEW areas_by_counterpart_year AS
SELECT m.counterpart, year(m.meeting_date) AS meeting_year, a.category, count(*) AS areas,
       list(DISTINCT a.heading ORDER BY a.heading) FILTER (WHERE a.heading IS NOT NULL) AS headings
FROM cooperation_areas a JOIN meetings m USING (meeting_id)
GROUP BY ALL;
COMMENT ON VIEW areas_by_counterpart_year IS 'Co-operation areas counted by counterpart, meeting year (null if unknown) and category.';

CREATE VIEW attendance_by_person AS
SELECT a.person, count(DISTINCT a.meeting_id) AS meetings, list(DISTINCT a.role ORDER BY a.role) AS roles,
       list(DISTINCT a.office ORDER BY a.office) FILTER (WHERE a.office IS NOT NULL) AS offices,
       any_value(a.side) AS side, min(m.meeting_date) AS first_meeting, max(m.meeting_date) AS last_meeting
FROM attendees a JOIN meetings m USING (meeting_id)
GROUP BY a.person;
COMMENT ON VIEW attendance_by_person IS 'How many plenaries each person attended, in which roles and offices.';

CREATE VIEW quarantine_open AS
SELECT quarantine_id, quarantined_at, stage, reason, source_uri, release_id
FROM quarantine WHERE resolved_at IS NULL;
COMMENT ON VIEW quarantine_open IS 'Quarantined items not yet resolved by a corrected re-ingest.';
