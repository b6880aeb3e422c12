import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { clearSession, logout, takeSessionEndReason, useSession, type Session } from './auth';
import { LanguageSwitch } from './components/LanguageSwitch';
import { LoginForm } from './components/LoginForm';
import { OfficerBar } from './components/OfficerBar';
import { Person360 } from './components/Person360';
import { PersonLookup } from './components/PersonLookup';
import { useI18n, type MessageKey } from './i18n';

/** Largest delay setTimeout accepts (about 24.8 days). */
const MAX_TIMEOUT_MS = 2_147_483_647;

interface Lookup {
  number: string;
  /** Bumped on every submit so that looking up the same number again refetches. */
  seq: number;
}

function Workspace({ session }: { session: Session }): ReactNode {
  const client = useApolloClient();
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  // End the session when the token expires, even without a request.
  useEffect(() => {
    const delay = Date.parse(session.expiresAt) - Date.now();
    if (!Number.isFinite(delay)) return undefined;
    const timer = window.setTimeout(() => clearSession('expired'), Math.min(Math.max(delay, 0), MAX_TIMEOUT_MS));
    return () => window.clearTimeout(timer);
  }, [session.expiresAt]);

  const handleLogout = useCallback(async () => {
    await logout();
    await client.clearStore();
  }, [client]);

  const handleLookup = useCallback((number: string) => {
    setLookup((previous) => ({ number, seq: (previous?.seq ?? 0) + 1 }));
  }, []);

  return (
    <>
      <OfficerBar officer={session.officer} onLogout={handleLogout} />
      <main id="main" className="main" tabIndex={-1}>
        <PersonLookup onLookup={handleLookup} inputRef={inputRef} />
        {lookup && <Person360 key={`${lookup.number}#${lookup.seq}`} number={lookup.number} />}
      </main>
    </>
  );
}

export function App(): ReactNode {
  const { t } = useI18n();
  const session = useSession();
  const [loginNotice, setLoginNotice] = useState<MessageKey | null>(null);

  useEffect(() => {
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
      {session ? (
        <Workspace key={session.accessToken} session={session} />
      ) : (
        <main id="main" className="main main--login" tabIndex={-1}>
          <LoginForm notice={loginNotice} />
        </main>
      )}
    </div>
  );
}
