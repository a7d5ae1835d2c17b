-- Recruiters search candidates' publications (FTS5): one row per
-- candidate_publications row (rowid = its id), kept in sync by triggers.
-- Queried only from staff pages (/recruit/candidates).
CREATE VIRTUAL TABLE `candidate_publications_fts` USING fts5(title, authors, venue, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE TRIGGER `candidate_publications_fts_ai` AFTER INSERT ON `candidate_publications` BEGIN
  INSERT INTO candidate_publications_fts(rowid, title, authors, venue) VALUES (new.id, new.title, new.authors, new.venue);
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_publications_fts_au` AFTER UPDATE OF title, authors, venue ON `candidate_publications` BEGIN
  UPDATE candidate_publications_fts SET title = new.title, authors = new.authors, venue = new.venue WHERE rowid = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_publications_fts_ad` AFTER DELETE ON `candidate_publications` BEGIN
  DELETE FROM candidate_publications_fts WHERE rowid = old.id;
END;
