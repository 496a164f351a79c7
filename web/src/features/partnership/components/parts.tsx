/** A success message after a change (announced politely to screen readers). */
export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div className="alert alert-ok" role="status">
      <p>{text}</p>
    </div>
  );
}
