-- Audit rows keep ids, never personal data, so that retention and account
-- deletion never have to edit them (they are hash-chained from now on).
-- The address of each request and the email typed at a failed sign-in move to
-- audit_context; researchers' names leave the summaries (their id stays).
INSERT INTO `audit_context` (`audit_id`, `at`, `ip`, `email`)
SELECT `id`, `at`, `ip`, json_extract(`detail`, '$.email')
FROM `audit_log`
WHERE `ip` IS NOT NULL OR json_extract(`detail`, '$.email') IS NOT NULL;
--> statement-breakpoint
UPDATE `audit_log` SET `detail` = json_remove(`detail`, '$.email')
WHERE json_extract(`detail`, '$.email') IS NOT NULL;
--> statement-breakpoint
UPDATE `audit_log`
SET `detail` = json_set(
  `detail`,
  '$.summary',
  CASE `action`
    WHEN 'directory.researcher_created' THEN 'Created researcher '
    WHEN 'directory.researcher_edited' THEN 'Edited researcher '
    WHEN 'directory.researcher_retired' THEN 'Retired researcher '
    WHEN 'directory.photo_changed' THEN 'Changed the photo of researcher '
    WHEN 'directory.publication_added' THEN 'Added a publication to researcher '
    WHEN 'directory.publication_removed' THEN 'Removed a publication from researcher '
    WHEN 'directory.publications_imported' THEN 'Imported publications into researcher '
    ELSE 'Changed researcher '
  END || json_extract(`detail`, '$.researcherId') || '.'
)
WHERE json_extract(`detail`, '$.researcherId') IS NOT NULL
  AND json_extract(`detail`, '$.summary') IS NOT NULL;
