ALTER TABLE `offers` ADD `returned_by` integer;--> statement-breakpoint
ALTER TABLE `offers` ADD `returned_at` integer;--> statement-breakpoint
ALTER TABLE `offers` ADD `return_reason` text;--> statement-breakpoint
-- The send-back message's shipped English text, as the template editor starts from.
INSERT INTO `email_templates` (`kind`, `locale`, `subject`, `body_markdown`) VALUES ('offer.returned', 'en', 'Offer sent back: {{candidate.name}}, {{opening.title}}', 'Hello {{staff.name}},

{{approver.name}} sent your offer to {{candidate.name}} for "{{opening.title}}" back without approving it: {{offer.title}}.

Their reason: {{offer.returnReason}}

Draft a corrected offer here: {{offer.url}}

— The {{org.name}} careers team');
