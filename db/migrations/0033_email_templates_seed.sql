-- The shipped English text of every message kind (app/emails/registry.ts), so the
-- stored templates start as the texts the app sent before they became editable.
-- updated_by stays NULL: nobody has edited them. app/emails/templates.server.test.ts
-- checks that these rows equal the defaults in the code.
INSERT INTO `email_templates` (`kind`, `locale`, `subject`, `body_markdown`) VALUES
  ('account.welcome', 'en', 'Welcome to {{org.name}}', 'Hello {{candidate.name}},

Your {{org.name}} account is ready. With it you can apply to research roles and follow each application until a decision.

The roles open now:
{{careers.url}}

Your account, where you can change your password, turn on two-factor sign-in, download your data or delete the account:
{{account.url}}

If you did not create this account, someone typed your address by mistake. Reset its password here and then delete it from the account page:
{{forgotPassword.url}}

— The {{org.name}} careers team'),
  ('account.passwordReset', 'en', 'Reset your {{org.name}} password', 'Hello {{user.name}},

Someone (hopefully you) asked to reset the password of your {{org.name}} account.
To choose a new password, open this link within the next hour:

{{reset.url}}

The link works once. If you did not ask for this, you can ignore this email: your password stays as it is.

— The {{org.name}} careers team'),
  ('application.received', 'en', 'We received your application: {{opening.title}}', 'Hello {{candidate.name}},

Thank you for applying for {{opening.title}} at {{org.name}}. Your application has arrived and its status is now "Received".

The hiring team reviews new applications in the order they come in. Every time the status changes, we will email you; you can also follow it at any time here:
{{application.url}}

— The {{org.name}} careers team'),
  ('application.withdrawn', 'en', 'You withdrew your application: {{opening.title}}', 'Hello {{candidate.name}},

This confirms that you withdrew your application for {{opening.title}}. The hiring team has been told, and nothing further will happen with it.

If this was a mistake, you are welcome to apply again while the role is open. The application''s history stays here:
{{application.url}}

— The {{org.name}} careers team'),
  ('application.withdrawnStaff', 'en', 'Application withdrawn: {{candidate.name}} for {{opening.title}}', '{{candidate.name}} withdrew their application for {{opening.title}}.

The application is kept with its history: {{review.url}}

— The {{org.name}} careers team'),
  ('pipeline.received', 'en', 'Your application for {{opening.title}} is waiting for review', 'Hello {{candidate.name}},

Your application is back in the queue of new applications. This is about your application for "{{opening.title}}" at {{org.name}}.
Status: Received

{{message}}

The hiring team reviews applications in the order they come in.

Your application, with everything that happened so far: {{application.url}}

— The {{org.name}} careers team'),
  ('pipeline.inReview', 'en', 'Your application for {{opening.title}} is being reviewed', 'Hello {{candidate.name}},

The hiring team started reviewing your application. This is about your application for "{{opening.title}}" at {{org.name}}.
Status: In review

{{message}}

The team is reading your application and materials. If they would like to talk, they will invite you to an interview; either way you will hear from us.

Your application, with everything that happened so far: {{application.url}}

— The {{org.name}} careers team'),
  ('pipeline.interviewing', 'en', 'Invitation to interview: {{opening.title}}', 'Hello {{candidate.name}},

You were invited to interview. This is about your application for "{{opening.title}}" at {{org.name}}.
Status: Interviewing

{{message}}

The team will contact you to arrange the conversations. Afterwards they gather feedback and decide on next steps.

Your application, with everything that happened so far: {{application.url}}

— The {{org.name}} careers team'),
  ('pipeline.offer', 'en', 'An offer for {{opening.title}}', 'Hello {{candidate.name}},

We have made you an offer. This is about your application for "{{opening.title}}" at {{org.name}}.
Status: Offer

{{message}}

Expect a call or an email with the details. Take the time you need and ask any questions you have.

Your application, with everything that happened so far: {{application.url}}

— The {{org.name}} careers team'),
  ('pipeline.decision', 'en', 'A decision on your application for {{opening.title}}', 'Hello {{candidate.name}},

A decision was made on your application. This is about your application for "{{opening.title}}" at {{org.name}}.
Status: Decision

{{message}}

Your application, with everything that happened so far: {{application.url}}

— The {{org.name}} careers team'),
  ('pipeline.rejected', 'en', 'Your application for {{opening.title}}: we will not move forward', 'Hello {{candidate.name}},

We decided not to move forward with your application. This is about your application for "{{opening.title}}" at {{org.name}}.
Status: Decision

{{message}}

Your application, with everything that happened so far: {{application.url}}

— The {{org.name}} careers team'),
  ('pipeline.hired', 'en', 'Welcome to {{org.name}}: {{opening.title}}', 'Hello {{candidate.name}},

You were hired: congratulations, and welcome! This is about your application for "{{opening.title}}" at {{org.name}}.
Status: Decision

{{message}}

Your application, with everything that happened so far: {{application.url}}

— The {{org.name}} careers team'),
  ('pipeline.openingClosed', 'en', '{{opening.title}} has closed', 'Hello {{candidate.name}},

The role closed, so your application ended. This is about your application for "{{opening.title}}" at {{org.name}}.
Status: Decision

{{message}}

Your application, with everything that happened so far: {{application.url}}

— The {{org.name}} careers team'),
  ('interview.invitation', 'en', 'Interview invitation: {{interview.kind}} for {{opening.title}}', 'Hello {{candidate.name}},

The hiring team would like to invite you to an interview for "{{opening.title}}" at {{org.name}}.

What: {{interview.kind}}
When: {{interview.when}}
Where: {{interview.place}}

A note from the hiring team:
{{interview.note}}

If the time does not suit you, propose other times from your application page: {{application.url}}

— The {{org.name}} careers team'),
  ('interview.updated', 'en', 'Interview updated: {{interview.kind}} for {{opening.title}}', 'Hello {{candidate.name}},

Your interview for "{{opening.title}}" at {{org.name}} has changed. The new details are below; the attached invitation updates the one in your calendar.

What: {{interview.kind}}
When: {{interview.when}}
Where: {{interview.place}}

A note from the hiring team:
{{interview.note}}

If the time does not suit you, propose other times from your application page: {{application.url}}

— The {{org.name}} careers team'),
  ('interview.cancelled', 'en', 'Interview cancelled: {{interview.kind}} for {{opening.title}}', 'Hello {{candidate.name}},

Your interview for "{{opening.title}}" ({{interview.kind}}), planned for {{interview.when}}, has been cancelled. The attached notice removes it from your calendar. The hiring team will be in touch if they would like to find another time.

Your application: {{application.url}}

— The {{org.name}} careers team'),
  ('offer.sent', 'en', 'An offer from {{org.name}}: {{offer.title}}', 'Hello {{candidate.name}},

We are delighted to offer you the position of {{offer.title}}, following your application for "{{opening.title}}".

Read the offer and accept or decline it on your application page before {{offer.expires}}:
{{application.url}}

Take the time you need and ask the hiring team any questions you have.

— The {{org.name}} careers team'),
  ('reference.request', 'en', 'Reference letter request for {{candidate.name}}', 'Hello {{referee.name}},

{{candidate.name}} has applied for the {{opening.title}} role at {{org.name}} and named you as a referee.

You can upload your letter as a PDF file here, without an account:
{{upload.url}}

The link works once and until {{upload.expires}}. Your letter is read by the hiring team only; the candidate is told that it arrived, never what it says.

If you did not expect this email, you can ignore it.

— The {{org.name}} careers team'),
  ('reference.reminder', 'en', 'Reminder: reference letter for {{candidate.name}}', 'Hello {{referee.name}},

{{candidate.name}} asked us to remind you of their request for a reference letter for the {{opening.title}} role at {{org.name}}.

You can upload your letter as a PDF file here, without an account:
{{upload.url}}

The link works once and until {{upload.expires}}. It replaces any earlier link we sent you. Your letter is read by the hiring team only; the candidate is told that it arrived, never what it says.

If you did not expect this email, you can ignore it.

— The {{org.name}} careers team'),
  ('reference.received', 'en', 'Reference letter received: {{opening.title}}', 'Hello {{candidate.name}},

{{referee.name}} has sent their reference letter for your application for {{opening.title}}. It goes to the hiring team only.

You can follow your letters on your application page:
{{application.url}}

— The {{org.name}} careers team');
