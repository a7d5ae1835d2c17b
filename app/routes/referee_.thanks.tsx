/** /referee/thanks — where a referee lands after sending their letter (says nothing about anyone). */
import type { MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/utils/site";

export const meta: MetaFunction = () => [
  { title: pageTitle("Thank you for your letter") },
  { name: "robots", content: "noindex" },
];

export default function RefereeThanks() {
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Thank you — your letter was received</h1>
        <p className="lede">
          It goes to the hiring team only. The link you used no longer works, so nobody else can use
          it. You can close this page.
        </p>
      </header>
    </div>
  );
}
