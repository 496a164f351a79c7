import { describe, expect, it } from 'vitest';
import { diffAudit, entityPath, formatValue, rowOf } from './auditDiff';

const before = JSON.stringify({ id: 'b1', name: 'T11+', mandate: 'Gammelt', version: 3, modified_at: 'x', deleted_at: null });
const after = JSON.stringify({ id: 'b1', name: 'T11+', mandate: 'Nyt', version: 4, modified_at: 'y', deleted_at: null });

describe('reading an audit entry', () => {
  it('shows only the fields an update changed, not the version or timestamps', () => {
    expect(diffAudit('update', before, after)).toEqual({
      kind: 'update',
      fields: [{ field: 'mandate', before: 'Gammelt', after: 'Nyt' }],
      technicalOnly: false,
    });
  });

  it('calls an update that only locked the row technical', () => {
    expect(diffAudit('update', before, before).technicalOnly).toBe(true);
  });

  it('recognises a soft delete', () => {
    const deleted = JSON.stringify({ ...JSON.parse(after), deleted_at: '2026-01-01T00:00:00Z' });
    const change = diffAudit('update', after, deleted);
    expect(change.kind).toBe('softDelete');
    expect(change.fields.map((f) => f.field)).toEqual(['deleted_at']);
  });

  it('lists a created row’s filled fields', () => {
    const change = diffAudit('insert', null, after);
    expect(change.kind).toBe('insert');
    expect(change.fields.map((f) => f.field)).toEqual(['id', 'name', 'mandate']);
  });

  it('survives JSON it cannot read', () => {
    expect(diffAudit('update', '{not json', '[]')).toEqual({ kind: 'update', fields: [], technicalOnly: true });
  });

  it('links to the page where the row is seen', () => {
    const update = diffAudit('update', before, after);
    expect(entityPath('body', 'b1', update)).toBe('/bodies/b1');
    const seat = JSON.stringify({ id: 's1', body_id: 'b1' });
    expect(entityPath('seat', 's1', diffAudit('insert', null, seat), rowOf(null, seat))).toBe('/bodies/b1');
    expect(entityPath('api_key', 'k1', update)).toBeNull();
    expect(entityPath('body', 'b1', diffAudit('delete', before, null))).toBeNull();
  });

  it('writes values as text', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue(0)).toBe('0');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
  });
});
