/** What the body screens show, independent of the wire format (api/ maps onto these). */
export interface BodyView {
  id: string;
  name: string;
  kind: string;
  mandate?: string | null;
  canDecide: boolean;
  hostOrganisation?: { id: string; name: string } | null;
  establishedOn?: string | null;
  establishedByCaseRef?: string | null;
}

export interface RelationView {
  id: string;
  kind: string;
  direction: 'out' | 'in';
  otherBodyId: string;
  otherBodyName: string;
  note?: string | null;
  /** The relation's version, sent back as If-Match when it is removed. */
  version?: number;
}

export interface MemberView {
  membershipId: string;
  personId: string;
  personName: string;
  validFrom: string;
  validTo?: string | null;
  version?: number;
}

export interface SeatView {
  id: string;
  /** The seat's own version, sent back as If-Match when it is removed. */
  version?: number;
  ordinal?: number;
  label: string;
  category?: string | null;
  role: string;
  voting: boolean;
  representsOrganisation?: { id: string; name: string } | null;
  /** Kept as they are when the seat is edited (the form does not show them). */
  appointedByOrganisationId?: string | null;
  appointedByBodyId?: string | null;
  members: MemberView[];
}

export interface WarningView {
  code: string;
  message: string;
  rule?: string | null;
}

/** A composition rule as the rules table and form show it. */
export interface RuleView {
  id: string;
  code: string;
  kind: RuleKind;
  severity: 'hard' | 'soft';
  value?: number | null;
  category?: string | null;
  refBodyId?: string | null;
  description: string;
  version: number;
}

export const RULE_KINDS = ['maxSeatsPerOrganisation', 'maxSeatsPerCategory', 'minFilledPerCategory', 'chairMustHoldSeatIn'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RELATION_KINDS = [
  'serves',
  'steers',
  'preparesCasesFor',
  'appointsMembersTo',
  'reportsTo',
  'referenceFor',
  'coordinatesWith',
] as const;

export const SEAT_ROLES = ['member', 'chair', 'viceChair', 'secretary', 'observer'] as const;

export const BODY_KINDS = [
  'politicalBoard',
  'politicalForum',
  'council',
  'dialogueForum',
  'administrativeSteeringGroup',
  'projectSteeringGroup',
  'secretariat',
  'nationalBody',
  'workingGroup',
  'other',
] as const;

/** An entry of a picker (organisations, bodies). */
export interface Option {
  id: string;
  name: string;
}
