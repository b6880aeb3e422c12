import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

export function Loading(): ReactNode {
  const { t } = useI18n();
  return (
    <p className="state state--loading" role="status">
      {t('state.loading')}
    </p>
  );
}

export function Empty({ text }: { text?: string }): ReactNode {
  const { t } = useI18n();
  return <p className="state state--empty">{text ?? t('state.empty')}</p>;
}

export function ErrorNotice({ title, messages = [] }: { title: string; messages?: readonly string[] }): ReactNode {
  return (
    <div className="notice notice--error" role="alert">
      <p>{title}</p>
      {[...new Set(messages)].filter(Boolean).map((message) => (
        <p key={message} className="notice__detail">
          {message}
        </p>
      ))}
    </div>
  );
}
