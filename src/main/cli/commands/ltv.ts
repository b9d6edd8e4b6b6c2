import { parseCommandLine, printResult, type CliIo } from '../io';
import { openApp } from '../app';
import type { LtvLevelReport, LtvQueueItem, LtvRunSummary, LtvStatus, LtvUpgradeResult } from '../../../shared/contract/ltv';

const USAGE = `Cách dùng / usage:
  hosoky ltv status [--json]                 hàng đợi nâng hiệu lực dài hạn: từng tệp, mức hiện tại và mức cần đạt,
                                             nơi ghi tệp kết quả, lỗi gần nhất
  hosoky ltv run [--json]                    thử ngay mọi tệp trong hàng đợi (không chờ lượt thử lại)
  hosoky ltv upgrade TỆP.pdf [--level B-T|B-LT|B-LTA] [--out KẾT_QUẢ.pdf] [--no-queue] [--json]
                                             nâng mức ngay; nếu không có mạng thì đưa vào hàng đợi
  hosoky ltv level TỆP.pdf [--json]          mức PAdES hiện có của tệp
Tuỳ chọn chung: --db THƯ_MỤC_DỮ_LIỆU`;

const STATE_VI: Record<LtvQueueItem['state'], string> = { waiting: 'đang chờ', running: 'đang chạy', done: 'xong', failed: 'lỗi, không thử lại' };
const STEP_VI: Record<LtvUpgradeResult['steps'][number], string> = { 'document-timestamp': 'dấu thời gian', dss: 'dữ liệu kiểm tra hiệu lực (DSS)', 'archive-timestamp': 'dấu thời gian lưu trữ' };
const vnTime = (iso: string) => `${new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')} (giờ VN)`;

function itemText(i: LtvQueueItem): string {
  const lines = [
    `#${i.id} ${i.source}`,
    `   mức hiện tại / now: ${i.levelNow}  →  cần đạt / wanted: ${i.wantedLevel}  [${STATE_VI[i.state]} / ${i.state}]`,
    `   tệp kết quả / output: ${i.output}`,
  ];
  if (i.state === 'waiting' && i.nextAttemptAt) lines.push(`   lần thử tiếp theo / next try: ${vnTime(i.nextAttemptAt)} (đã thử ${i.attempts} lần)`);
  if (i.lastError) lines.push(`   lỗi gần nhất / last error: ${i.lastError.message}`);
  return lines.join('\n');
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(io, USAGE, {
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, db: { type: 'string' }, level: { type: 'string' }, out: { type: 'string' }, 'no-queue': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [sub, file] = positionals;
  if (!sub) {
    io.out(USAGE);
    return 2;
  }
  const json = !!values.json;
  const needsFile = sub === 'upgrade' || sub === 'level';
  if (!['status', 'run', 'upgrade', 'level'].includes(sub) || (needsFile && !file)) {
    io.err(`Lỗi: lệnh con không đúng.\n\n${USAGE}`);
    return 2;
  }
  const app = openApp(io, values.db);
  try {
    if (sub === 'status') {
      return printResult(io, await app.server.call('ltv.status', {}), json, (v) => {
        const s = v as LtvStatus;
        if (s.items.length === 0) return 'Hàng đợi trống / the queue is empty.';
        const head = `Hàng đợi / queue: ${s.counts.waiting} đang chờ, ${s.counts.running} đang chạy, ${s.counts.done} xong, ${s.counts.failed} lỗi. Dịch vụ dấu thời gian / TSA: ${s.tsaUrl ?? '(chưa cấu hình / not set)'}`;
        return [head, ...s.items.map(itemText)].join('\n');
      });
    }
    if (sub === 'run') {
      const result = await app.server.call('ltv.run', {});
      const code = printResult(io, result, json, (v) => {
        const s = v as LtvRunSummary;
        return [`Đã thử ${s.attempted} tệp: ${s.completed} xong, ${s.stillWaiting} còn chờ, ${s.failed} lỗi. / Tried ${s.attempted}: ${s.completed} done, ${s.stillWaiting} waiting, ${s.failed} failed.`, ...s.items.map(itemText)].join('\n');
      });
      return code === 0 && result.ok && (result.value as LtvRunSummary).stillWaiting + (result.value as LtvRunSummary).failed > 0 ? 1 : code;
    }
    if (sub === 'level') {
      return printResult(io, await app.server.call('ltv.level', { path: file }), json, (v) => {
        const r = v as LtvLevelReport;
        const until = r.archiveValidUntil ? `; dấu thời gian lưu trữ có hiệu lực tới ${r.archiveValidUntil.slice(0, 10)}` : '';
        return `Mức PAdES / level: ${r.level} — ${r.signatures} chữ ký, ${r.signatureTimestamps} dấu thời gian chữ ký, ${r.documentTimestamps} dấu thời gian tài liệu, DSS: ${r.hasDss ? 'có' : 'không'}${until}`;
      });
    }
    const result = await app.server.call('ltv.upgrade', { input: file, ...(values.out ? { output: values.out } : {}), ...(values.level ? { level: values.level } : {}), queueOnFailure: !values['no-queue'] });
    const code = printResult(io, result, json, (v) => {
      const r = v as LtvUpgradeResult;
      const lines = [`${r.levelBefore} → ${r.level} (cần / wanted ${r.wantedLevel})${r.steps.length ? `: đã thêm ${r.steps.map((s) => STEP_VI[s]).join(', ')}` : ''}`, `Tệp / file: ${r.output}`];
      if (r.error) lines.push(`Chưa đạt mức cần: ${r.error.message}`);
      if (r.queued) lines.push(`Đã đưa vào hàng đợi (#${r.queued.id}); phần mềm sẽ tự thử lại khi có mạng, hoặc chạy "hosoky ltv run".`);
      return lines.join('\n');
    });
    return code === 0 && result.ok && (result.value as LtvUpgradeResult).error ? 1 : code;
  } finally {
    await app.ctx.close();
  }
}
