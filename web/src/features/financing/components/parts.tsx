import { useEffect, useId, useRef, type ReactNode } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '@/lib/format';
import type { GrantTotals, Programme } from '../api';
import { parseAmount, type AmountLanguage, type ParsedAmount } from '../money';
import '../financing.css';

/** The financing screens, each on its own URL. */
export function FinancingNav() {
  const { t } = useTranslation();
  const links = [
    { to: '/financing', label: t('fin:nav.overview'), end: true },
    { to: '/financing/grants', label: t('fin:nav.grants') },
    { to: '/financing/budgets', label: t('fin:nav.budgets') },
    { to: '/financing/actuals', label: t('fin:nav.actuals') },
    { to: '/financing/staffing', label: t('fin:nav.staffing') },
  ];
  return (
    <nav className="fin-nav" aria-label={t('fin:nav.label')}>
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Forgets a message passed with an earlier navigation (after a later step has its own). */
export function useForgetNotice() {
  const location = useLocation();
  const navigate = useNavigate();
  return () => {
    if ((location.state as { notice?: string } | null)?.notice) {
      void navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
    }
  };
}

/** A success message: one passed along with a navigation (location state), or given directly. */
export function Notice({ children }: { children?: ReactNode }) {
  const location = useLocation();
  const passed = (location.state as { notice?: string } | null)?.notice;
  const text = children ?? passed;
  if (!text) return null;
  return (
    <div className="alert alert-ok" role="status">
      <p>{text}</p>
    </div>
  );
}

/**
 * Asks before a step that cannot be undone. Focus moves to the confirming button; Escape or
 * the second button goes back to the form.
 */
export function ConfirmPanel({
  question,
  note,
  confirmLabel,
  pending,
  onConfirm,
  onCancel,
}: {
  question: string;
  note: string;
  confirmLabel: string;
  pending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-labelledby={`${id}-q`}
      aria-describedby={`${id}-n`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <p id={`${id}-q`} className="confirm-question">
        {question}
      </p>
      <p id={`${id}-n`}>{note}</p>
      <div className="form-row">
        <button ref={confirm} type="button" onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={pending}>
          {t('fin:confirm.cancel')}
        </button>
      </div>
    </div>
  );
}

export function useAmountLanguage(): AmountLanguage {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'da';
}

/** The message for an amount that could not be read, in the user's language. */
export function amountProblem(parsed: ParsedAmount, t: (key: string) => string): string | null {
  return parsed.ok ? null : t(`fin:money.${parsed.reason}`);
}

/** Parses an amount field; returns the canonical value or puts a message on the field. */
export function readAmount(
  text: string,
  language: AmountLanguage,
  t: (key: string) => string,
  options?: { allowNegative?: boolean },
): { value: string } | { error: string } {
  const parsed = parseAmount(text, language, options);
  return parsed.ok ? { value: parsed.value } : { error: amountProblem(parsed, t)! };
}

/** A programme's name from its code or id, falling back to the code. */
export function programmeLabel(programmes: readonly Programme[] | undefined, key: string | null | undefined) {
  if (!key) return '';
  const p = programmes?.find((x) => x.id === key || x.code === key);
  return p?.name ?? key;
}

/** Grant amounts by state, as the API sums them over a programme and its phases. */
export function GrantTotalsTable({ totals, caption }: { totals: GrantTotals; caption: string }) {
  const { t } = useTranslation();
  const rows = [
    ['reserved', totals.reserved],
    ['released', totals.released],
    ['spent', totals.spent],
    ['closed', totals.closed],
  ] as const;
  return (
    <div className="table-wrap">
      <table className="figures">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fin:grants.state')}</th>
            <th scope="col" className="num">
              {t('fin:grants.figure')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([state, amount]) => (
            <tr key={state}>
              <th scope="row">{t(`financing.states.${state}`)}</th>
              <td className="num">{formatMoney(amount.amount, amount.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
