import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useActing } from '../../acting';
import { ActionForm } from '../../forms/ActionForm';
import { ActionMenu } from '../../forms/ActionMenu';
import { unitOptions, useCommunes } from '../../forms/communes';
import { chosen, useEnumOptions } from '../../forms/options';
import { dateField, StepMenu } from '../../forms/StepMenu';
import { optional, today, useSubmit } from '../../forms/useSubmit';
import { useI18n } from '../../i18n';
import { WorklistSection } from './WorklistSection';
import type {
  InspectionKind,
  InspectionsQuery,
  InspectionsQueryVariables,
  RecordInspectionMutation,
  RecordInspectionMutationVariables,
  ResolveInspectionMutation,
  ResolveInspectionMutationVariables,
} from '../../__generated__/operations';

const INSPECTIONS: TypedDocumentNode<InspectionsQuery, InspectionsQueryVariables> = gql`
  query Inspections($unitCode: ID!) {
    inspections(unitCode: $unitCode) {
      id
      kind
      inspectedOn
      findings
      violations
      followUpDueOn
      resolvedOn
      status
      version
      unit {
        code
        name
      }
    }
    administrativeUnits(parentCode: $unitCode, levels: [FACILITY]) {
      code
      name
    }
  }
`;

const RECORD: TypedDocumentNode<RecordInspectionMutation, RecordInspectionMutationVariables> = gql`
  mutation RecordInspection($input: InspectionInput!) {
    recordInspection(input: $input) {
      id
      version
    }
  }
`;

const RESOLVE: TypedDocumentNode<ResolveInspectionMutation, ResolveInspectionMutationVariables> = gql`
  mutation ResolveInspection($id: ID!, $expectedVersion: Int!, $resolvedOn: Date!, $resolution: String!) {
    resolveInspection(id: $id, expectedVersion: $expectedVersion, resolvedOn: $resolvedOn, resolution: $resolution) {
      id
      version
    }
  }
`;

const KINDS: readonly InspectionKind[] = ['PLANNED', 'UNANNOUNCED'];
const OPEN = new Set(['FOLLOW_UP', 'OVERDUE']);
type Inspection = InspectionsQuery['inspections'][number];

function RecordForm({
  provinceCode,
  facilities,
  reload,
}: {
  provinceCode: string;
  facilities: readonly { code: string; name: string }[];
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const submit = useSubmit();
  const communes = useCommunes(provinceCode);
  return (
    <ActionMenu
      label={t('inspection.record')}
      actions={[
        {
          key: 'inspection-record',
          label: t('inspection.record'),
          render: (close) => (
            <ActionForm
              testId="form-inspection-record"
              title={t('inspection.record')}
              submitLabel={t('form.save')}
              fields={[
                {
                  name: 'unitCode',
                  label: t('inspection.unit'),
                  kind: 'select',
                  required: true,
                  placeholder: t('form.choosePlaceholder'),
                  options: [...unitOptions(facilities), ...unitOptions(communes)],
                },
                {
                  name: 'kind',
                  label: t('inspection.kind'),
                  kind: 'select',
                  required: true,
                  options: options('inspectionKind', KINDS),
                },
                { name: 'inspectedOn', label: t('inspection.inspectedOn'), kind: 'date', required: true, initial: today() },
                { name: 'findings', label: t('inspection.findings'), kind: 'textarea', required: true },
                { name: 'violations', label: t('inspection.violations'), kind: 'number', required: true, initial: '0' },
                { name: 'recommendations', label: t('inspection.recommendations'), kind: 'textarea' },
                { name: 'followUpDueOn', label: t('inspection.followUpDueOn'), kind: 'date', hint: t('inspection.followUpHint') },
              ]}
              onSubmit={(v) =>
                submit(RECORD, {
                  input: {
                    unitCode: v.unitCode ?? '',
                    kind: chosen<InspectionKind>(v.kind),
                    inspectedOn: v.inspectedOn ?? '',
                    findings: v.findings ?? '',
                    violations: Number(v.violations),
                    recommendations: optional(v.recommendations),
                    followUpDueOn: optional(v.followUpDueOn),
                  },
                })
              }
              onDone={reload}
              onCancel={close}
            />
          ),
        },
      ]}
    />
  );
}

function ResolveStep({ inspection, reload }: { inspection: Inspection; reload: () => Promise<unknown> }): ReactNode {
  const { t } = useI18n();
  return (
    <StepMenu
      label={inspection.unit.name}
      record={{ id: inspection.id, version: inspection.version, status: null }}
      reload={reload}
      steps={[
        {
          key: 'inspection-resolve',
          label: t('inspection.resolve'),
          mutation: RESOLVE,
          fields: [
            dateField('resolvedOn', t('inspection.resolvedOn')),
            { name: 'resolution', label: t('inspection.resolution'), kind: 'textarea', required: true },
          ],
          variables: (v) => ({ resolvedOn: v.resolvedOn ?? '', resolution: v.resolution ?? '' }),
        },
      ]}
    />
  );
}

/** Thanh tra, kiểm tra: the province's inspections of facilities and communes, with the violations still to put right first. */
export function Inspections(): ReactNode {
  const { t, label, formatDate } = useI18n();
  const acting = useActing();
  const provinceCode = acting.provinceCode;
  const allowed = acting.mayAct('REHAB_STATE_MANAGEMENT') && acting.unit?.level === 'PROVINCE';
  const { data, loading, error, refetch } = useQuery(INSPECTIONS, {
    variables: { unitCode: provinceCode ?? '' },
    fetchPolicy: 'no-cache',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: !allowed || provinceCode === null,
  });
  if (!allowed || provinceCode === null) return null;
  const reload = () => refetch();
  const rows = data ? [...data.inspections].sort((a, b) => Number(OPEN.has(b.status)) - Number(OPEN.has(a.status))) : undefined;
  return (
    <>
      <RecordForm provinceCode={provinceCode} facilities={data?.administrativeUnits ?? []} reload={reload} />
      <WorklistSection
        title={t('inspection.heading')}
        testId="worklist-inspections"
        loading={loading}
        error={error}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('inspection.inspectedOn'), cell: (r) => formatDate(r.inspectedOn) },
          { header: t('inspection.unit'), cell: (r) => r.unit.name },
          { header: t('inspection.kind'), cell: (r) => label('inspectionKind', r.kind) },
          { header: t('inspection.findings'), cell: (r) => r.findings },
          { header: t('inspection.violations'), cell: (r) => r.violations },
          {
            header: t('inspection.status'),
            cell: (r) =>
              r.followUpDueOn && OPEN.has(r.status)
                ? t('inspection.dueOn', { status: label('inspectionStatus', r.status), date: formatDate(r.followUpDueOn) })
                : label('inspectionStatus', r.status),
          },
        ]}
        actions={(r) => (OPEN.has(r.status) ? <ResolveStep inspection={r} reload={reload} /> : null)}
      />
    </>
  );
}
