import type { ReactNode } from 'react';
import type { Officer } from '../auth';
import { formatDateTime, useI18n } from '../i18n';

/**
 * In hồ sơ: prints the person's record as the page shows it to this officer (what the
 * officer may see, nothing more), under a header naming who printed it and when, marked
 * confidential. The browser's print dialog also saves it as PDF.
 */
export function PrintRecord({ officer }: { officer: Officer }): ReactNode {
  const { t } = useI18n();
  return (
    <>
      <div className="print-toolbar">
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t('print.button')}
        </button>
      </div>
      <div className="print-only print-header" data-testid="print-header">
        <p className="print-header__title">{t('print.title')}</p>
        <p>{t('print.printedBy', { name: officer.displayName, unit: officer.unitName, at: formatDateTime() })}</p>
        <p className="print-header__confidential">{t('print.confidential')}</p>
      </div>
    </>
  );
}
