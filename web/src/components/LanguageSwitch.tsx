import type { ReactNode } from 'react';
import { LOCALE_NAMES, otherLocale, useI18n } from '../i18n';

/** A button naming the other language in that language: "English" / "Tiếng Việt". */
export function LanguageSwitch(): ReactNode {
  const { locale, setLocale, t } = useI18n();
  const next = otherLocale(locale);
  return (
    <button
      type="button"
      className="button button--ghost language-switch"
      lang={next}
      title={t('lang.switchLabel')}
      onClick={() => setLocale(next)}
    >
      {LOCALE_NAMES[next]}
    </button>
  );
}
