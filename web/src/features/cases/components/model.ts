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
  /** The outcomes the step's role and its body's mandate allow (the API says which). */
  allowedOutcomes?: string[];
  /** Whether the step's role takes a recommendation (orientation and discussion are only noted). */
  takesRecommendation?: boolean;
  /** Finished by what its role asks. */
  done?: boolean;
  /** The organisation whose systems may record on the step (its body's "served by"); null = staff only. */
  servedByOrganisationId?: string | null;
  /** In the stage the case is at now: its recommendation or decision may be recorded. */
  current?: boolean;
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
