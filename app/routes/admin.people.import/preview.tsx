/** The import page's two states: the upload form and the preview of what the file would change. */
import { Form } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms";
import { TableWrap } from "~/components/table-wrap";
import type { PlannedRow } from "~/models/people-import.server";
import type { PeopleColumn } from "~/models/people-csv.server";
import { plural } from "~/utils/misc";
import type { previewData } from "./preview-data.server";

const STATUS = {
  new: { label: "New", badge: "status-badge status-badge--open" },
  updated: { label: "Updated", badge: "status-badge status-badge--draft" },
  unchanged: { label: "Unchanged", badge: "status-badge" },
  invalid: { label: "Invalid", badge: "status-badge status-badge--closed" },
} as const;

type Labels = Record<PeopleColumn, string>;

export function UploadForm({ error }: { error: string | null }) {
  return (
    <section aria-labelledby="upload-heading" className="card">
      <h2 id="upload-heading">Upload a file</h2>
      <p>
        Columns: name, email, title, lab, areas (separated by semicolons), ORCID iD, homepage, bio.
        Start from the <a href="/admin/people/import/template.csv">template</a> or an{" "}
        <a href="/admin/people/export.csv">export of everyone</a>; people are matched by their staff
        email, then their ORCID iD, then their name.
      </p>
      <Form method="post" encType="multipart/form-data" className="stack">
        <Field
          label="CSV file"
          hint="At most 5 MB and 10,000 people. UTF-8, UTF-16 or Windows-1252; commas or semicolons, as spreadsheets save them."
          errors={error ? [error] : undefined}
          inputProps={{
            id: "import-file",
            type: "file",
            name: "file",
            accept: ".csv,.txt,text/csv,text/plain",
            required: true,
          }}
        />
        <div>
          <button type="submit" className="button">
            Preview the import
          </button>
        </div>
      </Form>
    </section>
  );
}

function RowDetails({ row, labels }: { row: PlannedRow; labels: Labels }) {
  const cells = Object.entries(row.errors) as Array<[PeopleColumn, string]>;
  if (row.status === "invalid")
    return (
      <ul className="import-problems">
        {row.rowError ? <li>{row.rowError}</li> : null}
        {cells.map(([col, message]) => (
          <li key={col}>
            <strong>{labels[col]}:</strong> {message}
          </li>
        ))}
      </ul>
    );
  if (row.status === "updated") return <>Changes {row.changes.map((c) => labels[c]).join(", ")}</>;
  return <>Added as a current researcher</>;
}

function Ticks({
  legend,
  name,
  items,
}: {
  legend: string;
  name: string;
  items: Array<{ name: string; create: boolean }>;
}) {
  if (!items.length) return null;
  return (
    <fieldset>
      <legend>{legend}</legend>
      {items.map((item, i) => (
        <div className="checkbox-row" key={item.name}>
          <input
            type="checkbox"
            id={`${name}-${i}`}
            name={name}
            value={item.name}
            defaultChecked={item.create}
          />
          <label htmlFor={`${name}-${i}`}>Create “{item.name}”</label>
        </div>
      ))}
    </fieldset>
  );
}

export function ImportPreview({ preview }: { preview: ReturnType<typeof previewData> }) {
  const { counts } = preview;
  const total = counts.new + counts.updated;
  const unknown = preview.unknownLabs.length + preview.unknownAreas.length;
  return (
    <section aria-labelledby="preview-heading" className="stack">
      <h2 id="preview-heading">Preview of {preview.fileName}</h2>
      <FormErrors errors={preview.error ? [preview.error] : null} />
      <p>
        Read as {preview.encoding.toUpperCase()}, cells separated by {preview.delimiter}. Nothing is
        saved yet.
      </p>
      <ul className="import-counts">
        <li>{plural(counts.new, "new person", "new people")}</li>
        <li>{counts.updated} updated</li>
        <li>{counts.unchanged} unchanged</li>
        <li>
          <strong>{counts.invalid} invalid</strong>
        </li>
      </ul>
      {preview.rows.length ? (
        <TableWrap label="Rows to import">
          <table className="data-table import-table">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Status</th>
                <th scope="col">Name</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr key={row.row}>
                  <td>{row.row}</td>
                  <td>
                    <span className={STATUS[row.status].badge}>{STATUS[row.status].label}</span>
                  </td>
                  <td>{row.name || <span className="muted">(no name)</span>}</td>
                  <td>
                    <RowDetails row={row} labels={preview.columnLabels} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {preview.hidden > 0 ? (
        <p className="muted">
          {plural(preview.hidden, "more row")} not listed here (the invalid ones come first).
        </p>
      ) : null}
      <Form method="post" className="stack">
        <input type="hidden" name="token" value={preview.token} />
        <input type="hidden" name="fileName" value={preview.fileName} />
        {unknown ? (
          <p>
            The file names labs or areas that do not exist yet. Tick the ones to create, then check
            again; a new lab gets no city or description until you add them on its page.
          </p>
        ) : null}
        <Ticks legend="Unknown labs" name="createLab" items={preview.unknownLabs} />
        <Ticks legend="Unknown research areas" name="createArea" items={preview.unknownAreas} />
        {counts.invalid > 0 ? (
          <p className="notice notice--warning">
            Nothing can be imported while a row is invalid: correct the file and upload it again
            {unknown ? ", or tick the unknown labs and areas and check again" : ""}.
          </p>
        ) : null}
        <div className="button-row">
          {unknown ? (
            <button type="submit" name="intent" value="check" className="button button--ghost">
              Check again
            </button>
          ) : null}
          {counts.invalid === 0 && total > 0 ? (
            <button type="submit" name="intent" value="import" className="button">
              Import {plural(total, "person", "people")}
            </button>
          ) : null}
        </div>
        {counts.invalid === 0 && total === 0 ? (
          <p className="notice notice--info">Everyone in the file is already up to date.</p>
        ) : null}
      </Form>
      <p>
        <a href="/admin/people/import">Upload another file</a>
      </p>
    </section>
  );
}
