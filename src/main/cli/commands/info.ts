import { parseCommandLine, printResult, type CliIo } from '../io';

const HELP = `Cách dùng / usage: hosoky info [--json] [--db THƯ_MỤC]

Phiên bản và thư mục dữ liệu của Hồ Sơ Ký. / The app's version and data folder.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(io, HELP, { args: argv, options: { json: { type: 'boolean' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const { openApp } = await import('../app');
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
