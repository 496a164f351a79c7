import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

export interface NavItem {
  to: string;
  labelKey: string;
  /** Shown only to a session holding this permission (the app filters the list it passes in). */
  permission?: string;
}

export function Layout({
  nav,
  headerEnd,
  children,
}: {
  nav: readonly NavItem[];
  headerEnd?: React.ReactNode;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // Move focus to the content after client-side navigation so keyboard and screen-reader
  // users start at the new page, as they would after a full page load.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <NavLink to="/" className="brand-name">
            {t('app.name')}
          </NavLink>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('app.mainNav')} className="main-nav">
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{t(item.labelKey)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-end">
          <LanguageSwitch />
          {headerEnd}
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {children ?? <Outlet />}
      </main>
    </div>
  );
}

/** Sets the document title alongside the page heading. */
export function PageTitle({ children, title }: { children: React.ReactNode; title?: string }) {
  const { t } = useTranslation();
  const text = title ?? (typeof children === 'string' ? children : undefined);
  useEffect(() => {
    document.title = text ? `${text} · ${t('app.name')}` : t('app.name');
  }, [text, t]);
  return <h1>{children}</h1>;
}
