import { gql, type TypedDocumentNode } from '@apollo/client';
import { skipToken, useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useActing } from '../acting';
import { useI18n } from '../i18n';
import { ActionForm } from './ActionForm';
import { ActionMenu, type MenuAction } from './ActionMenu';
import { useClinicOptions } from './clinics';
import { chosen, useEnumOptions } from './options';
import { optional, today, useSubmit } from './useSubmit';
import type {
  AddictionCriterion,
  EnrollSubstitutionTreatmentMutation,
  EnrollSubstitutionTreatmentMutationVariables,
  ObservationPattern,
  RecordAddictionExaminationMutation,
  RecordAddictionExaminationMutationVariables,
  RequestAddictionDeterminationMutation,
  RequestAddictionDeterminationMutationVariables,
  RecordInfectionStatusMutation,
  RecordInfectionStatusMutationVariables,
  RequesterKind,
  SubstanceClass,
  TestResult,
  ArvStatus,
  SubstitutionMedication,
  DrugUseRiskLevel,
  QualifiedFacilitiesQuery,
  QualifiedFacilitiesQueryVariables,
  RecordDrugUseScreeningMutation,
  RecordDrugUseScreeningMutationVariables,
  ScreeningInstrument,
  ScreeningReferral,
} from '../__generated__/operations';

const REQUEST_DETERMINATION: TypedDocumentNode<
  RequestAddictionDeterminationMutation,
  RequestAddictionDeterminationMutationVariables
> = gql`
  mutation RequestAddictionDetermination(
    $personId: ID!
    $reason: String!
    $requestedBy: RequesterKind!
    $requestedOn: Date
    $lateEntryReason: String
  ) {
    requestAddictionDetermination(
      personId: $personId
      reason: $reason
      requestedBy: $requestedBy
      requestedOn: $requestedOn
      lateEntryReason: $lateEntryReason
    ) {
      id
      requestedOn
      lateEntry
    }
  }
`;

/** Where the province's people can be examined: named in the request form. */
const QUALIFIED: TypedDocumentNode<QualifiedFacilitiesQuery, QualifiedFacilitiesQueryVariables> = gql`
  query QualifiedFacilities($provinceCode: ID!) {
    qualifiedDeterminationFacilities(provinceCode: $provinceCode) {
      code
      name
    }
  }
`;

const RECORD_SCREENING: TypedDocumentNode<RecordDrugUseScreeningMutation, RecordDrugUseScreeningMutationVariables> = gql`
  mutation RecordDrugUseScreening($personId: ID!, $input: DrugUseScreeningInput!) {
    recordDrugUseScreening(personId: $personId, input: $input) {
      id
      screenedOn
      riskLevel
    }
  }
`;

const ENROLL: TypedDocumentNode<EnrollSubstitutionTreatmentMutation, EnrollSubstitutionTreatmentMutationVariables> = gql`
  mutation EnrollSubstitutionTreatment(
    $personId: ID!
    $clinicCode: ID!
    $medication: SubstitutionMedication!
    $enrolledOn: Date!
    $dateOfBirth: Date!
    $residenceUnitCode: ID!
  ) {
    enrollSubstitutionTreatment(
      personId: $personId
      clinicCode: $clinicCode
      medication: $medication
      enrolledOn: $enrolledOn
      dateOfBirth: $dateOfBirth
      residenceUnitCode: $residenceUnitCode
    ) {
      id
      status
    }
  }
`;

const RECORD_EXAMINATION: TypedDocumentNode<RecordAddictionExaminationMutation, RecordAddictionExaminationMutationVariables> =
  gql`
    mutation RecordAddictionExamination($requestId: ID!, $input: AddictionExaminationInput!) {
      recordAddictionExamination(requestId: $requestId, input: $input) {
        id
      }
    }
  `;

const RECORD_INFECTION: TypedDocumentNode<RecordInfectionStatusMutation, RecordInfectionStatusMutationVariables> = gql`
  mutation RecordInfectionStatus(
    $personId: ID!
    $hiv: TestResult!
    $hepatitisB: TestResult!
    $hepatitisC: TestResult!
    $testedOn: Date!
    $arv: ArvStatus
    $arvStartedOn: Date
  ) {
    recordInfectionStatus(
      personId: $personId
      hiv: $hiv
      hepatitisB: $hepatitisB
      hepatitisC: $hepatitisC
      testedOn: $testedOn
      arv: $arv
      arvStartedOn: $arvStartedOn
    ) {
      id
    }
  }
`;

const CRITERIA = [
  'CRAVING',
  'LOSS_OF_CONTROL',
  'TOLERANCE',
  'NEGLECT_OF_OTHER_INTERESTS',
  'CONTINUED_USE_DESPITE_HARM',
  'WITHDRAWAL',
];

const REQUESTER: Record<string, string> = { police_officer: 'POLICE', commune_official: 'COMMUNE', facility_staff: 'FACILITY' };

export interface HealthActionPerson {
  id: string;
  /** Requests still waiting for their examination. */
  pendingRequests: readonly { id: string; requestedOn: string | null; reason: string | null }[];
  dateOfBirth: string | null;
  residenceUnitCode: string | null;
  /** A patient of the caller's clinic (their treatment is readable): tests may be recorded. */
  inCare: boolean;
}

/** Y tế: request an addiction determination (police, commune, facility); enrol in substitution treatment (clinic). */
export function HealthActions({
  person,
  role,
  unitCode,
  reload,
}: {
  person: HealthActionPerson;
  role: string;
  unitCode: string;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t, formatDate } = useI18n();
  const options = useEnumOptions();
  const submit = useSubmit();
  const clinics = useClinicOptions(unitCode, role === 'health_worker');
  const actions: MenuAction[] = [];
  const requester = REQUESTER[role];
  const { provinceCode } = useActing();
  const qualified = useQuery(QUALIFIED, requester && provinceCode ? { variables: { provinceCode } } : skipToken).data
    ?.qualifiedDeterminationFacilities;
  const qualifiedHint = qualified?.length ? t('qualified.hint', { names: qualified.map((f) => f.name).join('; ') }) : undefined;
  if (requester) {
    actions.push({
      key: 'request',
      label: t('action.requestDetermination'),
      render: (close) => (
        <ActionForm
          testId="form-request-determination"
          title={t('action.requestDetermination')}
          submitLabel={t('form.send')}
          fields={[
            { name: 'reason', label: t('field.reason'), kind: 'textarea', required: true, hint: qualifiedHint },
            { name: 'requestedOn', label: t('lateEntry.requestedOn'), kind: 'date', required: true, initial: today() },
            { name: 'lateEntryReason', label: t('lateEntry.reason'), kind: 'textarea', hint: t('lateEntry.hint') },
          ]}
          onSubmit={(v) =>
            submit(REQUEST_DETERMINATION, {
              personId: person.id,
              reason: v.reason ?? '',
              requestedBy: chosen<RequesterKind>(requester),
              requestedOn: optional(v.requestedOn),
              lateEntryReason: optional(v.lateEntryReason),
            })
          }
          onDone={reload}
          onCancel={close}
        />
      ),
    });
  }
  // Offered once the clinics are known, so a clinic's own worker finds the clinic chosen.
  if (role === 'health_worker' && clinics) {
    actions.push({
      key: 'enroll',
      label: t('action.enroll'),
      render: (close) => (
        <ActionForm
          testId="form-enroll"
          title={t('action.enroll')}
          submitLabel={t('form.save')}
          fields={[
            {
              name: 'clinicCode',
              label: t('field.clinic'),
              kind: 'select',
              required: true,
              placeholder: t('form.choosePlaceholder'),
              options: clinics,
              // A clinic's own worker enrols at the clinic; a provincial officer chooses one.
              initial: clinics.some((c) => c.value === unitCode) ? unitCode : '',
            },
            {
              name: 'medication',
              label: t('health.medication'),
              kind: 'select',
              options: options('medication', ['METHADONE', 'BUPRENORPHINE']),
            },
            { name: 'enrolledOn', label: t('health.enrolledOn'), kind: 'date', required: true, initial: today() },
          ]}
          onSubmit={(v) =>
            submit(ENROLL, {
              personId: person.id,
              clinicCode: v.clinicCode ?? '',
              medication: chosen<SubstitutionMedication>(v.medication),
              enrolledOn: v.enrolledOn ?? '',
              dateOfBirth: person.dateOfBirth ?? '',
              residenceUnitCode: person.residenceUnitCode ?? '',
            })
          }
          onDone={reload}
          onCancel={close}
        />
      ),
    });
  }
  if (role === 'health_worker') {
    actions.push({
      key: 'screening',
      label: t('screening.record'),
      render: (close) => (
        <ActionForm
          testId="form-screening"
          title={t('screening.record')}
          submitLabel={t('form.save')}
          fields={[
            { name: 'screenedOn', label: t('screening.screenedOn'), kind: 'date', required: true, initial: today() },
            {
              name: 'instrument',
              label: t('screening.instrument'),
              kind: 'select',
              required: true,
              placeholder: t('form.choosePlaceholder'),
              options: options('screeningInstrument', ['ASSIST', 'OTHER']),
            },
            {
              name: 'riskLevel',
              label: t('screening.riskLevel'),
              kind: 'select',
              required: true,
              placeholder: t('form.choosePlaceholder'),
              options: options('drugUseRiskLevel', ['LOW', 'MODERATE', 'HIGH']),
            },
            {
              name: 'substanceClasses',
              label: t('screening.substances'),
              kind: 'checkboxes',
              options: options('substanceClass', ['OPIOIDS', 'STIMULANTS', 'CANNABIS', 'OTHER']),
            },
            {
              name: 'referral',
              label: t('screening.referral'),
              kind: 'select',
              required: true,
              placeholder: t('form.choosePlaceholder'),
              hint: t('screening.referralHint'),
              options: options('screeningReferral', ['NONE', 'COUNSELLING', 'ADDICTION_DETERMINATION', 'TREATMENT']),
            },
            { name: 'note', label: t('field.note'), kind: 'textarea' },
          ]}
          onSubmit={(v) =>
            submit(RECORD_SCREENING, {
              personId: person.id,
              input: {
                screenedOn: v.screenedOn ?? '',
                instrument: chosen<ScreeningInstrument>(v.instrument),
                riskLevel: chosen<DrugUseRiskLevel>(v.riskLevel),
                substanceClasses: (v.substanceClasses ?? '')
                  .split(',')
                  .filter(Boolean)
                  .map((c) => chosen<SubstanceClass>(c)),
                referral: chosen<ScreeningReferral>(v.referral),
                note: optional(v.note),
              },
            })
          }
          onDone={reload}
          onCancel={close}
        />
      ),
    });
  }
  if (role === 'health_worker' && person.inCare) {
    const results = options('testResult', ['POSITIVE', 'NEGATIVE']);
    const result = (name: string, text: string) =>
      ({
        name,
        label: text,
        kind: 'select',
        required: true,
        placeholder: t('form.choosePlaceholder'),
        options: results,
      }) as const;
    actions.push({
      key: 'infection',
      label: t('infection.record'),
      render: (close) => (
        <ActionForm
          testId="form-infection"
          title={t('infection.record')}
          submitLabel={t('form.save')}
          fields={[
            { name: 'testedOn', label: t('infection.testedOn'), kind: 'date', required: true, initial: today() },
            result('hiv', t('infection.hiv')),
            {
              name: 'arv',
              label: t('infection.arv'),
              kind: 'select',
              hint: t('infection.arvHint'),
              placeholder: '—',
              options: options('arvStatus', ['NOT_STARTED', 'ON_ARV', 'STOPPED']),
            },
            { name: 'arvStartedOn', label: t('infection.arvStartedOn'), kind: 'date' },
            result('hepatitisB', t('infection.hepatitisB')),
            result('hepatitisC', t('infection.hepatitisC')),
          ]}
          onSubmit={(v) =>
            submit(RECORD_INFECTION, {
              personId: person.id,
              testedOn: v.testedOn ?? '',
              hiv: chosen<TestResult>(v.hiv),
              hepatitisB: chosen<TestResult>(v.hepatitisB),
              hepatitisC: chosen<TestResult>(v.hepatitisC),
              arv: v.arv ? chosen<ArvStatus>(v.arv) : null,
              arvStartedOn: optional(v.arvStartedOn),
            })
          }
          onDone={reload}
          onCancel={close}
        />
      ),
    });
  }
  if (role === 'health_worker') {
    for (const request of person.pendingRequests) {
      actions.push({
        key: `examine-${request.id}`,
        label: t('action.recordExamination', { date: formatDate(request.requestedOn) }),
        render: (close) => (
          <ActionForm
            testId="form-examination"
            title={t('action.recordExamination', { date: formatDate(request.requestedOn) })}
            submitLabel={t('form.save')}
            fields={[
              { name: 'examinedOn', label: t('health.examinedOn'), kind: 'date', required: true, initial: today() },
              { name: 'documentNumber', label: t('health.documentNumber'), kind: 'text', required: true },
              {
                name: 'substanceClass',
                label: t('field.substance'),
                kind: 'select',
                options: options('substanceClass', ['OPIOIDS', 'STIMULANTS', 'CANNABIS', 'OTHER']),
              },
              {
                name: 'criteria',
                label: t('field.criteria'),
                kind: 'checkboxes',
                options: options('addictionCriterion', CRITERIA),
              },
              {
                name: 'pattern',
                label: t('field.pattern'),
                kind: 'select',
                options: options('observationPattern', ['TOGETHER_AT_LEAST_ONE_MONTH', 'REPEATED_WITHIN_12_MONTHS', 'NEITHER']),
              },
              { name: 'clinicalNotes', label: t('field.clinicalNotes'), kind: 'textarea' },
            ]}
            onSubmit={(v) =>
              submit(RECORD_EXAMINATION, {
                requestId: request.id,
                input: {
                  examinedOn: v.examinedOn ?? '',
                  documentNumber: v.documentNumber ?? '',
                  clinicalNotes: optional(v.clinicalNotes),
                  findings: [
                    {
                      substanceClass: chosen<SubstanceClass>(v.substanceClass),
                      criteria: (v.criteria ?? '')
                        .split(',')
                        .filter(Boolean)
                        .map((c) => chosen<AddictionCriterion>(c)),
                      pattern: chosen<ObservationPattern>(v.pattern),
                    },
                  ],
                },
              })
            }
            onDone={reload}
            onCancel={close}
          />
        ),
      });
    }
  }
  return <ActionMenu label={t('action.health')} actions={actions} />;
}
