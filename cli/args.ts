/** Shared option parsing for relaylab verbs (node:util parseArgs, strict). */
import { parseArgs } from 'node:util';
import { t } from '../simulator/i18n/t.ts';

export function parseSeed(value: string | undefined): number {
  if (value === undefined) return Math.floor(Math.random() * 2 ** 31);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(t('cli.bad-seed', { value }));
  return n;
}

/** A `--port` value, `fallback` when absent; undefined when it is not a port number (0 asks the system for one). */
export function parsePort(value: string | undefined, fallback: number): number | undefined {
  const n = Number(value ?? fallback);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : undefined;
}

export function parseVerbArgs<T extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(args: string[], options: T) {
  return parseArgs({ args, options, strict: true, allowPositionals: true });
}
