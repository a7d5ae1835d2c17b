/**
 * The enrolment form's schema (Conform on both sides). An account that has a
 * password confirms it; one made by `npm run create-admin` chooses its first
 * password here. `checkPassword` is the shape rules in the browser and the
 * whole policy (with the account's email) on the server.
 */
import { z } from "zod";
import { confirmingPassword, newPasswordField, passwordShapeProblem } from "~/auth/password-rules";
import { passwordField, textField } from "~/utils/form-fields";

const code = textField("Enter the code from your authenticator app.", { max: 20 });

export function enrolSchema(
  hasPassword: boolean,
  checkPassword: (password: string) => string | null = passwordShapeProblem,
) {
  if (hasPassword) return z.object({ password: passwordField(), code });
  return confirmingPassword(
    z.object({
      password: newPasswordField("Choose a password.", checkPassword),
      confirmPassword: passwordField("Type your password again."),
      code,
    }),
    { password: "password", confirm: "confirmPassword" },
  );
}

export const HIDE = ["password", "confirmPassword"];
