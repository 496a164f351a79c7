import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithQuery } from '@/test/render';
import { StepActions, offeredOutcomes } from './StepActions';
import type { StepView } from './model';

const deciding: StepView = {
  id: 'brn',
  bodyId: 'b1',
  bodyName: 'BRN-bestyrelsen',
  status: 'active',
  role: 'decision',
  authoritative: true,
  allowedOutcomes: ['approved', 'approvedWithChanges', 'rejected', 'postponed', 'referred'],
  takesRecommendation: true,
  done: false,
  current: true,
};

const preparing: StepView = {
  id: 'sec',
  bodyId: 'b7',
  bodyName: 'Det Fælles Klimasekretariat',
  status: 'active',
  role: 'recommendation',
  authoritative: false,
  allowedOutcomes: ['postponed', 'referred'],
  takesRecommendation: true,
  done: false,
  current: true,
};

describe('StepActions', () => {
  it('offers only the outcomes the role and mandate allow, never a referral without a body', () => {
    expect(offeredOutcomes(deciding)).toEqual(['approved', 'approvedWithChanges', 'rejected', 'postponed']);
    expect(offeredOutcomes({ ...deciding, allowedOutcomes: ['noted', 'postponed', 'referred'] })).toEqual(['noted', 'postponed']);
    // A step that only its recommendation finishes offers no decision at all.
    expect(offeredOutcomes(preparing)).toEqual([]);
  });

  it('a deciding step offers a decision form without "noted", defaulting to the first allowed outcome', async () => {
    renderWithQuery(<StepActions caseId="c1" step={deciding} />);
    await userEvent.click(screen.getByRole('button', { name: 'Registrér beslutning i BRN-bestyrelsen' }));
    const form = screen.getByRole('form', { name: 'Registrér beslutning i BRN-bestyrelsen' });
    const options = within(form).getAllByRole('option').map((o) => (o as HTMLOptionElement).value);
    expect(options).toEqual(['approved', 'approvedWithChanges', 'rejected', 'postponed']);
    expect((within(form).getByLabelText(/^Udfald/) as HTMLSelectElement).value).toBe('approved');
  });

  it('a step to recommend offers its recommendation and no decision', () => {
    renderWithQuery(<StepActions caseId="c1" step={preparing} />);
    expect(screen.getByRole('button', { name: 'Registrér indstilling fra Det Fælles Klimasekretariat' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Registrér beslutning/ })).toBeNull();
  });

  it("offers nothing to a caller bound to an organisation that does not serve the step's body", () => {
    const brnBoard = { ...deciding, servedByOrganisationId: 'brn' };
    const { unmount } = renderWithQuery(<StepActions caseId="c1" step={brnBoard} callerOrganisation="aalborg" />);
    expect(screen.queryByRole('button')).toBeNull();
    unmount();
    renderWithQuery(<StepActions caseId="c1" step={brnBoard} callerOrganisation="brn" />);
    expect(screen.getByRole('button', { name: 'Registrér beslutning i BRN-bestyrelsen' })).toBeInTheDocument();
  });

  it('offers nothing to record before the earlier stages are done, and nothing once the step is done', () => {
    const { unmount } = renderWithQuery(<StepActions caseId="c1" step={{ ...deciding, current: false }} />);
    expect(screen.queryByRole('button', { name: /Registrér/ })).toBeNull();
    expect(screen.getByText('Afventer tidligere trin')).toBeInTheDocument();
    unmount();
    renderWithQuery(<StepActions caseId="c1" step={{ ...deciding, done: true, decisionOutcome: 'approved' }} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
