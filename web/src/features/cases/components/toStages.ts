import type { Case, CaseStep } from '../api';
import type { StageView, StepStatus, StepView } from './model';

function stepStatus(step: CaseStep, stageState: string | undefined): StepStatus {
  if (step.done) return 'done';
  if (step.meetingDate) return 'scheduled';
  if (stageState === 'inProgress') return 'active';
  if (stageState === 'completed') return 'done';
  return 'pending';
}

type BodyName = (step: CaseStep) => string;

const asGiven: BodyName = (step) => step.bodyName;

function stepView(step: CaseStep, stageState: string | undefined, current = false, nameOf: BodyName = asGiven): StepView {
  const name = nameOf(step);
  return {
    id: step.id,
    bodyId: step.bodyId,
    bodyName: step.organisationName && !name.includes(step.organisationName) && !step.bodyName.includes(step.organisationName)
      ? `${name} (${step.organisationName})`
      : name,
    status: stepStatus(step, stageState),
    role: step.role,
    authoritative: step.authoritative,
    deadline: step.deadline,
    scheduledOn: step.meetingDate,
    completedOn: step.decision?.decidedOn ?? null,
    recommendation: step.recommendation?.text ?? null,
    decisionOutcome: step.decision?.outcome ?? null,
    decisionText: step.decision?.text ?? null,
    allowedOutcomes: step.allowedOutcomes,
    takesRecommendation: step.takesRecommendation,
    done: step.done,
    servedByOrganisationId: step.servedByOrganisationId ?? null,
    current: current && !step.done,
  };
}

/** A stage whose steps go one to each member party (the 11 councils) is drawn as one "n of 11" step. */
export function isFanOut(steps: CaseStep[]): boolean {
  return steps.length >= 3 && steps.every((s) => !!s.organisationId);
}

/** The route as the screens draw it; `nameOf` says a step's body in the screen's language (the API's name by default). */
export function toStages(c: Case, fanOutLabel: string, nameOf: BodyName = asGiven): StageView[] {
  return c.route.stages.map((stage) => {
    const status = c.status.stages.find((s) => s.ordinal === stage.ordinal);
    const state = status?.state;
    const stageStatus: StepStatus =
      state === 'completed' ? 'done' : state === 'inProgress' ? 'active' : 'pending';
    const steps = [...stage.steps].sort((a, b) => a.ordinal - b.ordinal);
    const current = c.status.currentStage === stage.ordinal;
    if (isFanOut(steps)) {
      const parts = steps.map((s) => stepView(s, state, current, nameOf));
      const done = steps.filter((s) => s.done).length;
      return {
        id: `stage-${stage.ordinal}`,
        name: stage.name,
        status: stageStatus,
        summary: status?.summary ?? null,
        steps: [
          {
            id: `fan-${stage.ordinal}`,
            bodyName: fanOutLabel,
            status: done === steps.length ? 'done' : stageStatus,
            role: steps[0]?.role,
            authoritative: steps[0]?.authoritative,
            deadline: steps[0]?.deadline,
            fanOut: { done, total: steps.length },
            parts,
          },
        ],
      };
    }
    return {
      id: `stage-${stage.ordinal}`,
      name: stage.name,
      status: stageStatus,
      summary: status?.summary ?? null,
      steps: steps.map((s) => stepView(s, state, current, nameOf)),
    };
  });
}
