import { useI18n, type EnumName } from '../i18n';

/** Select options for an enum, labelled in the current language. */
export function useEnumOptions(): (name: EnumName, values: readonly string[]) => { value: string; label: string }[] {
  const { label } = useI18n();
  return (name, values) => values.map((value) => ({ value, label: label(name, value) }));
}
