import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useEffect, type ReactNode } from 'react';
import { useI18n, type Agency, type MessageKey } from '../i18n';
import type { HealthPanel_person } from './HealthPanel';
import type { LaborPanel_person } from './LaborPanel';
import type { VolunteersPanel_person } from './VolunteersPanel';
import { settled } from '../apollo';
import type { PoliceTimelineQuery, PoliceTimelineQueryVariables } from '../__generated__/operations';
import type {
  PostRehabBasis,
  TimelineDossiers_personFragment,
  TimelineRequests_personFragment,
} from '../__generated__/operations';

/** Labour-welfare's dossiers, read with its panel: for the timeline and the action forms. */
export const TIMELINE_DOSSIERS_FRAGMENT = gql`
  fragment TimelineDossiers_person on Person {
    id
    compulsoryRehabDossiers {
      id
      status
      version
      startedOn
      submittedOn
      forwardedOn
      court {
        code
        name
      }
      decision {
        outcome
        decidedOn
      }
      allowedTerm {
        minMonths
        maxMonths
        legalBasis
      }
      interimMeasure
      interimSince
      escortedOn
      frontOpinion {
        opinion
        givenOn
      }
    }
  }
`;

/** Health's determination requests, read with its panel: for the timeline and the action forms. */
export const TIMELINE_REQUESTS_FRAGMENT = gql`
  fragment TimelineRequests_person on Person {
    id
    addictionDeterminationRequests {
      id
      requestedAt
      requestedOn
      lateEntry
      reason
      determination {
        id
      }
    }
  }
`;

export type Dossier = NonNullable<TimelineDossiers_personFragment['compulsoryRehabDossiers']>[number];

export type DeterminationRequest = NonNullable<TimelineRequests_personFragment['addictionDeterminationRequests']>[number];

export type TermRange = NonNullable<Dossier['allowedTerm']>;

export type Timeline_person = Pick<TimelineDossiers_personFragment, 'compulsoryRehabDossiers'> &
  Pick<TimelineRequests_personFragment, 'addictionDeterminationRequests'>;

type TimelinePerson = Timeline_person & LaborPanel_person & HealthPanel_person & VolunteersPanel_person;

/** Police events come in their own request: their lists are non-null, so a refusal would blank the person. */
const POLICE_TIMELINE: TypedDocumentNode<PoliceTimelineQuery, PoliceTimelineQueryVariables> = gql`
  query PoliceTimeline($id: ID!) {
    person(id: $id) {
      id
      drugUserManagements {
        id
        detectedOn
        decisionDate
        endedOn
      }
      absconderSearches {
        id
        since
        foundOn
        returnedOn
      }
    }
  }
`;

export interface TimelineEvent {
  date: string;
  agency: Agency;
  label: MessageKey;
  detail?: string;
}

function push(
  events: TimelineEvent[],
  date: string | null | undefined,
  agency: Agency,
  label: MessageKey,
  detail?: string,
): void {
  if (date) events.push({ date: date.slice(0, 10), agency, label, detail });
}

function compact<T>(list: readonly (T | null)[] | null | undefined): T[] {
  return (list ?? []).filter((item): item is T => item !== null);
}

const POST_REHAB_OPENED: Readonly<Record<PostRehabBasis, MessageKey>> = {
  REHAB_COMPLETED: 'timeline.postRehabOpened',
  ON_SUBSTITUTION: 'timeline.postRehabOpenedOnSubstitution',
  AFTER_SUBSTITUTION: 'timeline.postRehabOpenedAfterSubstitution',
};

/** All agencies' dated events of the person, newest first. */
export function timelineEvents(person: TimelinePerson, police: PoliceTimelineQuery['person']): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const m of police?.drugUserManagements ?? []) {
    push(events, m.detectedOn, 'police', 'timeline.detected');
    push(events, m.decisionDate, 'police', 'timeline.managementDecided');
    push(events, m.endedOn, 'police', 'timeline.managementEnded');
  }
  for (const s of police?.absconderSearches ?? []) {
    push(events, s.since, 'police', 'timeline.searchOpened');
    push(events, s.foundOn, 'police', 'timeline.found');
  }
  for (const d of compact(person.compulsoryRehabDossiers)) {
    push(events, d.startedOn, 'labor-welfare', 'timeline.dossierOpened');
    push(events, d.submittedOn, 'labor-welfare', 'timeline.dossierSubmitted');
    push(events, d.forwardedOn, 'labor-welfare', 'timeline.dossierForwarded', d.court?.name);
    const front = d.frontOpinion;
    if (front)
      push(events, front.givenOn, 'labor-welfare', front.opinion === 'AGREE' ? 'front.timelineAgree' : 'front.timelineDisagree');
    push(events, d.decision?.decidedOn, 'labor-welfare', 'timeline.courtDecision');
  }
  for (const e of compact(person.rehabEpisodes)) {
    push(events, e.admittedOn, 'labor-welfare', 'timeline.admitted', e.facility?.name ?? undefined);
    push(events, e.endedOn, 'labor-welfare', 'timeline.episodeEnded', e.facility?.name ?? undefined);
    push(events, e.communityRehabPlan?.preparedOn, 'labor-welfare', 'community.timelinePlan');
    for (const x of e.extractions ?? []) {
      push(events, x.requestedOn, 'labor-welfare', 'extraction.timelineRequested');
      push(events, x.handedOverOn, 'labor-welfare', 'extraction.timelineOut');
      push(events, x.returnedOn, 'labor-welfare', 'extraction.timelineReturned');
    }
  }
  for (const c of compact(person.postRehabCases)) {
    push(events, c.openedOn, 'labor-welfare', POST_REHAB_OPENED[c.basis]);
    push(events, c.decisionOn, 'labor-welfare', 'timeline.postRehabDecided', c.decisionNumber ?? undefined);
    push(events, c.completedOn, 'labor-welfare', 'timeline.postRehabCompleted');
    for (const u of c.drugUses) push(events, u.usedOn, 'labor-welfare', 'drugUse.timeline');
  }
  for (const r of compact(person.addictionDeterminationRequests))
    push(events, r.requestedOn, 'health', r.lateEntry ? 'lateEntry.timeline' : 'timeline.determinationRequested');
  for (const d of compact(person.addictionDeterminations)) push(events, d.examinedOn, 'health', 'timeline.determined');
  for (const sc of compact(person.drugUseScreenings)) push(events, sc.screenedOn, 'health', 'screening.timeline');
  for (const x of compact(person.drugInducedPsychoses)) {
    push(events, x.diagnosedOn, 'health', 'psychosis.timeline');
    push(events, x.endedOn, 'health', 'psychosis.timelineEnded');
  }
  push(
    events,
    person.substitutionTreatment?.enrolledOn,
    'health',
    'timeline.enrolled',
    person.substitutionTreatment?.clinic.name,
  );
  push(events, person.substitutionTreatment?.stoppedOn, 'health', 'timeline.treatmentStopped');
  for (const a of compact(person.supportAssignments)) {
    push(events, a.startedOn, 'volunteers', 'timeline.assigned', a.volunteer.fullName);
    push(events, a.endedOn, 'volunteers', 'timeline.assignmentEnded');
  }
  return events.sort((a, b) => b.date.localeCompare(a.date));
}

/** An agency whose events the timeline cannot show yet: still loading, or not answering. */
export interface MissingAgency {
  agency: Agency;
  state: 'loading' | 'unavailable';
}

function MissingAgencies({ missing }: { missing: readonly MissingAgency[] }): ReactNode {
  const { t, label } = useI18n();
  const names = (state: MissingAgency['state']): string =>
    missing
      .filter((m) => m.state === state)
      .map((m) => label('agency', m.agency))
      .join(', ');
  const loading = names('loading');
  const unavailable = names('unavailable');
  return (
    <>
      {loading && (
        <p className="state state--loading" role="status" data-testid="timeline-loading-agencies">
          {t('timeline.agenciesLoading', { agencies: loading })}
        </p>
      )}
      {unavailable && (
        <p className="notice notice--warning" role="alert" data-testid="timeline-missing-agencies">
          {t('timeline.agenciesMissing', { agencies: unavailable })}
        </p>
      )}
    </>
  );
}

/**
 * Dòng thời gian: one list merged across the agencies, each event labelled with its agency;
 * it says whose events are still loading or missing, and fills in as they arrive.
 */
export function Timeline({
  person,
  refreshKey,
  missing = [],
}: {
  person: TimelinePerson & { id: string };
  refreshKey: number;
  missing?: readonly MissingAgency[];
}): ReactNode {
  const { t, label, formatDate } = useI18n();
  const police = useQuery(POLICE_TIMELINE, { variables: { id: person.id }, fetchPolicy: 'no-cache' });
  const { refetch } = police;
  // The page's data was reloaded after an action: reload the police events too.
  useEffect(() => {
    if (refreshKey > 0) refetch().catch(settled);
  }, [refreshKey, refetch]);
  const events = timelineEvents(person, police.data?.person ?? null);
  return (
    <section className="panel timeline" data-testid="timeline" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="panel__title">
        {t('timeline.heading')}
      </h2>
      <div className="panel__body">
        {police.loading && (
          <p className="state state--loading" role="status">
            {t('state.loading')}
          </p>
        )}
        {!police.loading && !police.data?.person && <p className="muted">{t('timeline.policeUnavailable')}</p>}
        <MissingAgencies missing={missing} />
        {events.length === 0 ? (
          <p className="state state--empty">{t('state.empty')}</p>
        ) : (
          <ol className="timeline__list">
            {events.map((event, index) => (
              <li key={`${event.date}-${event.label}-${index}`} className="timeline__item">
                <time dateTime={event.date}>{formatDate(event.date)}</time>
                <span className={`agency-tag agency-tag--${event.agency}`}>{label('agency', event.agency)}</span>
                <span>
                  {t(event.label)}
                  {event.detail ? ` — ${event.detail}` : ''}
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
