/** What the settings forms share: a Conform state per intent, the card around a form, its save button. */
import { useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ReactNode } from "react";
import { SETTINGS_FORMS, type SettingsIntent } from "./schema";

export type Reply = SubmissionResult<string[]> | undefined;

export const NOT_SAVED = "Please correct the fields marked below. Nothing was saved.";

export function useSettingsForm(
  intent: SettingsIntent,
  lastResult: Reply,
  defaultValue: Record<string, string>,
) {
  const schema = SETTINGS_FORMS[intent];
  return useForm({
    id: `settings-${intent}`,
    lastResult: lastResult?.initialValue?.intent === intent ? lastResult : undefined,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

export function SettingsCard({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section id={id} className="card settings-card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {intro ? <p className="muted">{intro}</p> : null}
      {children}
    </section>
  );
}

export function SaveButton({ children }: { children: ReactNode }) {
  return (
    <p className="settings-card__actions">
      <button type="submit" className="button">
        {children}
      </button>
    </p>
  );
}
