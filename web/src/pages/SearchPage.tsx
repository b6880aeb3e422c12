import { gql, type TypedDocumentNode } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { skipToken, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type SubmitEvent, type ReactNode } from 'react';
import { useActing } from '../acting';
import type { Officer } from '../auth';
import { RegisterPersonForm } from '../forms/RegisterPerson';
import { ErrorNotice } from '../components/States';
import { noticeMessages } from '../graphqlErrors';
import { formatCount, useI18n } from '../i18n';
import { routeHref } from '../router';
import { ExportButtons } from '../export/ExportButtons';
import { DATED_UNIT_FRAGMENT, UnitName } from '../units';
import type {
  SearchPersonsQuery,
  SearchPersonsQueryVariables,
  SearchUnitsQuery,
  SearchUnitsQueryVariables,
} from '../__generated__/operations';

const PAGE_SIZE = 10;

/** Roles that register people in the police registry (the server's rule for registerPerson). */
const REGISTRARS = new Set(['police_officer', 'commune_official']);

/** Số định danh cá nhân: exactly 12 digits, checked before any request is sent. */
export function isIdentificationNumber(value: string): boolean {
  return /^\d{12}$/.test(value);
}

export interface SearchCriteria {
  name: string;
  identificationNumber: string;
  unitCode: string;
}

/** The search form and the page of results, kept while the officer opens a person. */
export interface SearchState {
  criteria: SearchCriteria;
  submitted: SearchCriteria | null;
  /** Cursors of the pages before the current one; the last is the current page's `after`. */
  cursors: readonly (string | null)[];
}

export const emptySearch: SearchState = {
  criteria: { name: '', identificationNumber: '', unitCode: '' },
  submitted: null,
  cursors: [null],
};

export const PERSONS_QUERY: TypedDocumentNode<SearchPersonsQuery, SearchPersonsQueryVariables> = gql`
  query SearchPersons($first: Int, $after: String, $name: String, $identificationNumber: IdentificationNumber, $unitCode: ID) {
    persons(first: $first, after: $after, name: $name, identificationNumber: $identificationNumber, unitCode: $unitCode) {
      totalCount
      totalCountExact
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        fullName
        identificationNumber
        dateOfBirth
        currentResidence {
          addressLine
          unit {
            ...DatedUnit
          }
        }
      }
    }
  }
  ${DATED_UNIT_FRAGMENT}
`;

const UNITS_QUERY: TypedDocumentNode<SearchUnitsQuery, SearchUnitsQueryVariables> = gql`
  query SearchUnits($parentCode: ID) {
    administrativeUnits(parentCode: $parentCode) {
      code
      name
    }
  }
`;

function UnitSelect({ officer, value, onChange }: { officer: Officer; value: string; onChange: (v: string) => void }): ReactNode {
  const { t } = useI18n();
  const id = useId();
  const { data } = useQuery(UNITS_QUERY, { variables: { parentCode: officer.unitCode } });
  return (
    <div className="form-field">
      <label htmlFor={id}>{t('search.unit')}</label>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('search.unitAll', { unit: officer.unitName })}</option>
        {(data?.administrativeUnits ?? []).map((unit) => (
          <option key={unit.code} value={unit.code}>
            {unit.name} ({unit.code})
          </option>
        ))}
      </select>
    </div>
  );
}

function TextField({
  label,
  value,
  onChange,
  hint,
  error,
  inputRef,
  mono,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string | null;
  inputRef?: React.RefObject<HTMLInputElement | null>;
  mono?: boolean;
}): ReactNode {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        className={mono ? 'input input--mono' : 'input'}
        type="text"
        autoComplete="off"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && !error && (
        <p id={`${id}-hint`} className="form-field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="form-field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Results({ state, onChange }: { state: SearchState; onChange: (state: SearchState) => void }): ReactNode {
  const { t, locale, formatDate } = useI18n();
  const submitted = state.submitted;
  const after = state.cursors[state.cursors.length - 1] ?? null;
  const { data, error, loading } = useQuery(
    PERSONS_QUERY,
    submitted
      ? {
          fetchPolicy: 'no-cache',
          variables: {
            first: PAGE_SIZE,
            after,
            name: submitted.name || null,
            identificationNumber: submitted.identificationNumber || null,
            unitCode: submitted.unitCode || null,
          },
        }
      : skipToken,
  );
  if (!submitted) return null;
  if (loading)
    return (
      <p className="state state--loading" role="status">
        {t('state.loading')}
      </p>
    );
  const connection = data?.persons;
  if (!connection) {
    const messages = CombinedGraphQLErrors.is(error) ? noticeMessages(error.errors, locale) : [error?.message ?? ''];
    return <ErrorNotice title={t('search.error')} messages={messages} />;
  }
  if (connection.nodes.length === 0)
    return (
      <p className="state state--empty" role="status">
        {t('search.noResults')}
      </p>
    );
  const pageNumber = state.cursors.length;
  return (
    <section aria-labelledby="search-results-heading" className="results">
      <div className="page-title-row">
        <h2 id="search-results-heading" className="section-title">
          {t(connection.totalCountExact ? 'search.results' : 'search.resultsMore', {
            count: formatCount(locale, connection.totalCount),
          })}
        </h2>
        <ExportButtons
          name="search-results"
          title={t('search.heading')}
          header={[
            t('identity.fullName'),
            t('identity.identificationNumber'),
            t('identity.dateOfBirth'),
            t('identity.currentResidence'),
          ]}
          rows={connection.nodes.map((p) => [
            p.fullName,
            p.identificationNumber,
            formatDate(p.dateOfBirth),
            p.currentResidence ? `${p.currentResidence.addressLine}, ${p.currentResidence.unit.name}` : t('state.forbidden'),
          ])}
        />
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="search-results">
          <thead>
            <tr>
              <th scope="col">{t('identity.fullName')}</th>
              <th scope="col">{t('identity.identificationNumber')}</th>
              <th scope="col">{t('identity.dateOfBirth')}</th>
              <th scope="col">{t('identity.currentResidence')}</th>
            </tr>
          </thead>
          <tbody>
            {connection.nodes.map((person) => (
              <tr key={person.id}>
                <td>
                  <a href={routeHref({ page: 'person', id: person.id })}>{person.fullName}</a>
                </td>
                <td className="mono">{person.identificationNumber}</td>
                <td>{formatDate(person.dateOfBirth)}</td>
                <td>
                  {person.currentResidence ? (
                    <>
                      {person.currentResidence.addressLine}, <UnitName unit={person.currentResidence.unit} />
                    </>
                  ) : (
                    <span className="restricted">{t('state.forbidden')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <button
          type="button"
          className="button button--secondary"
          disabled={pageNumber <= 1}
          onClick={() => onChange({ ...state, cursors: state.cursors.slice(0, -1) })}
        >
          {t('search.previous')}
        </button>
        <span>{t('search.page', { page: String(pageNumber) })}</span>
        <button
          type="button"
          className="button button--secondary"
          disabled={!connection.pageInfo.hasNextPage}
          onClick={() => onChange({ ...state, cursors: [...state.cursors, connection.pageInfo.endCursor] })}
        >
          {t('search.next')}
        </button>
      </div>
    </section>
  );
}

/** Tìm kiếm: by name without diacritics, by identification number, by unit; paginated by cursor. */
export function SearchPage({
  officer,
  state,
  onChange,
}: {
  officer: Officer;
  state: SearchState;
  onChange: (state: SearchState) => void;
}): ReactNode {
  const { t } = useI18n();
  const nameRef = useRef<HTMLInputElement>(null);
  const [numberError, setNumberError] = useState<string | null>(null);
  const acting = useActing();
  const [registering, setRegistering] = useState(false);
  const criteria = state.criteria;
  const set = (patch: Partial<SearchCriteria>): void => onChange({ ...state, criteria: { ...criteria, ...patch } });

  useEffect(() => {
    nameRef.current?.focus();
  }, []);

  const submit = (event: SubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const number = criteria.identificationNumber.replace(/\s+/g, '');
    if (number && !isIdentificationNumber(number)) {
      setNumberError(t('lookup.invalid'));
      return;
    }
    setNumberError(null);
    const submitted = { name: criteria.name.trim(), identificationNumber: number, unitCode: criteria.unitCode };
    onChange({ criteria: { ...criteria, identificationNumber: number }, submitted, cursors: [null] });
  };

  return (
    <>
      <div className="page-title-row">
        <h2 className="page-title">{t('search.heading')}</h2>
        {REGISTRARS.has(officer.role) && acting.unit && !registering && (
          <button type="button" className="button button--secondary" onClick={() => setRegistering(true)}>
            {t('register.open')}
          </button>
        )}
      </div>
      {registering && <RegisterPersonForm onClose={() => setRegistering(false)} />}
      <form className="search-form" role="search" aria-label={t('search.heading')} onSubmit={submit} noValidate>
        <TextField
          label={t('search.name')}
          hint={t('search.nameHint')}
          value={criteria.name}
          onChange={(name) => set({ name })}
          inputRef={nameRef}
        />
        <TextField
          label={t('lookup.label')}
          hint={t('lookup.hint')}
          value={criteria.identificationNumber}
          onChange={(identificationNumber) => set({ identificationNumber })}
          error={numberError}
          mono
        />
        <UnitSelect officer={officer} value={criteria.unitCode} onChange={(unitCode) => set({ unitCode })} />
        <div className="search-form__actions">
          <button type="submit" className="button button--primary">
            {t('search.submit')}
          </button>
        </div>
      </form>
      <Results state={state} onChange={onChange} />
    </>
  );
}
