import { useNavigation } from "@remix-run/react";
import {
  useEffect,
  useId,
  useRef,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

/**
 * Empties a password input once a submission finishes. Without JavaScript
 * the server re-renders the form without the password; with JavaScript the
 * same input stays mounted, so it must be cleared to behave the same way.
 */
function useClearAfterSubmission(ref: React.RefObject<HTMLInputElement | null>, enabled: boolean) {
  const navigation = useNavigation();
  const wasBusy = useRef(false);
  useEffect(() => {
    if (!enabled) return;
    if (navigation.state !== "idle") {
      wasBusy.current = true;
    } else if (wasBusy.current) {
      wasBusy.current = false;
      if (ref.current) ref.current.value = "";
    }
  }, [navigation.state, enabled, ref]);
}

export type ListOfErrors = Array<string | null | undefined> | null | undefined;

/** Errors beside a field (or a form), announced by screen readers. */
export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const list = errors?.filter(Boolean);
  if (!list?.length) return null;
  return (
    <div id={id} className="field-error">
      {list.map((e) => (
        <p key={e} className="field-error">
          {e}
        </p>
      ))}
    </div>
  );
}

/**
 * Errors about a whole form (Conform's `form.errors`, or a server rule such as
 * "this email is taken" that is not about one field), announced when they
 * appear.
 */
export function FormErrors({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const list = errors?.filter(Boolean);
  if (!list?.length) return null;
  return (
    <div id={id} className="form-error" role="alert">
      {list.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

type FieldBase = { label: ReactNode; hint?: ReactNode; errors?: ListOfErrors; className?: string };

function describedBy(hintId: string | undefined, errorId: string | undefined) {
  return [hintId, errorId].filter(Boolean).join(" ") || undefined;
}

/** A labelled input with its hint and errors wired up for assistive technology. */
export function Field({
  label,
  hint,
  errors,
  className,
  inputProps,
}: FieldBase & { inputProps: InputHTMLAttributes<HTMLInputElement> }) {
  const fallbackId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  useClearAfterSubmission(inputRef, inputProps.type === "password");
  const id = inputProps.id ?? fallbackId;
  const hasErrors = Boolean(errors?.filter(Boolean).length);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = hasErrors ? `${id}-error` : undefined;
  return (
    <div className={className ?? "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        {...inputProps}
        ref={inputRef}
        id={id}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy(hintId, errorId)}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function TextareaField({
  label,
  hint,
  errors,
  className,
  textareaProps,
}: FieldBase & { textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> }) {
  const fallbackId = useId();
  const id = textareaProps.id ?? fallbackId;
  const hasErrors = Boolean(errors?.filter(Boolean).length);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = hasErrors ? `${id}-error` : undefined;
  return (
    <div className={className ?? "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea
        {...textareaProps}
        id={id}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy(hintId, errorId)}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function SelectField({
  label,
  hint,
  errors,
  className,
  selectProps,
  children,
}: FieldBase & { selectProps: SelectHTMLAttributes<HTMLSelectElement>; children: ReactNode }) {
  const fallbackId = useId();
  const id = selectProps.id ?? fallbackId;
  const hasErrors = Boolean(errors?.filter(Boolean).length);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = hasErrors ? `${id}-error` : undefined;
  return (
    <div className={className ?? "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <select
        {...selectProps}
        id={id}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy(hintId, errorId)}
      >
        {children}
      </select>
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}
