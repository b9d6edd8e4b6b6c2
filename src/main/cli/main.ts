import nodeModule from 'node:module';
import { main } from './index';

// Node ≥ 22.1 keeps V8's compiled code of the command's modules on disk between runs (the commands are
// imported after this line); Node 20 has no such cache and simply goes without it.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`Lỗi không mong muốn: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 70;
  },
);
