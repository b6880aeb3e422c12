import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useActing } from '../../acting';
import type { Officer } from '../../auth';
import { ActionForm, type FieldSpec, type FormValues, type SubmitOutcome } from '../../forms/ActionForm';
import { ActionMenu } from '../../forms/ActionMenu';
import { unitOptions, useCommunes } from '../../forms/communes';
import { dateField, StepMenu } from '../../forms/StepMenu';
import { today, useSubmit } from '../../forms/useSubmit';
import { useI18n } from '../../i18n';
import { WorklistSection } from './WorklistSection';
import type {
  ClearDrugHotspotMutation,
  ClearDrugHotspotMutationVariables,
  PreventionMapQuery,
  PreventionMapQueryVariables,
  RecognizeDrugFreeCommuneMutation,
  RecognizeDrugFreeCommuneMutationVariables,
  RecordDrugHotspotMutation,
  RecordDrugHotspotMutationVariables,
  WithdrawDrugFreeRecognitionMutation,
  WithdrawDrugFreeRecognitionMutationVariables,
} from '../../__generated__/operations';

const MAP: TypedDocumentNode<PreventionMapQuery, PreventionMapQueryVariables> = gql`
  query PreventionMap($unitCode: ID!) {
    drugHotspots(unitCode: $unitCode) {
      id
      description
      identifiedOn
      version
      commune {
        code
        name
      }
    }
    drugFreeRecognitions(unitCode: $unitCode) {
      id
      recognisedOn
      decisionNumber
      withdrawnOn
      version
      commune {
        code
        name
      }
    }
  }
`;

const RECORD_HOTSPOT: TypedDocumentNode<RecordDrugHotspotMutation, RecordDrugHotspotMutationVariables> = gql`
  mutation RecordDrugHotspot($input: DrugHotspotInput!) {
    recordDrugHotspot(input: $input) {
      id
      version
    }
  }
`;

const CLEAR_HOTSPOT: TypedDocumentNode<ClearDrugHotspotMutation, ClearDrugHotspotMutationVariables> = gql`
  mutation ClearDrugHotspot($id: ID!, $expectedVersion: Int!, $clearedOn: Date!, $note: String!) {
    clearDrugHotspot(id: $id, expectedVersion: $expectedVersion, clearedOn: $clearedOn, note: $note) {
      id
      version
    }
  }
`;

const RECOGNIZE: TypedDocumentNode<RecognizeDrugFreeCommuneMutation, RecognizeDrugFreeCommuneMutationVariables> = gql`
  mutation RecognizeDrugFreeCommune($input: DrugFreeRecognitionInput!) {
    recognizeDrugFreeCommune(input: $input) {
      id
      version
    }
  }
`;

const WITHDRAW: TypedDocumentNode<WithdrawDrugFreeRecognitionMutation, WithdrawDrugFreeRecognitionMutationVariables> = gql`
  mutation WithdrawDrugFreeRecognition($id: ID!, $expectedVersion: Int!, $withdrawnOn: Date!, $reason: String!) {
    withdrawDrugFreeRecognition(id: $id, expectedVersion: $expectedVersion, withdrawnOn: $withdrawnOn, reason: $reason) {
      id
      version
    }
  }
`;

/** Who sees the hotspots: the police, and the commune and Front who plan prevention there. */
const READERS: ReadonlySet<string> = new Set(['police_officer', 'commune_official', 'front_officer']);

/** A form of the menu `key`, for the officer's commune or a commune of their province. */
function RecordMenu(props: {
  actionKey: string;
  label: string;
  fields: FieldSpec[];
  onSubmit: (v: FormValues) => Promise<SubmitOutcome>;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t } = useI18n();
  return (
    <ActionMenu
      label={props.label}
      actions={[
        {
          key: props.actionKey,
          label: props.label,
          render: (close) => (
            <ActionForm
              testId={`form-${props.actionKey}`}
              title={props.label}
              submitLabel={t('form.save')}
              fields={props.fields}
              onSubmit={props.onSubmit}
              onDone={props.reload}
              onCancel={close}
            />
          ),
        },
      ]}
    />
  );
}

/**
 * Địa bàn trọng điểm và xã, phường không ma túy: the police record hotspots and clear them; the
 * province's police record the recognitions of drug-free communes; the commune and the Front read them.
 */
export function PreventionMap({ officer }: { officer: Officer }): ReactNode {
  const { t, formatDate } = useI18n();
  const submit = useSubmit();
  const acting = useActing();
  const level = acting.unit?.level;
  const allowed = READERS.has(officer.role) && (level === 'COMMUNE' || level === 'PROVINCE');
  const police = officer.role === 'police_officer';
  const provincial = police && level === 'PROVINCE';
  const communes = useCommunes(provincial ? acting.provinceCode : null);
  const { data, loading, error, refetch } = useQuery(MAP, {
    variables: { unitCode: officer.unitCode },
    fetchPolicy: 'no-cache',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: !allowed,
  });
  if (!allowed) return null;
  const reload = () => refetch();
  const communeField: FieldSpec[] = provincial
    ? [
        {
          name: 'communeCode',
          label: t('hotspot.commune'),
          kind: 'select',
          required: true,
          placeholder: t('form.choosePlaceholder'),
          options: unitOptions(communes),
        },
      ]
    : [];
  const communeOf = (v: FormValues) => (provincial ? (v.communeCode ?? '') : officer.unitCode);
  return (
    <>
      {police && (
        <RecordMenu
          actionKey="hotspot-record"
          label={t('hotspot.record')}
          fields={[
            ...communeField,
            { name: 'description', label: t('hotspot.description'), kind: 'textarea', required: true },
            { name: 'identifiedOn', label: t('hotspot.identifiedOn'), kind: 'date', required: true, initial: today() },
          ]}
          onSubmit={(v) =>
            submit(RECORD_HOTSPOT, {
              input: { communeCode: communeOf(v), description: v.description ?? '', identifiedOn: v.identifiedOn ?? '' },
            })
          }
          reload={reload}
        />
      )}
      <WorklistSection
        title={t('hotspot.heading')}
        testId="worklist-hotspots"
        loading={loading}
        error={error}
        rows={data?.drugHotspots}
        rowKey={(r) => r.id}
        columns={[
          { header: t('hotspot.commune'), cell: (r) => r.commune.name },
          { header: t('hotspot.description'), cell: (r) => r.description },
          { header: t('hotspot.identifiedOn'), cell: (r) => formatDate(r.identifiedOn) },
        ]}
        actions={(r) =>
          police ? (
            <StepMenu
              label={r.commune.name}
              record={{ id: r.id, version: r.version, status: null }}
              reload={reload}
              steps={[
                {
                  key: 'hotspot-clear',
                  label: t('hotspot.clear'),
                  mutation: CLEAR_HOTSPOT,
                  fields: [
                    dateField('clearedOn', t('hotspot.clearedOn')),
                    { name: 'note', label: t('hotspot.note'), kind: 'textarea', required: true },
                  ],
                  variables: (v) => ({ clearedOn: v.clearedOn ?? '', note: v.note ?? '' }),
                },
              ]}
            />
          ) : null
        }
      />
      {provincial && (
        <RecordMenu
          actionKey="drug-free-record"
          label={t('drugFree.record')}
          fields={[
            ...communeField,
            { name: 'recognisedOn', label: t('drugFree.recognisedOn'), kind: 'date', required: true, initial: today() },
            { name: 'decisionNumber', label: t('drugFree.decisionNumber'), kind: 'text', required: true },
          ]}
          onSubmit={(v) =>
            submit(RECOGNIZE, {
              input: { communeCode: communeOf(v), recognisedOn: v.recognisedOn ?? '', decisionNumber: v.decisionNumber ?? '' },
            })
          }
          reload={reload}
        />
      )}
      <WorklistSection
        title={t('drugFree.heading')}
        testId="worklist-drug-free"
        loading={loading}
        error={error}
        rows={data?.drugFreeRecognitions}
        rowKey={(r) => r.id}
        columns={[
          { header: t('drugFree.commune'), cell: (r) => r.commune.name },
          { header: t('drugFree.recognisedOn'), cell: (r) => formatDate(r.recognisedOn) },
          { header: t('drugFree.decisionNumber'), cell: (r) => r.decisionNumber },
          {
            header: t('drugFree.state'),
            cell: (r) => (r.withdrawnOn ? t('drugFree.withdrawnOn', { date: formatDate(r.withdrawnOn) }) : t('drugFree.inForce')),
          },
        ]}
        actions={(r) =>
          provincial && !r.withdrawnOn ? (
            <StepMenu
              label={r.commune.name}
              record={{ id: r.id, version: r.version, status: null }}
              reload={reload}
              steps={[
                {
                  key: 'drug-free-withdraw',
                  label: t('drugFree.withdraw'),
                  mutation: WITHDRAW,
                  fields: [
                    dateField('withdrawnOn', t('drugFree.withdrawnOnField')),
                    { name: 'reason', label: t('drugFree.reason'), kind: 'textarea', required: true },
                  ],
                  variables: (v) => ({ withdrawnOn: v.withdrawnOn ?? '', reason: v.reason ?? '' }),
                },
              ]}
            />
          ) : null
        }
      />
    </>
  );
}
