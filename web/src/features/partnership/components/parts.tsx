import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Confirm } from '@/components/Confirm';
import { PARTNER_NS } from '../i18n';

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

/** What a list screen's rows are doing: at most one row open (its editor, or the question before deleting or retiring it), and the notice after the last change. */
export interface RowEditing<K extends string> {
  open: { kind: 'edit' | K; id: string } | null;
  notice: string | null;
  /** Opens an action on a row; it clears the last change's notice. */
  act: (kind: 'edit' | K, id: string) => void;
  close: () => void;
  /** Closes the open row and says what happened, if anything did. */
  done: (notice: string | null) => void;
  /** An editor's "saved": closes and says "<name> er gemt". */
  saved: (name: string | null) => void;
  /** After a 412: closes the open row and reads the list again. */
  reload: () => void;
}

/** The state behind {@link EditableRow} for one list; `refetch` reads the list again after a 412. */
export function useRowEditing<K extends string>(refetch: () => unknown): RowEditing<K> {
  const { t } = useTranslation(PARTNER_NS);
  const [open, setOpen] = useState<{ kind: 'edit' | K; id: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (text: string | null) => {
    setOpen(null);
    if (text) setNotice(text);
  };
  return {
    open,
    notice,
    act: (kind, id) => {
      setNotice(null);
      setOpen({ kind, id });
    },
    close: () => setOpen(null),
    done,
    saved: (name) => done(name ? t('saved', { name }) : null),
    reload: () => {
      setOpen(null);
      void refetch();
    },
  };
}

/**
 * The expanded part under an item while an action on it is open: its editor, or the question before deleting or
 * retiring it (confirmed: closed with `doneText` as the notice; a 412 says "changed by someone else" and offers to reload).
 * With `colSpan` it is a table row spanning the table; without, it sits in the item's own element.
 */
export function EditableRow<K extends string>({
  rows,
  id,
  colSpan,
  editor,
  confirm,
}: {
  rows: RowEditing<K>;
  id: string;
  colSpan?: number;
  editor: () => ReactNode;
  confirm: { question: string; confirmLabel: string; run: () => Promise<unknown>; doneText: string };
}) {
  if (rows.open?.id !== id) return null;
  const content =
    rows.open.kind === 'edit' ? (
      editor()
    ) : (
      <Confirm
        question={confirm.question}
        confirmLabel={confirm.confirmLabel}
        onConfirm={() => confirm.run().then(() => rows.done(confirm.doneText))}
        onCancel={rows.close}
        onReload={rows.reload}
      />
    );
  return colSpan ? (
    <tr className="form-row-cell">
      <td colSpan={colSpan}>{content}</td>
    </tr>
  ) : (
    content
  );
}
