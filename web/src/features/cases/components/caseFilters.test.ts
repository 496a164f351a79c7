import { describe, expect, it } from 'vitest';
import { filtersFromParams, hasFilters, withFilter, withoutFilters } from './caseFilters';

const KKR = '20000000-0000-0000-0000-000000000002';

describe('case list filters in the URL', () => {
  it('reads every filter by the API’s own names', () => {
    const filters = filtersFromParams(
      new URLSearchParams(`q=klima&interest=joint&status=open&bodyId=${KKR}&currentBodyId=${KKR}&overdue=true`),
    );
    expect(filters).toEqual({ q: 'klima', interest: 'joint', status: 'open', bodyId: KKR, currentBodyId: KKR, overdue: true });
    expect(hasFilters(filters)).toBe(true);
  });

  it('leaves out values the API would refuse, so the form shows what is applied', () => {
    const filters = filtersFromParams(new URLSearchParams('status=pending&bodyId=kkr&currentBodyId=&overdue=yes&q=%20'));
    expect(filters).toEqual({});
    expect(hasFilters(filters)).toBe(false);
  });

  it('sets and clears one filter, keeping the others and unrelated parameters', () => {
    let params = new URLSearchParams('q=klima&tab=2');
    params = withFilter(params, 'overdue', true);
    params = withFilter(params, 'currentBodyId', KKR);
    expect(params.toString()).toBe(`q=klima&tab=2&overdue=true&currentBodyId=${KKR}`);
    params = withFilter(params, 'overdue', false);
    params = withFilter(params, 'q', '');
    expect(params.toString()).toBe(`tab=2&currentBodyId=${KKR}`);
    expect(withoutFilters(params).toString()).toBe('tab=2');
  });
});
