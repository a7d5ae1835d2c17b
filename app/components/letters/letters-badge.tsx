/** "2 / 3 letters" on a board card (nothing for openings that ask for none). */
export function LettersBadge({
  count,
}: {
  count: { received: number; required: number } | null | undefined;
}) {
  if (!count) return null;
  const complete = count.received >= count.required;
  return (
    <span
      className={`letters-badge${complete ? " letters-badge--complete" : ""}`}
      title="Reference letters received / required"
    >
      {count.received} / {count.required} letters
    </span>
  );
}
