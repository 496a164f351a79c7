import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/components/Layout';
import { Confirm } from '@/components/Confirm';
import { Empty, ErrorAlert, Loading } from '@/components/Status';
import { humanise } from '@/lib/codes';
import { formatDate, today } from '@/lib/format';
import { useSession } from '@/lib/session';
import {
  etagOf,
  taskInput,
  useDeleteItem,
  useModelBodies,
  useModels,
  useProgrammes,
  useSaveTask,
  useWorkPlan,
  type Body,
  type FocusArea,
  type Initiative,
  type Programme,
  type Task,
  type WorkPlanItem,
  type WorkStatus,
} from '../api';
import { FocusAreaForm, InitiativeForm, StatusSelect, TaskForm } from './forms';
import { localName } from './names';
import '../workplan.css';

/** The work plan of a governance model: focus areas, their initiatives and tasks, with progress; editing for staff. */
export function WorkPlanPage() {
  const { t, i18n } = useTranslation('workplan');
  const { can } = useSession();
  const models = useModels();
  const [chosen, setChosen] = useState('');
  const modelId = chosen || models.data?.[0]?.id;
  const plan = useWorkPlan(modelId);
  const bodies = useModelBodies(modelId);
  const programmes = useProgrammes(modelId, can('budgets:read'));
  const [adding, setAdding] = useState(false);
  const canWrite = can('governance:write');

  if (models.isPending) return <Loading />;
  if (models.isError) return <ErrorAlert error={models.error} onRetry={() => void models.refetch()} />;
  if (!modelId) return <Empty>{t('noModel')}</Empty>;
  const bodyList = (bodies.data ?? []).filter((b) => !b.deleted).sort((a, b) => localName(a, i18n.language).localeCompare(localName(b, i18n.language), 'da'));

  return (
    <section className="workplan">
      <PageTitle>{t('title')}</PageTitle>
      <p className="hint">{t('intro')}</p>
      {models.data.length > 1 ? (
        <div className="field">
          <label htmlFor="workplan-model">{t('model')}</label>
          <select id="workplan-model" value={modelId} onChange={(e) => setChosen(e.target.value)}>
            {models.data.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {plan.isPending ? (
        <Loading />
      ) : plan.isError ? (
        <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />
      ) : (
        <>
          <Totals tasks={plan.data.tasks} focusAreas={plan.data.focusAreas.length} initiatives={plan.data.initiatives.length} />
          {canWrite ? (
            adding ? (
              <FocusAreaForm modelId={modelId} onDone={() => setAdding(false)} />
            ) : (
              <p>
                <button type="button" onClick={() => setAdding(true)}>
                  {t('newFocusArea')}
                </button>
              </p>
            )
          ) : null}
          {plan.data.focusAreas.length === 0 ? <Empty>{t('empty')}</Empty> : null}
          {plan.data.focusAreas.map((f) => (
            <FocusAreaSection
              key={f.id}
              modelId={modelId}
              focusArea={f}
              initiatives={plan.data.initiatives.filter((i) => i.focusAreaId === f.id)}
              tasks={plan.data.tasks}
              bodies={bodyList}
              programmes={programmes.data ?? []}
              canWrite={canWrite}
            />
          ))}
        </>
      )}
    </section>
  );
}

function Totals({ tasks, focusAreas, initiatives }: { tasks: Task[]; focusAreas: number; initiatives: number }) {
  const { t } = useTranslation('workplan');
  const done = tasks.filter((x) => x.status === 'done').length;
  return (
    <div className="card workplan-totals">
      <p>{t('totals', { focusAreas, initiatives, tasks: tasks.length })}</p>
      <Progress done={done} total={tasks.length} />
    </div>
  );
}

function Progress({ done, total }: { done: number; total: number }) {
  const { t } = useTranslation('workplan');
  if (total === 0) return null;
  return (
    <p className="workplan-progress">
      <progress value={done} max={total} aria-hidden="true" /> {t('tasksDone', { done, total })}
    </p>
  );
}

function FocusAreaSection({
  modelId,
  focusArea,
  initiatives,
  tasks,
  bodies,
  programmes,
  canWrite,
}: {
  modelId: string;
  focusArea: FocusArea;
  initiatives: Initiative[];
  tasks: Task[];
  bodies: Body[];
  programmes: Programme[];
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation('workplan');
  const [mode, setMode] = useState<'view' | 'edit' | 'add' | 'delete'>('view');
  const name = localName(focusArea, i18n.language);
  return (
    <section className="workplan-focus-area" aria-labelledby={`fa-${focusArea.id}`}>
      <h2 id={`fa-${focusArea.id}`}>{name}</h2>
      {focusArea.description ? <p>{focusArea.description}</p> : null}
      {canWrite ? (
        <EditBar
          name={name}
          onEdit={() => setMode('edit')}
          onAdd={() => setMode('add')}
          addLabel={t('newInitiative')}
          onDelete={() => setMode('delete')}
        />
      ) : null}
      {mode === 'edit' ? <FocusAreaForm modelId={modelId} focusArea={focusArea} onDone={() => setMode('view')} /> : null}
      {mode === 'delete' ? (
        <DeleteConfirm kind="focus-areas" item={focusArea} question={t('deleteFocusArea', { name })} onDone={() => setMode('view')} />
      ) : null}
      {mode === 'add' ? <InitiativeForm focusArea={focusArea} bodies={bodies} onDone={() => setMode('view')} /> : null}
      {initiatives.length === 0 ? <p className="hint">{t('noInitiatives')}</p> : null}
      <div className="workplan-initiatives">
        {initiatives.map((i) => (
          <InitiativeCard
            key={i.id}
            focusArea={focusArea}
            initiative={i}
            tasks={tasks.filter((x) => x.initiativeId === i.id)}
            bodies={bodies}
            programmes={programmes}
            canWrite={canWrite}
          />
        ))}
      </div>
    </section>
  );
}

function InitiativeCard({
  focusArea,
  initiative,
  tasks,
  bodies,
  programmes,
  canWrite,
}: {
  focusArea: FocusArea;
  initiative: Initiative;
  tasks: Task[];
  bodies: Body[];
  programmes: Programme[];
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation('workplan');
  const [mode, setMode] = useState<'view' | 'edit' | 'add' | 'delete'>('view');
  const name = localName(initiative, i18n.language);
  const body = bodies.find((b) => b.id === initiative.responsibleBodyId);
  const done = tasks.filter((x) => x.status === 'done').length;
  return (
    <article className="card workplan-initiative" aria-labelledby={`in-${initiative.id}`}>
      <h3 id={`in-${initiative.id}`}>
        {name} <StatusBadge status={initiative.status} />
      </h3>
      <dl className="props">
        {body ? (
          <>
            <dt>{t('responsibleBody')}</dt>
            <dd>{localName(body, i18n.language)}</dd>
          </>
        ) : null}
        {initiative.startsOn || initiative.endsOn ? (
          <>
            <dt>{t('startsOn')}</dt>
            <dd>
              {formatDate(initiative.startsOn)}
              {initiative.endsOn ? ` – ${formatDate(lastDay(initiative.endsOn))}` : ''}
            </dd>
          </>
        ) : null}
        {initiative.timingNote ? (
          <>
            <dt>{t('timing')}</dt>
            <dd>{initiative.timingNote}</dd>
          </>
        ) : null}
        {initiative.fundingProgramme || initiative.fundingProgrammeId ? (
          <>
            <dt>{t('funding')}</dt>
            <dd>{fundingName(initiative, programmes)}</dd>
          </>
        ) : null}
      </dl>
      <Progress done={done} total={tasks.length} />
      {canWrite ? (
        <EditBar name={name} onEdit={() => setMode('edit')} onAdd={() => setMode('add')} addLabel={t('newTask')} onDelete={() => setMode('delete')} />
      ) : null}
      {mode === 'edit' ? <InitiativeForm focusArea={focusArea} initiative={initiative} bodies={bodies} onDone={() => setMode('view')} /> : null}
      {mode === 'delete' ? (
        <DeleteConfirm kind="initiatives" item={initiative} question={t('deleteInitiative', { name })} onDone={() => setMode('view')} />
      ) : null}
      {mode === 'add' ? <TaskForm initiative={initiative} bodies={bodies} onDone={() => setMode('view')} /> : null}
      <h4>{t('task')}</h4>
      {tasks.length === 0 ? <p className="hint">{t('noTasks')}</p> : null}
      <ul className="workplan-tasks">
        {tasks.map((task) => (
          <TaskItem key={task.id} initiative={initiative} task={task} bodies={bodies} canWrite={canWrite} />
        ))}
      </ul>
    </article>
  );
}

function TaskItem({ initiative, task, bodies, canWrite }: { initiative: Initiative; task: Task; bodies: Body[]; canWrite: boolean }) {
  const { t, i18n } = useTranslation('workplan');
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const save = useSaveTask();
  const [error, setError] = useState<unknown>(null);
  const body = bodies.find((b) => b.id === task.responsibleBodyId);
  const reached = task.milestones.filter((m) => m.reachedOn).length;
  const mark = (status: WorkStatus) => {
    setError(null);
    const input = taskInput(task);
    save.mutate(
      {
        id: task.id,
        etag: etagOf(task),
        body: {
          ...input,
          status,
          // Done has a day; leaving "done" forgets it.
          completedOn: status === 'done' ? (input.completedOn ?? today()) : status === task.status ? input.completedOn : null,
        },
      },
      { onError: setError },
    );
  };
  return (
    <li className="workplan-task" data-task={task.title}>
      <div className="workplan-task-head">
        <span className="workplan-task-title">{task.title}</span>
        {canWrite ? (
          <StatusSelect value={task.status} onChange={mark} disabled={save.isPending} aria-label={t('markProgress', { name: task.title })} />
        ) : (
          <StatusBadge status={task.status} />
        )}
      </div>
      <p className="hint">
        {[
          body ? localName(body, i18n.language) : null,
          task.dueOn ? `${t('dueOn')} ${formatDate(task.dueOn)}` : null,
          task.completedOn ? `${t('completedOn')} ${formatDate(task.completedOn)}` : null,
          task.milestones.length ? t('milestonesReached', { reached, total: task.milestones.length }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {task.milestones.length ? (
        <ul className="workplan-milestones">
          {task.milestones.map((m) => (
            <li key={m.id}>
              {m.reachedOn ? '✓ ' : ''}
              {m.title}
              {m.dueOn ? ` · ${t('dueOn')} ${formatDate(m.dueOn)}` : ''}
              {m.reachedOn ? ` · ${t('reachedOn')} ${formatDate(m.reachedOn)}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
      {canWrite ? (
        <div className="form-row">
          <button type="button" className="secondary" onClick={() => setMode('edit')} aria-label={t('editNamed', { name: task.title })}>
            {t('editNamed', { name: '' }).trim()}
          </button>
          <button type="button" className="secondary" onClick={() => setMode('delete')} aria-label={t('deleteNamed', { name: task.title })}>
            {t('delete')}
          </button>
        </div>
      ) : null}
      {mode === 'edit' ? <TaskForm initiative={initiative} task={task} bodies={bodies} onDone={() => setMode('view')} /> : null}
      {mode === 'delete' ? (
        <DeleteConfirm kind="tasks" item={task} question={t('deleteTask', { name: task.title })} onDone={() => setMode('view')} />
      ) : null}
    </li>
  );
}

function EditBar({ name, onEdit, onAdd, addLabel, onDelete }: { name: string; onEdit: () => void; onAdd: () => void; addLabel: string; onDelete: () => void }) {
  const { t } = useTranslation('workplan');
  return (
    <div className="form-row workplan-actions">
      <button type="button" onClick={onAdd}>
        {addLabel}
      </button>
      <button type="button" className="secondary" onClick={onEdit} aria-label={t('editNamed', { name })}>
        {t('editNamed', { name: '' }).trim()}
      </button>
      <button type="button" className="secondary" onClick={onDelete} aria-label={t('deleteNamed', { name })}>
        {t('delete')}
      </button>
    </div>
  );
}

function DeleteConfirm({ kind, item, question, onDone }: { kind: WorkPlanItem; item: { id: string; version: number }; question: string; onDone: () => void }) {
  const { t } = useTranslation('workplan');
  const remove = useDeleteItem();
  return (
    <Confirm
      question={question}
      confirmLabel={t('delete')}
      onConfirm={() => remove.mutateAsync({ kind, id: item.id, etag: etagOf(item) }).then(onDone)}
      onCancel={onDone}
    />
  );
}

function StatusBadge({ status }: { status: WorkStatus }) {
  const { t } = useTranslation('workplan');
  return <span className={`badge status work-${status}`}>{t(`statuses.${status}`)}</span>;
}

/** An exclusive end date said as the last day it covers. */
function lastDay(exclusiveEnd: string): string {
  const d = new Date(`${exclusiveEnd}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Funding by the programme's name: by its id, else by the code the text gives; free text as it is, a bare code made readable. */
function fundingName(initiative: Initiative, programmes: Programme[]): string {
  const programme =
    programmes.find((p) => p.id === initiative.fundingProgrammeId) ?? programmes.find((p) => p.code === initiative.fundingProgramme);
  if (programme) return programme.name;
  const text = initiative.fundingProgramme ?? '';
  return /^[a-z0-9]+(-[a-z0-9]+)+$/.test(text) ? humanise(text) : text;
}
