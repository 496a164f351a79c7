import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '@/lib/format';
import { BODY_EDIT_NS } from '../i18n';
import type { MemberView, SeatView } from './model';

export type SeatAction =
  | { kind: 'appoint'; seat: SeatView }
  | { kind: 'edit'; seat: SeatView }
  | { kind: 'end'; seat: SeatView; member: MemberView }
  | { kind: 'remove'; seat: SeatView };

/**
 * Seats with their holders on the chosen date; a vacant seat says so in words, not only in
 * colour. Actions open a form right under the seat's row.
 */
export function SeatsTable({
  seats,
  canEdit,
  renderForm,
}: {
  seats: SeatView[];
  canEdit: boolean;
  renderForm: (action: SeatAction, close: () => void) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const { t: te } = useTranslation(BODY_EDIT_NS);
  const [open, setOpen] = useState<{ key: string; action: SeatAction } | null>(null);
  const vacant = seats.filter((s) => s.members.length === 0).length;

  return (
    <>
      <p>
        {t('bodies.seatSummary', { count: seats.length, filled: seats.length - vacant, vacant })}
      </p>
      <div className="table-wrap">
        <table className="seats">
          <caption className="visually-hidden">{t('bodies.seats')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bodies.seat')}</th>
              <th scope="col">{t('bodies.represents')}</th>
              <th scope="col">{t('bodies.member')}</th>
              <th scope="col">{t('bodies.since')}</th>
              {canEdit ? <th scope="col">{t('bodies.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {seats.map((seat) => {
              const rows = seat.members.length ? seat.members : [null];
              return rows.map((member, i) => {
                const key = `${seat.id}:${member?.membershipId ?? 'vacant'}`;
                return (
                  <Fragment key={key}>
                    <tr data-seat={seat.label} className={member ? undefined : 'vacant'}>
                      {i === 0 ? (
                        <th scope="row" rowSpan={rows.length}>
                          {seat.label}
                          {seat.role !== 'member' ? (
                            <span className="badge kind-other"> {t(`bodies.roles.${seat.role}`, { defaultValue: seat.role })}</span>
                          ) : null}
                          {!seat.voting ? <span className="hint"> ({t('bodies.nonVoting')})</span> : null}
                        </th>
                      ) : null}
                      {i === 0 ? (
                        <td rowSpan={rows.length}>
                          {seat.representsOrganisation ? (
                            <Link to={`/organisations/${seat.representsOrganisation.id}`}>
                              {seat.representsOrganisation.name}
                            </Link>
                          ) : (
                            t('common.none')
                          )}
                        </td>
                      ) : null}
                      <td>
                        {member ? (
                          <Link to={`/people/${member.personId}`}>{member.personName}</Link>
                        ) : (
                          <span className="badge vacancy">{t('bodies.vacant')}</span>
                        )}
                      </td>
                      <td>{member ? formatDate(member.validFrom) : ''}</td>
                      {canEdit ? (
                        <td>
                          {i === 0 ? (
                            <button
                              type="button"
                              className="secondary small"
                              aria-label={te('editSeatFor', { seat: seat.label })}
                              onClick={() => setOpen({ key, action: { kind: 'edit', seat } })}
                            >
                              {te('editSeat')}
                            </button>
                          ) : null}{' '}
                          {member ? (
                            <button
                              type="button"
                              className="secondary small"
                              aria-label={t('bodies.endFor', { name: member.personName, seat: seat.label })}
                              onClick={() => setOpen({ key, action: { kind: 'end', seat, member } })}
                            >
                              {t('bodies.end')}
                            </button>
                          ) : (
                            <div className="row-actions">
                              <button
                                type="button"
                                className="small"
                                aria-label={t('bodies.appointTo', { seat: seat.label })}
                                onClick={() => setOpen({ key, action: { kind: 'appoint', seat } })}
                              >
                                {t('bodies.appoint')}
                              </button>
                              {/* Only a vacant seat can go; one with a member needs the membership ended first. */}
                              <button
                                type="button"
                                className="secondary small"
                                aria-label={te('removeSeatFor', { seat: seat.label })}
                                onClick={() => setOpen({ key, action: { kind: 'remove', seat } })}
                              >
                                {te('removeSeat')}
                              </button>
                            </div>
                          )}
                        </td>
                      ) : null}
                    </tr>
                    {open?.key === key ? (
                      <tr className="form-row-cell">
                        <td colSpan={canEdit ? 5 : 4}>{renderForm(open.action, () => setOpen(null))}</td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              });
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
