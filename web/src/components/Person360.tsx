import { gql, type ErrorLike, type TypedDocumentNode } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { skipToken, useQuery } from '@apollo/client/react';
import { useCallback, useState, type ReactNode } from 'react';
import type { GraphQLFormattedError } from 'graphql';
import { errorsWithin, fieldAccess, noticeMessages, type GraphQLErrors, type ResponsePath } from '../graphqlErrors';
import { useI18n, type Agency } from '../i18n';
import type { Officer } from '../auth';
import { AccessLog } from './AccessLog';
import { PersonActions } from './PersonActions';
import { PrintRecord } from './PrintRecord';
import { BreakGlassRequest } from './BreakGlassRequest';
import {
  Timeline,
  TIMELINE_DOSSIERS_FRAGMENT,
  TIMELINE_REQUESTS_FRAGMENT,
  type MissingAgency,
  type Timeline_person,
} from './Timeline';
import { HEALTH_PANEL_FRAGMENT, HealthPanel, type HealthPanel_person } from './HealthPanel';
import { IDENTITY_PANEL_FRAGMENT, IdentityPanel, type IdentityPanel_person } from './IdentityPanel';
import { LABOR_PANEL_FRAGMENT, LaborPanel, type LaborPanel_person } from './LaborPanel';
import type { PanelState } from './Panel';
import { VOLUNTEERS_PANEL_FRAGMENT, VolunteersPanel, type VolunteersPanel_person } from './VolunteersPanel';
import type {
  Person360HealthQuery,
  Person360HealthQueryVariables,
  Person360IdentityQuery,
  Person360IdentityQueryVariables,
  Person360LaborQuery,
  Person360LaborQueryVariables,
  Person360VolunteersQuery,
  Person360VolunteersQueryVariables,
} from '../__generated__/operations';

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

export interface Person360Variables {
  id: string;
}

/** Police: who the person is. It decides whether the page shows a person at all (not found, not yours). */
const IDENTITY_QUERY: TypedDocumentNode<Person360IdentityQuery, Person360IdentityQueryVariables> = gql`
  query Person360Identity($id: ID!) {
    person(id: $id) {
      id
      ...IdentityPanel_person
    }
  }
  ${IDENTITY_PANEL_FRAGMENT}
`;

/*
 * Each agency's part in a request of its own, sent together once the person is known: an
 * agency that is slow or down delays and blanks only its own panel and its events.
 */
const LABOR_QUERY: TypedDocumentNode<Person360LaborQuery, Person360LaborQueryVariables> = gql`
  query Person360Labor($id: ID!, $investigation: Boolean!) {
    person(id: $id) {
      id
      ...LaborPanel_person
      ...TimelineDossiers_person
    }
  }
  ${LABOR_PANEL_FRAGMENT}
  ${TIMELINE_DOSSIERS_FRAGMENT}
`;

const INVESTIGATION_ROLES = new Set(['police_officer', 'facility_staff', 'supervisor']);
const PREVENTION_ROLES = new Set(['commune_official', 'police_officer', 'supervisor']);

const HEALTH_QUERY: TypedDocumentNode<Person360HealthQuery, Person360HealthQueryVariables> = gql`
  query Person360Health($id: ID!, $clinical: Boolean!) {
    person(id: $id) {
      id
      ...HealthPanel_person
      ...TimelineRequests_person
    }
  }
  ${HEALTH_PANEL_FRAGMENT}
  ${TIMELINE_REQUESTS_FRAGMENT}
`;

const VOLUNTEERS_QUERY: TypedDocumentNode<Person360VolunteersQuery, Person360VolunteersQueryVariables> = gql`
  query Person360Volunteers($id: ID!, $prevention: Boolean!) {
    person(id: $id) {
      id
      ...VolunteersPanel_person
    }
  }
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

interface PanelStates {
  identity: PanelState<Person360_person>;
  labor: PanelState<Person360_person>;
  health: PanelState<Person360_person>;
  volunteers: PanelState<Person360_person>;
}

function Panels({ states }: { states: PanelStates }): ReactNode {
  return (
    <div className="person360">
      <IdentityPanel state={states.identity} />
      <div className="person360__agencies">
        <LaborPanel state={states.labor} />
        <HealthPanel state={states.health} />
        <VolunteersPanel state={states.volunteers} />
      </div>
    </div>
  );
}

const LOADING: PanelState<Person360_person> = { kind: 'loading' };
const ALL_LOADING: PanelStates = { identity: LOADING, labor: LOADING, health: LOADING, volunteers: LOADING };

interface PartResult<T> {
  data?: { person: T | null } | undefined;
  error?: ErrorLike | undefined;
  loading: boolean;
}

function partErrors(part: PartResult<unknown>): GraphQLErrors {
  return CombinedGraphQLErrors.is(part.error) ? part.error.errors : [];
}

/** The panel of one agency's part: loading, failed as a whole (no answer at all), or its data and errors. */
function partState(
  part: PartResult<unknown>,
  person: Person360_person,
  t: (key: 'person.loadError') => string,
): PanelState<Person360_person> {
  if (part.loading && !part.data) return LOADING;
  if (part.error && !CombinedGraphQLErrors.is(part.error) && !part.data) {
    const detail = ServerError.is(part.error) ? `HTTP ${part.error.statusCode}` : part.error.message;
    return { kind: 'error', messages: [t('person.loadError'), detail] };
  }
  return { kind: 'data', person, errors: partErrors(part), path: PERSON_PATH };
}

/** Whether the timeline lacks an agency's events: still loading, or the agency did not answer. */
function missingOf(agency: Agency, part: PartResult<unknown>): MissingAgency | null {
  if (part.loading && !part.data) return { agency, state: 'loading' };
  const down =
    (part.error !== undefined && !CombinedGraphQLErrors.is(part.error)) ||
    partErrors(part).some((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE' || e.extensions?.subgraph === agency);
  return down ? { agency, state: 'unavailable' } : null;
}

export function Person360({ id, officer }: { id: string; officer: Officer }): ReactNode {
  const { t, locale } = useI18n();
  const identity = useQuery(IDENTITY_QUERY, {
    variables: { id },
    // Sensitive personal data is not kept in the client cache, and a repeated lookup
    // must show the current errors, not a cached copy without them.
    fetchPolicy: 'no-cache',
    errorPolicy: 'all',
  });
  const known = Boolean(identity.data?.person);
  // Each agency's part once the person is known, in parallel; no cache (sensitive data, current errors).
  // Extractions (trích xuất) concern an investigation: asked for by the roles that may read them.
  const investigation = INVESTIGATION_ROLES.has(officer.role);
  const labor = useQuery(
    LABOR_QUERY,
    known ? ({ variables: { id, investigation }, fetchPolicy: 'no-cache', errorPolicy: 'all' } as const) : skipToken,
  );
  // HIV, hepatitis and ARV are health-only: asked for by health workers only.
  const clinical = officer.role === 'health_worker';
  const health = useQuery(
    HEALTH_QUERY,
    known ? ({ variables: { id, clinical }, fetchPolicy: 'no-cache', errorPolicy: 'all' } as const) : skipToken,
  );
  // Prevention for high-risk groups: asked for by the commune's prevention officers and supervisors.
  const prevention = PREVENTION_ROLES.has(officer.role);
  const volunteers = useQuery(
    VOLUNTEERS_QUERY,
    known ? ({ variables: { id, prevention }, fetchPolicy: 'no-cache', errorPolicy: 'all' } as const) : skipToken,
  );
  const [refreshKey, setRefreshKey] = useState(0);
  const { refetch: refetchIdentity } = identity;
  const { refetch: refetchLabor } = labor;
  const { refetch: refetchHealth } = health;
  const { refetch: refetchVolunteers } = volunteers;
  const reload = useCallback(async () => {
    const result = await refetchIdentity();
    if (result.data?.person) await Promise.all([refetchLabor(), refetchHealth(), refetchVolunteers()]);
    setRefreshKey((key) => key + 1);
    return result;
  }, [refetchIdentity, refetchLabor, refetchHealth, refetchVolunteers]);

  const graphQLErrors = partErrors(identity);
  const found = identity.data?.person ?? null;

  let content: ReactNode;
  if (identity.loading && !identity.data) {
    content = <Panels states={ALL_LOADING} />;
  } else if (identity.error && !CombinedGraphQLErrors.is(identity.error) && !identity.data) {
    const detail = ServerError.is(identity.error) ? `HTTP ${identity.error.statusCode}` : identity.error.message;
    const failed: PanelState<Person360_person> = { kind: 'error', messages: [] };
    content = (
      <>
        <Notice tone="error" messages={[t('person.loadError'), detail]} />
        <Panels states={{ identity: failed, labor: failed, health: failed, volunteers: failed }} />
      </>
    );
  } else if (!found) {
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
    const laborPart = labor.data?.person ?? null;
    const healthPart = health.data?.person ?? null;
    const person: Person360_person = {
      ...found,
      rehabEpisodes: laborPart?.rehabEpisodes ?? null,
      postRehabCases: laborPart?.postRehabCases ?? null,
      compulsoryRehabDossiers: laborPart?.compulsoryRehabDossiers ?? null,
      addictionDeterminations: healthPart?.addictionDeterminations ?? null,
      substitutionTreatment: healthPart?.substitutionTreatment ?? null,
      infectionStatus: healthPart?.infectionStatus,
      drugUseScreenings: healthPart?.drugUseScreenings,
      drugInducedPsychoses: healthPart?.drugInducedPsychoses,
      addictionDeterminationRequests: healthPart?.addictionDeterminationRequests ?? null,
      supportAssignments: volunteers.data?.person?.supportAssignments ?? null,
      preventionListEntry: volunteers.data?.person?.preventionListEntry,
      preventionServices: volunteers.data?.person?.preventionServices,
    };
    const missing = [missingOf('labor-welfare', labor), missingOf('health', health), missingOf('volunteers', volunteers)].filter(
      (m): m is MissingAgency => m !== null,
    );
    // Errors outside the person object (no path, or another root field) are shown above the panels.
    const pageErrors = graphQLErrors.filter(
      (e) => errorsWithin([e], PERSON_PATH).length === 0 && typeof e.extensions?.subgraph !== 'string',
    );
    content = (
      <>
        <PrintRecord officer={officer} />
        {pageErrors.length > 0 && <Notice tone="warning" messages={noticeMessages(pageErrors, locale)} />}
        <Panels
          states={{
            identity: { kind: 'data', person, errors: graphQLErrors, path: PERSON_PATH },
            labor: partState(labor, person, t),
            health: partState(health, person, t),
            volunteers: partState(volunteers, person, t),
          }}
        />
        <Timeline person={person} refreshKey={refreshKey} missing={missing} />
        <PersonActions person={person} officer={officer} reload={reload} />
        {officer.role === 'supervisor' && <AccessLog personId={person.id} />}
      </>
    );
  }

  return (
    <section
      className="results"
      aria-labelledby="person360-heading"
      aria-busy={identity.loading || labor.loading || health.loading || volunteers.loading}
    >
      <h2 id="person360-heading" className="visually-hidden">
        {t('person.heading')}
      </h2>
      {content}
    </section>
  );
}
