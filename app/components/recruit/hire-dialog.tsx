/**
 * The one confirmation before a hire. With JavaScript every path into the
 * hired stage (a drag with the mouse or the keyboard, a card's Move or Hire…,
 * the bulk bar, the review page) asks through `useAskToHire()` and this modal
 * <dialog> (focus is trapped and Escape cancels, by the browser); nothing is
 * posted until the recruiter says yes. Without JavaScript the same forms post
 * without `confirm=yes` and the action answers with `HireConfirmPage`. Both
 * show the words of `hireQuestion`.
 */
import { Form, Link, useLocation } from "@remix-run/react";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { hireQuestion } from "~/lib/pipeline-options";

/** A hire to ask about: who, what to do on yes, and (optionally) what to undo on no. */
export type HireRequest = { names: string[]; onConfirm: () => void; onCancel?: () => void };

type Ask = (request: HireRequest) => void;

const AskContext = createContext<Ask | null>(null);

/**
 * `ask(request)` opens the dialog; null outside a HireDialogProvider or before
 * hydration, where forms post as they are and the server asks instead.
 */
export function useAskToHire(): Ask | null {
  return useContext(AskContext);
}

const hireButtonLabel = (names: string[]) =>
  names.length === 1 ? `Hire ${names[0]}` : `Hire ${names.length} candidates`;

/** Puts the dialog on the page for the forms inside (the board, the review page). */
export function HireDialogProvider({
  openingTitle,
  hiredStageName,
  children,
}: {
  openingTitle: string;
  hiredStageName: string;
  children: ReactNode;
}) {
  const [request, setRequest] = useState<HireRequest | null>(null);
  const current = useRef<HireRequest | null>(null);
  current.current = request;
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const ask = useCallback<Ask>((r) => setRequest(r), []);

  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (request && !d.open) {
      d.showModal();
      // The safe answer has the focus: Enter or Space right away changes nothing.
      cancelButton.current?.focus();
    }
    if (!request && d.open) d.close();
  }, [request]);

  const cancel = () => {
    const r = current.current;
    current.current = null;
    setRequest(null);
    r?.onCancel?.();
  };
  const confirm = () => {
    const r = current.current;
    current.current = null;
    setRequest(null);
    r?.onConfirm();
  };
  const question = request
    ? hireQuestion({ names: request.names, openingTitle, stageName: hiredStageName })
    : null;

  return (
    <AskContext.Provider value={hydrated ? ask : null}>
      {children}
      <dialog
        ref={dialog}
        className="hire-dialog"
        aria-labelledby="hire-dialog-title"
        aria-describedby="hire-dialog-body"
        // Escape (or any close the browser makes) is a "no".
        onClose={() => {
          if (current.current) cancel();
        }}
      >
        {question && request ? (
          <>
            <h2 id="hire-dialog-title">{question.title}</h2>
            <p id="hire-dialog-body">{question.body}</p>
            {request.names.length > 1 ? (
              <ul className="hire-dialog__names">
                {request.names.map((n, i) => (
                  <li key={`${n}-${i}`}>{n}</li>
                ))}
              </ul>
            ) : null}
            <p className="button-row">
              <button type="button" className="button" onClick={confirm}>
                {hireButtonLabel(request.names)}
              </button>
              <button
                type="button"
                ref={cancelButton}
                className="button button--ghost"
                onClick={cancel}
              >
                Cancel
              </button>
            </p>
          </>
        ) : null}
      </dialog>
    </AskContext.Provider>
  );
}

/** What the action sends back when a hire still needs its yes (see HireConfirmation in the model). */
export type HireConfirmData = {
  intent: "move" | "bulk_move" | "hire";
  items: string[];
  stageId: number;
  names: string[];
  title: string;
  body: string;
};

/**
 * The confirmation page (no JavaScript, or a hire the dialog did not catch):
 * the same question, a button that posts the same action again with
 * `confirm=yes`, and Cancel, which changes nothing and goes back.
 */
export function HireConfirmPage({ confirm }: { confirm: HireConfirmData }) {
  const location = useLocation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [confirm]);
  return (
    <section className="hire-confirm" aria-labelledby="hire-confirm-title">
      <h1 id="hire-confirm-title" ref={ref} tabIndex={-1}>
        {confirm.title}
      </h1>
      <p>{confirm.body}</p>
      {confirm.names.length > 1 ? (
        <ul className="hire-dialog__names">
          {confirm.names.map((n, i) => (
            <li key={`${n}-${i}`}>{n}</li>
          ))}
        </ul>
      ) : null}
      <Form method="post" className="button-row">
        {confirm.intent === "bulk_move" ? (
          confirm.items.map((item) => <input key={item} type="hidden" name="items" value={item} />)
        ) : (
          <input type="hidden" name="item" value={confirm.items[0]} />
        )}
        {confirm.intent === "hire" ? null : (
          <input type="hidden" name="stageId" value={confirm.stageId} />
        )}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" name="intent" value={confirm.intent} className="button">
          {hireButtonLabel(confirm.names)}
        </button>
        <Link to={`${location.pathname}${location.search}`} className="button button--ghost">
          Cancel
        </Link>
      </Form>
    </section>
  );
}
