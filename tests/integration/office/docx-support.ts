/** Reading generated Word files back: the XML inside, and a LibreOffice render to PDF read with poppler. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';

export async function documentXml(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error(`${file} has no word/document.xml`);
  return xml;
}

/** Text of each cell of the first row of the n-th bordered table (header rows of the forms). */
export function tableHeaderCells(xml: string, tableIndex: number): string[] {
  const tables = xml.split('<w:tbl>').slice(1);
  const row = tables[tableIndex]!.split('</w:tr>')[0]!;
  return row.split('<w:tc>').slice(1).map((cell) => [...cell.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' '));
}

/** Renders every file to PDF with one LibreOffice run, with a private profile so parallel runs do not collide. */
export function renderPdfs(files: string[], outDir: string): string[] {
  const profile = path.join(outDir, 'lo-profile');
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], { stdio: 'pipe', timeout: 120_000 });
  return files.map((f) => {
    const pdf = path.join(outDir, path.basename(f).replace(/\.docx$/, '.pdf'));
    if (!fs.existsSync(pdf)) throw new Error(`LibreOffice did not render ${f}`);
    return pdf;
  });
}

export const pdfText = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

export function pdfPageSize(pdf: string): { width: number; height: number; pages: number } {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const m = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
  return { width: Number(m[1]), height: Number(m[2]), pages: Number(/Pages:\s+(\d+)/.exec(info)![1]) };
}

/**
 * Where each column header starts on the rendered page, as a character column of `pdftotext -layout`
 * (which keeps horizontal positions), looking at the lines between the title and the first row: the
 * columns' left-to-right order as the Department sees them. Wrapped headers are found by their first line.
 */
export function headerColumns(layoutText: string, title: string, headers: string[]): number[] {
  const lines = layoutText.split('\n');
  const start = lines.findIndex((l) => l.includes(title));
  const end = lines.findIndex((l, i) => i > start && /^\s*1\s/.test(l));
  const band = lines.slice(start + 1, end);
  return headers.map((h) => {
    const at = band.map((l) => l.indexOf(h)).filter((i) => i >= 0);
    if (at.length === 0) throw new Error(`column "${h}" not found under "${title}"`);
    return Math.min(...at);
  });
}
