import { gql } from '@apollo/client';
import type { ReactNode } from 'react';
import type { GraphQLErrors, ResponsePath } from '../graphqlErrors';
import { useI18n } from '../i18n';
import { useFacilityLabel } from '../units';
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
    }
  }
`;

export type RehabEpisode = NonNullable<LaborPanel_personFragment['rehabEpisodes']>[number];

/** Labour-welfare data: rehabilitation episodes. */
export type LaborPanel_person = LaborPanel_personFragment;

const FIELDS = ['rehabEpisodes'] as const satisfies readonly (keyof LaborPanel_person)[];

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
        <Field label={t('labor.facility')}>
          <Guarded errors={errors} path={[...path, 'facility']} value={episode.facility}>
            {(facility) =>
              facility.name && facility.managingAgency
                ? facilityLabel({ name: facility.name, managingAgency: facility.managingAgency })
                : facility.name
            }
          </Guarded>
        </Field>
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

export function LaborPanel({ state }: { state: PanelState<LaborPanel_person> }): ReactNode {
  const { t } = useI18n();
  return (
    <Panel
      testId="panel-labor"
      title={t('panel.labor')}
      agency="labor-welfare"
      state={state}
      fields={FIELDS}
      isEmpty={(person) => !person.rehabEpisodes || person.rehabEpisodes.length === 0}
    >
      {(person, errors, path) => (
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
    </Panel>
  );
}
