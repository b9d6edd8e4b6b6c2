/**
 * CSV as Excel and LibreOffice write it (RFC 4180: quotes doubled, line breaks inside quotes). Excel on a
 * Vietnamese Windows separates with ";" (the comma is the decimal mark there), so the separator is taken
 * from the header line. Export starts with a UTF-8 byte-order mark: without it Excel opens the file as
 * Windows-1258/1252 and every diacritic is garbled.
 */

export const UTF8_BOM = '\uFEFF';

export function parseCsv(text: string, separator?: ',' | ';'): { rows: string[][]; separator: ',' | ';' } {
  const body = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const sep = separator ?? guessSeparator(body);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { rows: rows.filter((r) => r.some((f) => f.trim() !== '')), separator: sep };
}

function guessSeparator(text: string): ',' | ';' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

export function toCsv(rows: string[][], separator: ',' | ';' = ','): string {
  const quote = (f: string) => (/[",;\r\n]/.test(f) || /^\s|\s$/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return UTF8_BOM + rows.map((r) => r.map(quote).join(separator)).join('\r\n') + '\r\n';
}
