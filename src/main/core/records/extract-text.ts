import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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
 * one small shell, which starts pdftotext for each file (a cheap fork) and writes each text to a file.
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

// $1: output folder, $2: pdftotext; then the PDFs. A file's text is $1/<index>.txt, absent on failure.
const SCRIPT = 'out=$1; bin=$2; shift 2; i=0; for f in "$@"; do "$bin" -q -enc UTF-8 "$f" "$out/$i.txt" || rm -f "$out/$i.txt"; i=$((i+1)); done';

/** Texts of several PDFs from one shell; a file that fails (or is cut by the time limit) gives null. */
async function extractGroup(binary: string, files: string[]): Promise<Array<string | null>> {
  const out = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'hosoky-text-'));
  try {
    await new Promise<void>((resolve) => {
      // Its own process group, so that the time limit stops the pdftotext it is running as well.
      const sh = spawn('/bin/sh', ['-c', SCRIPT, 'sh', out, binary, ...files], { stdio: 'ignore', detached: true });
      const timer = setTimeout(() => {
        try {
          process.kill(-sh.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, TIMEOUT_MS * files.length);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      sh.on('error', done);
      sh.on('close', done);
    });
    return await Promise.all(files.map(async (_, i) => {
      const file = path.join(out, `${i}.txt`);
      try {
        if ((await fs.promises.stat(file)).size > MAX_TEXT_BYTES) return null;
        return clean(await fs.promises.readFile(file, 'utf8'));
      } catch {
        return null;
      }
    }));
  } finally {
    await fs.promises.rm(out, { recursive: true, force: true });
  }
}
