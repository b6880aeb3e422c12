import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { BreakGlassError, decideGrant, listGrants, reviewGrant, type BreakGlassGrant, type GrantList } from '../breakGlass';
import { useI18n } from '../i18n';

const LISTS: readonly GrantList[] = ['awaiting-approval', 'pending', 'reviewed'];

type Lists = Record<GrantList, BreakGlassGrant[]>;

/** "dd/mm/yyyy HH:mm" in Việt Nam's time. */
function when(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

function GrantItem({ grant, list, onDone }: { grant: BreakGlassGrant; list: GrantList; onDone: () => Promise<void> }): ReactNode {
  const { t, locale } = useI18n();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noteId = useId();
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      await onDone();
    } catch (caught: unknown) {
      setError(caught instanceof BreakGlassError ? (locale === 'en' ? caught.en : caught.vi) : t('breakGlass.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="grant" data-testid={`grant-${grant.grantId}`}>
      <p>
        <strong>{grant.username}</strong> → {grant.targetUnitName} · {when(grant.createdAt)}
        {' · '}
        {grant.active ? t('access.activeUntil', { time: when(grant.expiresAt) }) : t(`access.status.${grant.status}`)}
      </p>
      <p className="grant__reason">{grant.reason}</p>
      {grant.reviewedBy && (
        <p className="grant__review">
          {t('access.reviewedBy', { name: grant.reviewedBy, time: grant.reviewedAt ? when(grant.reviewedAt) : '' })}
          {grant.reviewNote ? ` — ${grant.reviewNote}` : ''}
        </p>
      )}
      {list !== 'reviewed' && (
        <div className="form-field form-field--wide">
          <label htmlFor={noteId}>{t('access.note')}</label>
          <input id={noteId} value={note} maxLength={1000} onChange={(event) => setNote(event.target.value)} />
        </div>
      )}
      {error && (
        <p className="form-field__error" role="alert">
          {error}
        </p>
      )}
      {list === 'awaiting-approval' && (
        <p>
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void act(() => decideGrant(grant.grantId, true, note))}
          >
            {t('access.approve')}
          </button>{' '}
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void act(() => decideGrant(grant.grantId, false, note))}
          >
            {t('access.refuse')}
          </button>
        </p>
      )}
      {list === 'pending' && (
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => void act(() => reviewGrant(grant.grantId, note))}
        >
          {t('access.markReviewed')}
        </button>
      )}
    </li>
  );
}

/** The supervisor's review of break-the-glass accesses: approve wide ones, review every one after use. */
export function AccessReviewPage(): ReactNode {
  const { t, locale } = useI18n();
  const [lists, setLists] = useState<Lists | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped after an approval, refusal or review: the lists are read again.
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    Promise.all(LISTS.map((list) => listGrants(list))).then(
      ([awaiting = [], pending = [], reviewed = []]) => {
        if (!live) return;
        setLists({ 'awaiting-approval': awaiting, pending, reviewed });
        setError(null);
      },
      (caught: unknown) => {
        if (live)
          setError(caught instanceof BreakGlassError ? (locale === 'en' ? caught.en : caught.vi) : t('breakGlass.failed'));
      },
    );
    return () => {
      live = false;
    };
  }, [version, locale, t]);
  const reload = useCallback(async () => {
    setVersion((v) => v + 1);
    return Promise.resolve();
  }, []);
  return (
    <section aria-labelledby="access-title">
      <h2 id="access-title">{t('access.title')}</h2>
      <p>{t('access.explain')}</p>
      {error && (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {!lists && !error && (
        <p className="state state--loading" role="status">
          {t('state.loading')}
        </p>
      )}
      {lists &&
        LISTS.map((list) => (
          <section key={list} data-testid={`access-${list}`} aria-label={t(`access.list.${list}`)}>
            <h3>
              {t(`access.list.${list}`)} ({lists[list].length})
            </h3>
            {lists[list].length === 0 ? (
              <p className="state state--empty">{t('state.empty')}</p>
            ) : (
              <ul className="grant-list">
                {lists[list].map((grant) => (
                  <GrantItem key={grant.grantId} grant={grant} list={list} onDone={reload} />
                ))}
              </ul>
            )}
          </section>
        ))}
    </section>
  );
}
