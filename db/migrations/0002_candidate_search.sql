-- Recruiters' candidate search (FTS5). One row per application (rowid =
-- applications.id) holding the candidate's name, email and headline, the
-- application's screening answers and its internal notes. Staff-only: it is
-- queried only from /recruit/candidates. Triggers keep it in sync with every
-- table a column comes from; existing applications are indexed at the end.

CREATE VIRTUAL TABLE `candidates_fts` USING fts5(name, email, headline, answers, notes, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE TRIGGER `applications_cfts_ai` AFTER INSERT ON `applications` BEGIN
  INSERT INTO candidates_fts(rowid, name, email, headline, answers, notes)
  VALUES (new.id,
    coalesce((SELECT u.name FROM users u WHERE u.id = new.candidate_id), ''),
    coalesce((SELECT u.email FROM users u WHERE u.id = new.candidate_id), ''),
    coalesce((SELECT cp.headline FROM candidate_profiles cp WHERE cp.user_id = new.candidate_id), ''),
    coalesce((SELECT group_concat(aa.value, ' ') FROM application_answers aa WHERE aa.application_id = new.id), ''),
    coalesce((SELECT group_concat(n.body, ' ') FROM notes n WHERE n.application_id = new.id), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `applications_cfts_ad` AFTER DELETE ON `applications` BEGIN
  DELETE FROM candidates_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `application_answers_cfts_ai` AFTER INSERT ON `application_answers` BEGIN
  UPDATE candidates_fts SET answers = coalesce((SELECT group_concat(aa.value, ' ') FROM application_answers aa WHERE aa.application_id = new.application_id), '')
  WHERE rowid = new.application_id;
END;
--> statement-breakpoint
CREATE TRIGGER `application_answers_cfts_au` AFTER UPDATE ON `application_answers` BEGIN
  UPDATE candidates_fts SET answers = coalesce((SELECT group_concat(aa.value, ' ') FROM application_answers aa WHERE aa.application_id = new.application_id), '')
  WHERE rowid = new.application_id;
END;
--> statement-breakpoint
CREATE TRIGGER `application_answers_cfts_ad` AFTER DELETE ON `application_answers` BEGIN
  UPDATE candidates_fts SET answers = coalesce((SELECT group_concat(aa.value, ' ') FROM application_answers aa WHERE aa.application_id = old.application_id), '')
  WHERE rowid = old.application_id;
END;
--> statement-breakpoint
CREATE TRIGGER `notes_cfts_ai` AFTER INSERT ON `notes` BEGIN
  UPDATE candidates_fts SET notes = coalesce((SELECT group_concat(n.body, ' ') FROM notes n WHERE n.application_id = new.application_id), '')
  WHERE rowid = new.application_id;
END;
--> statement-breakpoint
CREATE TRIGGER `notes_cfts_au` AFTER UPDATE OF body ON `notes` BEGIN
  UPDATE candidates_fts SET notes = coalesce((SELECT group_concat(n.body, ' ') FROM notes n WHERE n.application_id = new.application_id), '')
  WHERE rowid = new.application_id;
END;
--> statement-breakpoint
CREATE TRIGGER `notes_cfts_ad` AFTER DELETE ON `notes` BEGIN
  UPDATE candidates_fts SET notes = coalesce((SELECT group_concat(n.body, ' ') FROM notes n WHERE n.application_id = old.application_id), '')
  WHERE rowid = old.application_id;
END;
--> statement-breakpoint
CREATE TRIGGER `users_cfts_au` AFTER UPDATE OF name, email ON `users` BEGIN
  UPDATE candidates_fts SET name = new.name, email = new.email
  WHERE rowid IN (SELECT a.id FROM applications a WHERE a.candidate_id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_profiles_cfts_ai` AFTER INSERT ON `candidate_profiles` BEGIN
  UPDATE candidates_fts SET headline = new.headline
  WHERE rowid IN (SELECT a.id FROM applications a WHERE a.candidate_id = new.user_id);
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_profiles_cfts_au` AFTER UPDATE OF headline ON `candidate_profiles` BEGIN
  UPDATE candidates_fts SET headline = new.headline
  WHERE rowid IN (SELECT a.id FROM applications a WHERE a.candidate_id = new.user_id);
END;
--> statement-breakpoint
INSERT INTO candidates_fts(rowid, name, email, headline, answers, notes)
SELECT a.id, u.name, u.email,
  coalesce((SELECT cp.headline FROM candidate_profiles cp WHERE cp.user_id = a.candidate_id), ''),
  coalesce((SELECT group_concat(aa.value, ' ') FROM application_answers aa WHERE aa.application_id = a.id), ''),
  coalesce((SELECT group_concat(n.body, ' ') FROM notes n WHERE n.application_id = a.id), '')
FROM applications a JOIN users u ON u.id = a.candidate_id;
