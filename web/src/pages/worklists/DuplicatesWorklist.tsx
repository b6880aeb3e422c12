import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { ActionForm } from '../../forms/ActionForm';
import { ActionMenu } from '../../forms/ActionMenu';
import { useSubmit } from '../../forms/useSubmit';
import { useActing } from '../../acting';
import { useI18n } from '../../i18n';
import { PersonLink, WorklistSection } from './WorklistSection';
import type {
  MergePersonsMutation,
  MergePersonsMutationVariables,
  PotentialDuplicatesQuery,
  PotentialDuplicatesQueryVariables,
} from '../../__generated__/operations';

const DUPLICATES: TypedDocumentNode<PotentialDuplicatesQuery, PotentialDuplicatesQueryVariables> = gql`
  query PotentialDuplicates {
    potentialDuplicates(first: 100) {
      totalCount
      nodes {
        unit {
          code
          name
        }
        persons {
          id
          identificationNumber
          fullName
          dateOfBirth
          version
        }
      }
    }
  }
`;

const MERGE: TypedDocumentNode<MergePersonsMutation, MergePersonsMutationVariables> = gql`
  mutation MergePersons($survivorId: ID!, $duplicateId: ID!, $reason: String!, $survivorVersion: Int, $duplicateVersion: Int) {
    mergePersons(
      survivorId: $survivorId
      duplicateId: $duplicateId
      reason: $reason
      survivorVersion: $survivorVersion
      duplicateVersion: $duplicateVersion
    ) {
      id
      version
    }
  }
`;

type Group = PotentialDuplicatesQuery['potentialDuplicates']['nodes'][number];
type DuplicateRecord = Group['persons'][number];

function MergeAction({ group, reload }: { group: Group; reload: () => Promise<unknown> }): ReactNode {
  const { t, formatDate } = useI18n();
  const submit = useSubmit();
  const describe = (p: DuplicateRecord): string => `${p.fullName} — ${p.identificationNumber} — ${formatDate(p.dateOfBirth)}`;
  const choices = group.persons.map((p) => ({ value: p.id, label: describe(p) }));
  const find = (id: string | undefined): DuplicateRecord | undefined => group.persons.find((p) => p.id === id);
  return (
    <ActionMenu
      label={group.persons[0]?.fullName ?? group.unit.name}
      actions={[
        {
          key: 'merge',
          label: t('merge.action'),
          render: (close) => (
            <ActionForm
              testId="form-merge-persons"
              title={t('merge.action')}
              submitLabel={t('form.save')}
              fields={[
                {
                  name: 'survivorId',
                  label: t('merge.survivor'),
                  kind: 'select',
                  required: true,
                  placeholder: t('form.choosePlaceholder'),
                  options: choices,
                  wide: true,
                },
                {
                  name: 'duplicateId',
                  label: t('merge.duplicate'),
                  kind: 'select',
                  required: true,
                  placeholder: t('form.choosePlaceholder'),
                  options: choices,
                  wide: true,
                },
                { name: 'reason', label: t('merge.reason'), kind: 'textarea', required: true },
              ]}
              confirm={(v) =>
                t('merge.confirm', {
                  duplicate: find(v.duplicateId)?.identificationNumber ?? '',
                  survivor: find(v.survivorId)?.identificationNumber ?? '',
                })
              }
              onSubmit={(v) =>
                submit(MERGE, {
                  survivorId: v.survivorId ?? '',
                  duplicateId: v.duplicateId ?? '',
                  reason: v.reason ?? '',
                  survivorVersion: find(v.survivorId)?.version ?? null,
                  duplicateVersion: find(v.duplicateId)?.version ?? null,
                })
              }
              onDone={reload}
              onReload={reload}
              onCancel={close}
            />
          ),
        },
      ]}
    />
  );
}

/**
 * Công an: records that look like the same person (same name, date of birth and commune,
 * different numbers). The province's police merge one into another; a commune's police see
 * the list of their commune to raise it.
 */
export function DuplicatesWorklist(): ReactNode {
  const { t } = useI18n();
  const acting = useActing();
  const merges = acting.unit?.level === 'PROVINCE';
  const { data, loading, error, refetch } = useQuery(DUPLICATES, { fetchPolicy: 'no-cache' });
  return (
    <WorklistSection
      title={t('worklist.duplicates')}
      testId="worklist-duplicates"
      loading={loading}
      error={error}
      rows={data?.potentialDuplicates.nodes}
      rowKey={(g) => g.persons.map((p) => p.id).join(',')}
      columns={[
        {
          header: t('merge.records'),
          cell: (g) => (
            <ul className="plain-list">
              {g.persons.map((p) => (
                <li key={p.id}>
                  <PersonLink id={p.id} name={p.fullName} /> — {p.identificationNumber}
                </li>
              ))}
            </ul>
          ),
        },
        { header: t('merge.unit'), cell: (g) => g.unit.name },
      ]}
      note={merges ? undefined : t('merge.byProvince')}
      actions={merges ? (g) => <MergeAction group={g} reload={() => refetch()} /> : undefined}
    />
  );
}
