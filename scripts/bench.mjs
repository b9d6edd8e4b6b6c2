#!/usr/bin/env node
/**
 * `npm run bench [-- NAME...]`: the benchmarks of bench/ one after another (all when no name is given),
 * after a build, each in its own process so that one's memory and warm caches do not flatter the next.
 * The figures go to the terminal; README.md and docs/ carry the measured tables.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const all = fs.readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && !['sign-child.ts', 'ui-batch.ts'].includes(f)) // run by sign.ts and ui.ts
  .map((f) => f.slice(0, -3))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((n) => !all.includes(n));
if (unknown.length) {
  console.error(`Không có bài đo "${unknown.join('", "')}". Có / available: ${all.join(', ')}`);
  process.exit(2);
}

const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
if (run(process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);
let failed = 0;
for (const name of wanted.length ? wanted : all) {
  console.log(`\n== bench/${name}.ts — ${new Date().toISOString()}, load ${os.loadavg()[0].toFixed(1)}, ${os.cpus().length} cores ==`);
  if (run(process.execPath, ['--import', 'tsx', `bench/${name}.ts`]) !== 0) {
    console.error(`bench/${name}.ts failed`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
