import { gql, type TypedDocumentNode } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { useQuery } from '@apollo/client/react';
import { useCallback, useState, type ReactNode } from 'react';
import type { GraphQLFormattedError } from 'graphql';
import { errorsWithin, fieldAccess, noticeMessages, type GraphQLErrors, type ResponsePath } from '../graphqlErrors';
import { useI18n } from '../i18n';
import type { Officer } from '../auth';
import { PersonActions } from './PersonActions';
import { BreakGlassRequest } from './BreakGlassRequest';
import { Timeline, TIMELINE_FRAGMENT, type Timeline_person } from './Timeline';
import { HEALTH_PANEL_FRAGMENT, HealthPanel, type HealthPanel_person } from './HealthPanel';
import { IDENTITY_PANEL_FRAGMENT, IdentityPanel, type IdentityPanel_person } from './IdentityPanel';
import { LABOR_PANEL_FRAGMENT, LaborPanel, type LaborPanel_person } from './LaborPanel';
import type { PanelState } from './Panel';
import { VOLUNTEERS_PANEL_FRAGMENT, VolunteersPanel, type VolunteersPanel_person } from './VolunteersPanel';

/** The unit a FORBIDDEN lookup names for break-the-glass access (the record exists there), if any. */
function breakGlassUnitOf(errors: readonly GraphQLFormattedError[]): string | null {
  const unit = errors.find((e) => e.extensions?.code === 'FORBIDDEN' && typeof e.extensions.breakGlassUnit === 'string')
    ?.extensions?.breakGlassUnit;
  return typeof unit === 'string' ? unit : null;
}

export type Person360_person = IdentityPanel_person &
  LaborPanel_person &
  HealthPanel_person &
  VolunteersPanel_person &
  Timeline_person;

export interface Person360Query {
  person: Person360_person | null;
}

export interface Person360Variables {
  id: string;
}

/** The page query: one request, composed from the fragments of the four agency panels. */
export const PERSON_360_QUERY: TypedDocumentNode<Person360Query, Person360Variables> = gql`
  query Person360($id: ID!) {
    person(id: $id) {
      id
      ...IdentityPanel_person
      ...LaborPanel_person
      ...HealthPanel_person
      ...VolunteersPanel_person
      ...Timeline_person
    }
  }
  ${TIMELINE_FRAGMENT}
  ${IDENTITY_PANEL_FRAGMENT}
  ${LABOR_PANEL_FRAGMENT}
  ${HEALTH_PANEL_FRAGMENT}
  ${VOLUNTEERS_PANEL_FRAGMENT}
`;

const PERSON_PATH: ResponsePath = ['person'];

function Notice({ tone, messages }: { tone: 'error' | 'warning' | 'info'; messages: readonly string[] }): ReactNode {
  const [first, ...details] = messages;
  return (
    <div className={`notice notice--${tone}`} role={tone === 'info' ? 'status' : 'alert'}>
      <p>{first}</p>
      {details.map((message) => (
        <p key={message} className="notice__detail">
          {message}
        </p>
      ))}
    </div>
  );
}

function Panels({ state }: { state: PanelState<Person360_person> }): ReactNode {
  return (
    <div className="person360">
      <IdentityPanel state={state} />
      <div className="person360__agencies">
        <LaborPanel state={state} />
        <HealthPanel state={state} />
        <VolunteersPanel state={state} />
      </div>
    </div>
  );
}

export function Person360({ id, officer }: { id: string; officer: Officer }): ReactNode {
  const { t, locale } = useI18n();
  const { data, error, loading, refetch } = useQuery(PERSON_360_QUERY, {
    variables: { id },
    // Sensitive personal data is not kept in the client cache, and a repeated lookup
    // must show the current errors, not a cached copy without them.
    fetchPolicy: 'no-cache',
    errorPolicy: 'all',
  });
  const [refreshKey, setRefreshKey] = useState(0);
  const reload = useCallback(async () => {
    const result = await refetch();
    setRefreshKey((key) => key + 1);
    return result;
  }, [refetch]);

  const graphQLErrors: GraphQLErrors = CombinedGraphQLErrors.is(error) ? error.errors : [];
  const person = data?.person ?? null;

  let content: ReactNode;
  if (loading && !data) {
    content = <Panels state={{ kind: 'loading' }} />;
  } else if (error && !CombinedGraphQLErrors.is(error) && !data) {
    const detail = ServerError.is(error) ? `HTTP ${error.statusCode}` : error.message;
    content = (
      <>
        <Notice tone="error" messages={[t('person.loadError'), detail]} />
        <Panels state={{ kind: 'error', messages: [] }} />
      </>
    );
  } else if (!person) {
    const access = fieldAccess(graphQLErrors, PERSON_PATH, null);
    const outside = breakGlassUnitOf(graphQLErrors);
    if (access === 'ok') {
      content = <Notice tone="info" messages={[t('person.notFoundOrNotYours')]} />;
    } else if (outside) {
      // The record exists in another unit: say so, and offer the audited way in.
      content = (
        <>
          <Notice tone="warning" messages={[t('person.outOfScope'), ...noticeMessages(graphQLErrors, locale)]} />
          <BreakGlassRequest unitCode={outside} onOpened={reload} />
        </>
      );
    } else {
      const head = access === 'forbidden' ? t('state.forbidden') : t('person.loadError');
      content = <Notice tone="error" messages={[head, ...noticeMessages(graphQLErrors, locale)]} />;
    }
  } else {
    // Errors outside the person object (no path, or another root field) are shown above the panels.
    // An agency that does not answer is shown in its own panel.
    const pageErrors = graphQLErrors.filter(
      (e) => errorsWithin([e], PERSON_PATH).length === 0 && typeof e.extensions?.subgraph !== 'string',
    );
    content = (
      <>
        {pageErrors.length > 0 && <Notice tone="warning" messages={noticeMessages(pageErrors, locale)} />}
        <Panels state={{ kind: 'data', person, errors: graphQLErrors, path: PERSON_PATH }} />
        <Timeline person={person} refreshKey={refreshKey} />
        <PersonActions person={person} officer={officer} reload={reload} />
      </>
    );
  }

  return (
    <section className="results" aria-labelledby="person360-heading" aria-busy={loading}>
      <h2 id="person360-heading" className="visually-hidden">
        {t('person.heading')}
      </h2>
      {content}
    </section>
  );
}
