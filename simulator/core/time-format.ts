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
