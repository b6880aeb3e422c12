import { useState, type ReactNode } from 'react';
import { useActing } from '../acting';
import type { Officer } from '../auth';
import { useI18n } from '../i18n';

interface OfficerBarProps {
  officer: Officer;
  onLogout: () => Promise<void>;
}

/** Who is signed in: name, agency, role and unit, with the sign-out button. */
export function OfficerBar({ officer, onLogout }: OfficerBarProps): ReactNode {
  const { t, label } = useI18n();
  const acting = useActing();
  const [busy, setBusy] = useState(false);
  // A unit that no longer exists today (a district, ended with the reform): the account reads the past only.
  const ended = acting.loaded && acting.unit === null;

  const handleLogout = async (): Promise<void> => {
    setBusy(true);
    try {
      await onLogout();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="officer-bar" aria-label={t('officer.region')}>
      <dl className="officer-bar__details">
        <div className="officer-bar__name">
          <dt className="visually-hidden">{t('officer.region')}</dt>
          <dd>{officer.displayName}</dd>
        </div>
        <div>
          <dt>{t('officer.agency')}</dt>
          <dd>{label('agency', officer.agency)}</dd>
        </div>
        <div>
          <dt>{t('officer.role')}</dt>
          <dd>{label('role', officer.role)}</dd>
        </div>
        <div>
          <dt>{t('officer.unit')}</dt>
          <dd>
            {officer.unitName}
            {ended && (
              <span className="officer-bar__note" data-testid="unit-ended">
                {' '}
                — {t('unit.endedAccount')}
              </span>
            )}
          </dd>
        </div>
      </dl>
      <button type="button" className="button button--secondary" onClick={() => void handleLogout()} disabled={busy}>
        {t('officer.logout')}
      </button>
    </section>
  );
}
