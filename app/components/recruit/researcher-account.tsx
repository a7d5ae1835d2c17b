/** The admin people page's account section: whether a researcher's profile is linked to an account, and the invitation. */
import { Form } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { formatDate } from "~/utils/time";

type Account = {
  email: string;
  state: "email" | "invited" | "linked";
  invitedAt: number | null;
  inviteExpiresAt: number | null;
  linkedAt: number | null;
  user: { name: string; email: string; role: string } | null;
} | null;

export function AccountSection({
  account,
  errors,
}: {
  account: Account;
  errors?: string[] | null;
}) {
  return (
    <section aria-labelledby="account-h" className="form-section">
      <h2 id="account-h">Account</h2>
      <FormErrors errors={errors} />
      {!account ? (
        <p>
          Not linked to an account. Add a staff email to the profile above to invite this researcher
          to link one.
        </p>
      ) : account.state === "linked" && account.user ? (
        <p>
          <span className="status-badge status-badge--open">Linked</span> to the account{" "}
          <strong>{account.user.name}</strong> ({account.user.email}, {account.user.role})
          {account.linkedAt ? ` since ${formatDate(account.linkedAt)}` : ""}.
        </p>
      ) : (
        <>
          <p>
            {account.state === "invited" && account.invitedAt && account.inviteExpiresAt ? (
              <>
                <span className="status-badge status-badge--draft">Invited</span> Invitation sent to{" "}
                {account.email} on {formatDate(account.invitedAt)}; it works until{" "}
                {formatDate(account.inviteExpiresAt)}.
              </>
            ) : (
              <>
                <span className="status-badge">Not invited</span> Staff email: {account.email}.
                {account.invitedAt ? " The last invitation has expired." : ""}
              </>
            )}
          </p>
          <Form method="post">
            <button type="submit" name="intent" value="invite" className="button button--small">
              {account.state === "invited" ? "Send the invitation again" : "Send invitation"}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
