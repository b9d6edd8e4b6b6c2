/**
 * The command line as users run it, built twice for a before/after comparison in one run: `now` from
 * this checkout, `before` from a git revision, each copied to a temporary folder and built there by its
 * own scripts/build.mjs (so the shared dist/ is left alone), and a way to time a whole process with
 * its wall and CPU time (user + system, from GNU time), which a busy shared machine distorts less.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The last commit before the start-up work (bundled packages, workers started first): the "before". */
export const DEFAULT_BEFORE = '6dc8b37';

const PARTS = ['src', 'scripts', 'bin', 'resources', 'package.json'];

export interface CliBuild {
  label: string;
  /** dist/cli.js of the build. */
  cli: string;
  dir: string;
}

/** Builds this checkout (`rev` undefined) or a revision into `<work>/<label>`; node_modules is linked. */
export function buildCli(work: string, label: string, rev?: string): CliBuild {
  const dir = path.join(work, label);
  fs.mkdirSync(dir, { recursive: true });
  if (rev) {
    const tar = execFileSync('git', ['archive', rev, ...PARTS], { cwd: root, maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  } else {
    for (const part of PARTS) fs.cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  execFileSync(process.execPath, [path.join(dir, 'scripts', 'build.mjs')], { cwd: dir, stdio: 'pipe' });
  return { label, cli: path.join(dir, 'dist', 'cli.js'), dir };
}

/** `--before REV` (default DEFAULT_BEFORE) or `--before none`, from the command line. */
export function beforeRevision(args: string[]): string | null {
  const i = args.indexOf('--before');
  const rev = i >= 0 ? args[i + 1] : DEFAULT_BEFORE;
  return !rev || rev === 'none' ? null : rev;
}

export interface Timing {
  wallMs: number;
  cpuMs: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

export function timeProcess(cmd: string, argv: string[], env: NodeJS.ProcessEnv = process.env, input?: string): Timing {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', cmd, ...argv], { encoding: 'utf8', env, ...(input !== undefined ? { input } : {}) });
  const wallMs = performance.now() - t;
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  return { wallMs, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, status: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '').replace(/CPU [\d.]+ [\d.]+\s*$/, '') };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Runs each command `runs` times, the commands taking turns so that they see the same machine load;
 * returns the median wall and CPU time of each, and throws when one exits with an unexpected status.
 */
export function compare(runs: number, commands: Array<{ name: string; cmd: string; argv: string[]; env?: NodeJS.ProcessEnv; input?: string; okStatus?: number }>): Map<string, { wallMs: number; cpuMs: number; last: Timing }> {
  const samples = new Map(commands.map((c) => [c.name, [] as Timing[]]));
  for (let i = 0; i < runs; i++) {
    for (const c of commands) {
      const t = timeProcess(c.cmd, c.argv, c.env, c.input);
      if (t.status !== (c.okStatus ?? 0)) throw new Error(`${c.name}: ${c.cmd} ${c.argv.join(' ')} exited ${t.status}: ${t.stderr}${t.stdout}`.slice(0, 2000));
      samples.get(c.name)!.push(t);
    }
  }
  return new Map([...samples].map(([name, ts]) => [name, { wallMs: median(ts.map((t) => t.wallMs)), cpuMs: median(ts.map((t) => t.cpuMs)), last: ts[ts.length - 1]! }]));
}

export const loadAverage = () => `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`;
