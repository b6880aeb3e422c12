import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ReactNode } from 'react';
import type { PsychosisRecord } from '../components/PsychosisList';
import { useI18n } from '../i18n';
import { ActionForm } from './ActionForm';
import { ActionMenu, type MenuAction } from './ActionMenu';
import { chosen, useEnumOptions } from './options';
import { dateField, StepMenu } from './StepMenu';
import { optional, today, useSubmit } from './useSubmit';
import type {
  EndDrugInducedPsychosisCareMutation,
  EndDrugInducedPsychosisCareMutationVariables,
  PsychosisCare,
  PsychosisEndReason,
  PsychosisSeverity,
  RecordDrugInducedPsychosisMutation,
  RecordDrugInducedPsychosisMutationVariables,
  SubstanceClass,
} from '../__generated__/operations';

const RECORD: TypedDocumentNode<RecordDrugInducedPsychosisMutation, RecordDrugInducedPsychosisMutationVariables> = gql`
  mutation RecordDrugInducedPsychosis($personId: ID!, $input: DrugInducedPsychosisInput!) {
    recordDrugInducedPsychosis(personId: $personId, input: $input) {
      id
      status
      version
    }
  }
`;

const END: TypedDocumentNode<EndDrugInducedPsychosisCareMutation, EndDrugInducedPsychosisCareMutationVariables> = gql`
  mutation EndDrugInducedPsychosisCare(
    $id: ID!
    $expectedVersion: Int!
    $endedOn: Date!
    $reason: PsychosisEndReason!
    $note: String
  ) {
    endDrugInducedPsychosisCare(id: $id, expectedVersion: $expectedVersion, endedOn: $endedOn, reason: $reason, note: $note) {
      id
      status
      version
    }
  }
`;

/** Loạn thần do sử dụng ma túy tổng hợp: a health worker classifies it and opens its care, then ends it. */
export function PsychosisActions({
  person,
  records,
  reload,
}: {
  person: { id: string; fullName: string | null };
  records: readonly PsychosisRecord[];
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t, label, formatDate } = useI18n();
  const options = useEnumOptions();
  const submit = useSubmit();
  const open = records.find((r) => r.status === 'UNDER_CARE');
  if (open) {
    return (
      <StepMenu
        label={t('psychosis.heading')}
        title={`${t('psychosis.heading')} ${formatDate(open.diagnosedOn)}`}
        record={open}
        reload={reload}
        steps={[
          {
            key: 'psychosis-end',
            label: t('psychosis.end'),
            mutation: END,
            fields: [
              dateField('endedOn', t('psychosis.endedOn')),
              {
                name: 'reason',
                label: t('psychosis.endReason'),
                kind: 'select',
                required: true,
                placeholder: t('form.choosePlaceholder'),
                options: options('psychosisEndReason', ['RECOVERED', 'TRANSFERRED_TO_REHAB', 'MOVED_AWAY', 'DIED', 'OTHER']),
              },
              { name: 'note', label: t('field.note'), kind: 'textarea' },
            ],
            variables: (v) => ({
              endedOn: v.endedOn ?? '',
              reason: chosen<PsychosisEndReason>(v.reason),
              note: optional(v.note),
            }),
          },
        ]}
      />
    );
  }
  const actions: MenuAction[] = [
    {
      key: 'psychosis',
      label: t('psychosis.record'),
      render: (close) => (
        <ActionForm
          testId="form-psychosis"
          title={t('psychosis.record')}
          submitLabel={t('form.save')}
          fields={[
            { name: 'diagnosedOn', label: t('psychosis.diagnosedOn'), kind: 'date', required: true, initial: today() },
            {
              name: 'substanceClasses',
              label: t('psychosis.substances'),
              kind: 'checkboxes',
              initial: 'STIMULANTS',
              options: options('substanceClass', ['STIMULANTS', 'OPIOIDS', 'CANNABIS', 'OTHER']),
            },
            {
              name: 'severity',
              label: t('psychosis.severity'),
              kind: 'select',
              required: true,
              placeholder: t('form.choosePlaceholder'),
              options: options('psychosisSeverity', ['MILD', 'MODERATE', 'SEVERE']),
            },
            {
              name: 'riskToOthers',
              label: t('psychosis.risk'),
              kind: 'select',
              required: true,
              placeholder: t('form.choosePlaceholder'),
              hint: t('psychosis.riskHint'),
              options: [
                { value: 'true', label: t('psychosis.yes') },
                { value: 'false', label: t('psychosis.no') },
              ],
            },
            {
              name: 'care',
              label: t('psychosis.care'),
              kind: 'select',
              required: true,
              placeholder: t('form.choosePlaceholder'),
              options: options('psychosisCare', ['OUTPATIENT', 'INPATIENT_PSYCHIATRIC', 'FAMILY_CARE']),
            },
            { name: 'careFacility', label: t('psychosis.careFacility'), kind: 'text', hint: t('psychosis.careFacilityHint') },
            { name: 'note', label: t('field.note'), kind: 'textarea' },
          ]}
          confirm={(v) =>
            t('psychosis.confirm', {
              name: person.fullName ?? '',
              severity: label('psychosisSeverity', v.severity ?? ''),
              date: formatDate(v.diagnosedOn),
            })
          }
          onSubmit={(v) =>
            submit(RECORD, {
              personId: person.id,
              input: {
                diagnosedOn: v.diagnosedOn ?? '',
                substanceClasses: (v.substanceClasses ?? '')
                  .split(',')
                  .filter(Boolean)
                  .map((c) => chosen<SubstanceClass>(c)),
                severity: chosen<PsychosisSeverity>(v.severity),
                riskToOthers: v.riskToOthers === 'true',
                care: chosen<PsychosisCare>(v.care),
                careFacility: optional(v.careFacility),
                note: optional(v.note),
              },
            })
          }
          onDone={reload}
          onCancel={close}
        />
      ),
    },
  ];
  return <ActionMenu label={t('psychosis.heading')} actions={actions} />;
}
