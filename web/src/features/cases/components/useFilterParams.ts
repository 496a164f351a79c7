import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The query string as local state that the URL follows, rather than the other way round.
 *
 * Reading the filters straight from the URL loses changes: a navigation is asynchronous (React Router runs it as a
 * transition), so a change made while the previous change's navigation is still under way starts from the old query
 * string and overwrites it, and a controlled checkbox snaps back to the URL's old value until the navigation lands (a
 * quick click seems not to take). Here every change is applied at once to local state, computed from the latest local
 * value (never from a render's stale copy), and the URL is then replaced with it. A URL change that this hook did not
 * write (back / forward, a followed link) becomes the new local state.
 */
export function useFilterParams(): [URLSearchParams, (change: (current: URLSearchParams) => URLSearchParams) => void] {
  const [urlParams, setUrlParams] = useSearchParams();
  const url = urlParams.toString();
  const [query, setQuery] = useState(url);
  const [seenUrl, setSeenUrl] = useState(url);
  // The latest local query string (read by changes made before the next render) and the ones written to the URL
  // that the URL has not shown yet.
  const latest = useRef(url);
  const written = useRef<string[]>([]);

  if (url !== seenUrl) {
    // Adjusting state while rendering, as React recommends for state that follows a changed input. Our own writes
    // arriving change nothing (local state is already there or ahead); anything else is adopted.
    setSeenUrl(url);
    if (!written.current.includes(url)) {
      written.current = [];
      latest.current = url;
      setQuery(url);
    }
  }

  useEffect(() => {
    // Our write has arrived: it and the writes it superseded are done (a later link back to the same query string is
    // then someone else's change).
    const index = written.current.indexOf(url);
    if (index >= 0) written.current = written.current.slice(index + 1);
  }, [url]);

  const update = (change: (current: URLSearchParams) => URLSearchParams) => {
    const next = change(new URLSearchParams(latest.current)).toString();
    if (next === latest.current) return;
    latest.current = next;
    written.current.push(next);
    setQuery(next);
    setUrlParams(new URLSearchParams(next), { replace: true });
  };

  return [new URLSearchParams(query), update];
}
