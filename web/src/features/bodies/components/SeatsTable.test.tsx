import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { ApiError } from '@/lib/api/problem';
import { AppointForm } from './AppointForm';
import { EndMembershipForm } from './EndMembershipForm';
import { SeatsTable } from './SeatsTable';
import type { SeatView } from './model';

const seats: SeatView[] = [
  {
    id: 'seat-1',
    label: 'Borgmester, Aalborg Kommune',
    role: 'member',
    voting: true,
    representsOrganisation: { id: 'org-851', name: 'Aalborg Kommune' },
    members: [{ membershipId: 'm1', personId: 'p1', personName: 'Anne Andersen', validFrom: '2022-01-01' }],
  },
  { id: 'seat-2', label: 'Borgmester, Læsø Kommune', role: 'member', voting: true, members: [] },
];

function renderTable(submitAppoint = vi.fn(() => Promise.resolve()), submitEnd = vi.fn(() => Promise.resolve())) {
  const searchPeople = vi.fn(async () => [
    { id: 'p2', name: 'Bo Berg', detail: 'Læsø Kommune' },
    { id: 'p3', name: 'Carl Cort', detail: null },
  ]);
  render(
    <MemoryRouter>
      <SeatsTable
        seats={seats}
        canEdit
        renderForm={(action, close) =>
          action.kind === 'appoint' ? (
            <AppointForm seat={action.seat} searchPeople={searchPeople} submit={submitAppoint} onDone={close} onCancel={close} />
          ) : action.kind === 'end' ? (
            <EndMembershipForm seat={action.seat} member={action.member} submit={submitEnd} onDone={close} onCancel={close} />
          ) : null
        }
      />
    </MemoryRouter>,
  );
  return { submitAppoint, submitEnd, searchPeople };
}

describe('seats', () => {
  it('counts filled and vacant seats and marks a vacancy in words', () => {
    renderTable();
    expect(screen.getByText('2 pladser: 1 besat, 1 ledige.')).toBeInTheDocument();
    const vacantRow = screen.getByRole('row', { name: /Læsø/ });
    expect(within(vacantRow).getByText('Ledig')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Anne Andersen' })).toHaveAttribute('href', '/people/p1');
  });

  it('appoints a chosen person to a vacant seat', async () => {
    const { submitAppoint } = renderTable();
    await userEvent.click(screen.getByRole('button', { name: 'Udpeg medlem til Borgmester, Læsø Kommune' }));
    const form = screen.getByRole('form', { name: 'Udpeg medlem til Borgmester, Læsø Kommune' });
    const person = within(form).getByLabelText(/^Person/);
    await within(form).findByRole('option', { name: 'Bo Berg (Læsø Kommune)' });
    await userEvent.selectOptions(person, 'p3');
    await userEvent.clear(within(form).getByLabelText(/Fra dato/));
    await userEvent.type(within(form).getByLabelText(/Fra dato/), '2024-03-01');
    await userEvent.type(within(form).getByLabelText('Beslutning (reference)'), 'KKR 2024-02-10');
    await userEvent.click(within(form).getByRole('button', { name: 'Udpeg' }));
    expect(submitAppoint).toHaveBeenCalledWith({
      personId: 'p3',
      validFrom: '2024-03-01',
      appointedByDecisionRef: 'KKR 2024-02-10',
    });
  });

  it('shows the server’s field messages on the appoint form', async () => {
    const submit = vi.fn(() =>
      Promise.reject(new ApiError(400, { errors: { validFrom: ['Datoen ligger før organets nedsættelse.'] } })),
    );
    renderTable(submit);
    await userEvent.click(screen.getByRole('button', { name: 'Udpeg medlem til Borgmester, Læsø Kommune' }));
    const form = screen.getByRole('form', { name: /Udpeg medlem/ });
    await within(form).findByRole('option', { name: /Bo Berg/ });
    await userEvent.click(within(form).getByRole('button', { name: 'Udpeg' }));
    expect(await within(form).findByText('Datoen ligger før organets nedsættelse.')).toBeInTheDocument();
    expect(within(form).getByLabelText(/Fra dato/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('ends a membership with a date and a reason', async () => {
    const { submitEnd } = renderTable();
    await userEvent.click(screen.getByRole('button', { name: 'Afslut Anne Andersens medlemskab af Borgmester, Aalborg Kommune' }));
    const form = screen.getByRole('form', { name: /Afslut Anne/ });
    await userEvent.clear(within(form).getByLabelText(/Slutdato/));
    await userEvent.type(within(form).getByLabelText(/Slutdato/), '2025-12-31');
    await userEvent.type(within(form).getByLabelText(/Begrundelse/), 'Valgperiodens udløb');
    await userEvent.click(within(form).getByRole('button', { name: 'Afslut' }));
    expect(submitEnd).toHaveBeenCalledWith({ validTo: '2025-12-31', endReason: 'Valgperiodens udløb' });
  });
});
