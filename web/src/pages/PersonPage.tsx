import type { ReactNode } from 'react';
import type { Officer } from '../auth';
import { Person360 } from '../components/Person360';
import { useI18n } from '../i18n';
import { routeHref } from '../router';

export function PersonPage({ id, officer }: { id: string; officer: Officer }): ReactNode {
  const { t } = useI18n();
  return (
    <>
      <p>
        <a href={routeHref({ page: 'search' })}>← {t('person.backToSearch')}</a>
      </p>
      <Person360 key={id} id={id} officer={officer} />
    </>
  );
}
