import type { AppContext } from '../context';
import type { Handlers } from '../server';
import { systemHandlers } from './system';
import { tokensHandlers } from './tokens';
import { settingsHandlers } from './settings';
import { officeHandlers } from './office';
import { filesHandlers } from './files';
import { recordsHandlers } from './records';
import { pdfVerifyHandlers } from './pdf-verify';
import { ltvHandlers } from './ltv';
import { trustHandlers } from './trust';
import { pdfSignHandlers } from './pdf-sign';

/** Every domain's handlers, merged: the compiler checks that each contract method has exactly one. */
export function createHandlers(ctx: AppContext): Handlers {
  return {
    ...systemHandlers(ctx),
    ...tokensHandlers(ctx),
    ...settingsHandlers(ctx),
    ...officeHandlers(ctx),
    ...filesHandlers(ctx),
    ...recordsHandlers(ctx),
    ...pdfVerifyHandlers(ctx),
    ...ltvHandlers(ctx),
    ...trustHandlers(ctx),
    ...pdfSignHandlers(ctx),
  };
}
