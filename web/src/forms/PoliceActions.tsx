import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { ActionForm } from './ActionForm';
import { ActionMenu, type MenuAction } from './ActionMenu';
import { ResidenceChangeForm } from './ResidenceChange';
import { chosen, useEnumOptions } from './options';
import { optional, today, useSubmit } from './useSubmit';
import type {
  DetectionMethod,
  RecordDrugUseDetectionMutation,
  RecordDrugUseDetectionMutationVariables,
  SubstanceClass,
} from '../__generated__/operations';

const RECORD_DETECTION: TypedDocumentNode<RecordDrugUseDetectionMutation, RecordDrugUseDetectionMutationVariables> = gql`
  mutation RecordDrugUseDetection($personId: ID!, $input: DrugUseDetectionInput!) {
    recordDrugUseDetection(personId: $personId, input: $input) {
      id
      status
      detectedOn
    }
  }
`;

/** Công an: record a detection of illegal drug use (opens a drug-user management case). */
export function PoliceActions({
  personId,
  role,
  reload,
}: {
  personId: string;
  role: string;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const submit = useSubmit();
  if (role !== 'police_officer') return null;
  const actions: MenuAction[] = [
    {
      key: 'detection',
      label: t('action.recordDetection'),
      render: (close) => (
        <ActionForm
          testId="form-detection"
          title={t('action.recordDetection')}
          submitLabel={t('form.save')}
          fields={[
            { name: 'detectedOn', label: t('field.detectedOn'), kind: 'date', required: true, initial: today() },
            {
              name: 'method',
              label: t('field.method'),
              kind: 'select',
              options: options('detectionMethod', ['TEST_POSITIVE', 'CAUGHT_USING', 'OTHER']),
            },
            {
              name: 'substances',
              label: t('field.substance'),
              kind: 'select',
              options: options('substanceClass', ['OPIOIDS', 'STIMULANTS', 'CANNABIS', 'OTHER']),
            },
            { name: 'testResult', label: t('field.testResult'), kind: 'text', hint: t('field.testResultHint') },
          ]}
          onSubmit={(v) =>
            submit(RECORD_DETECTION, {
              personId,
              input: {
                detectedOn: v.detectedOn ?? '',
                method: chosen<DetectionMethod>(v.method),
                substances: [chosen<SubstanceClass>(v.substances)],
                testResult: optional(v.testResult),
              },
            })
          }
          onDone={reload}
          onCancel={close}
        />
      ),
    },
    {
      key: 'residence-change',
      label: t('move.title'),
      render: (close) => <ResidenceChangeForm personId={personId} onDone={reload} onCancel={close} />,
    },
  ];
  return <ActionMenu label={t('action.police')} actions={actions} />;
}
