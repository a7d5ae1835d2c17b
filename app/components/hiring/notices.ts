/** What the hiring pages say after a step succeeded (post/redirect/get `?done=`). */
export const HIRING_NOTICES: Record<string, string> = {
  scheduled: "Interview scheduled; the candidate has been sent the invitation.",
  rescheduled: "Interview changed; the candidate has been sent the updated invitation.",
  cancelled: "Interview cancelled; the candidate has been told.",
  attached: "Your scorecard is attached to the interview.",
  drafted: "Offer drafted. An admin other than its drafter approves it before it can be sent.",
  approved: "Offer approved; it can be sent now.",
  sent: "Offer sent; the candidate has been emailed.",
  returned: "Offer sent back; its drafter has been emailed your reason.",
  proposed: "Thank you — the hiring team can see the times you proposed.",
  accepted: "You accepted the offer. Congratulations — the hiring team will be in touch.",
  declined: "You declined the offer. The hiring team has been told.",
};
