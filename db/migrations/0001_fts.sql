-- Full-text search (FTS5). drizzle-kit cannot describe virtual tables, so they
-- live in this hand-written migration with the triggers that keep them in sync.
-- rowid of each FTS row is the id of the row it indexes.

CREATE VIRTUAL TABLE `people_fts` USING fts5(name, title, bio, areas, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE TRIGGER `researchers_fts_ai` AFTER INSERT ON `researchers` BEGIN
  INSERT INTO people_fts(rowid, name, title, bio, areas)
  VALUES (new.id, new.name, new.title, new.bio,
    coalesce((SELECT group_concat(a.name, ' ') FROM researcher_areas ra JOIN research_areas a ON a.id = ra.area_id WHERE ra.researcher_id = new.id), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `researchers_fts_au` AFTER UPDATE OF name, title, bio ON `researchers` BEGIN
  DELETE FROM people_fts WHERE rowid = old.id;
  INSERT INTO people_fts(rowid, name, title, bio, areas)
  VALUES (new.id, new.name, new.title, new.bio,
    coalesce((SELECT group_concat(a.name, ' ') FROM researcher_areas ra JOIN research_areas a ON a.id = ra.area_id WHERE ra.researcher_id = new.id), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `researchers_fts_ad` AFTER DELETE ON `researchers` BEGIN
  DELETE FROM people_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `researcher_areas_fts_ai` AFTER INSERT ON `researcher_areas` BEGIN
  UPDATE people_fts SET areas = coalesce((SELECT group_concat(a.name, ' ') FROM researcher_areas ra JOIN research_areas a ON a.id = ra.area_id WHERE ra.researcher_id = new.researcher_id), '')
  WHERE rowid = new.researcher_id;
END;
--> statement-breakpoint
CREATE TRIGGER `researcher_areas_fts_ad` AFTER DELETE ON `researcher_areas` BEGIN
  UPDATE people_fts SET areas = coalesce((SELECT group_concat(a.name, ' ') FROM researcher_areas ra JOIN research_areas a ON a.id = ra.area_id WHERE ra.researcher_id = old.researcher_id), '')
  WHERE rowid = old.researcher_id;
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `openings_fts` USING fts5(title, summary, description, qualifications, location, areas, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE TRIGGER `openings_fts_ai` AFTER INSERT ON `openings` BEGIN
  INSERT INTO openings_fts(rowid, title, summary, description, qualifications, location, areas)
  VALUES (new.id, new.title, new.summary, new.description, new.qualifications, new.location,
    coalesce((SELECT group_concat(a.name, ' ') FROM opening_areas oa JOIN research_areas a ON a.id = oa.area_id WHERE oa.opening_id = new.id), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `openings_fts_au` AFTER UPDATE OF title, summary, description, qualifications, location ON `openings` BEGIN
  DELETE FROM openings_fts WHERE rowid = old.id;
  INSERT INTO openings_fts(rowid, title, summary, description, qualifications, location, areas)
  VALUES (new.id, new.title, new.summary, new.description, new.qualifications, new.location,
    coalesce((SELECT group_concat(a.name, ' ') FROM opening_areas oa JOIN research_areas a ON a.id = oa.area_id WHERE oa.opening_id = new.id), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `openings_fts_ad` AFTER DELETE ON `openings` BEGIN
  DELETE FROM openings_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_areas_fts_ai` AFTER INSERT ON `opening_areas` BEGIN
  UPDATE openings_fts SET areas = coalesce((SELECT group_concat(a.name, ' ') FROM opening_areas oa JOIN research_areas a ON a.id = oa.area_id WHERE oa.opening_id = new.opening_id), '')
  WHERE rowid = new.opening_id;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_areas_fts_ad` AFTER DELETE ON `opening_areas` BEGIN
  UPDATE openings_fts SET areas = coalesce((SELECT group_concat(a.name, ' ') FROM opening_areas oa JOIN research_areas a ON a.id = oa.area_id WHERE oa.opening_id = old.opening_id), '')
  WHERE rowid = old.opening_id;
END;
