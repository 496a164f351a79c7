/** A success message after a change (announced politely to screen readers). */
export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div className="alert alert-ok" role="status">
      <p>{text}</p>
    </div>
  );
}

type RowAction = { label: string; name: string; onClick: () => void };

/** A row's two actions (change it; delete or retire it), each named with the row it acts on for screen readers. */
export function RowActions({ edit, remove }: { edit: RowAction; remove: RowAction }) {
  return (
    <div className="row-actions">
      {[edit, remove].map((a) => (
        <button key={a.name} type="button" className="secondary small" aria-label={a.name} onClick={a.onClick}>
          {a.label}
        </button>
      ))}
    </div>
  );
}
