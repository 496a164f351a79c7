import { describe, expect, it, vi } from 'vitest';
import { configure, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '@/lib/api/problem';
import '../i18n';
import { EditableRow, Notice, useRowEditing } from './parts';

// As the screens' own tests: a loaded machine is slow, never wrong.
configure({ asyncUtilTimeout: 5000 });

/** One item ("A") with the row actions of the partnership screens, around the shared EditableRow. */
function Screen({ run, refetch }: { run: () => Promise<unknown>; refetch: () => unknown }) {
  const rows = useRowEditing<'delete'>(refetch);
  return (
    <div>
      <Notice text={rows.notice} />
      <button type="button" onClick={() => rows.act('edit', 'a')}>
        Ret A
      </button>
      <button type="button" onClick={() => rows.act('delete', 'a')}>
        Slet A
      </button>
      <EditableRow
        rows={rows}
        id="a"
        editor={() => (
          <button type="button" onClick={() => rows.saved('A')}>
            Gem A
          </button>
        )}
        confirm={{ question: 'Slet A?', confirmLabel: 'Slet', run, doneText: 'A er slettet.' }}
      />
    </div>
  );
}

describe('EditableRow', () => {
  it('opens the editor or the question under the item, one at a time, and closes with a notice when done', async () => {
    const run = vi.fn(() => Promise.resolve());
    render(<Screen run={run} refetch={() => undefined} />);
    expect(screen.queryByText('Slet A?')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Ret A' }));
    await userEvent.click(screen.getByRole('button', { name: 'Gem A' }));
    expect(screen.getByRole('status')).toHaveTextContent('»A« er gemt.');
    expect(screen.queryByRole('button', { name: 'Gem A' })).toBeNull();

    // Opening an action clears the last notice; the question replaces nothing else.
    await userEvent.click(screen.getByRole('button', { name: 'Slet A' }));
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByText('Slet A?')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Slet' }));
    expect(await screen.findByRole('status')).toHaveTextContent('A er slettet.');
    expect(screen.queryByText('Slet A?')).toBeNull();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('says a 412 as changed by someone else and reloads the list, closing the row', async () => {
    const refetch = vi.fn();
    render(<Screen run={() => Promise.reject(new ApiError(412, { status: 412, detail: 'Version 2 is stale.' }))} refetch={refetch} />);
    await userEvent.click(screen.getByRole('button', { name: 'Slet A' }));
    await userEvent.click(screen.getByRole('button', { name: 'Slet' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Oplysningerne er ændret af en anden');
    await userEvent.click(screen.getByRole('button', { name: 'Genindlæs' }));
    expect(refetch).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('Slet A?')).toBeNull();
  });
});
