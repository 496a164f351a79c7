import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api/problem';
import { describeError } from '@/lib/errors';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="status loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label ?? t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children?: React.ReactNode }) {
  const { t } = useTranslation();
  return <p className="status empty">{children ?? t('common.empty')}</p>;
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const stale = error instanceof ApiError && error.isStale;
  return (
    <div className="alert alert-error" role="alert">
      <p>{describeError(error, t)}</p>
      {stale ? (
        <button type="button" onClick={() => (onRetry ? onRetry() : window.location.reload())}>
          {t('common.reload')}
        </button>
      ) : onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('common.reload')}
        </button>
      ) : null}
    </div>
  );
}

export function LoadMore({
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}) {
  const { t } = useTranslation();
  if (!hasNextPage) return null;
  return (
    <div className="load-more">
      <button type="button" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
        {isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
      </button>
    </div>
  );
}

/**
 * The states every list shows, in one place: loading, an error with a retry, an empty message, or the list itself.
 * The list is rendered by a function so that it is only evaluated once there are items.
 */
export function ListStates({
  list,
  empty,
  children,
}: {
  list: { isPending: boolean; isError: boolean; error: unknown; items: readonly unknown[]; refetch: () => unknown };
  empty: React.ReactNode;
  children: () => React.ReactNode;
}) {
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  if (list.items.length === 0) return <Empty>{empty}</Empty>;
  return <>{children()}</>;
}
