/** One parsed CSV record with its 1-based line number in the file. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A CSV text that is not a table (unterminated quote, ragged rows, no header…). */
export class CsvFormatError extends Error {
  constructor(
    readonly line: number,
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}

interface Cursor {
  text: string;
  pos: number;
  line: number;
  /** The field separator: a comma, or a semicolon (spreadsheets set to a decimal comma export those). */
  delimiter: ',' | ';';
}

function quoted(c: Cursor): string {
  const startLine = c.line;
  let out = '';
  c.pos++;
  for (;;) {
    if (c.pos >= c.text.length) throw new CsvFormatError(startLine, 'Dấu ngoặc kép chưa được đóng', 'Unterminated quoted field');
    const ch = c.text[c.pos] as string;
    if (ch === '"' && c.text[c.pos + 1] === '"') {
      out += '"';
      c.pos += 2;
      continue;
    }
    if (ch === '"') {
      c.pos++;
      return out;
    }
    if (ch === '\n') c.line++;
    out += ch;
    c.pos++;
  }
}

function plain(c: Cursor): string {
  const start = c.pos;
  while (c.pos < c.text.length && !`${c.delimiter}\r\n`.includes(c.text[c.pos] as string)) {
    if (c.text[c.pos] === '"') throw new CsvFormatError(c.line, 'Dấu ngoặc kép giữa ô', 'Quote inside an unquoted field');
    c.pos++;
  }
  return c.text.slice(start, c.pos);
}

function record(c: Cursor): CsvRecord {
  const line = c.line;
  const cells: string[] = [];
  for (;;) {
    cells.push(c.text[c.pos] === '"' ? quoted(c) : plain(c));
    const ch = c.text[c.pos];
    if (ch === c.delimiter) {
      c.pos++;
      continue;
    }
    if (ch === '\r') c.pos++;
    if (c.text[c.pos] === '\n') {
      c.pos++;
      c.line++;
    } else if (c.pos < c.text.length)
      throw new CsvFormatError(line, 'Ký tự thừa sau dấu ngoặc kép', 'Characters after a closing quote');
    return { line, cells };
  }
}

/**
 * RFC 4180 CSV: commas (or `delimiter`), double-quoted fields (with "" for a quote, line
 * breaks inside), CRLF or LF, a leading byte-order mark ignored. Blank lines are skipped;
 * every record must have the header's width.
 */
export function parseCsv(text: string, delimiter: ',' | ';' = ','): { header: CsvRecord; rows: CsvRecord[] } {
  const c: Cursor = { text: text.replace(/^\uFEFF/, ''), pos: 0, line: 1, delimiter };
  const records: CsvRecord[] = [];
  while (c.pos < c.text.length) {
    if (c.text[c.pos] === '\n' || c.text.startsWith('\r\n', c.pos)) {
      c.pos += c.text[c.pos] === '\n' ? 1 : 2;
      c.line++;
      continue;
    }
    records.push(record(c));
  }
  const [header, ...rows] = records;
  if (!header || header.cells.length < 2) {
    throw new CsvFormatError(
      1,
      'Thiếu dòng tiêu đề (tên đơn vị và ít nhất một cột chỉ tiêu)',
      'Missing header (a unit column and at least one target column)',
    );
  }
  for (const row of rows) {
    if (row.cells.length !== header.cells.length) {
      throw new CsvFormatError(
        row.line,
        `Dòng có ${row.cells.length} ô, tiêu đề có ${header.cells.length}`,
        `The row has ${row.cells.length} cells, the header ${header.cells.length}`,
      );
    }
  }
  return { header, rows };
}
