import { useInfiniteQuery, type QueryKey, type QueryMeta } from '@tanstack/react-query';
import { fetchNext } from './client';

export interface Page<T> {
  items: T[];
  next?: string | null;
}

/**
 * A paginated list: the first page comes from the typed client, later pages follow the
 * server's `next` link as it is.
 */
export function usePagedList<T>(queryKey: QueryKey, first: () => Promise<Page<T>>, meta?: QueryMeta) {
  const query = useInfiniteQuery({
    queryKey,
    meta,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => (pageParam ? fetchNext<Page<T>>(pageParam) : first()),
    getNextPageParam: (last) => last.next ?? null,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items };
}

/** Reads every page of a list (for small lists used in pickers). */
export async function readAll<T>(first: () => Promise<Page<T>>, maxPages = 20): Promise<T[]> {
  const items: T[] = [];
  let page = await first();
  items.push(...page.items);
  for (let i = 1; page.next && i < maxPages; i++) {
    page = await fetchNext<Page<T>>(page.next);
    items.push(...page.items);
  }
  return items;
}
