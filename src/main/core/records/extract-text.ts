import { execFile } from 'node:child_process';

/**
 * The text of a PDF for the search index, with poppler's `pdftotext` (fast: a separate process, no PDF
 * parsing in the app). Returns null when pdftotext is missing or the PDF has no readable text (a scan):
 * the document is then found by its title and metadata only.
 */
export function pdftotextExtractor(binary = 'pdftotext'): (pdfPath: string) => Promise<string | null> {
  return (pdfPath) =>
    new Promise((resolve) => {
      execFile(binary, ['-q', '-enc', 'UTF-8', pdfPath, '-'], { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
        if (err) return resolve(null);
        const text = stdout.replace(/\s+/g, ' ').trim();
        resolve(text.length ? text.slice(0, 1_000_000) : null);
      });
    });
}
