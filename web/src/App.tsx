import { useApolloClient } from '@apollo/client/react';
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { settled } from './apollo';
import { ActingProvider } from './acting';
import { accessTokenDue, clearSession, logout, refreshSession, takeSessionEndReason, useSession, type Session } from './auth';
import { LanguageSwitch } from './components/LanguageSwitch';
import { LoginForm } from './components/LoginForm';
import { MainNav, navItems } from './components/MainNav';
import { OfficerBar } from './components/OfficerBar';
import { useI18n, type MessageKey } from './i18n';
import { AccessReviewPage } from './pages/AccessReviewPage';
import { PersonPage } from './pages/PersonPage';
import { emptySearch, SearchPage, type SearchState } from './pages/SearchPage';
import { WorklistPage } from './pages/WorklistPage';
import { InboxPage } from './pages/inbox/InboxPage';
import { useUnreadCount } from './pages/inbox/useUnreadCount';
import { useWorklistCount } from './pages/worklists/worklistCount';
import { useRoute, type Route } from './router';

// Charts and GraphiQL are large: loaded only when their page is opened.
const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const AnalystPage = lazy(() => import('./pages/AnalystPage'));

/** Largest delay setTimeout accepts (about 24.8 days). */
const MAX_TIMEOUT_MS = 2_147_483_647;
const REFRESH_MARGIN_MS = 60_000;

function after(instant: string, marginMs: number, action: () => void): () => void {
  const delay = Date.parse(instant) - marginMs - Date.now();
  if (!Number.isFinite(delay)) return () => undefined;
  const timer = window.setTimeout(action, Math.min(Math.max(delay, 0), MAX_TIMEOUT_MS));
  return () => window.clearTimeout(timer);
}

/** Keeps the access token fresh while the portal is open, and ends the session on time. */
function useSessionTimers(session: Session): void {
  useEffect(() => after(session.refreshExpiresAt, 0, () => clearSession('expired')), [session.refreshExpiresAt]);
  useEffect(
    () =>
      after(session.expiresAt, REFRESH_MARGIN_MS, () => {
        if (accessTokenDue(session)) void refreshSession();
      }),
    [session],
  );
}

function Page({
  route,
  session,
  search,
  setSearch,
}: {
  route: Route;
  session: Session;
  search: SearchState;
  setSearch: (state: SearchState) => void;
}): ReactNode {
  const { t } = useI18n();
  const allowed = navItems(session.officer.role).map((item) => item.page);
  const page = route.page === 'person' || allowed.includes(route.page) ? route.page : allowed[0];
  const fallback = (
    <p className="state state--loading" role="status">
      {t('state.loading')}
    </p>
  );
  switch (page) {
    case 'person':
      return route.page === 'person' ? <PersonPage id={route.id} officer={session.officer} /> : null;
    case 'worklist':
      return <WorklistPage officer={session.officer} />;
    case 'dashboard':
      return (
        <Suspense fallback={fallback}>
          <DashboardPage officer={session.officer} />
        </Suspense>
      );
    case 'access':
      return <AccessReviewPage />;
    case 'inbox':
      return <InboxPage />;
    case 'analyst':
      return (
        <Suspense fallback={fallback}>
          <AnalystPage />
        </Suspense>
      );
    default:
      return <SearchPage officer={session.officer} state={search} onChange={setSearch} />;
  }
}

function Workspace({ session, onLogout }: { session: Session; onLogout: () => Promise<void> }): ReactNode {
  const route = useRoute();
  const [search, setSearch] = useState<SearchState>(emptySearch);
  useSessionTimers(session);
  const unread = useUnreadCount(navItems(session.officer.role).some((item) => item.page === 'inbox'));
  const waiting = useWorklistCount(session.officer, route.page);

  return (
    <ActingProvider officer={session.officer}>
      <OfficerBar officer={session.officer} onLogout={onLogout} />
      <MainNav role={session.officer.role} current={route.page} counts={{ inbox: unread, worklist: waiting }} />
      <main id="main" className="main" tabIndex={-1}>
        <Page route={route} session={session} search={search} setSearch={setSearch} />
      </main>
    </ActingProvider>
  );
}

/**
 * Signing out: the pages go first (flushSync), so their queries are unsubscribed and no new
 * request leaves; then the session is revoked; then the cache is emptied, with nothing left
 * in flight to be reset under it. A session that ends otherwise (expiry) empties it too, so
 * the next officer at this computer starts from nothing.
 */
function useSignOut(session: Session | null): { signingOut: boolean; signOut: () => Promise<void> } {
  const client = useApolloClient();
  const [signingOut, setSigningOut] = useState(false);
  const hadSession = useRef(false);
  useEffect(() => {
    if (session) hadSession.current = true;
    else if (hadSession.current) {
      hadSession.current = false;
      void client.clearStore().catch(settled);
    }
  }, [client, session]);
  const signOut = useCallback(async () => {
    flushSync(() => setSigningOut(true));
    try {
      await logout();
    } finally {
      setSigningOut(false);
    }
  }, []);
  return { signingOut, signOut };
}

export function App(): ReactNode {
  const { t } = useI18n();
  const session = useSession();
  const [loginNotice, setLoginNotice] = useState<MessageKey | null>(null);
  const { signingOut, signOut } = useSignOut(session);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the reason a session ended is taken once, when the store changes
    if (!session && takeSessionEndReason() === 'expired') setLoginNotice('login.sessionExpired');
    if (session) setLoginNotice(null);
  }, [session]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <h1 className="app-header__title">{t('app.title')}</h1>
        <LanguageSwitch />
      </header>
      {signingOut ? (
        <main id="main" className="main" tabIndex={-1}>
          <p className="state state--loading" role="status">
            {t('officer.signingOut')}
          </p>
        </main>
      ) : session ? (
        // Keyed by the session, not the access token: a refresh must not reset the pages.
        <Workspace key={`${session.officer.username}#${session.refreshExpiresAt}`} session={session} onLogout={signOut} />
      ) : (
        <main id="main" className="main main--login" tabIndex={-1}>
          <LoginForm notice={loginNotice} />
        </main>
      )}
    </div>
  );
}
