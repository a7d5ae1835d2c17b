/**
 * The photo part of the admin's researcher editor: the current photo (or the
 * generated portrait shown instead) and the upload form, posted to the
 * editor's action with the "photo" file field.
 */
import { Form } from "@remix-run/react";
import { ErrorList } from "~/components/forms";
import { Portrait } from "~/components/portrait";

export function PhotoSection({
  slug,
  hasPhoto,
  errors,
}: {
  slug: string;
  hasPhoto: boolean;
  errors?: string[] | null;
}) {
  return (
    <section aria-labelledby="photo-h" className="form-section">
      <h2 id="photo-h">Photo</h2>
      {hasPhoto ? (
        <img
          src={`/people/${slug}/photo`}
          alt=""
          width={96}
          height={96}
          className="avatar avatar--large"
        />
      ) : (
        <>
          <Portrait slug={slug} size={96} className="avatar avatar--large" />
          <p className="muted">No photo; this generated portrait is shown.</p>
        </>
      )}
      <Form method="post" encType="multipart/form-data">
        <div className="field">
          <label htmlFor="photo">Photo (JPEG, PNG or WebP, at most 2 MB)</label>
          <input
            id="photo"
            name="photo"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            aria-invalid={errors ? true : undefined}
            aria-describedby={errors ? "photo-error" : undefined}
          />
          <ErrorList id="photo-error" errors={errors} />
        </div>
        <button type="submit" className="button button--small">
          Upload photo
        </button>
      </Form>
    </section>
  );
}
