-- Stage kinds for the pipelines that existed before stages had them, and what
-- follows from the kinds (docs/decisions/0019-stage-kinds-and-hiring.md):
-- 1. applied / screening / interview / offer: a stage named like the default
--    one of that kind, else a stage whose public status is that kind's (what
--    the organisation told candidates the stage is). Each kind once per
--    pipeline (the earliest stage of it) and in funnel order; anything else is
--    custom, and so shows the status of the kind before it: a second
--    "interviewing" stage after Interview still shows "Interviewing".
-- 2. hired: the last stage named like "Hired" or "Hire" (not "Not hired",
--    "No hire", "Rejected"), moved to the end; a pipeline without one gets a
--    "Hired" stage appended. Positions are renumbered 0, 1, 2, ...
-- 3. Every stage's public status from the kinds: custom stages show the status
--    of the nearest kind before them, or "In review".
-- 4. Applications: an active one in the hired stage was dragged there when a
--    drag did not hire; it is hired now (one internal "hired" event, no email).
--    A hired one anywhere else moves into the hired stage, and every hired one
--    has exactly one "hired" event.
-- 5. Events that showed "Decision" show "Hired" or "Not selected" (or, for a
--    move, the status of the stage moved into).
WITH guesses AS (
  SELECT id, opening_id, position,
    coalesce(
      CASE lower(trim(name)) WHEN 'applied' THEN 'applied' WHEN 'screening' THEN 'screening'
        WHEN 'interview' THEN 'interview' WHEN 'offer' THEN 'offer' END,
      CASE public_status WHEN 'received' THEN 'applied' WHEN 'in_review' THEN 'screening'
        WHEN 'interviewing' THEN 'interview' WHEN 'offer' THEN 'offer' END
    ) AS guess
  FROM stages
), firsts AS (
  SELECT id, opening_id, position, guess,
    CASE guess WHEN 'applied' THEN 0 WHEN 'screening' THEN 1 WHEN 'interview' THEN 2 ELSE 3 END AS rnk
  FROM (
    SELECT *, row_number() OVER (PARTITION BY opening_id, guess ORDER BY position, id) AS nth
    FROM guesses WHERE guess IS NOT NULL
  ) WHERE nth = 1
), ordered AS (
  SELECT id, guess, rnk,
    max(rnk) OVER (PARTITION BY opening_id ORDER BY position
      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
  FROM firsts
)
UPDATE `stages` SET `kind` = ordered.guess
FROM ordered
WHERE `stages`.`id` = ordered.id AND (ordered.before IS NULL OR ordered.before < ordered.rnk);
--> statement-breakpoint
UPDATE `stages` SET `kind` = 'hired' WHERE `id` IN (
  SELECT id FROM (
    SELECT id, row_number() OVER (PARTITION BY opening_id ORDER BY position DESC, id DESC) AS nth
    FROM (SELECT id, opening_id, position, ' ' || lower(trim(name)) || ' ' AS n FROM stages)
    WHERE (n GLOB '*[^a-z]hire[^a-z]*' OR n GLOB '*[^a-z]hired[^a-z]*')
      AND NOT (n GLOB '*[^a-z]not[^a-z]*' OR n GLOB '*[^a-z]no[^a-z]*'
        OR n GLOB '*reject*' OR n GLOB '*declin*')
  ) WHERE nth = 1
);
--> statement-breakpoint
UPDATE `stages` SET `position` = (
  SELECT max(p.position) + 1 FROM stages p WHERE p.opening_id = `stages`.`opening_id`
)
WHERE `kind` = 'hired'
  AND `position` < (SELECT max(p.position) FROM stages p WHERE p.opening_id = `stages`.`opening_id`);
--> statement-breakpoint
INSERT INTO `stages` (`opening_id`, `position`, `name`, `kind`, `public_status`)
SELECT o.id,
  coalesce((SELECT max(s.position) + 1 FROM stages s WHERE s.opening_id = o.id), 0),
  'Hired', 'hired', 'hired'
FROM openings o
WHERE NOT EXISTS (SELECT 1 FROM stages s WHERE s.opening_id = o.id AND s.kind = 'hired');
--> statement-breakpoint
UPDATE `stages` SET `position` = r.pos
FROM (
  SELECT id, row_number() OVER (PARTITION BY opening_id ORDER BY position, id) - 1 AS pos
  FROM stages
) r
WHERE `stages`.`id` = r.id AND `stages`.`position` <> r.pos;
--> statement-breakpoint
UPDATE `stages` SET `public_status` = CASE `kind`
  WHEN 'applied' THEN 'received'
  WHEN 'screening' THEN 'in_review'
  WHEN 'interview' THEN 'interviewing'
  WHEN 'offer' THEN 'offer'
  WHEN 'hired' THEN 'hired'
  ELSE coalesce((
    SELECT CASE p.kind WHEN 'applied' THEN 'received' WHEN 'screening' THEN 'in_review'
      WHEN 'interview' THEN 'interviewing' ELSE 'offer' END
    FROM stages p
    WHERE p.opening_id = `stages`.`opening_id` AND p.position < `stages`.`position`
      AND p.kind NOT IN ('custom', 'hired')
    ORDER BY p.position DESC LIMIT 1
  ), 'in_review')
END;
--> statement-breakpoint
INSERT INTO `application_events`
  (`application_id`, `at`, `actor_user_id`, `type`, `from_stage_id`, `to_stage_id`,
   `candidate_visible`, `internal_detail`)
SELECT a.id, a.stage_entered_at,
  (SELECT e.actor_user_id FROM application_events e
   WHERE e.application_id = a.id AND e.type = 'moved' AND e.to_stage_id = a.stage_id
   ORDER BY e.at DESC, e.id DESC LIMIT 1),
  'hired', a.stage_id, a.stage_id, 0,
  'Hired: moved into ' || s.name || ' when a move did not yet hire'
FROM applications a JOIN stages s ON s.id = a.stage_id
WHERE a.status = 'active' AND s.kind = 'hired';
--> statement-breakpoint
UPDATE `applications` SET `status` = 'hired', `version` = `version` + 1
WHERE `status` = 'active'
  AND `stage_id` IN (SELECT id FROM stages WHERE kind = 'hired');
--> statement-breakpoint
INSERT INTO `application_events`
  (`application_id`, `at`, `actor_user_id`, `type`, `from_stage_id`, `to_stage_id`,
   `candidate_visible`, `internal_detail`)
SELECT a.id, a.stage_entered_at, NULL, 'hired', a.stage_id, h.id, 0,
  'Hired (recorded when stage kinds were introduced)'
FROM applications a JOIN stages h ON h.opening_id = a.opening_id AND h.kind = 'hired'
WHERE a.status = 'hired'
  AND NOT EXISTS (
    SELECT 1 FROM application_events e WHERE e.application_id = a.id AND e.type = 'hired'
  );
--> statement-breakpoint
UPDATE `applications` SET
  `stage_id` = (SELECT h.id FROM stages h WHERE h.opening_id = `applications`.`opening_id` AND h.kind = 'hired'),
  `stage_entered_at` = coalesce((
    SELECT min(e.at) FROM application_events e
    WHERE e.application_id = `applications`.`id` AND e.type = 'hired'
  ), `stage_entered_at`),
  `version` = `version` + 1
WHERE `status` = 'hired'
  AND `stage_id` <> (SELECT h.id FROM stages h WHERE h.opening_id = `applications`.`opening_id` AND h.kind = 'hired');
--> statement-breakpoint
UPDATE `application_events` SET `public_status` = CASE
  WHEN `type` = 'hired' THEN 'hired'
  WHEN `type` IN ('rejected', 'opening_closed') THEN 'not_selected'
  ELSE coalesce((SELECT s.public_status FROM stages s WHERE s.id = `application_events`.`to_stage_id`), 'in_review')
END
WHERE `public_status` = 'decision';
--> statement-breakpoint
-- Reports read the kinds: a change of kind is a change of every report.
DROP TRIGGER `report_state_stages_upd`;
--> statement-breakpoint
CREATE TRIGGER `report_state_stages_upd` AFTER UPDATE OF `name`, `position`, `opening_id`, `kind` ON `stages` BEGIN
  UPDATE `report_state` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
-- No stage shows "Decision" any more, so its email is gone from the registry (app/emails/pipeline.ts),
-- and the emails that said "Status: Decision" say what the candidate's page now shows.
DELETE FROM `email_templates` WHERE `kind` = 'pipeline.decision';
--> statement-breakpoint
UPDATE `email_templates` SET `body_markdown` = replace(`body_markdown`, 'Status: Decision', 'Status: Hired')
WHERE `kind` = 'pipeline.hired';
--> statement-breakpoint
UPDATE `email_templates` SET `body_markdown` = replace(`body_markdown`, 'Status: Decision', 'Status: Not selected')
WHERE `kind` IN ('pipeline.rejected', 'pipeline.openingClosed');
