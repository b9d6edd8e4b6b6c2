import { parseArgs } from 'node:util';
import { printResult, type CliIo } from '../io';
import { openApp } from '../app';

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, db: { type: 'string' } } });
  const app = openApp(io, values.db);
  try {
    const result = await app.server.call('system.info', {});
    return printResult(io, result, !!values.json, (v) => {
      const info = v as { appName: string; version: string; dataDir: string };
      return `${info.appName} ${info.version}\nThư mục dữ liệu / data folder: ${info.dataDir}`;
    });
  } finally {
    await app.ctx.close();
  }
}
