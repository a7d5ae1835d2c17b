-- The organisation's settings start as the demo organisation's (app/models/settings-content.ts;
-- settings.server.test.ts keeps the two equal): every database showed Northlight Research's name,
-- colours and home page before they became settings, and still does until an admin changes them.
-- /setup, the first run of a deployment without demo data, names the real organisation and clears
-- the demo's texts. Public pages read the row, so it bumps the content version like every public
-- table (0011_content_version_triggers.sql).
INSERT INTO `organisation_settings` (`id`, `name`, `short_name`, `brand_colour`, `accent_colour`, `home_heading`, `home_intro`, `home_cta_label`, `home_cta_url`, `contact_email`, `contact_phone`, `postal_address`, `privacy_controller`, `privacy_contact`, `about_lens`, `about_values`, `about_quote`, `about_quote_by`) VALUES (
  1,
  'Northlight Research',
  'Northlight',
  '#1d3b6a',
  '#f5c451',
  'Research that asks what technology is for',
  'At Northlight Research, scientists and engineers work on the foundations of computing and on the questions it raises — from trustworthy systems and better tools for science to health, creativity and a more resilient planet.',
  'Meet the people',
  '/people',
  'hello@northlight.test',
  '',
  'Northlight Research
12 Lantern Quay
Edinburgh EH6 7ZZ
United Kingdom',
  'Northlight Research
12 Lantern Quay
Edinburgh EH6 7ZZ
United Kingdom',
  'Data protection officer: privacy@northlight.test',
  'We start from a question rather than a technology: **what would make this useful, fair and lasting for the people who will live with it?**

Our researchers work on the foundations of computing — how machines represent knowledge, how they learn, what new kinds of computer can do — and follow that work to where it meets the world: in laboratories, clinics, studios, fields and city halls. We judge an idea by what others can do with it, so we publish what we learn and release the tools we build.',
  '- **Rigour.** We hold our own results to the standard we would hold a rival''s: measured honestly, reproducible, with their limits written down.
- **Calculated risk.** Some problems are worth choosing because they might not work. We plan for that, learn from it, and say so when they don''t.
- **Sharing our work.** Papers, code, data and models leave the building whenever they can, so that others can check them and build on them.
- **Moving the conversation forward.** We take part in the debates our field raises — in workshops, standards bodies and public forums — and bring evidence to them.
- **Working across the research ecosystem.** Universities, hospitals, public agencies and other labs are our partners; the best questions sit between disciplines and institutions.',
  'The questions worth our time are the ones whose answers we would be glad to hand to someone else.',
  'From Northlight Research''s founding charter'
);
--> statement-breakpoint
CREATE TRIGGER `organisation_settings_content_version_ai` AFTER INSERT ON `organisation_settings` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organisation_settings_content_version_au` AFTER UPDATE ON `organisation_settings` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organisation_settings_content_version_ad` AFTER DELETE ON `organisation_settings` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- The shipped text of the researcher invitation (app/emails/account.ts), like 0033_email_templates_seed.sql.
INSERT INTO `email_templates` (`kind`, `locale`, `subject`, `body_markdown`) VALUES
  ('account.researcherInvitation', 'en', 'Link your {{org.name}} profile to an account', 'Hello {{researcher.name}},

{{inviter.name}} invited you to link your profile in the {{org.name}} directory to an account, so that you can sign in as yourself — for example to review candidates when you are on a hiring team.

To accept, open this link within the next seven days:

{{invitation.url}}

If you already have an account with this address, sign in when asked and your profile is linked to it. Otherwise you choose a password and the account is created.

If you did not expect this, you can ignore this email.

— The {{org.name}} careers team');
--> statement-breakpoint
-- The apply form's "how did you hear" choices no longer name the organisation (a rename would
-- split the reports): answers given with the old wording take the new one.
UPDATE `applications` SET `source` = 'Our careers site' WHERE `source` = 'The Northlight Research careers site';
--> statement-breakpoint
UPDATE `applications` SET `source` = 'One of our researchers' WHERE `source` = 'A researcher at Northlight Research';
