-- The ORCID sign-up's email-confirmation message, as the template editor starts from.
INSERT INTO `email_templates` (`kind`, `locale`, `subject`, `body_markdown`) VALUES ('account.orcidEmailVerification', 'en', 'Confirm your email address for {{org.name}}', 'Hello {{candidate.name}},

You signed in to {{org.name}} with your ORCID iD {{orcid.id}} and asked us to use this email address for your account.

To confirm it, open this link within the next hour, in the browser where you signed in with ORCID:

{{verify.url}}

If this was not you, you can ignore this email: no account is created without the link.

— The {{org.name}} careers team');
