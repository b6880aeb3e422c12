import type { ErrorLike } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useId, type ReactNode } from 'react';
import { ErrorNotice } from '../../components/States';
import { noticeMessages } from '../../graphqlErrors';
import { useI18n } from '../../i18n';
import { routeHref } from '../../router';
import { ExportButtons } from '../../export/ExportButtons';
import { cellText, compareTexts, folded, useWorklistChoice, type WorklistChoice } from './worklistView';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/** A list this short is read at a glance: no filter box (unless one is set). */
const FILTER_FROM_ROWS = 5;

interface ShownRow<T> {
  row: T;
  texts: string[];
}

/** The rows as the officer chose to see them: filtered (diacritics aside), then sorted. */
function shownRows<T>(rows: readonly T[], columns: readonly Column<T>[], choice: WorklistChoice): ShownRow<T>[] {
  const all = rows.map((row) => ({ row, texts: columns.map((c) => cellText(c.cell(row))) }));
  const wanted = folded(choice.filter.trim());
  const kept = wanted ? all.filter((r) => folded(r.texts.join(' ')).includes(wanted)) : all;
  const at = columns.findIndex((c) => c.header === choice.sortBy);
  if (at < 0) return kept;
  const sign = choice.descending ? -1 : 1;
  return [...kept].sort((a, b) => sign * compareTexts(a.texts[at] ?? '', b.texts[at] ?? ''));
}

function SortHeader({
  header,
  choice,
  onChoose,
}: {
  header: string;
  choice: WorklistChoice;
  onChoose: (choice: WorklistChoice) => void;
}): ReactNode {
  const { t } = useI18n();
  const sorted = choice.sortBy === header;
  const ariaSort = sorted ? (choice.descending ? 'descending' : 'ascending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button
        type="button"
        className="table__sort"
        title={t('worklist.sortBy', { column: header })}
        onClick={() => onChoose({ ...choice, sortBy: header, descending: sorted ? !choice.descending : false })}
      >
        {header}
        <span aria-hidden="true">{sorted ? (choice.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
      </button>
    </th>
  );
}

/**
 * One worklist: a titled table with loading, empty and error states, and optional actions
 * per row. The officer sorts it by any column and filters it by any text shown; the choice
 * is remembered for this officer and list. It exports as CSV what it shows, as it shows it.
 */
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
  const filterId = useId();
  const [choice, setChoice] = useWorklistChoice(testId);
  const shown = rows ? shownRows(rows, columns, choice) : [];
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
      <>
        <div className="worklist__tools">
          {(rows.length > FILTER_FROM_ROWS || choice.filter !== '') && (
            <div className="form-field">
              <label htmlFor={filterId}>{t('worklist.filter')}</label>
              <input
                id={filterId}
                className="input"
                type="search"
                value={choice.filter}
                placeholder={t('worklist.filterHint')}
                onChange={(e) => setChoice({ ...choice, filter: e.target.value })}
              />
            </div>
          )}
          <ExportButtons name={testId} title={title} header={columns.map((c) => c.header)} rows={shown.map((r) => r.texts)} />
        </div>
        {shown.length === 0 ? (
          <p className="state state--empty">{t('worklist.noneMatch')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <SortHeader key={c.header} header={c.header} choice={choice} onChoose={setChoice} />
                  ))}
                  {actions && <th scope="col">{t('action.heading')}</th>}
                </tr>
              </thead>
              <tbody>
                {shown.map(({ row }) => (
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
        )}
      </>
    );
  }
  const count = rows ? (shown.length === rows.length ? ` (${rows.length})` : ` (${shown.length}/${rows.length})`) : '';
  return (
    <section className="panel worklist" data-testid={testId} aria-label={title}>
      <h3 className="panel__title">
        {title}
        {count}
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
