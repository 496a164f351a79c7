import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Confirm } from '@/components/Confirm';
import { PageTitle } from '@/components/Layout';
import { LoadMore, ListStates } from '@/components/Status';
import { formatDate } from '@/lib/format';
import { useApiKeys, useRevokeApiKey, useRotateApiKey, type ApiKey, type IssuedApiKey } from '../api';
import { useOrganisationOptions } from '@/lib/lookups';
import { ADMIN_NS } from '../i18n';
import { keyState, scopeKey } from './keyState';
import { SecretOnce } from './SecretOnce';

type Open = { kind: 'rotate' | 'revoke'; key: ApiKey };

/** API keys: what each may do and whether it still works; rotate (new secret shown once) or revoke, after asking. */
export function ApiKeysPage() {
  const { t } = useTranslation(ADMIN_NS);
  const { t: tc } = useTranslation();
  const list = useApiKeys();
  const organisations = useOrganisationOptions();
  const rotate = useRotateApiKey();
  const revoke = useRevokeApiKey();
  const [open, setOpen] = useState<Open | null>(null);
  // A rotation's new secret lives only in this component's state: never in the URL or the history.
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const organisationName = (id?: string | null) =>
    id ? (organisations.data?.find((o) => o.id === id)?.name ?? id) : t('allOrganisations');
  const close = () => setOpen(null);

  return (
    <section>
      <PageTitle>{t('apiKeys')}</PageTitle>
      <p>{t('apiKeysIntro')}</p>
      {issued ? <SecretOnce name={issued.apiKey.name} secret={issued.key} onDone={() => setIssued(null)} /> : null}
      {notice ? (
        <div className="alert alert-ok" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="page-actions">
        <Link className="button" to="/admin/api-keys/new">
          {t('newKey')}
        </Link>
      </p>
      <ListStates list={list} empty={t('noKeys')}>
        {() => (
          <>
            <div className="table-wrap">
              <table className="api-keys">
                <caption className="visually-hidden">{t('apiKeys')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('keyName')}</th>
                    <th scope="col">{t('prefix')}</th>
                    <th scope="col">{t('scopes')}</th>
                    <th scope="col">{t('keyOrganisation')}</th>
                    <th scope="col">{t('issued')}</th>
                    <th scope="col">{t('expires')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{tc('bodies.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((key) => {
                    const state = keyState(key);
                    return (
                      <Fragment key={key.id}>
                        <tr data-key={key.name}>
                          <th scope="row">{key.name}</th>
                          <td>
                            <code>{key.prefix}</code>
                          </td>
                          <td>
                            <ul className="scopes">
                              {key.scopes.map((s) => (
                                <li key={s}>
                                  <code title={t(scopeKey(s), { defaultValue: s })}>{s}</code>
                                </li>
                              ))}
                            </ul>
                          </td>
                          <td>{organisationName(key.organisationId)}</td>
                          <td>{formatDate(key.createdAt)}</td>
                          <td>{key.expiresAt ? formatDate(key.expiresAt) : t('never')}</td>
                          <td>
                            <span className={`badge key-${state}`}>{t(`states.${state}`)}</span>
                          </td>
                          <td>
                            {state === 'active' ? (
                              <div className="row-actions">
                                <button
                                  type="button"
                                  className="secondary small"
                                  aria-label={t('rotateFor', { name: key.name })}
                                  onClick={() => {
                                    setNotice(null);
                                    setOpen({ kind: 'rotate', key });
                                  }}
                                >
                                  {t('rotate')}
                                </button>
                                <button
                                  type="button"
                                  className="secondary small"
                                  aria-label={t('revokeFor', { name: key.name })}
                                  onClick={() => {
                                    setNotice(null);
                                    setOpen({ kind: 'revoke', key });
                                  }}
                                >
                                  {t('revoke')}
                                </button>
                              </div>
                            ) : null}
                          </td>
                        </tr>
                        {open?.key.id === key.id ? (
                          <tr className="form-row-cell">
                            <td colSpan={8}>
                              {open.kind === 'rotate' ? (
                                <Confirm
                                  question={t('rotateQuestion', { name: key.name })}
                                  confirmLabel={t('confirmRotate')}
                                  onConfirm={() =>
                                    rotate.mutateAsync(key.id).then((replacement) => {
                                      close();
                                      setIssued(replacement);
                                    })
                                  }
                                  onCancel={close}
                                />
                              ) : (
                                <Confirm
                                  question={t('revokeQuestion', { name: key.name })}
                                  confirmLabel={t('confirmRevoke')}
                                  onConfirm={() =>
                                    revoke.mutateAsync(key.id).then(() => {
                                      close();
                                      setNotice(t('keyRevoked', { name: key.name }));
                                    })
                                  }
                                  onCancel={close}
                                />
                              )}
                            </td>
                          </tr>
                        ) : null}
                      </Fragment>
                    );
                  })}
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
