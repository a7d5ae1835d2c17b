/**
 * "Your account", the visitor's part of the apply form: name, email and a new
 * password; or, once the server has said the email already has an account,
 * that account's password in place (everything else typed stays).
 */
import { Link } from "@remix-run/react";
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { Field } from "~/components/forms";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-rules";
import { ACCOUNT_MODE_FIELD, type AccountMode } from "./schema";

type Fields = Record<"name" | "email" | "password", FieldMetadata<unknown>>;

export function AccountFields({
  fields,
  mode,
  signInHref,
  onNewAccount,
}: {
  fields: Fields;
  mode: AccountMode;
  signInHref: string;
  /** With JavaScript: go back to creating a new account (another email). */
  onNewAccount?: () => void;
}) {
  return (
    <fieldset className="field apply-account">
      <legend>
        <span className="apply-account__title">Your account</span>
      </legend>
      <p className="hint">
        {mode === "new" ? (
          <>
            Submitting creates your account, so you can follow this application until a decision.
            Already have one? <Link to={signInHref}>Sign in to apply</Link>
          </>
        ) : (
          <>
            Enter the password of your account to send this application with it.{" "}
            <Link to="/forgot-password">Forgot your password?</Link>
            {onNewAccount ? (
              <>
                {" "}
                <button type="button" className="link-button" onClick={onNewAccount}>
                  Create a new account with another email instead
                </button>
              </>
            ) : null}
          </>
        )}
      </p>
      <input type="hidden" name={ACCOUNT_MODE_FIELD} value={mode} />
      {mode === "new" ? (
        <Field
          label="Full name"
          errors={fields.name.errors}
          inputProps={{
            ...getInputProps(fields.name, { type: "text" }),
            id: "name",
            autoComplete: "name",
            maxLength: 100,
          }}
        />
      ) : (
        <input {...getInputProps(fields.name, { type: "hidden" })} />
      )}
      <Field
        label="Email"
        errors={fields.email.errors}
        inputProps={{
          ...getInputProps(fields.email, { type: "email" }),
          id: "email",
          autoComplete: mode === "new" ? "email" : "username",
          maxLength: 254,
        }}
      />
      <Field
        label={mode === "new" ? "Choose a password" : "Password of your account"}
        hint={
          mode === "new"
            ? `${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not a common password. A passphrase of a few unrelated words works well.`
            : undefined
        }
        errors={fields.password.errors}
        inputProps={{
          ...getInputProps(fields.password, { type: "password" }),
          id: "password",
          autoComplete: mode === "new" ? "new-password" : "current-password",
        }}
      />
    </fieldset>
  );
}
