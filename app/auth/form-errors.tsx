import { useActionData } from "@remix-run/react";
import type { ListOfErrors } from "~/components/forms";
import type { FormFailure } from "./forms.server";

/** Errors about a whole form (not one field), announced when they appear. */
export function FormErrors({ id, errors }: { id: string; errors?: ListOfErrors }) {
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

/**
 * The action's answer, typed as what the account forms' actions return on
 * failure (a FormFailure, or the shape named by `T`): one type for every form,
 * whatever mix of `data()` and redirects the action uses.
 */
export function useActionResult<T = FormFailure>(): T | undefined {
  return useActionData() as T | undefined;
}
