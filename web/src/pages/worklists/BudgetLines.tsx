import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import type { Officer } from '../../auth';
import type { FieldSpec, FormValues } from '../../forms/ActionForm';
import { chosen, useEnumOptions } from '../../forms/options';
import { dateField, type Step } from '../../forms/StepMenu';
import { optional, today } from '../../forms/useSubmit';
import { formatCount, useI18n } from '../../i18n';
import { AgencyRecords, useRecordsProgramme } from './AgencyRecords';
import type {
  BudgetActivity,
  BudgetLineInput,
  BudgetLinesQuery,
  BudgetLinesQueryVariables,
  BudgetSource,
  RecordBudgetLineMutation,
  RecordBudgetLineMutationVariables,
  RecordBudgetSpendingMutation,
  RecordBudgetSpendingMutationVariables,
  UpdateBudgetLineMutation,
  UpdateBudgetLineMutationVariables,
} from '../../__generated__/operations';

const LINES: TypedDocumentNode<BudgetLinesQuery, BudgetLinesQueryVariables> = gql`
  query BudgetLines($unitCode: ID!, $fiscalYear: Int!) {
    budgetLines(unitCode: $unitCode, fiscalYear: $fiscalYear) {
      id
      fiscalYear
      source
      activity
      allocated
      allocatedOn
      agency
      note
      spent
      version
      unit {
        code
      }
    }
  }
`;

const RECORD: TypedDocumentNode<RecordBudgetLineMutation, RecordBudgetLineMutationVariables> = gql`
  mutation RecordBudgetLine($input: BudgetLineInput!) {
    recordBudgetLine(input: $input) {
      id
      version
    }
  }
`;

const UPDATE: TypedDocumentNode<UpdateBudgetLineMutation, UpdateBudgetLineMutationVariables> = gql`
  mutation UpdateBudgetLine($id: ID!, $expectedVersion: Int!, $input: BudgetLineInput!) {
    updateBudgetLine(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
    }
  }
`;

const SPEND: TypedDocumentNode<RecordBudgetSpendingMutation, RecordBudgetSpendingMutationVariables> = gql`
  mutation RecordBudgetSpending($id: ID!, $expectedVersion: Int!, $input: BudgetSpendingInput!) {
    recordBudgetSpending(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
    }
  }
`;

const SOURCES: readonly BudgetSource[] = ['CENTRAL_PROGRAMME', 'PROVINCE', 'COMMUNE', 'DONOR', 'OTHER'];
const ACTIVITIES: readonly BudgetActivity[] = [
  'PREVENTION',
  'COMMUNICATION',
  'TRAINING',
  'REHAB',
  'POST_REHAB',
  'INSPECTION',
  'OTHER',
];
/** The agencies that carry out a plan's activities, at their own commune or province. */
const FUNDED: ReadonlySet<string> = new Set([
  'police_officer',
  'labour_officer',
  'health_worker',
  'commune_official',
  'front_officer',
]);

type Line = BudgetLinesQuery['budgetLines'][number];

function useFields(): (initial?: Line) => FieldSpec[] {
  const { t } = useI18n();
  const options = useEnumOptions();
  return (initial) => [
    {
      name: 'fiscalYear',
      label: t('budget.fiscalYear'),
      kind: 'number',
      required: true,
      initial: String(initial?.fiscalYear ?? today().slice(0, 4)),
    },
    {
      name: 'source',
      label: t('budget.source'),
      kind: 'select',
      required: true,
      options: options('budgetSource', SOURCES),
      initial: initial?.source,
    },
    {
      name: 'activity',
      label: t('budget.activity'),
      kind: 'select',
      required: true,
      options: options('budgetActivity', ACTIVITIES),
      initial: initial?.activity,
    },
    {
      name: 'allocated',
      label: t('budget.allocated'),
      kind: 'number',
      required: true,
      initial: initial ? String(initial.allocated) : undefined,
    },
    {
      name: 'allocatedOn',
      label: t('budget.allocatedOn'),
      kind: 'date',
      required: true,
      initial: initial?.allocatedOn ?? today(),
    },
    { name: 'note', label: t('budget.note'), kind: 'textarea', initial: initial?.note ?? undefined },
  ];
}

function inputOf(unitCode: string, v: FormValues): BudgetLineInput {
  return {
    unitCode,
    fiscalYear: Number(v.fiscalYear),
    source: chosen<BudgetSource>(v.source),
    activity: chosen<BudgetActivity>(v.activity),
    allocated: Number(v.allocated),
    allocatedOn: v.allocatedOn ?? '',
    note: optional(v.note),
  };
}

/** Kinh phí: the unit's budget lines of this year by activity and source, allocated against spent. */
export function BudgetLines({ officer }: { officer: Officer }): ReactNode {
  const { t, label, locale } = useI18n();
  const amount = (n: number) => formatCount(locale, n);
  const allowed = useRecordsProgramme(officer, FUNDED);
  const fields = useFields();
  const { data, loading, error, refetch } = useQuery(LINES, {
    variables: { unitCode: officer.unitCode, fiscalYear: Number(today().slice(0, 4)) },
    fetchPolicy: 'no-cache',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: !allowed,
  });
  if (!allowed) return null;
  const spend = (): Step[] => [
    {
      key: 'budget-spend',
      label: t('budget.spend'),
      mutation: SPEND,
      fields: [
        dateField('spentOn', t('budget.spentOn')),
        { name: 'amount', label: t('budget.amount'), kind: 'number', required: true },
        { name: 'note', label: t('budget.spendNote'), kind: 'text' },
      ],
      variables: (v) => ({ input: { spentOn: v.spentOn ?? '', amount: Number(v.amount), note: optional(v.note) } }),
    },
  ];
  return (
    <AgencyRecords
      officer={officer}
      actionKey="budget"
      labels={{ heading: t('budget.heading'), record: t('budget.record'), edit: t('budget.edit') }}
      rows={data?.budgetLines}
      loading={loading}
      error={error}
      reload={() => refetch()}
      columns={[
        { header: t('budget.activity'), cell: (r) => label('budgetActivity', r.activity) },
        { header: t('budget.source'), cell: (r) => label('budgetSource', r.source) },
        { header: t('communication.agency'), cell: (r) => label('agency', r.agency) },
        { header: t('budget.allocated'), cell: (r) => amount(r.allocated) },
        { header: t('budget.spent'), cell: (r) => amount(r.spent) },
        { header: t('budget.left'), cell: (r) => amount(r.allocated - r.spent) },
      ]}
      fields={fields}
      mutations={{ record: RECORD, edit: UPDATE }}
      inputOf={inputOf}
      title={(r) => `${label('budgetActivity', r.activity)} · ${label('budgetSource', r.source)}`}
      moreSteps={spend}
    />
  );
}
