-- Topics over time (issue 16): every category of each area, primary first, and each conference's categories from
-- one plenary to the next. `area_categories` is written with the areas (`warehouse.meetings`, by
-- `warehouse.topics`); this migration's Python step (`warehouse.connection._AFTER`) fills it for the areas already
-- loaded, by the same rule (`parsers.area_categories`) read from the stored areas.

CREATE TABLE area_categories (
    meeting_id  VARCHAR NOT NULL,
    area_no     INTEGER NOT NULL,
    category    VARCHAR NOT NULL,
    rank        INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, area_no, category),
    UNIQUE (meeting_id, area_no, rank)
);
COMMENT ON TABLE area_categories IS 'Every category of each co-operation area: rank 1 is the area''s category (cooperation_areas.category), the others are further categories its heading names or its text uses often (README, "Topics over time").';
COMMENT ON COLUMN area_categories.meeting_id IS 'The meeting (meetings.meeting_id).';
COMMENT ON COLUMN area_categories.area_no IS 'The area (cooperation_areas.area_no).';
COMMENT ON COLUMN area_categories.category IS 'A category from the fixed vocabulary (README).';
COMMENT ON COLUMN area_categories.rank IS '1: the primary category (= cooperation_areas.category); 2, 3, ...: further categories, those the heading names first, then those the text uses, most used first.';

CREATE VIEW conference_timeline AS
WITH plenaries AS (  -- the plenaries whose areas were read: one read without areas says nothing of its topics
    SELECT meeting_id, counterpart, conference, plenary_number, meeting_date,
           lag(meeting_id) OVER (PARTITION BY counterpart ORDER BY plenary_number, meeting_id) AS previous_meeting_id,
           lag(plenary_number) OVER (PARTITION BY counterpart ORDER BY plenary_number, meeting_id) AS previous_plenary_number
    FROM meetings WHERE plenary_number IS NOT NULL AND meeting_id IN (SELECT meeting_id FROM area_categories)
), carried AS (
    SELECT c.meeting_id, c.category, count(*) AS areas, count(*) FILTER (WHERE c.rank = 1) AS primary_areas,
           list(c.area_no ORDER BY c.area_no) AS area_nos,
           list(coalesce(a.heading, a.heading_zh) ORDER BY c.area_no)
               FILTER (WHERE coalesce(a.heading, a.heading_zh) IS NOT NULL) AS headings
    FROM area_categories c JOIN cooperation_areas a USING (meeting_id, area_no)
    GROUP BY c.meeting_id, c.category
)
SELECT p.counterpart, p.conference, p.plenary_number, p.meeting_id, p.meeting_date, c.category,
       CASE WHEN b.category IS NULL THEN 'new' ELSE 'continued' END AS status,
       c.areas, c.primary_areas, c.area_nos, c.headings, p.previous_plenary_number, p.previous_meeting_id
FROM plenaries p JOIN carried c ON c.meeting_id = p.meeting_id
LEFT JOIN carried b ON b.meeting_id = p.previous_meeting_id AND b.category = c.category
UNION ALL
SELECT p.counterpart, p.conference, p.plenary_number, p.meeting_id, p.meeting_date, b.category, 'dropped' AS status,
       0 AS areas, 0 AS primary_areas, NULL AS area_nos, NULL AS headings, p.previous_plenary_number,
       p.previous_meeting_id
FROM plenaries p JOIN carried b ON b.meeting_id = p.previous_meeting_id
WHERE NOT EXISTS (SELECT 1 FROM carried c WHERE c.meeting_id = p.meeting_id AND c.category = b.category);
COMMENT ON VIEW conference_timeline IS 'For each conference, each plenary''s categories (any rank in area_categories), each new, continued or dropped against the conference''s previous plenary in the warehouse (by plenary number) whose areas were read; a plenary read without areas is left out.';
COMMENT ON COLUMN conference_timeline.counterpart IS 'The Mainland counterpart (English name): the conference.';
COMMENT ON COLUMN conference_timeline.conference IS 'The conference''s English name, as the meeting gives it.';
COMMENT ON COLUMN conference_timeline.plenary_number IS 'The plenary''s number within its conference.';
COMMENT ON COLUMN conference_timeline.meeting_id IS 'The plenary (meetings.meeting_id).';
COMMENT ON COLUMN conference_timeline.meeting_date IS 'The day of the plenary (null when the year is not established).';
COMMENT ON COLUMN conference_timeline.category IS 'A category from the fixed vocabulary.';
COMMENT ON COLUMN conference_timeline.status IS 'new: no area of the previous plenary carries it (or there is no previous plenary in the warehouse: previous_plenary_number null); continued: some area of both carries it; dropped: the previous plenary carried it and this one does not.';
COMMENT ON COLUMN conference_timeline.areas IS 'How many of this plenary''s areas carry the category, at any rank (0 when dropped).';
COMMENT ON COLUMN conference_timeline.primary_areas IS 'How many of them have it as their primary category (rank 1; 0 when dropped).';
COMMENT ON COLUMN conference_timeline.area_nos IS 'Those areas'' numbers (cooperation_areas.area_no), in order; null when dropped.';
COMMENT ON COLUMN conference_timeline.headings IS 'Their headings (English, else Chinese), in order, headless areas left out; null when dropped or when none has a heading.';
COMMENT ON COLUMN conference_timeline.previous_plenary_number IS 'The conference''s plenary before this one in the warehouse with areas read (the next lower number; null: none). A gap means the plenaries between are not loaded, or were read without areas.';
COMMENT ON COLUMN conference_timeline.previous_meeting_id IS 'That plenary''s meeting_id (null: none loaded).';
