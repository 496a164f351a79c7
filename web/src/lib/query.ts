import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/problem';
import i18n from './i18n';

export function createQueryClient() {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not fix itself on retry.
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
  // What the server said in one language (explanations, summaries) is asked again in the other.
  i18n.on('languageChanged', () => void client.invalidateQueries());
  return client;
}
