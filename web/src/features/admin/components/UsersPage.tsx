import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { LoadMore, ListStates } from '@/components/Status';
import { describeError } from '@/lib/errors';
import { useSession } from '@/lib/session';
import { useSetUserDisabled, useUsers } from '../api';
import { useOrganisationOptions } from '@/lib/lookups';
import { ADMIN_NS } from '../i18n';

/** Staff accounts: who they are, their role and organisation, and whether they are disabled. */
export function UsersPage() {
  const { t } = useTranslation(ADMIN_NS);
  const list = useUsers();
  const organisations = useOrganisationOptions();
  const setDisabled = useSetUserDisabled();
  const { session } = useSession();
  const [failure, setFailure] = useState<string | null>(null);
  const created = (useLocation().state as { created?: string } | null)?.created;
  const organisationName = (id?: string | null) =>
    id ? (organisations.data?.find((o) => o.id === id)?.name ?? id) : t('noOrganisation');

  return (
    <section>
      <PageTitle>{t('users')}</PageTitle>
      <p>{t('usersIntro')}</p>
      {created ? (
        <div className="alert alert-ok" role="status">
          <p>{t('userCreated', { username: created })}</p>
        </div>
      ) : null}
      {failure ? (
        <div className="alert alert-error" role="alert">
          <p>{failure}</p>
        </div>
      ) : null}
      <p className="page-actions">
        <Link className="button" to="/admin/users/new">
          {t('newUser')}
        </Link>
      </p>
      <ListStates list={list} empty={t('noUsers')}>
        {() => (
          <>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('users')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('username')}</th>
                    <th scope="col">{t('displayName')}</th>
                    <th scope="col">{t('role')}</th>
                    <th scope="col">{t('organisation')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('userActions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((user) => (
                    <tr key={user.id} data-user={user.username}>
                      <th scope="row">{user.username}</th>
                      <td>{user.displayName}</td>
                      <td>{t(`roles.${user.role}`, { defaultValue: user.role })}</td>
                      <td>{organisationName(user.organisationId)}</td>
                      <td>
                        {user.disabledAt ? (
                          <span className="badge key-revoked">{t('disabled')}</span>
                        ) : (
                          <span className="badge key-active">{t('active')}</span>
                        )}
                      </td>
                      <td>
                        {user.username === session?.username ? null : (
                          <button
                            type="button"
                            className="secondary small"
                            disabled={setDisabled.isPending}
                            aria-label={t(user.disabledAt ? 'enableUser' : 'disableUser', { username: user.username })}
                            onClick={() => {
                              setFailure(null);
                              setDisabled.mutate(
                                { id: user.id, disabled: !user.disabledAt },
                                { onError: (error) => setFailure(describeError(error, t)) },
                              );
                            }}
                          >
                            {user.disabledAt ? t('enable') : t('disable')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <LoadMore
              hasNextPage={list.hasNextPage}
              isFetchingNextPage={list.isFetchingNextPage}
              fetchNextPage={list.fetchNextPage}
            />
          </>
        )}
      </ListStates>
    </section>
  );
}
