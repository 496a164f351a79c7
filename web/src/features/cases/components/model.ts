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
  role?: string | null;
  authoritative?: boolean;
  deadline?: string | null;
  recommendation?: string | null;
  decisionOutcome?: string | null;
  decisionText?: string | null;
  /** A step fanned out to many parties, e.g. the 11 municipal councils. */
  fanOut?: { done: number; total: number } | null;
  /** The parties of a fanned-out step, each its own step. */
  parts?: StepView[];
}

export interface StageView {
  id: string;
  name: string;
  status: StepStatus;
  summary?: string | null;
  steps: StepView[];
}
