/**
 * The pages of the admin directory resources (areas, labs, programs, events,
 * tools): the list, the "new" page and the editor. Each route passes its
 * resource's words (resources.ts), its columns and its own form; what differs
 * between resources (extra fields, a delete button, a Markdown preview) stays
 * in the route that has it.
 */
import { Form, Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import type { AdminResource } from "~/components/admin/resources";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { TableWrap } from "~/components/table-wrap";
import { plural } from "~/utils/misc";

/** One column of a resource list: its heading and what a row shows in it. */
export type Column<Row> = {
  header: string;
  /** Numbers are right-aligned. */
  num?: boolean;
  cell: (row: Row) => ReactNode;
};

/**
 * A resource's admin list: heading with the "add" button, the notice after a
 * delete, the count, the table and, for paged lists, the pagination.
 */
export function ResourceList<Row extends { id: number }>({
  resource,
  rows,
  columns,
  total = rows.length,
  paging,
}: {
  resource: AdminResource;
  rows: Row[];
  columns: Column<Row>[];
  total?: number;
  paging?: { page: number; pageCount: number };
}) {
  const [params] = useSearchParams();
  return (
    <div className="container">
      <header className="page-header">
        <div className="section-header">
          <h1>{resource.title}</h1>
          <Link to={`${resource.path}/new`} className="button">
            {resource.addLabel}
          </Link>
        </div>
      </header>
      {resource.deleted && params.get("deleted") ? (
        <p className="notice" role="status">
          {resource.deleted}
        </p>
      ) : null}
      <p className="results-summary">{plural(total, ...resource.count)}</p>
      <TableWrap label={resource.title}>
        <table className="data-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col" className={c.num ? "num" : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                {columns.map((c) => (
                  <td key={c.header} className={c.num ? "num" : undefined}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {paging ? <Pagination page={paging.page} pageCount={paging.pageCount} /> : null}
    </div>
  );
}

/** A row's name linked to its editor, the first column of every list. */
export function EditLink({
  resource,
  id,
  children,
}: {
  resource: AdminResource;
  id: number;
  children: ReactNode;
}) {
  return <Link to={`${resource.path}/${id}`}>{children}</Link>;
}

/** The "new" page around a resource's form. */
export function NewResourcePage({
  resource,
  children,
}: {
  resource: AdminResource;
  children: ReactNode;
}) {
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>{resource.addTitle}</h1>
      </header>
      {children}
    </div>
  );
}

/**
 * The editor page around a resource's form: heading, the public page's
 * address, the notice after adding or saving, then the form and whatever the
 * resource adds below it (`after`: a preview, a delete form).
 */
export function EditResourcePage({
  resource,
  name,
  slug,
  children,
  after,
}: {
  resource: AdminResource;
  name: string;
  slug: string;
  children: ReactNode;
  after?: ReactNode;
}) {
  const [params] = useSearchParams();
  const publicPath = `${resource.publicPath}/${slug}`;
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Edit {name}</h1>
        <p className="meta-line">
          <Link to={publicPath}>Public page</Link> · {publicPath}
        </p>
      </header>
      {params.get("created") || params.get("saved") ? (
        <p className="notice" role="status">
          {params.get("created") ? resource.created : "Saved."}
        </p>
      ) : null}
      {children}
      {after}
    </div>
  );
}

/** The saved Markdown description as visitors see it, below an editor. */
export function DescriptionPreview({ html }: { html: string }) {
  return (
    <section aria-labelledby="preview-h" className="form-section">
      <h2 id="preview-h">Saved description, as visitors see it</h2>
      {/* The loader renders with renderMarkdown, the safe renderer: no raw HTML, safe links only. */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}

/** The editor's second form: posts intent "delete" to the same action. */
export function DeleteForm({
  heading,
  text,
  button,
}: {
  heading: string;
  text: string;
  button: string;
}) {
  return (
    <section aria-labelledby="delete-h" className="form-section">
      <h2 id="delete-h">{heading}</h2>
      <p>{text}</p>
      <Form method="post">
        <button type="submit" name="intent" value="delete" className="button button--danger">
          {button}
        </button>
      </Form>
    </section>
  );
}

/** The editor's error page, with the resource's own words for a missing row. */
export function ResourceErrorBoundary({ resource }: { resource: AdminResource }) {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="container">
            <h1>{resource.notFound}</h1>
          </div>
        ),
      }}
    />
  );
}
