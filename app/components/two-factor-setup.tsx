/**
 * What setting up an authenticator shows, on the account page and on a staff
 * enrolment link alike: the QR code with its key to type by hand, and the
 * recovery codes shown once afterwards.
 */
import type { ReactNode } from "react";
import { getBrand } from "~/utils/site";

/** The QR code (drawn on the server as one SVG path) and the key it encodes. */
export function AuthenticatorKey({
  qr,
  secretKey,
}: {
  qr: { size: number; path: string };
  secretKey: string;
}) {
  return (
    <>
      <p>
        Scan this QR code with an authenticator app (such as Aegis, Google Authenticator or
        1Password), or type the key in by hand.
      </p>
      <svg
        className="qr-code"
        viewBox={`0 0 ${qr.size} ${qr.size}`}
        role="img"
        aria-label={`QR code to add ${getBrand().name} to your authenticator app`}
      >
        <path d={qr.path} />
      </svg>
      <p>
        Key: <code className="totp-key">{secretKey}</code>
      </p>
    </>
  );
}

/** New recovery codes, shown once: the heading and words differ by page, the list does not. */
export function RecoveryCodes({
  heading,
  codes,
  children,
  after,
}: {
  heading: string;
  codes: string[];
  /** What to say above the list (the status line). */
  children: ReactNode;
  /** What follows the list (where to go next). */
  after?: ReactNode;
}) {
  return (
    <section className="card stack" aria-labelledby="codes-heading">
      <h2 id="codes-heading">{heading}</h2>
      <p role="status">{children}</p>
      <ul className="recovery-codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      {after}
    </section>
  );
}
