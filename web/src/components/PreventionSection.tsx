import { gql } from '@apollo/client';
import type { ReactNode } from 'react';
import type { GraphQLErrors, ResponsePath } from '../graphqlErrors';
import { useI18n } from '../i18n';
import { Field, Guarded } from './Panel';
import type { PreventionSection_personFragment } from '../__generated__/operations';

/** Asked for by the commune's prevention officers and supervisors only ($prevention), each read audited. */
export const PREVENTION_SECTION_FRAGMENT = gql`
  fragment PreventionSection_person on Person {
    id
    preventionListEntry @include(if: $prevention) {
      id
      riskGroup
      listedOn
    }
    preventionServices @include(if: $prevention) {
      id
      kind
      providedOn
      agency
      note
    }
  }
`;

export type PreventionSection_person = PreventionSection_personFragment;

type Service = NonNullable<PreventionSection_person['preventionServices']>[number];

function ServiceItem({ service }: { service: Service }): ReactNode {
  const { t, label, formatDate } = useI18n();
  return (
    <li className="record">
      <p className="record__title">{label('preventionServiceKind', service.kind)}</p>
      <dl className="fields">
        <Field label={t('atRisk.providedOn')}>{formatDate(service.providedOn)}</Field>
        <Field label={t('atRisk.providedBy')}>{label('agency', service.agency)}</Field>
        {service.note && <Field label={t('atRisk.note')}>{service.note}</Field>}
      </dl>
    </li>
  );
}

/** Whether the person has anything of prevention to show (nothing when not asked for). */
export function hasPrevention(person: PreventionSection_person): boolean {
  return Boolean(person.preventionListEntry) || (person.preventionServices?.length ?? 0) > 0;
}

/**
 * Prevention for high-risk groups on a person's page: the commune's list entry they were linked
 * from and the services given to them, newest first. Absent for the roles that do not ask for it.
 */
export function PreventionSection({
  person,
  errors,
  path,
}: {
  person: PreventionSection_person;
  errors: GraphQLErrors;
  path: ResponsePath;
}): ReactNode {
  const { t, label, formatDate } = useI18n();
  if (person.preventionServices === undefined && person.preventionListEntry === undefined) return null;
  return (
    <section className="subsection" aria-label={t('atRisk.onPerson')} data-testid="person-prevention">
      <h3 className="subsection__title">{t('atRisk.onPerson')}</h3>
      <Guarded errors={errors} path={[...path, 'preventionListEntry']} value={person.preventionListEntry} empty={false}>
        {(entry) => (
          <dl className="fields">
            <Field label={t('atRisk.onList')}>
              {`${label('riskGroup', entry.riskGroup)} (${t('atRisk.listedOn').toLowerCase()} ${formatDate(entry.listedOn)})`}
            </Field>
          </dl>
        )}
      </Guarded>
      <Guarded
        errors={errors}
        path={[...path, 'preventionServices']}
        value={person.preventionServices}
        empty={<p className="state state--empty">{t('atRisk.noService')}</p>}
      >
        {(services) => (
          <ul className="records" aria-label={t('atRisk.services')}>
            {services.map((service) => (
              <ServiceItem key={service.id} service={service} />
            ))}
          </ul>
        )}
      </Guarded>
    </section>
  );
}
