import { execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

const TIMEOUT_MS = 60_000;
const MAX_TEXT_BYTES = 64 * 1024 * 1024;
const MAX_CHARS = 1_000_000;

const clean = (raw: string): string | null => {
  const text = raw.replace(/\s+/g, ' ').trim();
  return text.length ? text.slice(0, MAX_CHARS) : null;
};

export interface ExtractorOptions {
  /** How many extraction processes run at once (the import's other work runs beside them); the others wait. */
  parallel?: number;
  /** Files handed to one shell at most. */
  group?: number;
  /** Forces one pdftotext process started directly per file (Windows always does this). */
  direct?: boolean;
}

/**
 * The text of a PDF for the search index, with poppler's `pdftotext` (a separate process: no PDF
 * parsing in the app). Returns null when pdftotext is missing or the PDF has no readable text (a scan):
 * the document is then found by its title and metadata only.
 *
 * On Linux, starting a process from Node forks the whole app (the Electron main process holds a few
 * hundred MB: each start blocks the app for 10–40 ms). So requests that wait together are handed to
 * one small shell, which starts pdftotext for each file (a cheap fork), the texts coming back through
 * its output (nothing is written to disk, nothing is left behind if the app is killed).
 * Windows has no fork: there each file gets its own process, started directly.
 */
export function pdftotextExtractor(binary = 'pdftotext', opts: ExtractorOptions = {}): (pdfPath: string) => Promise<string | null> {
  const direct = opts.direct || process.platform === 'win32' || !fs.existsSync('/bin/sh');
  // pdftotext is most of an import's work: every core but one for the app's own part, and at least two.
  const parallel = opts.parallel ?? Math.max(2, os.availableParallelism() - 1);
  const group = direct ? 1 : (opts.group ?? 8);
  const queue: Array<{ pdfPath: string; resolve: (text: string | null) => void }> = [];
  let running = 0;
  const pump = () => {
    while (running < parallel && queue.length > 0) {
      const batch = queue.splice(0, group);
      running++;
      void (direct ? extractOne(binary, batch[0]!.pdfPath).then((t) => [t]) : extractGroup(binary, batch.map((b) => b.pdfPath))).then((texts) => {
        batch.forEach((b, i) => b.resolve(texts[i] ?? null));
        running--;
        pump();
      });
    }
  };
  return (pdfPath) => new Promise((resolve) => {
    queue.push({ pdfPath, resolve });
    // Waits one turn of the event loop so that requests made together leave together.
    if (queue.length === 1) setImmediate(pump);
  });
}

function extractOne(binary: string, pdfPath: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(binary, ['-q', '-enc', 'UTF-8', pdfPath, '-'], { timeout: TIMEOUT_MS, maxBuffer: MAX_TEXT_BYTES }, (err, stdout) => resolve(err ? null : clean(stdout)));
  });
}

// $1: a random marker, $2: pdftotext; then the PDFs. Each file's text goes to stdout followed by a line
// "<marker> <exit status>"; the marker is unknown to the PDFs, so no text can fake the end of another.
const SCRIPT = 'tok=$1; bin=$2; shift 2; for f in "$@"; do "$bin" -q -enc UTF-8 "$f" -; printf "\\n%s %s\\n" "$tok" "$?"; done';

/** Texts of several PDFs from one shell; a file that fails (or is cut by the limits) gives null. */
function extractGroup(binary: string, files: string[]): Promise<Array<string | null>> {
  const marker = crypto.randomBytes(16).toString('hex');
  return new Promise((resolve) => {
    // Its own process group, so that a limit stops the pdftotext it is running as well.
    const sh = spawn('/bin/sh', ['-c', SCRIPT, 'sh', marker, binary, ...files], { stdio: ['ignore', 'pipe', 'ignore'], detached: true });
    const stop = () => {
      try {
        process.kill(-sh.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const chunks: Buffer[] = [];
    let size = 0;
    sh.stdout.on('data', (c: Buffer) => {
      chunks.push(c);
      if ((size += c.length) > MAX_TEXT_BYTES) stop();
    });
    const timer = setTimeout(stop, TIMEOUT_MS * files.length);
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const texts: Array<string | null> = files.map(() => null);
      let rest = Buffer.concat(chunks).toString('utf8');
      for (let i = 0; i < files.length; i++) {
        const at = rest.indexOf(`\n${marker} `);
        const eol = at < 0 ? -1 : rest.indexOf('\n', at + 1);
        if (eol < 0) break; // cut short: this file and the rest have no text
        if (rest.slice(at + marker.length + 2, eol) === '0') texts[i] = clean(rest.slice(0, at));
        rest = rest.slice(eol + 1);
      }
      resolve(texts);
    };
    sh.on('error', done);
    sh.on('close', done);
  });
}
