/** The forms of /account, by `intent`: one discriminated schema, Conform on both sides. */
import { z } from "zod";
import { confirmingPassword, newPasswordField, passwordShapeProblem } from "~/auth/password-rules";
import { NameSchema, passwordField } from "~/utils/form-fields";

const currentPassword = passwordField("Enter your current password.");

/** The forms of this page, by `intent`. `checkPassword`: shape rules in the browser, the whole policy on the server. */
export function intentSchemas(
  checkPassword: (password: string) => string | null = passwordShapeProblem,
) {
  return {
    name: z.object({ intent: z.literal("name"), name: NameSchema }),
    password: confirmingPassword(
      z.object({
        intent: z.literal("password"),
        currentPassword,
        newPassword: newPasswordField("Choose a new password.", checkPassword),
        confirmPassword: passwordField("Type your new password again."),
      }),
      { password: "newPassword", confirm: "confirmPassword" },
    ),
    sessions: z.object({ intent: z.literal("sessions"), currentPassword }),
    delete: z.object({ intent: z.literal("delete"), currentPassword }),
  };
}

export function accountSchema(checkPassword: (password: string) => string | null) {
  const forms = intentSchemas(checkPassword);
  return z.discriminatedUnion(
    "intent",
    [forms.name, forms.password, forms.sessions, forms.delete],
    { error: "That action is not recognised. Please use the buttons on this page." },
  );
}

/** Password fields are never sent back to the browser. */
export const HIDE = ["currentPassword", "newPassword", "confirmPassword"];
