import { gql } from '@apollo/client';
import type { ReactNode } from 'react';
import type { GraphQLErrors, ResponsePath } from '../graphqlErrors';
import { useI18n } from '../i18n';
import { Field, Guarded, Panel, type PanelState } from './Panel';
import { PsychosisList } from './PsychosisList';
import type { HealthPanel_personFragment } from '../__generated__/operations';

export const HEALTH_PANEL_FRAGMENT = gql`
  fragment HealthPanel_person on Person {
    id
    addictionDeterminations {
      id
      examinedOn
      addicted
      substanceClasses
      documentNumber
    }
    substitutionTreatment {
      id
      version
      status
      phase
      enrolledOn
      stoppedOn
      medication
      clinic {
        code
        name
      }
    }
    # Health-only data, asked for by health workers only (others would be refused it).
    infectionStatus @include(if: $clinical) {
      id
      hiv
      hepatitisB
      hepatitisC
      testedOn
      arv
      arvStartedOn
    }
    drugUseScreenings @include(if: $clinical) {
      id
      screenedOn
      instrument
      riskLevel
      substanceClasses
      referral
      note
    }
    drugInducedPsychoses @include(if: $clinical) {
      id
      version
      status
      diagnosedOn
      substanceClasses
      severity
      riskToOthers
      care
      careFacility
      note
      endedOn
      endReason
    }
  }
`;

export type AddictionDetermination = NonNullable<HealthPanel_personFragment['addictionDeterminations']>[number];

export type SubstitutionTreatment = NonNullable<HealthPanel_personFragment['substitutionTreatment']>;

type Infection = NonNullable<HealthPanel_personFragment['infectionStatus']>;

type Screening = NonNullable<HealthPanel_personFragment['drugUseScreenings']>[number];

/** Health data: addiction determinations and substitution (methadone) treatment; for health workers, HIV, hepatitis and ARV. */
export type HealthPanel_person = HealthPanel_personFragment;

const FIELDS = ['addictionDeterminations', 'substitutionTreatment'] as const satisfies readonly (keyof HealthPanel_person)[];

function DeterminationItem({
  determination,
  errors,
  path,
}: {
  determination: AddictionDetermination;
  errors: GraphQLErrors;
  path: ResponsePath;
}): ReactNode {
  const { t, label, formatDate } = useI18n();
  return (
    <li className="record">
      <dl className="fields">
        <Field label={t('health.examinedOn')}>
          <Guarded errors={errors} path={[...path, 'examinedOn']} value={determination.examinedOn}>
            {(date) => formatDate(date)}
          </Guarded>
        </Field>
        <Field label={t('health.result')}>
          <Guarded errors={errors} path={[...path, 'addicted']} value={determination.addicted}>
            {(addicted) => (addicted ? t('health.addicted') : t('health.notAddicted'))}
          </Guarded>
        </Field>
        <Field label={t('health.substanceClasses')}>
          <Guarded errors={errors} path={[...path, 'substanceClasses']} value={determination.substanceClasses}>
            {(classes) => classes.map((c) => label('substanceClass', c)).join('; ')}
          </Guarded>
        </Field>
        <Field label={t('health.documentNumber')}>
          <Guarded errors={errors} path={[...path, 'documentNumber']} value={determination.documentNumber}>
            {(number) => number}
          </Guarded>
        </Field>
      </dl>
    </li>
  );
}

function TreatmentDetails({
  treatment,
  errors,
  path,
}: {
  treatment: SubstitutionTreatment;
  errors: GraphQLErrors;
  path: ResponsePath;
}): ReactNode {
  const { t, label, formatDate } = useI18n();
  return (
    <dl className="fields record">
      <Field label={t('health.treatmentStatus')}>
        <Guarded errors={errors} path={[...path, 'status']} value={treatment.status}>
          {(status) => label('treatmentStatus', status)}
        </Guarded>
      </Field>
      <Field label={t('health.phase')}>
        <Guarded errors={errors} path={[...path, 'phase']} value={treatment.phase}>
          {(phase) => label('treatmentPhase', phase)}
        </Guarded>
      </Field>
      <Field label={t('health.medication')}>
        <Guarded errors={errors} path={[...path, 'medication']} value={treatment.medication}>
          {(medication) => label('medication', medication)}
        </Guarded>
      </Field>
      <Field label={t('health.clinic')}>
        <Guarded errors={errors} path={[...path, 'clinic']} value={treatment.clinic}>
          {(clinic) => clinic.name}
        </Guarded>
      </Field>
      <Field label={t('health.enrolledOn')}>
        <Guarded errors={errors} path={[...path, 'enrolledOn']} value={treatment.enrolledOn}>
          {(date) => formatDate(date)}
        </Guarded>
      </Field>
    </dl>
  );
}

function InfectionDetails({ infection }: { infection: Infection }): ReactNode {
  const { t, label, formatDate } = useI18n();
  return (
    <dl className="fields record">
      <Field label={t('infection.testedOn')}>{formatDate(infection.testedOn)}</Field>
      <Field label={t('infection.hiv')}>{label('testResult', infection.hiv)}</Field>
      {infection.hiv === 'POSITIVE' && (
        <Field label={t('infection.arv')}>
          {infection.arv ? label('arvStatus', infection.arv) : t('infection.arvNotRecorded')}
          {infection.arvStartedOn ? ` ${t('infection.arvSince', { date: formatDate(infection.arvStartedOn) })}` : ''}
        </Field>
      )}
      <Field label={t('infection.hepatitisB')}>{label('testResult', infection.hepatitisB)}</Field>
      <Field label={t('infection.hepatitisC')}>{label('testResult', infection.hepatitisC)}</Field>
    </dl>
  );
}

function ScreeningItem({ screening }: { screening: Screening }): ReactNode {
  const { t, label, formatDate } = useI18n();
  return (
    <li className="record">
      <dl className="fields">
        <Field label={t('screening.screenedOn')}>{formatDate(screening.screenedOn)}</Field>
        <Field label={t('screening.riskLevel')}>
          {label('drugUseRiskLevel', screening.riskLevel)} ({label('screeningInstrument', screening.instrument)})
        </Field>
        <Field label={t('field.substance')}>{screening.substanceClasses.map((c) => label('substanceClass', c)).join(', ')}</Field>
        <Field label={t('screening.referral')}>{label('screeningReferral', screening.referral)}</Field>
        {screening.note && <Field label={t('field.note')}>{screening.note}</Field>}
      </dl>
    </li>
  );
}

export function HealthPanel({ state }: { state: PanelState<HealthPanel_person> }): ReactNode {
  const { t } = useI18n();
  const empty = <p className="state state--empty">{t('state.empty')}</p>;
  return (
    <Panel
      testId="panel-health"
      title={t('panel.health')}
      agency="health"
      state={state}
      fields={FIELDS}
      isEmpty={(person) =>
        (!person.addictionDeterminations || person.addictionDeterminations.length === 0) &&
        !person.substitutionTreatment &&
        !person.infectionStatus &&
        !person.drugUseScreenings?.length &&
        !person.drugInducedPsychoses?.length
      }
    >
      {(person, errors, path) => (
        <>
          <section className="subsection">
            <h3 className="subsection__title">{t('health.determinations')}</h3>
            <Guarded
              errors={errors}
              path={[...path, 'addictionDeterminations']}
              value={person.addictionDeterminations}
              empty={empty}
            >
              {(determinations) => (
                <ul className="records">
                  {determinations.map((determination, index) => (
                    <DeterminationItem
                      key={determination.id}
                      determination={determination}
                      errors={errors}
                      path={[...path, 'addictionDeterminations', index]}
                    />
                  ))}
                </ul>
              )}
            </Guarded>
          </section>
          {person.infectionStatus !== undefined && (
            <section className="subsection" aria-label={t('infection.heading')}>
              <h3 className="subsection__title">{t('infection.heading')}</h3>
              <Guarded errors={errors} path={[...path, 'infectionStatus']} value={person.infectionStatus} empty={empty}>
                {(infection) => <InfectionDetails infection={infection} />}
              </Guarded>
            </section>
          )}
          {person.drugUseScreenings !== undefined && (
            <section className="subsection" aria-label={t('screening.heading')}>
              <h3 className="subsection__title">{t('screening.heading')}</h3>
              <Guarded errors={errors} path={[...path, 'drugUseScreenings']} value={person.drugUseScreenings} empty={empty}>
                {(screenings) => (
                  <ul className="records">
                    {screenings.map((screening) => (
                      <ScreeningItem key={screening.id} screening={screening} />
                    ))}
                  </ul>
                )}
              </Guarded>
            </section>
          )}
          {person.drugInducedPsychoses !== undefined && (
            <section className="subsection" aria-label={t('psychosis.heading')}>
              <h3 className="subsection__title">{t('psychosis.heading')}</h3>
              <Guarded errors={errors} path={[...path, 'drugInducedPsychoses']} value={person.drugInducedPsychoses} empty={empty}>
                {(records) => <PsychosisList records={records} />}
              </Guarded>
            </section>
          )}
          <section className="subsection">
            <h3 className="subsection__title">{t('health.substitution')}</h3>
            <Guarded errors={errors} path={[...path, 'substitutionTreatment']} value={person.substitutionTreatment} empty={empty}>
              {(treatment) => (
                <TreatmentDetails treatment={treatment} errors={errors} path={[...path, 'substitutionTreatment']} />
              )}
            </Guarded>
          </section>
        </>
      )}
    </Panel>
  );
}
