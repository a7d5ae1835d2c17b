/**
 * GET /applications/:id/interviews/:interviewId.ics — "Add to calendar": the
 * interview's current invitation (METHOD:REQUEST, or CANCEL once cancelled)
 * for the candidate whose application it is. Anyone else gets 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/auth.server";
import { getInvitationForCandidate } from "~/models/interview-lists.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { publicOrigin } from "~/utils/origin.server";
import { getId } from "~/utils/route-params";
import { calendarContentType } from "~/utils/ical.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const applicationId = getId(params.id);
  const interviewId = getId(params.interviewId);
  const invite =
    applicationId && interviewId
      ? getInvitationForCandidate(getDb(), {
          candidateId: user.id,
          applicationId,
          interviewId,
          origin: publicOrigin(request),
        })
      : null;
  invariantResponse(invite, "Not found", { status: 404 });
  return new Response(invite.ics, {
    headers: {
      "Content-Type": calendarContentType(invite.ics),
      "Content-Disposition": `attachment; filename="interview-${interviewId}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
