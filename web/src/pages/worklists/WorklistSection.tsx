import type { ErrorLike } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../../components/States';
import { noticeMessages } from '../../graphqlErrors';
import { useI18n } from '../../i18n';
import { routeHref } from '../../router';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/** One worklist: a titled table with loading, empty and error states, and optional actions per row. */
export function WorklistSection<T>({
  title,
  testId,
  loading,
  error,
  rows,
  columns,
  actions,
  rowKey,
  note,
  children,
}: {
  title: string;
  /** A line under the title (e.g. that the list is read-only today). */
  note?: string;
  /** Shown above the table (e.g. the outcome of the last action). */
  children?: ReactNode;
  testId: string;
  loading: boolean;
  error: ErrorLike | undefined;
  rows: readonly T[] | undefined;
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  actions?: (row: T) => ReactNode;
}): ReactNode {
  const { t, locale } = useI18n();
  let body: ReactNode;
  if (loading && !rows)
    body = (
      <p className="state state--loading" role="status">
        {t('state.loading')}
      </p>
    );
  else if (!rows) {
    const messages = CombinedGraphQLErrors.is(error) ? noticeMessages(error.errors, locale) : [error?.message ?? ''];
    body = <ErrorNotice title={t('state.error')} messages={messages} />;
  } else if (rows.length === 0) body = <p className="state state--empty">{t('worklist.empty')}</p>;
  else {
    body = (
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col">
                  {c.header}
                </th>
              ))}
              {actions && <th scope="col">{t('action.heading')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.header}>{c.cell(row)}</td>
                ))}
                {actions && <td className="table__actions">{actions(row)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <section className="panel worklist" data-testid={testId} aria-label={title}>
      <h3 className="panel__title">
        {title}
        {rows ? ` (${rows.length})` : ''}
      </h3>
      <div className="panel__body">
        {note && <p className="muted worklist__note">{note}</p>}
        {children}
        {body}
      </div>
    </section>
  );
}

export function PersonLink({ id, name }: { id: string | null | undefined; name: string | null | undefined }): ReactNode {
  if (!id) return <span>{name ?? '—'}</span>;
  return <a href={routeHref({ page: 'person', id })}>{name ?? id}</a>;
}
