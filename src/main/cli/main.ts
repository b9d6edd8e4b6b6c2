import { main } from './index';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`Lỗi không mong muốn: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 70;
  },
);
