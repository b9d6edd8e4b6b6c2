import { z } from 'zod';
import { method, event } from './define';

export interface SystemInfo {
  appName: string;
  version: string;
  dataDir: string;
  /** true when no token driver is found and the demo signer is offered. */
  demoProfile: boolean;
  host: 'electron' | 'bridge' | 'cli';
}

export const systemMethods = {
  'system.info': method<z.ZodObject<Record<string, never>>, SystemInfo>(z.object({}).strict()),
};

export const systemEvents = {
  'system.notice': event<{ level: 'info' | 'warning' | 'error'; message: string; messageEn: string }>(),
};
