import { describe, expect, it } from 'vitest';
import {
  ApiError,
  fieldErrorsOf,
  isProblemDetails,
  normaliseFieldKey,
  partitionFieldErrors,
  toApiError,
} from './problem';

describe('normaliseFieldKey', () => {
  it('lower-cases the first letter of each segment', () => {
    expect(normaliseFieldKey('StartDate')).toBe('startDate');
    expect(normaliseFieldKey('Members[0].PersonId')).toBe('members[0].personId');
  });
  it('drops body/command prefixes and JSON path roots', () => {
    expect(normaliseFieldKey('body.personId')).toBe('personId');
    expect(normaliseFieldKey('$.title')).toBe('title');
  });
});

describe('fieldErrorsOf', () => {
  it('maps errors to camelCase keys with message arrays', () => {
    const errors = fieldErrorsOf({
      status: 400,
      errors: { PersonId: ['Person is required.'], startDate: 'Must be a date.' },
    });
    expect(errors).toEqual({ personId: ['Person is required.'], startDate: ['Must be a date.'] });
  });
  it('merges keys that normalise to the same field', () => {
    const errors = fieldErrorsOf({ errors: { Title: ['a'], title: ['b'] } });
    expect(errors.title).toEqual(['a', 'b']);
  });
  it('returns an empty object when there are no errors', () => {
    expect(fieldErrorsOf(undefined)).toEqual({});
    expect(fieldErrorsOf({ title: 'Not found', status: 404 })).toEqual({});
  });
});

describe('partitionFieldErrors', () => {
  it('keeps known fields and collects the rest', () => {
    const { byField, other } = partitionFieldErrors(
      { personId: ['x'], seatId: ['y'] },
      ['personId'],
    );
    expect(byField).toEqual({ personId: ['x'] });
    expect(other).toEqual(['y']);
  });
  it('puts an entry of a list on the list field', () => {
    const { byField, other } = partitionFieldErrors({ 'scopes[1]': ['Unknown scope.'] }, ['name', 'scopes']);
    expect(byField).toEqual({ scopes: ['Unknown scope.'] });
    expect(other).toEqual([]);
  });
  it('puts a nested key on the field it ends with', () => {
    const { byField, other } = partitionFieldErrors({ 'case.title': ['Required'] }, ['title']);
    expect(byField).toEqual({ title: ['Required'] });
    expect(other).toEqual([]);
  });
});

describe('ApiError', () => {
  it('knows a 412 is a stale version', () => {
    expect(new ApiError(412, { title: 'Precondition Failed' }).isStale).toBe(true);
    expect(new ApiError(409, undefined).isStale).toBe(false);
  });
  it('is built from a problem+json response', async () => {
    const response = new Response(
      JSON.stringify({ title: 'Validation failed', status: 400, errors: { name: ['Required'] } }),
      { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
    );
    const error = await toApiError(response);
    expect(error.status).toBe(400);
    expect(error.problem?.errors).toEqual({ name: ['Required'] });
    expect(error.message).toBe('Validation failed');
  });
  it('copes with a body that is not JSON', async () => {
    const error = await toApiError(new Response('oops', { status: 500 }));
    expect(error.status).toBe(500);
    expect(error.problem).toBeUndefined();
  });
  it('recognises problem details', () => {
    expect(isProblemDetails({ title: 'x' })).toBe(true);
    expect(isProblemDetails('x')).toBe(false);
    expect(isProblemDetails(null)).toBe(false);
  });
});
