import { json } from '@/test/render';
import type { Budget, BudgetVersion, FundedPosition, Grant, Payer, Programme, ProgrammeDetail } from '../api';

// Shapes as the API sends them (see openapi.yaml), with the seed's figures.

export const session = (permissions = ['budgets:read', 'budgets:write']) =>
  json({ authenticated: true, username: 'admin', permissions, csrfToken: 'csrf' });

export const programme: Programme = {
  id: '41000000-0000-0000-0000-000000000004',
  governanceModelId: '01000000-0000-0000-0000-000000000001',
  parentProgrammeId: '41000000-0000-0000-0000-000000000002',
  code: 'gen2040-phase3',
  name: 'GEN2040, fase 3',
  validFrom: '2023-07-01',
  validTo: null,
  version: 1,
  modifiedAt: '2023-04-13T00:00:00Z',
};

export const payers: Payer[] = [
  {
    id: '40000000-0000-0000-0000-000000000001',
    governanceModelId: '01000000-0000-0000-0000-000000000001',
    code: 'brn',
    name: 'Business Region North Denmark (BRN)',
    memberOrganisationIds: ['10000000-0000-0000-0000-000000000001'],
    version: 1,
    modifiedAt: '2023-04-13T00:00:00Z',
  },
];

const money = (amount: number) => ({ amount, currency: 'DKK' });

export const reservedGrant: Grant = {
  id: '43000000-0000-0000-0000-000000000002',
  programmeId: programme.id,
  programmeCode: programme.code,
  payerId: payers[0]!.id,
  payerCode: 'brn',
  title: 'BRN-reservation til GEN2040, fase 3',
  amount: money(860000),
  state: 'reserved',
  conditions: 'Forventes frigivet medio 2023.',
  expectedReleaseOn: '2023-07-01',
  history: [
    { toState: 'reserved', occurredOn: null, note: 'Stand ifølge sagsfremstillingen.', recordedAt: '2023-04-13T00:00:00Z', recordedBy: 'seed' },
  ],
  version: 1,
  modifiedAt: '2023-04-13T00:00:00Z',
};

export const detail = (reserved: number, released: number): ProgrammeDetail => ({
  programme,
  phases: [],
  grants: { reserved: money(reserved), released: money(released), spent: money(0), closed: money(0) },
  commitments: [],
  committed: money(0),
});

export const budget: Budget = {
  id: '44000000-0000-0000-0000-000000000002',
  programmeId: '41000000-0000-0000-0000-000000000006',
  programmeCode: 'climate-secretariat',
  code: 'climate-secretariat-2023-2026',
  name: 'Det Fælles Klimasekretariat 2023-2026',
  versions: [
    { number: 1, status: 'approved', effectiveFrom: '2023-02-17', approvedOn: '2023-02-17', decisionRef: 'SAG-2023-01121', total: money(1600000), isAssumption: true },
    { number: 2, status: 'draft', total: money(1600000), isAssumption: false },
  ],
  version: 3,
  modifiedAt: '2026-01-01T00:00:00Z',
};

const line = (ordinal: number, label: string, from: string, to: string, amount: number) => ({
  ordinal,
  period: { label, from, to },
  costType: 'other' as const,
  payerId: payers[0]!.id,
  payerCode: 'brn',
  payerName: payers[0]!.name,
  amount: money(amount),
  isAdjustment: false,
  note: null,
});

export const draft: BudgetVersion = {
  budgetId: budget.id,
  budgetCode: budget.code,
  programmeId: budget.programmeId,
  number: 2,
  status: 'draft',
  isAssumption: false,
  total: money(1600000),
  lines: [line(1, '2023-H2', '2023-07-01', '2024-01-01', 800000), line(2, '2024-H1', '2024-01-01', '2024-07-01', 800000)],
  version: 1,
};

export const position: FundedPosition = {
  id: '33000000-0000-0000-0000-000000000002',
  bodyId: '20000000-0000-0000-0000-000000000007',
  title: 'Klimamedarbejder (GEN2040)',
  fte: 1,
  employerOrganisationId: '10000000-0000-0000-0000-000000001081',
  employerName: 'Region Nordjylland',
  placementBodyId: '20000000-0000-0000-0000-000000000008',
  placementBodyName: 'BRN-sekretariatet',
  fundingProgrammeId: programme.id,
  fundingProgrammeCode: programme.code,
  // annualCost: the API sends null when not stated (the generated type has it optional).
  validFrom: '2023-07-01',
  validTo: '2026-07-01',
  version: 4,
};
