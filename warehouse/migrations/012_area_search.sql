-- Search over the areas' text, English and Chinese (issue 16): `SELECT * FROM search_areas('financial technology')`.
-- Plain SQL macros stored in the warehouse, so every DuckDB that opens it runs them, the registry's CLI (1.5) and
-- Harlequin included, with no extension: DuckDB's fts extension is not to be had offline for DuckDB 2.0 (its
-- registry packages stop at 1.4), and an fts index needs the extension in every reader too.
--
-- A query is split on white space into terms; an area matches when it holds every term. A term of ASCII letters
-- matches at the start of a word, whatever the case ('financ' finds "financial", 'art' does not find "start"); any
-- other term (Chinese: '金融', '前海') matches anywhere, as Chinese has no spaces between words; case is ignored in
-- both ('CEPA協議'). A term that starts with punctuation ('(fintech)', '.hk') matches as printed, anywhere. An empty
-- query finds nothing.

CREATE OR REPLACE MACRO area_term_hits(doc, term) AS
    CASE WHEN strlen(term) = length(term)
         THEN len(regexp_extract_all(lower(doc), CASE WHEN regexp_matches(term, '^[a-z0-9]') THEN '\b' ELSE '' END
                                                 || regexp_escape(term)))
         ELSE (length(lower(doc)) - length(replace(lower(doc), term, ''))) // length(term) END;
COMMENT ON MACRO area_term_hits IS 'How often a search term (lower case) occurs in a text, ignoring case: at word starts for an ASCII term that starts with a letter or digit, anywhere for another. Used by search_areas.';

CREATE OR REPLACE MACRO area_snippet(txt, pos, before, width) AS
    CASE WHEN pos > 0 THEN concat(
        CASE WHEN pos > before + 1 THEN '…' END,
        CASE WHEN pos > before + 1 AND strlen(txt) > length(txt) * 2 THEN substr(txt, pos - before, width)
             WHEN pos > before + 1 THEN regexp_replace(substr(txt, pos - before, width), '^\S*\s+', '')
             ELSE substr(txt, 1, width) END,
        CASE WHEN greatest(1, pos - before) + width <= length(txt) THEN '…' END) END;
COMMENT ON MACRO area_snippet IS 'The part of a text around a position: from `before` characters before it (an English text from the next word), `width` characters, with … where it is cut. Used by search_areas.';

CREATE OR REPLACE MACRO search_areas(query) AS TABLE
WITH terms AS (
    SELECT list_filter(string_split_regex(lower(trim(query)), '\s+'), lambda t: t <> '') AS terms
), scored AS (
    SELECT a.meeting_id, a.area_no, a.category, a.heading, a.heading_zh, a.text, a.text_zh, q.terms[1] AS first_term,
           [3 * area_term_hits(concat_ws(' ', a.heading, a.heading_zh), t)
              + area_term_hits(concat_ws(' ', a.text, a.text_zh), t) for t in q.terms] AS per_term
    FROM cooperation_areas a, terms q
)
SELECT s.meeting_id, s.area_no, m.counterpart, m.meeting_date, s.category, s.heading, s.heading_zh,
       CAST(list_sum(s.per_term) AS INTEGER) AS score,
       coalesce(area_snippet(s.text, strpos(lower(coalesce(s.text, '')), s.first_term), 60, 160),
                area_snippet(s.text_zh, strpos(coalesce(s.text_zh, ''), s.first_term), 20, 60),
                concat_ws(' / ', s.heading, s.heading_zh)) AS snippet
FROM scored s JOIN meetings m USING (meeting_id)
WHERE list_min(s.per_term) > 0
ORDER BY score DESC, m.meeting_date, s.meeting_id, s.area_no;
COMMENT ON MACRO TABLE search_areas IS 'Areas whose heading or text (English or Chinese) holds every term of the query: meeting_id, area_no, counterpart, meeting_date, category, heading, heading_zh, score (hits of the terms, a heading hit counting 3), snippet (the text around the first term). README: Analyst tools.';
