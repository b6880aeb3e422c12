import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useActing } from '../../acting';
import type { Officer } from '../../auth';
import { ActionForm, type FieldSpec, type FormValues } from '../../forms/ActionForm';
import { ActionMenu } from '../../forms/ActionMenu';
import { chosen, useEnumOptions } from '../../forms/options';
import { dateField, StepMenu } from '../../forms/StepMenu';
import { optional, today, useSubmit } from '../../forms/useSubmit';
import { useI18n } from '../../i18n';
import { WorklistSection } from './WorklistSection';
import type {
  LinkPersonAtRiskMutation,
  LinkPersonAtRiskMutationVariables,
  ListPersonAtRiskMutation,
  ListPersonAtRiskMutationVariables,
  PeopleAtRiskQuery,
  PeopleAtRiskQueryVariables,
  PersonAtRiskInput,
  PreventionServiceKind,
  RecordPreventionServiceMutation,
  RecordPreventionServiceMutationVariables,
  RemovePersonAtRiskMutation,
  RemovePersonAtRiskMutationVariables,
  RiskGroup,
  UpdatePersonAtRiskMutation,
  UpdatePersonAtRiskMutationVariables,
} from '../../__generated__/operations';

const PEOPLE: TypedDocumentNode<PeopleAtRiskQuery, PeopleAtRiskQueryVariables> = gql`
  query PeopleAtRisk($unitCode: ID!) {
    peopleAtRisk(unitCode: $unitCode) {
      id
      fullName
      birthYear
      riskGroup
      listedOn
      note
      linkedOn
      version
      commune {
        code
      }
      services {
        id
        kind
        providedOn
      }
    }
  }
`;

const LIST: TypedDocumentNode<ListPersonAtRiskMutation, ListPersonAtRiskMutationVariables> = gql`
  mutation ListPersonAtRisk($input: PersonAtRiskInput!) {
    listPersonAtRisk(input: $input) {
      id
      version
    }
  }
`;

const UPDATE: TypedDocumentNode<UpdatePersonAtRiskMutation, UpdatePersonAtRiskMutationVariables> = gql`
  mutation UpdatePersonAtRisk($id: ID!, $expectedVersion: Int!, $input: PersonAtRiskInput!) {
    updatePersonAtRisk(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
    }
  }
`;

const SERVE: TypedDocumentNode<RecordPreventionServiceMutation, RecordPreventionServiceMutationVariables> = gql`
  mutation RecordPreventionService($id: ID!, $expectedVersion: Int!, $input: PreventionServiceInput!) {
    recordPreventionService(personAtRiskId: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
    }
  }
`;

const LINK: TypedDocumentNode<LinkPersonAtRiskMutation, LinkPersonAtRiskMutationVariables> = gql`
  mutation LinkPersonAtRisk($id: ID!, $expectedVersion: Int!, $personId: ID!, $linkedOn: Date!) {
    linkPersonAtRisk(id: $id, expectedVersion: $expectedVersion, personId: $personId, linkedOn: $linkedOn) {
      id
      version
    }
  }
`;

const REMOVE: TypedDocumentNode<RemovePersonAtRiskMutation, RemovePersonAtRiskMutationVariables> = gql`
  mutation RemovePersonAtRisk($id: ID!, $expectedVersion: Int!, $removedOn: Date!, $reason: String!) {
    removePersonAtRisk(id: $id, expectedVersion: $expectedVersion, removedOn: $removedOn, reason: $reason) {
      id
      version
    }
  }
`;

const GROUPS: readonly RiskGroup[] = ['SUSPECTED_USE', 'YOUTH_AT_RISK', 'FAMILY_OF_USER', 'OTHER'];
const SERVICES: readonly PreventionServiceKind[] = ['RISK_SCREENING', 'COUNSELLING', 'LEGAL_AID', 'REFERRAL'];
/** The commune's prevention officers: the Front and mass organisations, the commune, its police. */
const KEEPERS: ReadonlySet<string> = new Set(['front_officer', 'commune_official', 'police_officer']);
type Entry = PeopleAtRiskQuery['peopleAtRisk'][number];

function useFields(): (initial?: Entry) => FieldSpec[] {
  const { t } = useI18n();
  const options = useEnumOptions();
  return (initial) => [
    { name: 'fullName', label: t('atRisk.fullName'), kind: 'text', required: true, initial: initial?.fullName },
    {
      name: 'birthYear',
      label: t('atRisk.birthYear'),
      kind: 'number',
      required: true,
      initial: initial ? String(initial.birthYear) : undefined,
    },
    {
      name: 'riskGroup',
      label: t('atRisk.riskGroup'),
      kind: 'select',
      required: true,
      placeholder: t('form.choosePlaceholder'),
      options: options('riskGroup', GROUPS),
      initial: initial?.riskGroup,
    },
    { name: 'listedOn', label: t('atRisk.listedOn'), kind: 'date', required: true, initial: initial?.listedOn ?? today() },
    { name: 'note', label: t('atRisk.note'), kind: 'textarea', initial: initial?.note ?? undefined },
  ];
}

const inputOf = (communeCode: string, v: FormValues): PersonAtRiskInput => ({
  communeCode,
  fullName: v.fullName ?? '',
  birthYear: Number(v.birthYear),
  riskGroup: chosen<RiskGroup>(v.riskGroup),
  listedOn: v.listedOn ?? '',
  note: optional(v.note),
});

function EntrySteps({ entry, reload }: { entry: Entry; reload: () => Promise<unknown> }): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const fields = useFields();
  return (
    <StepMenu
      label={entry.fullName}
      record={{ id: entry.id, version: entry.version, status: null }}
      reload={reload}
      steps={[
        {
          key: 'at-risk-serve',
          label: t('atRisk.serve'),
          mutation: SERVE,
          fields: [
            {
              name: 'kind',
              label: t('atRisk.serviceKind'),
              kind: 'select',
              required: true,
              options: options('preventionServiceKind', SERVICES),
            },
            dateField('providedOn', t('atRisk.providedOn')),
            { name: 'note', label: t('atRisk.note'), kind: 'text' },
          ],
          variables: (v) => ({
            input: { kind: chosen<PreventionServiceKind>(v.kind), providedOn: v.providedOn ?? '', note: optional(v.note) },
          }),
        },
        {
          key: 'at-risk-edit',
          label: t('atRisk.edit'),
          mutation: UPDATE,
          fields: fields(entry),
          variables: (v) => ({ input: inputOf(entry.commune.code, v) }),
        },
        ...(entry.linkedOn
          ? []
          : [
              {
                key: 'at-risk-link',
                label: t('atRisk.link'),
                mutation: LINK,
                fields: [
                  {
                    name: 'personId',
                    label: t('atRisk.personId'),
                    kind: 'text' as const,
                    required: true,
                    hint: t('atRisk.personIdHint'),
                  },
                  dateField('linkedOn', t('atRisk.linkedOnField')),
                ],
                variables: (v: FormValues) => ({ personId: (v.personId ?? '').trim(), linkedOn: v.linkedOn ?? '' }),
              },
            ]),
        {
          key: 'at-risk-remove',
          label: t('atRisk.remove'),
          mutation: REMOVE,
          fields: [
            dateField('removedOn', t('atRisk.removedOn')),
            { name: 'reason', label: t('atRisk.reason'), kind: 'text', required: true },
          ],
          variables: (v) => ({ removedOn: v.removedOn ?? '', reason: v.reason ?? '' }),
        },
      ]}
    />
  );
}

function ListForm({ communeCode, reload }: { communeCode: string; reload: () => Promise<unknown> }): ReactNode {
  const { t } = useI18n();
  const submit = useSubmit();
  const fields = useFields();
  return (
    <ActionMenu
      label={t('atRisk.record')}
      actions={[
        {
          key: 'at-risk-record',
          label: t('atRisk.record'),
          render: (close) => (
            <ActionForm
              testId="form-at-risk-record"
              title={t('atRisk.record')}
              submitLabel={t('form.save')}
              fields={fields()}
              onSubmit={(v) => submit(LIST, { input: inputOf(communeCode, v) })}
              onDone={reload}
              onCancel={close}
            />
          ),
        },
      ]}
    />
  );
}

/** Phòng ngừa cho nhóm nguy cơ cao: the commune's list of people at risk and the services they were given. */
export function PeopleAtRisk({ officer }: { officer: Officer }): ReactNode {
  const { t, label, formatDate } = useI18n();
  const acting = useActing();
  const allowed = KEEPERS.has(officer.role) && acting.unit?.level === 'COMMUNE';
  const { data, loading, error, refetch } = useQuery(PEOPLE, {
    variables: { unitCode: officer.unitCode },
    fetchPolicy: 'no-cache',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: !allowed,
  });
  if (!allowed) return null;
  const reload = () => refetch();
  return (
    <>
      <ListForm communeCode={officer.unitCode} reload={reload} />
      <p className="form-field__hint">{t('atRisk.sensitive')}</p>
      <WorklistSection
        title={t('atRisk.heading')}
        testId="worklist-at-risk"
        loading={loading}
        error={error}
        rows={data?.peopleAtRisk}
        rowKey={(r) => r.id}
        columns={[
          { header: t('atRisk.fullName'), cell: (r) => r.fullName },
          { header: t('atRisk.birthYear'), cell: (r) => r.birthYear },
          { header: t('atRisk.riskGroup'), cell: (r) => label('riskGroup', r.riskGroup) },
          { header: t('atRisk.listedOn'), cell: (r) => formatDate(r.listedOn) },
          {
            header: t('atRisk.services'),
            cell: (r) =>
              r.services.length === 0
                ? t('atRisk.noService')
                : r.services.map((s) => `${label('preventionServiceKind', s.kind)} (${formatDate(s.providedOn)})`).join('; '),
          },
          {
            header: t('atRisk.record.linked'),
            cell: (r) => (r.linkedOn ? t('atRisk.linkedOn', { date: formatDate(r.linkedOn) }) : t('atRisk.notLinked')),
          },
        ]}
        actions={(r) => <EntrySteps entry={r} reload={reload} />}
      />
    </>
  );
}
