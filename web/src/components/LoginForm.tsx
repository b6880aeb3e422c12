import { useId, useState, type SubmitEvent, type ReactNode } from 'react';
import { LoginError, login } from '../auth';
import { useI18n, type MessageKey } from '../i18n';

type FormError =
  { kind: 'server'; vi: string | undefined; en: string | undefined; fallback: MessageKey } | { kind: 'local'; key: MessageKey };

interface LoginFormProps {
  /** A notice shown above the form, e.g. that the previous session expired. */
  notice?: MessageKey | null;
}

export function LoginForm({ notice = null }: LoginFormProps): ReactNode {
  const { t, locale } = useI18n();
  const usernameId = useId();
  const passwordId = useId();
  const errorId = useId();
  const headingId = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<FormError | null>(null);

  const handleSubmit = async (event: SubmitEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError({ kind: 'local', key: 'login.required' });
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password);
      // The session store notifies the app, which replaces this form.
    } catch (caught) {
      if (caught instanceof LoginError) {
        if (caught.code === 'NETWORK_ERROR') setError({ kind: 'local', key: 'login.networkError' });
        else setError({ kind: 'server', vi: caught.messageVi, en: caught.messageEn, fallback: 'login.unexpectedError' });
      } else {
        setError({ kind: 'local', key: 'login.unexpectedError' });
      }
      setSubmitting(false);
    }
  };

  let errorText: string | null = null;
  if (error?.kind === 'local') errorText = t(error.key);
  else if (error?.kind === 'server')
    errorText = (locale === 'en' ? error.en : error.vi) ?? error.vi ?? error.en ?? t(error.fallback);

  return (
    <section className="login" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('login.heading')}</h2>
      {notice && (
        <p className="notice notice--info" role="status">
          {t(notice)}
        </p>
      )}
      <div className="login__layout">
        <form
          className="login__form"
          onSubmit={(event) => void handleSubmit(event)}
          noValidate
          aria-describedby={errorText ? errorId : undefined}
        >
          <div className="form-field">
            <label htmlFor={usernameId}>{t('login.username')}</label>
            <input
              id={usernameId}
              name="username"
              type="text"
              className="input"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              aria-invalid={error !== null && !username.trim()}
              onChange={(event) => setUsername(event.target.value)}
            />
          </div>
          <div className="form-field">
            <label htmlFor={passwordId}>{t('login.password')}</label>
            <input
              id={passwordId}
              name="password"
              type="password"
              className="input"
              autoComplete="current-password"
              required
              value={password}
              aria-invalid={error !== null && !password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button type="submit" className="button button--primary" disabled={submitting} aria-busy={submitting}>
            {submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <div className="login__message">
          {errorText && (
            <p id={errorId} className="notice notice--error" role="alert">
              {errorText}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
