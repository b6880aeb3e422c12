import { useId, useState, type SubmitEvent, type ReactNode } from 'react';
import { BreakGlassError, requestBreakGlass } from '../breakGlass';
import { useI18n } from '../i18n';

const MIN_REASON = 15;
const DURATIONS = [30, 60, 120, 240] as const;

type State =
  { kind: 'closed' } | { kind: 'open'; error: string | null } | { kind: 'sending' } | { kind: 'pending'; unit: string };

/**
 * The way in to a record outside the officer's unit: a stated reason and a time, then the
 * record opens at once (one commune) or waits for a supervisor (a wider unit). Every read made
 * under it is audited as break-the-glass and reviewed.
 */
export function BreakGlassRequest({ unitCode, onOpened }: { unitCode: string; onOpened: () => unknown }): ReactNode {
  const { t, locale } = useI18n();
  const [state, setState] = useState<State>({ kind: 'closed' });
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number>(60);
  const reasonId = useId();
  const errorId = useId();
  const durationId = useId();

  if (state.kind === 'closed') {
    return (
      <button type="button" className="button button--primary" onClick={() => setState({ kind: 'open', error: null })}>
        {t('breakGlass.open')}
      </button>
    );
  }
  if (state.kind === 'pending') {
    return (
      <p className="notice notice--info" role="status">
        {t('breakGlass.pending', { unit: state.unit })}
      </p>
    );
  }

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      setState({ kind: 'open', error: t('breakGlass.reasonTooShort', { n: String(MIN_REASON) }) });
      return;
    }
    setState({ kind: 'sending' });
    try {
      const grant = await requestBreakGlass(unitCode, reason.trim(), minutes);
      if (grant.status === 'OPEN') await onOpened();
      else setState({ kind: 'pending', unit: grant.targetUnitName });
    } catch (error: unknown) {
      const message = error instanceof BreakGlassError ? (locale === 'en' ? error.en : error.vi) : t('breakGlass.failed');
      setState({ kind: 'open', error: message });
    }
  };
  const error = state.kind === 'open' ? state.error : null;
  return (
    <form className="action-form" onSubmit={(event) => void submit(event)} aria-label={t('breakGlass.title')} noValidate>
      <h3 className="action-form__title">{t('breakGlass.title')}</h3>
      <p>{t('breakGlass.explain')}</p>
      <div className="action-form__fields">
        <div className="form-field form-field--wide">
          <label htmlFor={reasonId}>
            {t('breakGlass.reason')}
            <span aria-hidden="true"> *</span>
          </label>
          <textarea
            id={reasonId}
            value={reason}
            rows={3}
            maxLength={500}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
          {error && (
            <p id={errorId} className="form-field__error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div className="form-field">
          <label htmlFor={durationId}>{t('breakGlass.duration')}</label>
          <select id={durationId} value={minutes} onChange={(event) => setMinutes(Number(event.target.value))}>
            {DURATIONS.map((m) => (
              <option key={m} value={m}>
                {t('breakGlass.minutes', { n: String(m) })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" className="button button--primary" disabled={state.kind === 'sending'}>
        {t('breakGlass.submit')}
      </button>
    </form>
  );
}
