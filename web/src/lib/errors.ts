import type { TFunction } from 'i18next';
import { ApiError } from './api/problem';

/** One sentence for a failed request, in the user's language. */
export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 412) return t('errors.stale');
    if (error.status === 404) return error.problem?.detail ?? t('errors.notFound');
    if (error.status === 409) return error.problem?.detail ?? t('errors.conflict');
    if (error.status === 400 || error.status === 422) {
      return error.problem?.detail ?? t('errors.validation');
    }
    return error.problem?.detail ?? error.problem?.title ?? t('errors.unknown');
  }
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.unknown');
}
