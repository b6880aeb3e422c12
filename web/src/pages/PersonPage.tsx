import type { ReactNode } from 'react';
import type { Officer } from '../auth';
import { navItems } from '../components/MainNav';
import { Person360 } from '../components/Person360';
import { useI18n } from '../i18n';
import { routeHref } from '../router';

export function PersonPage({ id, officer }: { id: string; officer: Officer }): ReactNode {
  const { t } = useI18n();
  return (
    <>
      <p className="back-link">
        {/* Roles without a person search came from their worklist. */}
        {navItems(officer.role).some((item) => item.page === 'search') ? (
          <a href={routeHref({ page: 'search' })}>← {t('person.backToSearch')}</a>
        ) : (
          <a href={routeHref({ page: 'worklist' })}>← {t('person.backToWorklist')}</a>
        )}
      </p>
      <Person360 key={id} id={id} officer={officer} />
    </>
  );
}
