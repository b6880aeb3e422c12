import { useId, type ReactNode } from 'react';
import {
  fieldAccess,
  requestIdLines,
  translatedMessages,
  unavailableErrors,
  type GraphQLErrors,
  type ResponsePath,
} from '../graphqlErrors';
import { useI18n, type Agency } from '../i18n';

/** What an agency panel is given by the page query. */
export type PanelState<T> =
  | { kind: 'loading' }
  | { kind: 'error'; messages: readonly string[] }
  | {
      kind: 'data';
      person: T;
      /** All GraphQL errors of the response; each panel picks those under its own fields. */
      errors: GraphQLErrors;
      /** Response path of the person object, e.g. ["personByIdentificationNumber"]. */
      path: ResponsePath;
    };

interface PanelProps<T extends object> {
  testId: string;
  title: string;
  agency: Agency;
  state: PanelState<T>;
  /** The person fields this panel's fragment selects at top level (for error attribution). */
  fields: readonly (keyof T & string)[];
  /** True when the data arrived without errors and holds nothing to show. */
  isEmpty: (person: T) => boolean;
  children: (person: T, errors: GraphQLErrors, path: ResponsePath) => ReactNode;
  className?: string;
}

export function Panel<T extends object>({
  testId,
  title,
  agency,
  state,
  fields,
  isEmpty,
  children,
  className,
}: PanelProps<T>): ReactNode {
  const { t, label, locale } = useI18n();
  const headingId = useId();

  let body: ReactNode;
  if (state.kind === 'loading') {
    body = (
      <p className="state state--loading" role="status">
        {t('state.loading')}
      </p>
    );
  } else if (state.kind === 'error') {
    body = (
      <div className="notice notice--error" role="alert">
        <p>{t('state.error')}</p>
        {state.messages.map((message) => (
          <p key={message} className="notice__detail">
            {message}
          </p>
        ))}
      </div>
    );
  } else {
    const { person, errors, path } = state;
    // The gateway reports an agency that does not answer without a path, naming its subgraph.
    const down = errors.filter((e) => !e.path && e.extensions?.subgraph === agency);
    const unavailable = [...unavailableErrors(errors, path, fields), ...down];
    const allUnavailable =
      fields.every((field) => fieldAccess(errors, [...path, field], person[field]) === 'unavailable') ||
      (down.length > 0 && fields.every((field) => person[field] === null || person[field] === undefined));
    const anyFieldError = fields.some((field) => fieldAccess(errors, [...path, field], person[field]) !== 'ok');
    body = (
      <>
        {unavailable.length > 0 && (
          <div className="notice notice--warning" role="alert">
            <p>{t('state.panelUnavailable', { agency: label('agency', agency) })}</p>
            {[...translatedMessages(unavailable, locale), ...requestIdLines(unavailable, locale)]
              .filter((message) => message !== t('state.panelUnavailable', { agency: label('agency', agency) }))
              .map((message) => (
                <p key={message} className="notice__detail">
                  {message}
                </p>
              ))}
          </div>
        )}
        {allUnavailable ? null : !anyFieldError && unavailable.length === 0 && isEmpty(person) ? (
          <p className="state state--empty">{t('state.empty')}</p>
        ) : (
          children(person, errors, path)
        )}
      </>
    );
  }

  return (
    <section
      className={className ? `panel ${className}` : 'panel'}
      data-testid={testId}
      aria-labelledby={headingId}
      aria-busy={state.kind === 'loading'}
    >
      <h2 id={headingId} className="panel__title">
        {title}
      </h2>
      <div className="panel__body">{body}</div>
    </section>
  );
}

interface GuardedProps<V> {
  errors: GraphQLErrors;
  path: ResponsePath;
  value: V;
  children: (value: NonNullable<V>) => ReactNode;
  /** Shown when the value is null/empty without an error. */
  empty?: ReactNode;
}

/**
 * Renders a response field, or "Không có quyền xem" when the field was FORBIDDEN,
 * or a short "unavailable" note when it is null because of another error.
 */
export function Guarded<V>({ errors, path, value, children, empty }: GuardedProps<V>): ReactNode {
  const { t } = useI18n();
  const access = fieldAccess(errors, path, value);
  if (access === 'forbidden') return <span className="restricted">{t('state.forbidden')}</span>;
  if (access === 'unavailable') return <span className="muted">{t('state.unavailableField')}</span>;
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    return empty ?? <span className="muted">—</span>;
  }
  return children(value);
}

/** One labelled value in a description list. */
export function Field({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }): ReactNode {
  return (
    <div className={wide ? 'field field--wide' : 'field'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
