-- The approval messages' shipped English texts, as the template editor starts from.
INSERT INTO `email_templates` (`kind`, `locale`, `subject`, `body_markdown`) VALUES ('offer.approvalRequested', 'en', 'An offer waits for your approval: {{candidate.name}}, {{opening.title}}', 'Hello {{staff.name}},

{{drafter.name}} drafted an offer to {{candidate.name}} for "{{opening.title}}": {{offer.title}}. It can only be sent once an admin other than the drafter approves it.

Read and approve it here: {{offer.url}}

Offers waiting for approval are also listed on the admin overview.

— The {{org.name}} careers team');
--> statement-breakpoint
INSERT INTO `email_templates` (`kind`, `locale`, `subject`, `body_markdown`) VALUES ('offer.approved', 'en', 'Offer approved: {{candidate.name}}, {{opening.title}}', 'Hello {{staff.name}},

{{approver.name}} approved your offer to {{candidate.name}} for "{{opening.title}}": {{offer.title}}. It is ready to send.

Send it here: {{offer.url}}

— The {{org.name}} careers team');
