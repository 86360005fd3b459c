/** Shared option parsing for relaylab verbs (node:util parseArgs, strict). */
import { parseArgs } from 'node:util';

export function parseSeed(value: string | undefined): number {
  if (value === undefined) return Math.floor(Math.random() * 2 ** 31);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`--seed must be a whole number from 0 to 4294967295, not '${value}'`);
  return n;
}

export function parseVerbArgs<T extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(args: string[], options: T) {
  return parseArgs({ args, options, strict: true, allowPositionals: true });
}
