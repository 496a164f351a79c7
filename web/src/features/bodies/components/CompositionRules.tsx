import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Confirm } from '@/components/Confirm';
import { BODY_EDIT_NS } from '../i18n';
import type { Option, RuleView } from './model';
import { RuleForm, type RuleInput } from './RuleForm';

type Open = { kind: 'create' } | { kind: 'edit'; rule: RuleView } | { kind: 'remove'; rule: RuleView };

/**
 * The body's composition rules in a table; with permission to change the body, each rule can be edited or
 * removed (after a question) in place, and new rules added below.
 */
export function CompositionRules({
  bodyName,
  rules,
  bodies,
  canEdit,
  create,
  update,
  remove,
  onReload,
}: {
  bodyName: string;
  rules: RuleView[];
  bodies: Option[];
  canEdit: boolean;
  create: (input: RuleInput) => Promise<unknown>;
  update: (rule: RuleView, input: RuleInput) => Promise<unknown>;
  remove: (rule: RuleView) => Promise<unknown>;
  onReload?: () => void;
}) {
  const { t } = useTranslation(BODY_EDIT_NS);
  const { t: tc } = useTranslation();
  const [open, setOpen] = useState<Open | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const close = () => setOpen(null);
  const refName = (id?: string | null) => bodies.find((b) => b.id === id)?.name ?? id ?? '';
  const columns = canEdit ? 6 : 5;

  return (
    <>
      {notice ? (
        <div className="alert alert-ok" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      {rules.length === 0 ? (
        <p className="status">{t('noRules')}</p>
      ) : (
        <div className="table-wrap">
          <table className="rules">
            <caption className="visually-hidden">{t('rules')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rule')}</th>
                <th scope="col">{t('ruleKind')}</th>
                <th scope="col">{t('severity')}</th>
                <th scope="col">{t('value')}</th>
                <th scope="col">{t('description')}</th>
                {canEdit ? <th scope="col">{tc('bodies.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <Fragment key={rule.id}>
                  <tr data-rule={rule.code}>
                    <th scope="row">
                      <code>{rule.code}</code>
                    </th>
                    <td>{t(`ruleKinds.${rule.kind}`, { defaultValue: rule.kind })}</td>
                    <td>
                      <span className={`badge severity-${rule.severity}`}>
                        {t(`severities.${rule.severity}`, { defaultValue: rule.severity })}
                      </span>
                    </td>
                    <td>
                      {rule.kind === 'chairMustHoldSeatIn'
                        ? refName(rule.refBodyId)
                        : [rule.value, rule.category].filter((v) => v !== null && v !== undefined && v !== '').join(' · ')}
                    </td>
                    <td>{rule.description}</td>
                    {canEdit ? (
                      <td>
                        <div className="row-actions">
                          <button
                            type="button"
                            className="secondary small"
                            aria-label={t('editRuleFor', { code: rule.code })}
                            aria-expanded={open?.kind === 'edit' && open.rule.id === rule.id}
                            onClick={() => {
                              setNotice(null);
                              setOpen({ kind: 'edit', rule });
                            }}
                          >
                            {t('editRule')}
                          </button>
                          <button
                            type="button"
                            className="secondary small"
                            aria-label={t('removeRuleFor', { code: rule.code })}
                            onClick={() => {
                              setNotice(null);
                              setOpen({ kind: 'remove', rule });
                            }}
                          >
                            {t('removeRule')}
                          </button>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                  {open && open.kind !== 'create' && open.rule.id === rule.id ? (
                    <tr className="form-row-cell">
                      <td colSpan={columns}>
                        {open.kind === 'edit' ? (
                          <RuleForm
                            rule={rule}
                            bodyName={bodyName}
                            bodies={bodies}
                            submit={(input) => update(rule, input)}
                            onDone={(input) => {
                              close();
                              setNotice(t('ruleSaved', { code: input.code }));
                            }}
                            onCancel={close}
                            onReload={onReload}
                          />
                        ) : (
                          <Confirm
                            question={t('removeRuleQuestion', { code: rule.code })}
                            confirmLabel={t('confirmRemove')}
                            onConfirm={() =>
                              remove(rule).then(() => {
                                close();
                                setNotice(t('ruleRemoved', { code: rule.code }));
                              })
                            }
                            onCancel={close}
                            onReload={onReload}
                          />
                        )}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? (
        open?.kind === 'create' ? (
          <RuleForm
            bodyName={bodyName}
            bodies={bodies}
            submit={create}
            onDone={(input) => {
              close();
              setNotice(t('ruleAdded', { code: input.code }));
            }}
            onCancel={close}
          />
        ) : (
          <p>
            <button
              type="button"
              onClick={() => {
                setNotice(null);
                setOpen({ kind: 'create' });
              }}
            >
              {t('addRule')}
            </button>
          </p>
        )
      ) : null}
    </>
  );
}
