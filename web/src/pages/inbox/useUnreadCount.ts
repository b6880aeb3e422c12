import { skipToken, useQuery } from '@apollo/client/react';
import { NOTIFICATION_COUNTS } from './operations';

/** How often the navigation, and the inbox while open, ask for new notifications. */
export const POLL_MS = 60_000;

/** The officer's unread notifications across agencies (an agency that does not answer counts nothing); null until known. */
export function useUnreadCount(enabled: boolean): number | null {
  const { data } = useQuery(
    NOTIFICATION_COUNTS,
    enabled ? ({ pollInterval: POLL_MS, errorPolicy: 'all', fetchPolicy: 'cache-and-network' } as const) : skipToken,
  );
  if (!data) return null;
  // With errorPolicy 'all' an agency that did not answer leaves its part out.
  const parts: readonly ({ unreadCount: number } | null | undefined)[] = [data.police, data.labour, data.health, data.volunteers];
  return parts.reduce((n, c) => n + (c?.unreadCount ?? 0), 0);
}
