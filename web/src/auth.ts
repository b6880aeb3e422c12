import { useSyncExternalStore } from 'react';

/** The signed-in officer, as returned by POST /auth/login. */
export interface Officer {
  username: string;
  displayName: string;
  agency: string;
  role: string;
  unitCode: string;
  unitName: string;
}

export interface Session {
  accessToken: string;
  /** ISO 8601 instant. */
  expiresAt: string;
  officer: Officer;
}

/** Why a sign-in failed; the message is kept in both languages so a locale switch re-renders it. */
export class LoginError extends Error {
  readonly code: string;
  readonly messageVi: string | undefined;
  readonly messageEn: string | undefined;

  constructor(code: string, messageVi?: string, messageEn?: string) {
    super(messageEn ?? messageVi ?? code);
    this.name = 'LoginError';
    this.code = code;
    this.messageVi = messageVi;
    this.messageEn = messageEn;
  }
}

const SESSION_STORAGE_KEY = 'rehab.session';

type Listener = () => void;
const listeners = new Set<Listener>();

/** Why the last session ended without the officer signing out (shown on the sign-in form). */
let endReason: 'expired' | null = null;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOfficer(value: unknown): value is Officer {
  return (
    isRecord(value) &&
    typeof value.username === 'string' &&
    typeof value.displayName === 'string' &&
    typeof value.agency === 'string' &&
    typeof value.role === 'string' &&
    typeof value.unitCode === 'string' &&
    typeof value.unitName === 'string'
  );
}

function isSession(value: unknown): value is Session {
  return (
    isRecord(value) &&
    typeof value.accessToken === 'string' &&
    value.accessToken.length > 0 &&
    typeof value.expiresAt === 'string' &&
    isOfficer(value.officer)
  );
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

// useSyncExternalStore needs a stable snapshot: parse only when the stored text changes.
let cachedRaw: string | null = null;
let cachedSession: Session | null = null;

function parseSession(raw: string | null): Session | null {
  if (raw === cachedRaw) return cachedSession;
  cachedRaw = raw;
  cachedSession = null;
  if (raw !== null) {
    try {
      const parsed: unknown = JSON.parse(raw);
      cachedSession = isSession(parsed) ? parsed : null;
    } catch {
      cachedSession = null;
    }
  }
  return cachedSession;
}

export function isExpired(session: Session, now: number = Date.now()): boolean {
  const expires = Date.parse(session.expiresAt);
  return Number.isFinite(expires) && expires <= now;
}

/** The current, unexpired session, or null. */
export function getSession(): Session | null {
  const session = parseSession(storage()?.getItem(SESSION_STORAGE_KEY) ?? null);
  if (session && isExpired(session)) return null;
  return session;
}

export function getAccessToken(): string | null {
  return getSession()?.accessToken ?? null;
}

function saveSession(session: Session): void {
  storage()?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
  endReason = null;
  notify();
}

/** Forget the session locally (no server call). */
export function clearSession(reason: 'expired' | null = null): void {
  const hadSession = storage()?.getItem(SESSION_STORAGE_KEY) != null;
  storage()?.removeItem(SESSION_STORAGE_KEY);
  if (hadSession) endReason = reason;
  notify();
}

/** Returns and forgets why the previous session ended, if it was not a sign-out. */
export function takeSessionEndReason(): 'expired' | null {
  const reason = endReason;
  endReason = null;
  return reason;
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent): void => {
    if (event.key === SESSION_STORAGE_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, () => null);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    const body: unknown = await response.json();
    return body;
  } catch {
    return null;
  }
}

/**
 * POST /auth/login. Resolves with the new session (also stored in sessionStorage);
 * rejects with a LoginError (code UNAUTHENTICATED on bad credentials, NETWORK_ERROR or
 * UNEXPECTED_RESPONSE otherwise).
 */
export async function login(username: string, password: string): Promise<Session> {
  let response: Response;
  try {
    response = await fetch('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    throw new LoginError('NETWORK_ERROR');
  }
  const body = await readJson(response);
  if (!response.ok) {
    if (isRecord(body)) {
      throw new LoginError(
        typeof body.code === 'string' ? body.code : `HTTP_${response.status}`,
        typeof body.message === 'string' ? body.message : undefined,
        typeof body.messageEn === 'string' ? body.messageEn : undefined,
      );
    }
    throw new LoginError(`HTTP_${response.status}`);
  }
  if (!isSession(body)) throw new LoginError('UNEXPECTED_RESPONSE');
  const session: Session = {
    accessToken: body.accessToken,
    expiresAt: body.expiresAt,
    officer: { ...body.officer },
  };
  saveSession(session);
  return session;
}

/** POST /auth/logout with the bearer token, then forget the session whatever the answer. */
export async function logout(): Promise<void> {
  const token = getAccessToken();
  try {
    if (token) {
      await fetch('/auth/logout', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      });
    }
  } catch {
    // The token is dropped locally anyway; the server will let it expire.
  } finally {
    clearSession();
  }
}
