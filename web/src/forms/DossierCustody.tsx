import { gql, type TypedDocumentNode } from '@apollo/client';
import { useActing } from '../acting';
import { useI18n } from '../i18n';
import { useFacilities, useFacilityLabel } from '../units';
import type { FormValues } from './ActionForm';
import { useEnumOptions } from './options';
import { dateField, type Step, type VersionedRecord } from './StepMenu';
import { optional } from './useSubmit';
import type {
  InterimMeasure,
  RecordDossierEscortMutation,
  RecordDossierEscortMutationVariables,
  SetInterimMeasureMutation,
  SetInterimMeasureMutationVariables,
} from '../__generated__/operations';

const SET_INTERIM_MEASURE: TypedDocumentNode<SetInterimMeasureMutation, SetInterimMeasureMutationVariables> = gql`
  mutation SetInterimMeasure($id: ID!, $expectedVersion: Int!, $input: InterimMeasureInput!) {
    setInterimMeasure(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      interimMeasure
      version
    }
  }
`;

const RECORD_DOSSIER_ESCORT: TypedDocumentNode<RecordDossierEscortMutation, RecordDossierEscortMutationVariables> = gql`
  mutation RecordDossierEscort($id: ID!, $expectedVersion: Int!, $escortedOn: Date!) {
    recordDossierEscort(id: $id, expectedVersion: $expectedVersion, escortedOn: $escortedOn) {
      id
      escortedOn
      version
    }
  }
`;

/** The choice that ends the current measure (the API's null measure). */
const END = 'END';

export interface CustodyDossier extends VersionedRecord {
  interimMeasure?: InterimMeasure | null;
  escortedOn?: string | null;
}

/**
 * While a dossier is pending, whoever sets the interim measure today (the head of commune
 * police since 1 March 2025) places the person with the family or holds them at a facility of
 * the province, or ends the measure; once the court approved, the police record the escort to
 * the facility. Undefined until the facilities have loaded.
 */
export function useCustodySteps(dossier: CustodyDossier, role: string, pending: boolean): Step[] | undefined {
  const { t, label, formatDate } = useI18n();
  const options = useEnumOptions();
  const acting = useActing();
  const setsMeasure = pending && acting.mayAct('INTERIM_MEASURE');
  const { facilities } = useFacilities(setsMeasure ? acting.provinceCode : null);
  const facilityLabel = useFacilityLabel();
  const steps: Step[] = [];
  if (setsMeasure) {
    if (!facilities) return undefined;
    const measures = options('interimMeasure', ['FAMILY_MANAGEMENT', 'HELD_AT_FACILITY']);
    const describe = (v: FormValues): string => {
      if (v.measure === END) return t('confirm.interimEnd', { date: formatDate(v.since) });
      const facility = facilities.find((f) => f.code === v.facilityCode)?.name;
      const measure = label('interimMeasure', v.measure ?? '');
      return t('confirm.interimMeasure', { measure: facility ? `${measure}: ${facility}` : measure, date: formatDate(v.since) });
    };
    steps.push({
      key: 'interim-measure',
      label: t('action.interimMeasure'),
      mutation: SET_INTERIM_MEASURE,
      fields: [
        {
          name: 'measure',
          label: t('field.interimMeasure'),
          kind: 'select',
          required: true,
          placeholder: t('form.choosePlaceholder'),
          options: dossier.interimMeasure ? [...measures, { value: END, label: t('field.interimEnd') }] : measures,
        },
        {
          name: 'facilityCode',
          label: t('field.interimFacility'),
          kind: 'select',
          placeholder: t('field.interimNoFacility'),
          options: facilities.map((f) => ({ value: f.code, label: facilityLabel(f) })),
          hint: t('field.interimFacilityHint'),
          wide: true,
        },
        dateField('since', t('field.interimSince')),
      ],
      variables: (v) => ({
        input: {
          measure: v.measure === END ? null : (v.measure as InterimMeasure),
          // A facility chosen before switching to family management is not sent with it.
          facilityCode: v.measure === 'HELD_AT_FACILITY' ? optional(v.facilityCode) : null,
          since: v.since,
        },
      }),
      confirm: describe,
    });
  }
  if (dossier.status === 'APPROVED' && role === 'police_officer' && !dossier.escortedOn) {
    steps.push({
      key: 'escort',
      label: t('action.recordEscort'),
      mutation: RECORD_DOSSIER_ESCORT,
      fields: [dateField('escortedOn', t('field.escortedOn'))],
      variables: (v) => ({ escortedOn: v.escortedOn }),
      confirm: (v) => t('confirm.escort', { date: formatDate(v.escortedOn) }),
    });
  }
  return steps;
}
