import ExcelJS from 'exceljs';
import { CsvFormatError, parseCsv, type CsvRecord } from '@rehab/shared-schema';

/** A plan table as read from a file: the header record and the data records, with their lines (rows of a sheet). */
export interface TableRecords {
  header: CsvRecord;
  rows: CsvRecord[];
}

export type PlanFileFormat = 'CSV' | 'XLSX';

/** The largest file an import takes (decoded). */
export const MAX_PLAN_FILE_BYTES = 2 * 1024 * 1024;

/** A file that cannot be read as a table: reported as BAD_USER_INPUT on `field`. */
export class PlanFileError extends Error {
  constructor(
    readonly field: string,
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** Separator of a CSV text: the one of comma and semicolon that occurs more often outside quotes in its first line. */
export function csvDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text.replace(/^\uFEFF/, '')) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Reads CSV text (comma or semicolon separated, BOM allowed); throws CsvFormatError. */
export function readCsv(text: string): TableRecords {
  return parseCsv(text, csvDelimiter(text));
}

type CellValue = ExcelJS.CellValue;

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
  if ('text' in value) return value.text;
  if ('error' in value) return value.error;
  return '';
}

/**
 * Reads the first worksheet of an .xlsx workbook: the first non-empty row is the header,
 * every later non-empty row a record, with its sheet row number as its line; cells hold
 * numbers or text (a formula's cached result).
 */
export async function readXlsx(buffer: Buffer): Promise<TableRecords> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw new PlanFileError(
      'file',
      'Tệp .xlsx bị hỏng hoặc không phải bảng tính Excel',
      'The .xlsx file is broken or not an Excel workbook',
    );
  }
  const sheet = workbook.worksheets[0];
  const records: CsvRecord[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, line) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    const cells = values.map((v) => cellText(v).trim());
    if (cells.some((c) => c !== '')) records.push({ line, cells });
  });
  const [header, ...rows] = records;
  const width = header ? header.cells.length : 0;
  if (!header || width < 2) {
    throw new CsvFormatError(
      header?.line ?? 1,
      'Thiếu dòng tiêu đề (tên đơn vị và ít nhất một cột chỉ tiêu)',
      'Missing header (a unit column and at least one target column)',
    );
  }
  // A sheet's rows end at their last filled cell: pad them to the header's width; longer ones are ragged.
  for (const row of rows) {
    while (row.cells.length < width) row.cells.push('');
    if (row.cells.slice(width).some((c) => c !== '')) {
      throw new CsvFormatError(
        row.line,
        `Dòng có ${row.cells.length} ô, tiêu đề có ${width}`,
        `The row has ${row.cells.length} cells, the header ${width}`,
      );
    }
    row.cells.length = width;
  }
  return { header, rows };
}

/**
 * Decodes a file argument (base64) within the size limit and reads it by its format.
 * Throws PlanFileError (size, encoding, broken workbook) or CsvFormatError (not a table).
 */
export async function readPlanFile(format: PlanFileFormat, base64: string): Promise<TableRecords> {
  if (base64.length > Math.ceil(MAX_PLAN_FILE_BYTES / 3) * 4 + 4) {
    throw new PlanFileError(
      'file',
      `Tệp lớn hơn ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MB`,
      `The file is larger than ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MB`,
    );
  }
  const compact = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new PlanFileError('file', 'Nội dung tệp không phải base64', 'The file content is not base64');
  }
  const buffer = Buffer.from(compact, 'base64');
  if (format === 'XLSX') return readXlsx(buffer);
  return readCsv(buffer.toString('utf8'));
}
