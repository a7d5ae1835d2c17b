-- Publications across the directory: who wrote them (publication_authors) and
-- full-text search over title, venue and authors (FTS5). rowid of each FTS row
-- is the publication's id. `authors` holds the printed author list plus the
-- names of the publication's Atrium authors, so both kinds of name are found.

-- The profile a publication was entered on is always one of its Atrium authors.
INSERT OR IGNORE INTO publication_authors (publication_id, researcher_id)
SELECT id, researcher_id FROM publications;
--> statement-breakpoint
CREATE TRIGGER `publications_owner_author_ai` AFTER INSERT ON `publications` BEGIN
  INSERT OR IGNORE INTO publication_authors (publication_id, researcher_id) VALUES (new.id, new.researcher_id);
END;
--> statement-breakpoint
CREATE TRIGGER `publications_owner_author_au` AFTER UPDATE OF researcher_id ON `publications`
WHEN old.researcher_id IS NOT new.researcher_id BEGIN
  INSERT OR IGNORE INTO publication_authors (publication_id, researcher_id) VALUES (new.id, new.researcher_id);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `publications_fts` USING fts5(title, venue, authors, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
INSERT INTO publications_fts(rowid, title, venue, authors)
SELECT p.id, p.title, p.venue,
  p.authors || ' ' || coalesce((SELECT group_concat(r.name, ' ') FROM researchers r WHERE r.id = p.researcher_id OR r.id IN (SELECT pa.researcher_id FROM publication_authors pa WHERE pa.publication_id = p.id)), '')
FROM publications p;
--> statement-breakpoint
CREATE TRIGGER `publications_fts_ai` AFTER INSERT ON `publications` BEGIN
  INSERT INTO publications_fts(rowid, title, venue, authors)
  VALUES (new.id, new.title, new.venue,
    new.authors || ' ' || coalesce((SELECT group_concat(r.name, ' ') FROM researchers r WHERE r.id = new.researcher_id OR r.id IN (SELECT pa.researcher_id FROM publication_authors pa WHERE pa.publication_id = new.id)), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `publications_fts_au` AFTER UPDATE OF title, venue, authors, researcher_id ON `publications` BEGIN
  DELETE FROM publications_fts WHERE rowid = old.id;
  INSERT INTO publications_fts(rowid, title, venue, authors)
  VALUES (new.id, new.title, new.venue,
    new.authors || ' ' || coalesce((SELECT group_concat(r.name, ' ') FROM researchers r WHERE r.id = new.researcher_id OR r.id IN (SELECT pa.researcher_id FROM publication_authors pa WHERE pa.publication_id = new.id)), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `publications_fts_ad` AFTER DELETE ON `publications` BEGIN
  DELETE FROM publications_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `publication_authors_fts_ai` AFTER INSERT ON `publication_authors` BEGIN
  UPDATE publications_fts SET authors = (SELECT p.authors FROM publications p WHERE p.id = new.publication_id) || ' ' ||
    coalesce((SELECT group_concat(r.name, ' ') FROM researchers r WHERE r.id IN (SELECT pa.researcher_id FROM publication_authors pa WHERE pa.publication_id = new.publication_id)), '')
  WHERE rowid = new.publication_id;
END;
--> statement-breakpoint
CREATE TRIGGER `publication_authors_fts_ad` AFTER DELETE ON `publication_authors` BEGIN
  UPDATE publications_fts SET authors = (SELECT p.authors FROM publications p WHERE p.id = old.publication_id) || ' ' ||
    coalesce((SELECT group_concat(r.name, ' ') FROM researchers r WHERE r.id IN (SELECT pa.researcher_id FROM publication_authors pa WHERE pa.publication_id = old.publication_id)), '')
  WHERE rowid = old.publication_id;
END;
--> statement-breakpoint
-- A renamed researcher is found under the new name in every publication they wrote.
CREATE TRIGGER `researchers_publications_fts_au` AFTER UPDATE OF name ON `researchers`
WHEN old.name IS NOT new.name BEGIN
  UPDATE publications_fts SET authors = (SELECT p.authors FROM publications p WHERE p.id = publications_fts.rowid) || ' ' ||
    coalesce((SELECT group_concat(r.name, ' ') FROM researchers r WHERE r.id IN (SELECT pa.researcher_id FROM publication_authors pa WHERE pa.publication_id = publications_fts.rowid)), '')
  WHERE rowid IN (SELECT pa.publication_id FROM publication_authors pa WHERE pa.researcher_id = new.id);
END;
--> statement-breakpoint
-- The page cache's content version (see 0011_content_version_triggers.sql): the
-- publications index, tool pages, profiles and the home page show these tables.
CREATE TRIGGER `publication_authors_content_version_ai` AFTER INSERT ON `publication_authors` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `publication_authors_content_version_au` AFTER UPDATE ON `publication_authors` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `publication_authors_content_version_ad` AFTER DELETE ON `publication_authors` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tools_content_version_ai` AFTER INSERT ON `tools` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tools_content_version_au` AFTER UPDATE ON `tools` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tools_content_version_ad` AFTER DELETE ON `tools` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tool_areas_content_version_ai` AFTER INSERT ON `tool_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tool_areas_content_version_au` AFTER UPDATE ON `tool_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tool_areas_content_version_ad` AFTER DELETE ON `tool_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tool_maintainers_content_version_ai` AFTER INSERT ON `tool_maintainers` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tool_maintainers_content_version_au` AFTER UPDATE ON `tool_maintainers` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tool_maintainers_content_version_ad` AFTER DELETE ON `tool_maintainers` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tool_publications_content_version_ai` AFTER INSERT ON `tool_publications` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tool_publications_content_version_au` AFTER UPDATE ON `tool_publications` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tool_publications_content_version_ad` AFTER DELETE ON `tool_publications` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
