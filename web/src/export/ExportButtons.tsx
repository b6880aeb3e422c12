import type { ReactNode } from 'react';
import { settled } from '../apollo';
import { useI18n } from '../i18n';
import { downloadCsv, toCsv } from './csv';
import { downloadBlob, toXlsx } from './xlsx';

/** "Xuất CSV" and "Xuất Excel" of a table as the screen shows it (the same text in every cell). */
export function ExportButtons({
  name,
  title,
  header,
  rows,
}: {
  /** File name without extension. */
  name: string;
  /** The Excel sheet's name. */
  title: string;
  header: readonly string[];
  rows: readonly (readonly string[])[];
}): ReactNode {
  const { t } = useI18n();
  const xlsx = async (): Promise<void> => downloadBlob(`${name}.xlsx`, await toXlsx(title, header, rows));
  return (
    <div className="worklist__exports">
      <button type="button" className="button button--secondary" onClick={() => downloadCsv(`${name}.csv`, toCsv(header, rows))}>
        {t('worklist.exportCsv')}
      </button>
      <button type="button" className="button button--secondary" onClick={() => void xlsx().catch(settled)}>
        {t('worklist.exportXlsx')}
      </button>
    </div>
  );
}
