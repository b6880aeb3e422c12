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
  /** ISO 8601 instant: when the access token expires (15 minutes after issue). */
  expiresAt: string;
  /** Single-use token exchanged at POST /auth/refresh for new tokens (rotated each time). */
  refreshToken: string;
  /** ISO 8601 instant: when the session ends; no refresh extends it. */
  refreshExpiresAt: string;
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
    typeof value.refreshToken === 'string' &&
    typeof value.refreshExpiresAt === 'string' &&
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

/** Whether the session itself (not just its access token) has ended. */
export function isExpired(session: Session, now: number = Date.now()): boolean {
  const expires = Date.parse(session.refreshExpiresAt);
  return Number.isFinite(expires) && expires <= now;
}

/** Refresh the access token this long before it expires. */
const REFRESH_MARGIN_MS = 60_000;

export function accessTokenDue(session: Session, now: number = Date.now()): boolean {
  const expires = Date.parse(session.expiresAt);
  return !Number.isFinite(expires) || expires - REFRESH_MARGIN_MS <= now;
}

/** The current session (its access token may need a refresh), or null. */
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
  const session = toSession(body);
  saveSession(session);
  return session;
}

function toSession(body: Session): Session {
  return {
    accessToken: body.accessToken,
    expiresAt: body.expiresAt,
    refreshToken: body.refreshToken,
    refreshExpiresAt: body.refreshExpiresAt,
    officer: { ...body.officer },
  };
}

let refreshing: Promise<Session | null> | null = null;

async function exchangeRefreshToken(refreshToken: string): Promise<Session | null> {
  let response: Response;
  try {
    response = await fetch('/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    // Network trouble: keep the session; the next request tries again.
    return getSession();
  }
  const body = await readJson(response);
  if (!response.ok || !isSession(body)) {
    clearSession('expired');
    return null;
  }
  const session = toSession(body);
  saveSession(session);
  return session;
}

/**
 * Exchanges the refresh token for new tokens (one exchange at a time: the token is single
 * use, and a second use would revoke the session). Resolves with the new session, or null
 * when the session has ended.
 */
export function refreshSession(): Promise<Session | null> {
  const session = getSession();
  if (!session) return Promise.resolve(null);
  refreshing ??= exchangeRefreshToken(session.refreshToken).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** A valid access token, refreshed first when it is about to expire; null without a session. */
export async function freshAccessToken(): Promise<string | null> {
  const session = getSession();
  if (!session) return null;
  if (!accessTokenDue(session)) return session.accessToken;
  return (await refreshSession())?.accessToken ?? null;
}

/** POST /auth/logout with the bearer token, then forget the session whatever the answer. */
export async function logout(): Promise<void> {
  const session = getSession();
  try {
    if (session) {
      // The refresh token ends the session even when the access token has expired.
      await fetch('/auth/logout', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(accessTokenDue(session) ? {} : { Authorization: `Bearer ${session.accessToken}` }),
        },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      });
    }
  } catch {
    // The token is dropped locally anyway; the server will let it expire.
  } finally {
    clearSession();
  }
}
