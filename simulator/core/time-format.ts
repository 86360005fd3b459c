/** Time renderings used by logs, mbox and tools — always UTC, always from the virtual clock. */
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad2 = (n: number) => String(n).padStart(2, '0');

function hms(d: Date): string {
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

let lastSecond = NaN;
let lastStamp = '';

/**
 * `Mar  3 09:05:07` — the RFC 3164 syslog timestamp, UTC, day padded with a
 * space. Every log line of every host goes through here (hundreds of
 * thousands in a simulated day), so the last second's string is reused.
 */
export function syslogStamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second === lastSecond) return lastStamp;
  const d = new Date(ms);
  lastSecond = second;
  lastStamp = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms(d)}`;
  return lastStamp;
}

/** `Tue Mar  3 10:15:02` (ctime without the year), as postqueue -p prints arrival times. */
export function ctimeShort(ms: number): string {
  return `${DAYS[new Date(ms).getUTCDay()]} ${syslogStamp(ms)}`;
}

/** `Tue Mar  3 09:05:07 2026` — ctime/asctime, as in mbox "From " lines. */
export function asctime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms(d)} ${d.getUTCFullYear()}`;
}

/** `Tue Mar  3 09:05:07 UTC 2026` — what date(1) prints. */
export function dateCommand(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms(d)} UTC ${d.getUTCFullYear()}`;
}

/** Postfix's mail_date() (Received:, and the Date: cleanup adds): `Wed,  2 Dec 2026 01:05:39 +0000 (UTC)`. */
export function postfixMailDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${String(d.getUTCDate()).padStart(2, ' ')} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hms(d)} +0000 (UTC)`;
}

/** RFC 5322 date for message headers. */
export function rfc5322Date(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hms(d)} +0000`;
}

const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Day of the year, 1-based. */
function yday(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** ISO 8601 week number and its year (%V, %G). */
function isoWeek(d: Date): { week: number; year: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const start = Date.UTC(t.getUTCFullYear(), 0, 1);
  return { week: Math.ceil(((t.getTime() - start) / 86_400_000 + 1) / 7), year: t.getUTCFullYear() };
}

/**
 * GNU date's `+FORMAT` (strftime plus GNU's %N, %s, %:z and the `-`, `_`,
 * `0` padding flags), in UTC: the lab's hosts run on UTC. Unknown
 * conversions are printed as they are, as GNU date does.
 */
export function strftime(ms: number, format: string): string {
  const d = new Date(ms);
  const h12 = d.getUTCHours() % 12 || 12;
  const week = (firstDay: number) => Math.floor((yday(d) - 1 + 7 - ((d.getUTCDay() - firstDay + 7) % 7) + ((new Date(Date.UTC(d.getUTCFullYear(), 0, 1)).getUTCDay() - firstDay + 7) % 7)) / 7);
  const conv = (c: string): [string | number, number, string] | undefined => {
    // [value, width, default pad]
    switch (c) {
      case 'a': return [DAYS[d.getUTCDay()]!, 0, ''];
      case 'A': return [LONG_DAYS[d.getUTCDay()]!, 0, ''];
      case 'b': case 'h': return [MONTHS[d.getUTCMonth()]!, 0, ''];
      case 'B': return [LONG_MONTHS[d.getUTCMonth()]!, 0, ''];
      case 'c': return [`${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms(d)} ${d.getUTCFullYear()}`, 0, ''];
      case 'C': return [Math.floor(d.getUTCFullYear() / 100), 2, '0'];
      case 'd': return [d.getUTCDate(), 2, '0'];
      case 'D': return [`${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())}/${pad2(d.getUTCFullYear() % 100)}`, 0, ''];
      case 'e': return [d.getUTCDate(), 2, ' '];
      case 'F': return [`${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`, 0, ''];
      case 'g': return [isoWeek(d).year % 100, 2, '0'];
      case 'G': return [isoWeek(d).year, 0, ''];
      case 'H': return [d.getUTCHours(), 2, '0'];
      case 'I': return [h12, 2, '0'];
      case 'j': return [yday(d), 3, '0'];
      case 'k': return [d.getUTCHours(), 2, ' '];
      case 'l': return [h12, 2, ' '];
      case 'm': return [d.getUTCMonth() + 1, 2, '0'];
      case 'M': return [d.getUTCMinutes(), 2, '0'];
      case 'n': return ['\n', 0, ''];
      case 'N': return [String(d.getUTCMilliseconds() * 1_000_000).padStart(9, '0'), 0, ''];
      case 'p': return [d.getUTCHours() < 12 ? 'AM' : 'PM', 0, ''];
      case 'P': return [d.getUTCHours() < 12 ? 'am' : 'pm', 0, ''];
      case 'r': return [`${pad2(h12)}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`, 0, ''];
      case 'R': return [`${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`, 0, ''];
      case 's': return [Math.floor(ms / 1000), 0, ''];
      case 'S': return [d.getUTCSeconds(), 2, '0'];
      case 't': return ['\t', 0, ''];
      case 'T': return [hms(d), 0, ''];
      case 'u': return [d.getUTCDay() || 7, 0, ''];
      case 'U': return [week(0), 2, '0'];
      case 'V': return [isoWeek(d).week, 2, '0'];
      case 'w': return [d.getUTCDay(), 0, ''];
      case 'W': return [week(1), 2, '0'];
      case 'x': return [`${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())}/${pad2(d.getUTCFullYear() % 100)}`, 0, ''];
      case 'X': return [hms(d), 0, ''];
      case 'y': return [d.getUTCFullYear() % 100, 2, '0'];
      case 'Y': return [d.getUTCFullYear(), 0, ''];
      case 'z': return ['+0000', 0, ''];
      case ':z': return ['+00:00', 0, ''];
      case 'Z': return ['UTC', 0, ''];
      case '%': return ['%', 0, ''];
      default: return undefined;
    }
  };
  return format.replace(/%([-_0^#]?)(:?[A-Za-z%])/g, (whole, flag: string, c: string) => {
    const r = conv(c);
    if (!r) return whole;
    const [value, width, pad] = r;
    let text = String(value);
    if (typeof value === 'number' && width) {
      const p = flag === '-' ? '' : flag === '_' ? ' ' : flag === '0' ? '0' : pad;
      if (p) text = text.padStart(width, p);
    }
    if (flag === '^') text = text.toUpperCase();
    return text;
  });
}
