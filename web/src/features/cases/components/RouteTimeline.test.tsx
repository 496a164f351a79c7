import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { RouteTimeline } from './RouteTimeline';

describe('RouteTimeline', () => {
  it('shows stages in order, parallel steps side by side and fan-out progress', () => {
    render(
      <MemoryRouter>
        <RouteTimeline
          stages={[
            { id: 's1', name: 'Forberedelse', status: 'done', steps: [{ id: 'a', bodyId: 't11', bodyName: 'T11+', status: 'done', completedOn: '2023-01-20' }] },
            {
              id: 's2',
              name: 'Politisk behandling',
              status: 'active',
              steps: [
                { id: 'b', bodyName: 'KKR Nordjylland', status: 'done' },
                { id: 'c', bodyName: 'BRN-bestyrelsen', status: 'scheduled', scheduledOn: '2023-02-17' },
              ],
            },
            {
              id: 's3',
              name: 'Kommunalbestyrelser',
              status: 'pending',
              steps: [{ id: 'd', bodyName: 'Kommunalbestyrelserne', status: 'active', fanOut: { done: 3, total: 11 } }],
            },
          ]}
        />
      </MemoryRouter>,
    );
    const stages = within(screen.getByRole('list', { name: 'Sagens forløb' })).getAllByRole('listitem');
    expect(stages).toHaveLength(3);
    expect(stages[0]).toHaveTextContent('Forberedelse');
    expect(screen.getByRole('link', { name: 'T11+' })).toHaveAttribute('href', '/bodies/t11');
    expect(stages[1]).toHaveTextContent('Behandles parallelt');
    expect(stages[1]).toHaveTextContent('KKR Nordjylland');
    expect(stages[1]).toHaveTextContent('BRN-bestyrelsen');
    expect(stages[2]).toHaveTextContent('3 af 11');
  });
});
