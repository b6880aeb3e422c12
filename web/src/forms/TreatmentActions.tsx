import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { useClinicOptions } from './clinics';
import { useEnumOptions } from './options';
import { dateField, StepMenu, type Step } from './StepMenu';
import type {
  AdvanceTreatmentPhaseMutation,
  AdvanceTreatmentPhaseMutationVariables,
  TerminateTreatmentMutation,
  TerminateTreatmentMutationVariables,
  TransferTreatmentMutation,
  TransferTreatmentMutationVariables,
} from '../__generated__/operations';

const ADVANCE: TypedDocumentNode<AdvanceTreatmentPhaseMutation, AdvanceTreatmentPhaseMutationVariables> = gql`
  mutation AdvanceTreatmentPhase($id: ID!, $expectedVersion: Int, $to: SubstitutionPhase!, $on: Date!) {
    advanceTreatmentPhase(treatmentId: $id, expectedVersion: $expectedVersion, to: $to, on: $on) {
      id
      phase
      version
    }
  }
`;

const TRANSFER: TypedDocumentNode<TransferTreatmentMutation, TransferTreatmentMutationVariables> = gql`
  mutation TransferTreatment($id: ID!, $expectedVersion: Int, $toClinicCode: ID!) {
    transferTreatment(treatmentId: $id, expectedVersion: $expectedVersion, toClinicCode: $toClinicCode) {
      id
      clinic {
        code
      }
      version
    }
  }
`;

const TERMINATE: TypedDocumentNode<TerminateTreatmentMutation, TerminateTreatmentMutationVariables> = gql`
  mutation TerminateTreatment($id: ID!, $expectedVersion: Int, $reason: TerminationReason!, $note: String!, $on: Date!) {
    terminateTreatment(treatmentId: $id, expectedVersion: $expectedVersion, reason: $reason, note: $note, on: $on) {
      id
      status
      version
    }
  }
`;

const PHASES = ['INDUCTION', 'DOSE_ADJUSTMENT', 'MAINTENANCE', 'TAPERING', 'STOPPED'] as const;
const REASONS = ['FORCED_PROTOCOL_VIOLATIONS', 'FORCED_REPEATED_POSITIVE_TESTS', 'VOLUNTARY', 'OTHER'];

export interface TreatmentRecord {
  id: string;
  status: string;
  phase: string;
  version: number;
  clinic: { code: string; name: string };
}

/** Y tế (the clinic's health workers): a treatment's next phase, its transfer to another clinic, its end. */
export function TreatmentActions({
  treatment,
  person,
  role,
  reload,
}: {
  treatment: TreatmentRecord;
  person: string;
  role: string;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t, label, formatDate } = useI18n();
  const options = useEnumOptions();
  const clinics = useClinicOptions(treatment.clinic.code)?.filter((c) => c.value !== treatment.clinic.code);
  if (role !== 'health_worker' || treatment.status !== 'ACTIVE' || !clinics) return null;
  const clinicName = (code: string | undefined) => clinics.find((c) => c.value === code)?.label ?? '';
  const later = PHASES.slice(PHASES.indexOf(treatment.phase as (typeof PHASES)[number]) + 1);
  const steps: Step[] = [
    {
      key: 'treatment-advance',
      label: t('treatment.advance'),
      mutation: ADVANCE,
      fields: [
        {
          name: 'to',
          label: t('treatment.advanceTo'),
          kind: 'select',
          required: true,
          placeholder: t('form.choosePlaceholder'),
          options: options('treatmentPhase', later),
        },
        dateField('on', t('treatment.advanceOn')),
      ],
      variables: (v) => ({ to: v.to, on: v.on }),
      confirm: (v) =>
        t('confirm.treatmentAdvance', { person, phase: label('treatmentPhase', v.to ?? ''), date: formatDate(v.on) }),
    },
    {
      key: 'treatment-transfer',
      label: t('treatment.transfer'),
      mutation: TRANSFER,
      fields: [
        {
          name: 'toClinicCode',
          label: t('treatment.toClinic'),
          kind: 'select',
          required: true,
          placeholder: t('form.choosePlaceholder'),
          options: clinics,
        },
      ],
      variables: (v) => ({ toClinicCode: v.toClinicCode }),
      confirm: (v) => t('confirm.treatmentTransfer', { person, from: treatment.clinic.name, to: clinicName(v.toClinicCode) }),
    },
    {
      key: 'treatment-terminate',
      label: t('treatment.terminate'),
      mutation: TERMINATE,
      fields: [
        {
          name: 'reason',
          label: t('treatment.terminateReason'),
          kind: 'select',
          required: true,
          placeholder: t('form.choosePlaceholder'),
          options: options('terminationReason', REASONS),
        },
        { name: 'note', label: t('treatment.terminateNote'), kind: 'textarea', required: true },
        dateField('on', t('treatment.terminateOn')),
      ],
      variables: (v) => ({ reason: v.reason, note: v.note, on: v.on }),
      confirm: (v) =>
        t('confirm.treatmentTerminate', {
          person,
          date: formatDate(v.on),
          reason: label('terminationReason', v.reason ?? ''),
        }),
    },
  ];
  return (
    <StepMenu
      label={t('treatment.actions')}
      steps={steps}
      record={treatment}
      reload={reload}
      title={`${t('treatment.actions')} — ${treatment.clinic.name}, ${label('treatmentPhase', treatment.phase)}`}
    />
  );
}
