-- The language of each release discovery found: the site issues every release in English and in Chinese, each with a
-- P-number of its own, and discovery reads the Chinese feed and daily index pages (DDc.htm) as well as the English.

ALTER TABLE discovered_releases ADD COLUMN language VARCHAR;
COMMENT ON COLUMN discovered_releases.language IS 'en | zh: the language of the feed or daily index page that listed it (general_zh.xml and DDc.htm are Chinese); null for a release named by URL or in an event, whose language its parse tells.';

-- Rows found before this column: by the feed or an index page, in the script of their title (discovery read only the
-- English feed and pages then; a Chinese title came from a feed named with --feed).
UPDATE discovered_releases
   SET language = CASE WHEN regexp_matches(coalesce(title, ''), '\p{Han}') THEN 'zh' ELSE 'en' END
 WHERE discovered_via IN ('feed', 'index');
