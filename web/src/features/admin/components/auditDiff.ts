/**
 * Reads an audit entry's row before and after (the JSON the database triggers wrote) into what a person
 * wants to see: for a change, only the fields that changed; for a creation or deletion, the row's fields.
 * The version counter and timestamps change on every write and would only hide the real change.
 */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export type ChangeKind = 'insert' | 'update' | 'delete' | 'softDelete';

export interface AuditChange {
  kind: ChangeKind;
  fields: FieldChange[];
  /**
   * An update with no field to show: a change to fields the log does not keep (email, phone, notes, secrets), or an entry
   * written before the triggers stopped logging updates that change no field (a lock or a version bump).
   */
  technicalOnly: boolean;
}

const TECHNICAL = new Set(['version', 'modified_at', 'created_at']);

function parse(json: string | null | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function diffAudit(action: string, beforeJson?: string | null, afterJson?: string | null): AuditChange {
  const before = parse(beforeJson);
  const after = parse(afterJson);
  if (action === 'insert' || action === 'delete') {
    const row = action === 'insert' ? after : before;
    const fields = Object.entries(row)
      .filter(([field, value]) => !TECHNICAL.has(field) && value !== null && value !== undefined)
      .map(([field, value]) =>
        action === 'insert' ? { field, before: null, after: value } : { field, before: value, after: null },
      );
    return { kind: action, fields, technicalOnly: false };
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const fields = keys
    .filter((field) => !TECHNICAL.has(field) && !same(before[field], after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
  const softDelete = (before.deleted_at ?? null) === null && (after.deleted_at ?? null) !== null;
  return { kind: softDelete ? 'softDelete' : 'update', fields, technicalOnly: fields.length === 0 };
}

/** A value as text: null as a dash, objects as compact JSON. */
export function formatValue(value: unknown, none = '—'): string {
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Where in the app an audited row can be seen, when it has a page (a seat or rule is seen on its body's page). */
export function entityPath(entityType: string, entityId: string | null | undefined, change: AuditChange, row?: Record<string, unknown>): string | null {
  if (!entityId || change.kind === 'delete' || change.kind === 'softDelete') return null;
  const ref = (field: string) => (typeof row?.[field] === 'string' ? (row[field] as string) : null);
  switch (entityType) {
    case 'body':
      return `/bodies/${entityId}`;
    case 'seat':
    case 'composition_rule':
      return ref('body_id') ? `/bodies/${ref('body_id')}` : null;
    case 'body_relation':
      return ref('from_body_id') ? `/bodies/${ref('from_body_id')}` : null;
    case 'organisation':
      return `/organisations/${entityId}`;
    case 'person':
      return `/people/${entityId}`;
    case 'membership':
      return ref('person_id') ? `/people/${ref('person_id')}` : null;
    case 'case_file':
      return `/cases/${entityId}`;
    case 'meeting':
      return `/meetings/${entityId}`;
    default:
      return null;
  }
}

/** The row as it stands after the change (or before, for a deletion), for links. */
export function rowOf(beforeJson?: string | null, afterJson?: string | null): Record<string, unknown> {
  const after = parse(afterJson);
  return Object.keys(after).length ? after : parse(beforeJson);
}

/** Tables people look for most often in the log (suggestions; any table name can be typed). */
export const COMMON_TABLES = [
  'body',
  'seat',
  'composition_rule',
  'body_relation',
  'membership',
  'person',
  'organisation',
  'governance_model',
  'case_file',
  'case_step',
  'meeting',
  'budget_version',
  'funding_grant',
  'user_account',
  'api_key',
];
