import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { featureKeys } from '@/lib/api/keys';
import { announce, dependsOn } from '@/lib/api/changes';
import { api, unwrap } from '@/lib/api/client';
import { readAll } from '@/lib/api/paging';
import type { components } from '@/lib/api/schema';

/** The work plan feature's query keys: every key starts with 'workplan'. */
export const workPlanKeys = featureKeys('workplan');

export type GovernanceModel = components['schemas']['GovernanceModelsGovernanceModelResponse'];
export type FocusArea = components['schemas']['WorkPlanFocusAreaResponse'];
export type Initiative = components['schemas']['WorkPlanInitiativeResponse'];
export type Task = components['schemas']['WorkPlanTaskResponse'];
export type WorkStatus = components['schemas']['WorkPlanWorkStatus'];
export type MilestoneInput = components['schemas']['WorkPlanMilestoneInput'];
export type FocusAreaInput = components['schemas']['WorkPlanUpdateFocusAreaBody'];
export type InitiativeInput = components['schemas']['WorkPlanUpdateInitiativeBody'];
export type TaskInput = components['schemas']['WorkPlanUpdateTaskBody'];
export type Body = components['schemas']['BodiesBodyResponse'];
export type Programme = components['schemas']['FinancingProgrammesProgrammeResponse'];

export const WORK_STATUSES: WorkStatus[] = ['notReported', 'planned', 'inProgress', 'done', 'onHold', 'cancelled'];

/** The ETag of a row the list gave, for If-Match: the API's ETag is the quoted version. */
export const etagOf = (row: { version: number }) => `"${row.version}"`;

export function useModels() {
  return useQuery({
    queryKey: workPlanKeys('governance-models'),
    meta: dependsOn('governanceModels'),
    queryFn: () =>
      readAll<GovernanceModel>(() => unwrap(api.GET('/api/governance-models', { params: { query: { limit: 100 } } }))),
  });
}

export interface WorkPlan {
  focusAreas: FocusArea[];
  initiatives: Initiative[];
  tasks: Task[];
}

/** A model's whole work plan (tens of rows, not thousands): focus areas, initiatives and tasks in their order. */
export function useWorkPlan(modelId: string | undefined) {
  return useQuery({
    queryKey: workPlanKeys('plan', modelId ?? null),
    enabled: !!modelId,
    meta: dependsOn('workPlan'),
    queryFn: async (): Promise<WorkPlan> => {
      const query = { governanceModelId: modelId!, limit: 200 };
      const [focusAreas, initiatives, tasks] = await Promise.all([
        readAll(() => unwrap(api.GET('/api/work-plan/focus-areas', { params: { query } }))),
        readAll(() => unwrap(api.GET('/api/work-plan/initiatives', { params: { query } }))),
        readAll(() => unwrap(api.GET('/api/work-plan/tasks', { params: { query } }))),
      ]);
      const byOrder = <T extends { ordinal: number; code: string }>(a: T, b: T) => a.ordinal - b.ordinal || a.code.localeCompare(b.code);
      return {
        focusAreas: focusAreas.filter((f) => !f.deleted).sort(byOrder),
        initiatives: initiatives.filter((i) => !i.deleted).sort(byOrder),
        tasks: tasks
          .filter((x) => !x.deleted)
          .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.title.localeCompare(b.title, 'da')),
      };
    },
  });
}

/** The model's bodies, for "responsible body". */
export function useModelBodies(modelId: string | undefined) {
  return useQuery({
    queryKey: workPlanKeys('bodies', modelId ?? null),
    enabled: !!modelId,
    meta: dependsOn('bodies'),
    queryFn: () =>
      readAll<Body>(() => unwrap(api.GET('/api/bodies', { params: { query: { governanceModelId: modelId, limit: 100 } } }))),
  });
}

/** The model's financing programmes, so that funding is said by its name, not its code (empty for callers who may not read financing). */
export function useProgrammes(modelId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: workPlanKeys('programmes', modelId ?? null),
    enabled: !!modelId && enabled,
    meta: dependsOn('financing'),
    queryFn: () =>
      readAll<Programme>(() =>
        unwrap(api.GET('/api/financing/programmes', { params: { query: { governanceModelId: modelId, limit: 200 } } })),
      ),
  });
}

function useWorkPlanMutation<V, R>(fn: (input: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void announce(client, 'workPlan') });
}

export function useSaveFocusArea(modelId: string) {
  return useWorkPlanMutation(({ id, etag, body }: { id?: string; etag?: string; body: FocusAreaInput }) =>
    id && etag
      ? unwrap(api.PUT('/api/work-plan/focus-areas/{id}', { params: { path: { id } }, body, headers: { 'If-Match': etag } }))
      : // A new one goes last: the server numbers it.
        unwrap(api.POST('/api/work-plan/focus-areas', { body: { ...body, ordinal: null, governanceModelId: modelId } })),
  );
}

export function useSaveInitiative() {
  return useWorkPlanMutation(({ id, etag, body }: { id?: string; etag?: string; body: InitiativeInput }) =>
    id && etag
      ? unwrap(api.PUT('/api/work-plan/initiatives/{id}', { params: { path: { id } }, body, headers: { 'If-Match': etag } }))
      : unwrap(api.POST('/api/work-plan/initiatives', { body: { ...body, ordinal: null } })),
  );
}

export function useSaveTask() {
  return useWorkPlanMutation(({ id, etag, body }: { id?: string; etag?: string; body: TaskInput }) =>
    id && etag
      ? unwrap(api.PUT('/api/work-plan/tasks/{id}', { params: { path: { id } }, body, headers: { 'If-Match': etag } }))
      : unwrap(api.POST('/api/work-plan/tasks', { body })),
  );
}

export type WorkPlanItem = 'focus-areas' | 'initiatives' | 'tasks';

export function useDeleteItem() {
  return useWorkPlanMutation(({ kind, id, etag }: { kind: WorkPlanItem; id: string; etag: string }) => {
    const options = { params: { path: { id } }, headers: { 'If-Match': etag } };
    return unwrap(
      kind === 'focus-areas'
        ? api.DELETE('/api/work-plan/focus-areas/{id}', options)
        : kind === 'initiatives'
          ? api.DELETE('/api/work-plan/initiatives/{id}', options)
          : api.DELETE('/api/work-plan/tasks/{id}', options),
    );
  });
}

/** A task as the update body wants it (every field, milestones replaced as a whole). */
export function taskInput(task: Task): TaskInput {
  return {
    initiativeId: task.initiativeId,
    title: task.title,
    description: task.description ?? null,
    responsibleBodyId: task.responsibleBodyId ?? null,
    fundingProgramme: task.fundingProgramme ?? null,
    fundingProgrammeId: task.fundingProgrammeId ?? null,
    status: task.status,
    startsOn: task.startsOn ?? null,
    dueOn: task.dueOn ?? null,
    completedOn: task.completedOn ?? null,
    timingNote: task.timingNote ?? null,
    sourceRef: task.sourceRef ?? null,
    milestones: task.milestones.map((m) => ({ title: m.title, dueOn: m.dueOn ?? null, reachedOn: m.reachedOn ?? null })),
  };
}

export function initiativeInput(initiative: Initiative): InitiativeInput {
  return {
    focusAreaId: initiative.focusAreaId,
    code: initiative.code,
    name: initiative.name,
    nameEn: initiative.nameEn ?? null,
    description: initiative.description ?? null,
    responsibleBodyId: initiative.responsibleBodyId ?? null,
    fundingProgramme: initiative.fundingProgramme ?? null,
    fundingProgrammeId: initiative.fundingProgrammeId ?? null,
    status: initiative.status,
    startsOn: initiative.startsOn ?? null,
    endsOn: initiative.endsOn ?? null,
    timingNote: initiative.timingNote ?? null,
    sourceRef: initiative.sourceRef ?? null,
    ordinal: initiative.ordinal,
  };
}
