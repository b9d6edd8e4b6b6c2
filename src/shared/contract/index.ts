/**
 * The one typed API of Hồ Sơ Ký. The Electron preload exposes exactly these methods and events; the main
 * process serves them over IPC; tests and the browser dev host serve the same handlers over the loopback
 * bridge; the command line calls the handlers directly.
 *
 * Each domain keeps its methods in its own file and is merged here.
 */
import type { z } from 'zod';
import type { MethodSpec, EventSpec } from './define';
import { systemMethods, systemEvents } from './system';
import { tokensMethods, tokensEvents } from './tokens';
import { settingsMethods } from './settings';
import { staffMethods } from './staff';
import { formsMethods } from './forms';
import { reportsMethods } from './reports';
import { filesMethods } from './files';
import { recordsMethods, recordsEvents } from './records';
import { verifyMethods } from './verify';
import { ltvMethods, ltvEvents } from './ltv';
import { trustMethods } from './trust';
import { pdfMethods } from './pdf';

export const contract = {
  ...systemMethods,
  ...tokensMethods,
  ...settingsMethods,
  ...staffMethods,
  ...formsMethods,
  ...reportsMethods,
  ...filesMethods,
  ...recordsMethods,
  ...verifyMethods,
  ...ltvMethods,
  ...trustMethods,
  ...pdfMethods,
} satisfies Record<string, MethodSpec<z.ZodType, unknown>>;

export const events = {
  ...systemEvents,
  ...tokensEvents,
  ...recordsEvents,
  ...ltvEvents,
} satisfies Record<string, EventSpec<unknown>>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = Contract[M]['output'];

export type Events = typeof events;
export type EventName = keyof Events;
export type PayloadOf<E extends EventName> = Events[E]['payload'];

export const methodNames = Object.keys(contract) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];
