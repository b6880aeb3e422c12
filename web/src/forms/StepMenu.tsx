import type { DocumentNode } from '@apollo/client';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { ActionForm, type FieldSpec, type FormValues } from './ActionForm';
import { ActionMenu, type MenuAction } from './ActionMenu';
import { today, useSubmit } from './useSubmit';

export interface VersionedRecord {
  id: string;
  status: string | null;
  version: number | null;
}

/** One step of a record's path: a form for one mutation taking the record's id and version. */
export interface Step {
  key: string;
  label: string;
  fields: FieldSpec[];
  mutation: DocumentNode;
  variables: (v: FormValues) => Record<string, unknown>;
  /** What the step will do, asked before sending (see ActionForm). */
  confirm?: (v: FormValues) => string | null;
}

export function StepMenu({
  label,
  steps,
  record,
  reload,
  title,
}: {
  label: string;
  steps: Step[];
  record: VersionedRecord;
  reload: () => Promise<unknown>;
  /** Names the record above its actions (Person-360 lists several records). */
  title?: string;
}): ReactNode {
  const { t } = useI18n();
  const submit = useSubmit();
  if (steps.length === 0) return null;
  const actions: MenuAction[] = steps.map((step) => ({
    key: step.key,
    label: step.label,
    render: (close) => (
      <ActionForm
        testId={`form-${step.key}`}
        title={step.label}
        submitLabel={t('form.save')}
        fields={step.fields}
        confirm={step.confirm}
        onSubmit={(v) => submit(step.mutation, { id: record.id, expectedVersion: record.version, ...step.variables(v) })}
        onDone={reload}
        onReload={reload}
        onCancel={close}
      />
    ),
  }));
  const menu = <ActionMenu label={title ?? label} actions={actions} />;
  if (!title) return menu;
  return (
    <div className="record-actions">
      <p className="record-actions__title">{title}</p>
      {menu}
    </div>
  );
}

export const dateField = (name: string, label: string): FieldSpec => ({
  name,
  label,
  kind: 'date',
  required: true,
  initial: today(),
});
