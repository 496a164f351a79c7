import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import i18n, { LANGUAGE_STORAGE_KEY } from '@/lib/i18n';
import { Layout } from './Layout';

afterEach(() => void i18n.changeLanguage('da'));

function renderLayout() {
  const router = createMemoryRouter(
    [
      {
        path: '/',
        element: <Layout nav={[{ to: '/bodies', labelKey: 'nav.bodies' }]} />,
        children: [{ path: 'bodies', element: <p>content</p> }],
      },
    ],
    { initialEntries: ['/bodies'] },
  );
  return render(<RouterProvider router={router} />);
}

describe('layout and language switch', () => {
  it('is Danish by default, with a skip link and a labelled main navigation', () => {
    renderLayout();
    expect(screen.getByRole('link', { name: 'Gå til indhold' })).toHaveAttribute('href', '#main');
    const nav = screen.getByRole('navigation', { name: 'Hovedmenu' });
    expect(nav).toHaveTextContent('Organer');
    expect(screen.getByRole('link', { name: 'Organer' })).toHaveAttribute('aria-current', 'page');
    expect(document.documentElement.lang).toBe('da');
  });

  it('switches to English and remembers the choice', async () => {
    renderLayout();
    await userEvent.selectOptions(screen.getByLabelText('Sprog'), 'en');
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toHaveTextContent('Bodies');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});
