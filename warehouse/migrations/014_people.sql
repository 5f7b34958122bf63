-- People: one row per person, whatever way the releases print the name (warehouse/person_names.py), and each
-- attendees row tied to its person; offices in one canonical spelling beside the printed one (warehouse/offices.py).

CREATE TABLE people (
    person_id      VARCHAR PRIMARY KEY,
    name           VARCHAR,
    honorific      VARCHAR,
    name_zh        VARCHAR,
    aliases        VARCHAR[] NOT NULL,
    aliases_zh     VARCHAR[] NOT NULL,
    first_seen_at  TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE people IS 'One row per person named at a plenary, however the releases print the name; attendees.person_id points here.';
COMMENT ON COLUMN people.person_id IS 'Stable id: p- and the name first resolved for the person (p-carrie-lam); p-zh- and a hash for someone known only in Chinese. Kept once given; a rebuild from the same releases gives the same ids.';
COMMENT ON COLUMN people.name IS 'The name without honorific, as first printed in English (Carrie Lam); null for someone known only in Chinese.';
COMMENT ON COLUMN people.honorific IS 'Mr, Mrs, Ms, Dr, Professor, ... as first printed with the name; null if never printed.';
COMMENT ON COLUMN people.name_zh IS 'The name a Chinese source prints for the person (林鄭月娥), first seen; null when no Chinese source gives it.';
COMMENT ON COLUMN people.aliases IS 'Every English printing resolved to the person, without honorific (Carrie Lam, Lam Cheng Yuet-ngor), in the order first seen.';
COMMENT ON COLUMN people.aliases_zh IS 'Every Chinese printing aligned with the person, in the order first seen.';
COMMENT ON COLUMN people.first_seen_at IS 'When the warehouse first resolved a printing to the person.';

ALTER TABLE attendees ADD COLUMN person_id VARCHAR;
ALTER TABLE attendees ADD COLUMN office_canonical VARCHAR;
ALTER TABLE attendees ADD COLUMN person_resolution VARCHAR;
COMMENT ON COLUMN attendees.person_id IS 'The person (people.person_id); null where the name is ambiguous (person_resolution says why; a warning in dq_results).';
COMMENT ON COLUMN attendees.office_canonical IS 'The office in the canonical vocabulary''s spelling (Chief Executive of the HKSAR); null when not in the vocabulary.';
COMMENT ON COLUMN attendees.person_resolution IS 'How person_id was found: name (the same name), variant (a longer or shorter printing of it), surname_in_meeting (Mrs Lam beside Mrs Carrie Lam), chinese_name, new (first seen); ambiguous: ... (no person given).';

CREATE OR REPLACE VIEW attendance_by_person AS
SELECT p.person_id, p.name, p.name_zh, p.honorific,
       count(DISTINCT a.meeting_id) AS meetings,
       count(DISTINCT a.meeting_id) FILTER (WHERE a.role = 'co_chair') AS meetings_as_co_chair,
       list(DISTINCT m.counterpart ORDER BY m.counterpart) AS counterparts,
       list(DISTINCT a.role ORDER BY a.role) AS roles,
       list(DISTINCT a.office_canonical ORDER BY a.office_canonical) FILTER (WHERE a.office_canonical IS NOT NULL) AS offices,
       any_value(a.side) AS side, min(m.meeting_date) AS first_meeting, max(m.meeting_date) AS last_meeting
FROM attendees a JOIN people p USING (person_id) JOIN meetings m USING (meeting_id)
GROUP BY p.person_id, p.name, p.name_zh, p.honorific;
COMMENT ON VIEW attendance_by_person IS 'How many plenaries each person attended (by person_id, however the name was printed), as co-chair or not, for which counterparts and in which offices.';
COMMENT ON COLUMN attendance_by_person.person_id IS 'The person (people.person_id).';
COMMENT ON COLUMN attendance_by_person.name IS 'The name without honorific (people.name); null for someone known only in Chinese.';
COMMENT ON COLUMN attendance_by_person.name_zh IS 'The name in Chinese, where a Chinese source gives it.';
COMMENT ON COLUMN attendance_by_person.honorific IS 'The honorific first printed with the name.';
COMMENT ON COLUMN attendance_by_person.meetings IS 'How many plenaries the person attended, in any role.';
COMMENT ON COLUMN attendance_by_person.meetings_as_co_chair IS 'How many of them the person co-chaired.';
COMMENT ON COLUMN attendance_by_person.counterparts IS 'The conferences'' Mainland counterparts, each once.';
COMMENT ON COLUMN attendance_by_person.roles IS 'The roles held at them (co_chair, delegation, guest, signatory).';
COMMENT ON COLUMN attendance_by_person.offices IS 'The canonical offices held at them (null: none in the vocabulary).';
COMMENT ON COLUMN attendance_by_person.side IS 'hksar, mainland or central.';
COMMENT ON COLUMN attendance_by_person.first_meeting IS 'The date of the first of those plenaries (null dates left out).';
COMMENT ON COLUMN attendance_by_person.last_meeting IS 'The date of the last of them.';

CREATE VIEW person_offices AS
SELECT a.person_id, p.name, p.name_zh, a.meeting_id, m.counterpart, m.plenary_number, m.meeting_date, a.side, a.role,
       a.office, a.office_canonical, a.office_zh
FROM attendees a JOIN people p USING (person_id) JOIN meetings m USING (meeting_id);
COMMENT ON VIEW person_offices IS 'The office each person held at each plenary: as printed, and in the canonical spelling.';
COMMENT ON COLUMN person_offices.person_id IS 'The person (people.person_id).';
COMMENT ON COLUMN person_offices.name IS 'The name without honorific (people.name).';
COMMENT ON COLUMN person_offices.name_zh IS 'The name in Chinese, where a Chinese source gives it.';
COMMENT ON COLUMN person_offices.meeting_id IS 'The meeting (meetings.meeting_id).';
COMMENT ON COLUMN person_offices.counterpart IS 'The conference''s Mainland counterpart.';
COMMENT ON COLUMN person_offices.plenary_number IS 'Which plenary of the conference.';
COMMENT ON COLUMN person_offices.meeting_date IS 'The day of the meeting (null when the year is not established).';
COMMENT ON COLUMN person_offices.side IS 'hksar, mainland or central.';
COMMENT ON COLUMN person_offices.role IS 'co_chair, delegation, guest or signatory.';
COMMENT ON COLUMN person_offices.office IS 'The office as the English release prints it; null if none.';
COMMENT ON COLUMN person_offices.office_canonical IS 'The office in the canonical vocabulary''s spelling; null when not in it.';
COMMENT ON COLUMN person_offices.office_zh IS 'The office as the Chinese release prints it, where aligned.';
