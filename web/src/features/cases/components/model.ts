/** What the case screens show, independent of the wire format (api/ maps onto these). */
export type StepStatus = 'pending' | 'scheduled' | 'active' | 'done' | 'skipped';

export interface StepView {
  id: string;
  bodyId?: string | null;
  bodyName: string;
  status: StepStatus;
  scheduledOn?: string | null;
  completedOn?: string | null;
  outcome?: string | null;
  /** A step fanned out to many parties, e.g. the 11 municipal councils. */
  fanOut?: { done: number; total: number } | null;
}

export interface StageView {
  id: string;
  name: string;
  status: StepStatus;
  steps: StepView[];
}
