import nodeModule from 'node:module';
import v8 from 'node:v8';
import { main } from './index';

// Node ≥ 22.1 keeps V8's compiled code of the command's modules on disk between runs (the commands are
// imported after this line); Node 20 has no such cache and simply goes without it.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// A command lives for about a second, most of it running code for the first time (ASN.1, CMS, the PDF
// parser). With V8's default warm-up the optimising compiler starts on dozens of functions whose
// optimised code would never pay back in so short a run. Sixteen times the default budget (66 KiB) before
// tiering up took a quarter off `hosoky verify`'s CPU time here and also helped a 60-file signing batch;
// a long run still optimises its hot loops, a few milliseconds later. Set before any command is loaded.
v8.setFlagsFromString('--interrupt-budget=1081344');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`Lỗi không mong muốn: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 70;
  },
);
