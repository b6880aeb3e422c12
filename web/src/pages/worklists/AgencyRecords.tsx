import type { ErrorLike } from '@apollo/client';
import type { DocumentNode } from 'graphql';
import type { ReactNode } from 'react';
import { useActing } from '../../acting';
import type { Officer } from '../../auth';
import { ActionForm, type FieldSpec, type FormValues } from '../../forms/ActionForm';
import { ActionMenu } from '../../forms/ActionMenu';
import { StepMenu, type Step } from '../../forms/StepMenu';
import { useSubmit } from '../../forms/useSubmit';
import { useI18n } from '../../i18n';
import { WorklistSection, type Column } from './WorklistSection';

/** Programme work an agency records for its commune or province (communication, training…). */
export interface AgencyRecord {
  id: string;
  version: number;
  agency: string;
  unit: { code: string };
}

/** May the officer record programme work here: one of `roles`, at a commune or a province (not a clinic or facility)? */
export function useRecordsProgramme(officer: Officer, roles: ReadonlySet<string>): boolean {
  const level = useActing().unit?.level;
  return roles.has(officer.role) && (level === 'COMMUNE' || level === 'PROVINCE');
}

interface Props<R extends AgencyRecord> {
  officer: Officer;
  /** The action keys (`<key>-record`, `<key>-edit`: the forms' test ids) and the list's test id (`worklist-<key>`). */
  actionKey: string;
  labels: { heading: string; record: string; edit: string };
  rows: readonly R[] | undefined;
  loading: boolean;
  error: ErrorLike | undefined;
  reload: () => Promise<unknown>;
  columns: readonly Column<R>[];
  /** The form's fields, filled from a record when it is edited. */
  fields: (initial?: R) => FieldSpec[];
  /** Both mutations take `input` (the update `id` and `expectedVersion` too). */
  mutations: { record: DocumentNode; edit: DocumentNode };
  inputOf: (unitCode: string, values: FormValues) => unknown;
  title: (row: R) => string;
  /** More steps on the rows of the officer's own agency (a spending against a budget line…). */
  moreSteps?: (row: R) => Step[];
}

/**
 * The unit's programme records of the year with the form to record one and, on the rows of the
 * officer's own agency, the form to correct it.
 */
export function AgencyRecords<R extends AgencyRecord>(props: Props<R>): ReactNode {
  const { t } = useI18n();
  const submit = useSubmit();
  const { officer, actionKey, labels, reload } = props;
  const edit = (row: R) => (
    <StepMenu
      label={props.title(row)}
      record={{ id: row.id, version: row.version, status: null }}
      reload={reload}
      steps={[
        {
          key: `${actionKey}-edit`,
          label: labels.edit,
          mutation: props.mutations.edit,
          fields: props.fields(row),
          variables: (v) => ({ input: props.inputOf(row.unit.code, v) }),
        },
        ...(props.moreSteps?.(row) ?? []),
      ]}
    />
  );
  return (
    <>
      <ActionMenu
        label={labels.record}
        actions={[
          {
            key: `${actionKey}-record`,
            label: labels.record,
            render: (close) => (
              <ActionForm
                testId={`form-${actionKey}-record`}
                title={labels.record}
                submitLabel={t('form.save')}
                fields={props.fields()}
                onSubmit={(v) => submit(props.mutations.record, { input: props.inputOf(officer.unitCode, v) })}
                onDone={reload}
                onCancel={close}
              />
            ),
          },
        ]}
      />
      <WorklistSection
        title={labels.heading}
        testId={`worklist-${actionKey}`}
        loading={props.loading}
        error={props.error}
        rows={props.rows}
        rowKey={(r) => r.id}
        columns={props.columns}
        actions={(r) => (r.agency === officer.agency ? edit(r) : null)}
      />
    </>
  );
}
