import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney } from '@/lib/format';
import { nameOf } from '@/lib/codes';
import type { Grant, Payer, Programme } from '../api';
import { programmeLabel } from './parts';

/** Grants with their programme, payer, amount, state and dates; each title opens the grant. */
export function GrantsTable({
  grants,
  programmes,
  payers,
  labelledBy,
}: {
  grants: readonly Grant[];
  programmes: readonly Programme[] | undefined;
  /** Payers are shown by name (never by their code, such as "brn"). */
  payers: readonly Payer[] | undefined;
  labelledBy: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">{t('financing.grant')}</th>
            <th scope="col">{t('financing.programme')}</th>
            <th scope="col">{t('financing.payer')}</th>
            <th scope="col" className="num">
              {t('financing.amount')}
            </th>
            <th scope="col">{t('financing.grantState')}</th>
            <th scope="col">{t('financing.dates')}</th>
          </tr>
        </thead>
        <tbody>
          {grants.map((g) => (
            <tr key={g.id}>
              <th scope="row">
                <Link to={`/financing/grants/${g.id}`}>{g.title}</Link>
              </th>
              <td>{programmeLabel(programmes, g.programmeCode) || t('common.none')}</td>
              <td>{payers?.find((p) => p.id === g.payerId)?.name ?? nameOf(g.payerCode, payers)}</td>
              <td className="num">{formatMoney(g.amount.amount, g.amount.currency)}</td>
              <td>
                <span className={`badge status grant-${g.state}`}>{t(`financing.states.${g.state}`)}</span>
              </td>
              <td>
                {[
                  g.reservedOn ? `${t('financing.states.reserved')} ${formatDate(g.reservedOn)}` : null,
                  g.expectedReleaseOn ? `${t('financing.expectedRelease')} ${formatDate(g.expectedReleaseOn)}` : null,
                  g.releasedOn ? `${t('financing.states.released')} ${formatDate(g.releasedOn)}` : null,
                  g.spentOn ? `${t('financing.states.spent')} ${formatDate(g.spentOn)}` : null,
                  g.closedOn ? `${t('financing.states.closed')} ${formatDate(g.closedOn)}` : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
                {g.conditions ? <span className="hint"> {g.conditions}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
