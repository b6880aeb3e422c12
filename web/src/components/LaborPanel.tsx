import { gql } from '@apollo/client';
import type { ReactNode } from 'react';
import type { GraphQLErrors, ResponsePath } from '../graphqlErrors';
import { useI18n } from '../i18n';
import { useFacilityLabel } from '../units';
import { CommunityPlanView } from './CommunityPlanView';
import { ExtractionField } from './ExtractionField';
import { Field, Guarded, Panel, type PanelState } from './Panel';
import type { LaborPanel_personFragment } from '../__generated__/operations';

export const LABOR_PANEL_FRAGMENT = gql`
  fragment LaborPanel_person on Person {
    id
    rehabEpisodes {
      id
      kind
      status
      version
      admittedOn
      plannedEndOn
      endedOn
      facility {
        code
        name
        managingAgency
      }
      phase
      area {
        id
        name
      }
      communitySetting
      serviceProvider {
        id
        name
      }
      # Trích xuất concerns an investigation: asked for by police, facility staff and supervisors only.
      extractions @include(if: $investigation) {
        id
        status
        version
        requestingAgency
        documentNumber
        purpose
        requestedOn
        expectedReturnOn
        handedOverOn
        returnedOn
        overdue
      }
      communityRehabPlan {
        revision
        preparedOn
        goals
        caregiver {
          fullName
          relationship
          phone
        }
        supporters {
          fullName
          role
          organisation
          phone
        }
        phases {
          phase
          startsOn
          activities
        }
      }
    }
    postRehabCases {
      id
      status
      basis
      openedOn
      decisionNumber
      decisionOn
      endsOn
      relapsedOn
      completedOn
      drugUses {
        id
        usedOn
        evidence
      }
    }
  }
`;

export type RehabEpisode = NonNullable<LaborPanel_personFragment['rehabEpisodes']>[number];
type PostRehabCase = NonNullable<LaborPanel_personFragment['postRehabCases']>[number];

/** Labour-welfare data: rehabilitation episodes and post-rehab management. */
export type LaborPanel_person = LaborPanel_personFragment;

const FIELDS = ['rehabEpisodes', 'postRehabCases'] as const satisfies readonly (keyof LaborPanel_person)[];

function EpisodeItem({ episode, errors, path }: { episode: RehabEpisode; errors: GraphQLErrors; path: ResponsePath }): ReactNode {
  const { t, label, formatDate } = useI18n();
  const facilityLabel = useFacilityLabel();
  return (
    <li className="record">
      <p className="record__title">
        <Guarded errors={errors} path={[...path, 'kind']} value={episode.kind}>
          {(kind) => label('rehabKind', kind)}
        </Guarded>
      </p>
      <dl className="fields">
        <Field label={t('labor.status')}>
          <Guarded errors={errors} path={[...path, 'status']} value={episode.status}>
            {(status) => <span className={`badge badge--${status.toLowerCase()}`}>{label('rehabStatus', status)}</span>}
          </Guarded>
        </Field>
        {episode.kind !== 'VOLUNTARY_COMMUNITY' && (
          <Field label={t('labor.facility')}>
            <Guarded errors={errors} path={[...path, 'facility']} value={episode.facility}>
              {(facility) =>
                facility.name && facility.managingAgency
                  ? facilityLabel({ name: facility.name, managingAgency: facility.managingAgency })
                  : facility.name
              }
            </Guarded>
          </Field>
        )}
        {episode.area && <Field label={t('area.area')}>{episode.area.name}</Field>}
        <Field label={t('labor.admittedOn')}>
          <Guarded errors={errors} path={[...path, 'admittedOn']} value={episode.admittedOn}>
            {(date) => formatDate(date)}
          </Guarded>
        </Field>
        <Field label={t('labor.plannedEndOn')}>
          <Guarded errors={errors} path={[...path, 'plannedEndOn']} value={episode.plannedEndOn}>
            {(date) => formatDate(date)}
          </Guarded>
        </Field>
        {episode.kind === 'VOLUNTARY_COMMUNITY' && <CommunityDetails episode={episode} />}
        <ExtractionField extractions={episode.extractions} />
        {(episode.endedOn !== null || episode.status === 'COMPLETED' || episode.status === 'TERMINATED') && (
          <Field label={t('labor.endedOn')}>
            <Guarded errors={errors} path={[...path, 'endedOn']} value={episode.endedOn}>
              {(date) => formatDate(date)}
            </Guarded>
          </Field>
        )}
      </dl>
    </li>
  );
}

/** Where and by whom a rehab at home/community is done, its phase and its individual plan. */
function CommunityDetails({ episode }: { episode: RehabEpisode }): ReactNode {
  const { t, label } = useI18n();
  return (
    <>
      {episode.communitySetting && (
        <Field label={t('community.setting')}>{label('communitySetting', episode.communitySetting)}</Field>
      )}
      {episode.serviceProvider && <Field label={t('community.provider')}>{episode.serviceProvider.name}</Field>}
      {episode.phase && <Field label={t('community.phase')}>{label('rehabPhase', episode.phase)}</Field>}
      <CommunityPlanView plan={episode.communityRehabPlan} revision={episode.communityRehabPlan?.revision ?? null} />
    </>
  );
}

function PostRehabItem({ item, errors, path }: { item: PostRehabCase; errors: GraphQLErrors; path: ResponsePath }): ReactNode {
  const { t, label, formatDate } = useI18n();
  const field = (key: 'openedOn' | 'endsOn', text: string) => (
    <Field label={text}>
      <Guarded errors={errors} path={[...path, key]} value={item[key]}>
        {(date) => formatDate(date)}
      </Guarded>
    </Field>
  );
  return (
    <li className="record">
      <p className="record__title">
        <Guarded errors={errors} path={[...path, 'basis']} value={item.basis}>
          {(basis) => label('postRehabBasis', basis)}
        </Guarded>
      </p>
      <dl className="fields">
        <Field label={t('labor.status')}>
          <Guarded errors={errors} path={[...path, 'status']} value={item.status}>
            {(status) => <span className={`badge badge--${status.toLowerCase()}`}>{label('postRehabStatus', status)}</span>}
          </Guarded>
        </Field>
        {field('openedOn', t('field.openedOn'))}
        {item.decisionNumber !== null && (
          <Field label={t('field.decisionNumber')}>
            <Guarded errors={errors} path={[...path, 'decisionNumber']} value={item.decisionNumber}>
              {(n) => n}
            </Guarded>
          </Field>
        )}
        {item.endsOn !== null && field('endsOn', t('field.periodEndsOn'))}
        {item.relapsedOn !== null && (
          <Field label={t('drugUse.relapsedOn')}>
            <Guarded errors={errors} path={[...path, 'relapsedOn']} value={item.relapsedOn}>
              {(date) => formatDate(date)}
            </Guarded>
          </Field>
        )}
        {item.drugUses.length > 0 && (
          <Field label={t('drugUse.list')}>
            <Guarded errors={errors} path={[...path, 'drugUses']} value={item.drugUses}>
              {(uses) => uses.map((u) => `${formatDate(u.usedOn)} (${label('drugUseEvidence', u.evidence)})`).join('; ')}
            </Guarded>
          </Field>
        )}
      </dl>
    </li>
  );
}

export function LaborPanel({ state }: { state: PanelState<LaborPanel_person> }): ReactNode {
  const { t } = useI18n();
  return (
    <Panel
      testId="panel-labor"
      title={t('panel.labor')}
      agency="labor-welfare"
      state={state}
      fields={FIELDS}
      isEmpty={(person) => !person.rehabEpisodes?.length && !person.postRehabCases?.length}
    >
      {(person, errors, path) => (
        <>
          {(person.rehabEpisodes?.length !== 0 || !person.postRehabCases?.length) && (
            <section className="subsection" aria-label={t('labor.episodes')}>
              <Guarded
                errors={errors}
                path={[...path, 'rehabEpisodes']}
                value={person.rehabEpisodes}
                empty={<p className="state state--empty">{t('state.empty')}</p>}
              >
                {(episodes) => (
                  <ul className="records">
                    {episodes.map((episode, index) => (
                      <EpisodeItem key={episode.id} episode={episode} errors={errors} path={[...path, 'rehabEpisodes', index]} />
                    ))}
                  </ul>
                )}
              </Guarded>
            </section>
          )}
          {(person.postRehabCases?.length ?? 0) > 0 && (
            <section className="subsection" aria-label={t('labor.postRehab')}>
              <h3 className="subsection__title">{t('labor.postRehab')}</h3>
              <ul className="records">
                {person.postRehabCases?.map((item, index) => (
                  <PostRehabItem key={item.id} item={item} errors={errors} path={[...path, 'postRehabCases', index]} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </Panel>
  );
}
