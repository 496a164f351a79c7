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
  label: string;
  category?: string | null;
  role: string;
  voting: boolean;
  representsOrganisation?: { id: string; name: string } | null;
  members: MemberView[];
}

export interface WarningView {
  code: string;
  message: string;
  rule?: string | null;
}
