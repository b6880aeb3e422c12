import { useSyncExternalStore } from 'react';

/** The portal's pages, addressed by the URL hash so the browser's back button works. */
export type Route =
  | { page: 'search' }
  | { page: 'person'; id: string }
  | { page: 'worklist' }
  | { page: 'dashboard' }
  | { page: 'analyst' }
  | { page: 'access' }
  | { page: 'inbox' };

export type PageName = Route['page'];

export function parseRoute(hash: string): Route {
  const [page, ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'person' && rest[0]) return { page: 'person', id: decodeURIComponent(rest[0]) };
  if (page === 'worklist' || page === 'dashboard' || page === 'analyst' || page === 'access' || page === 'inbox') return { page };
  return { page: 'search' };
}

export function routeHref(route: Route): string {
  return route.page === 'person' ? `#/person/${encodeURIComponent(route.id)}` : `#/${route.page}`;
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

const currentHash = (): string => window.location.hash;

/** The current route; re-renders on every hash change. */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, currentHash, () => ''));
}
