import type { ReactNode } from 'react';
import { formatCount, useI18n, type MessageKey } from '../i18n';
import { routeHref, type PageName } from '../router';

interface NavItem {
  page: Exclude<PageName, 'person'>;
  label: MessageKey;
}

const ANALYST_ROLES = new Set(['analyst', 'supervisor']);
/** Roles that do not read the police registry's names (analysts, volunteers, facility staff, the Front's reviewers) get no person search. */
const NO_SEARCH = new Set(['analyst', 'volunteer', 'facility_staff', 'front_officer']);
/** Roles without an inbox: analysts see no person; the Front's reviewers read only the dossiers put to them. */
const NO_INBOX = new Set(['analyst', 'front_officer']);

/** Pages an officer of this role may open (analysts see aggregates, not person records). */
export function navItems(role: string): NavItem[] {
  const items: NavItem[] = [];
  if (!NO_SEARCH.has(role)) items.push({ page: 'search', label: 'nav.search' });
  // Supervisors have the province's reassignment worklist to read; analysts see aggregates only.
  if (role !== 'analyst') items.push({ page: 'worklist', label: 'nav.worklist' });
  // Every officer of a unit acting on cases has an inbox of the notices addressed to it.
  if (!NO_INBOX.has(role)) items.push({ page: 'inbox', label: 'nav.inbox' });
  items.push({ page: 'dashboard', label: 'nav.dashboard' });
  if (ANALYST_ROLES.has(role)) items.push({ page: 'analyst', label: 'nav.analyst' });
  // Supervisors approve and review break-the-glass accesses.
  if (role === 'supervisor') items.push({ page: 'access', label: 'nav.access' });
  return items;
}

/** Counts shown beside navigation items: unread notifications, items waiting on the worklist. */
export interface NavCounts {
  inbox: number | null;
  worklist: number | null;
}

const COUNT_TEXT: Record<keyof NavCounts, MessageKey> = { inbox: 'nav.unread', worklist: 'nav.waiting' };

function NavCount({ page, counts }: { page: NavItem['page']; counts: NavCounts }): ReactNode {
  const { t, locale } = useI18n();
  if (page !== 'inbox' && page !== 'worklist') return null;
  const count = counts[page];
  if (count === null || count === 0) return null;
  const text = t(COUNT_TEXT[page], { count: formatCount(locale, count) });
  return (
    <span className="nav-count" title={text}>
      <span aria-hidden="true">{formatCount(locale, count)}</span>
      <span className="visually-hidden">{text}</span>
    </span>
  );
}

export function MainNav({ role, current, counts }: { role: string; current: PageName; counts: NavCounts }): ReactNode {
  const { t } = useI18n();
  const active = current === 'person' ? 'search' : current;
  return (
    <nav className="main-nav" aria-label={t('nav.region')}>
      <ul>
        {navItems(role).map((item) => (
          <li key={item.page}>
            <a href={routeHref({ page: item.page })} aria-current={active === item.page ? 'page' : undefined}>
              {t(item.label)}
              <NavCount page={item.page} counts={counts} />
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
