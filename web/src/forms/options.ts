import { useI18n, type EnumName } from '../i18n';

/** Select options for an enum, labelled in the current language. */
export function useEnumOptions(): (name: EnumName, values: readonly string[]) => { value: string; label: string }[] {
  const { label } = useI18n();
  return (name, values) => values.map((value) => ({ value, label: label(name, value) }));
}

/**
 * A select's value as the enum its options were built from. The form offers only those
 * values and the server refuses any other beside the field, so no check is made here.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T names the enum the caller's mutation expects
export function chosen<T extends string>(value: string | undefined): T {
  return (value ?? '') as T;
}
