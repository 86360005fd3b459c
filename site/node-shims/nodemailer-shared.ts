// Browser stand-in for nodemailer/lib/shared: the engine runs with logging off.
type Logger = Record<'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', (...args: unknown[]) => void>;
const noop = (): void => {};
export function getLogger(): Logger {
  return { trace: noop, debug: noop, info: noop, warn: noop, error: noop, fatal: noop };
}
export default { getLogger };
