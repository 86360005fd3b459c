/**
 * dig's full answer text as bind9 9.18 prints it: header, question, answer and
 * authority sections in master-file columns, and the statistics footer with the
 * message size a real server would have sent.
 */
import type { DnsResponse, RR, RRType } from './dns.ts';

export const DIG_VERSION = 'DiG 9.18.33-1~deb12u2-Debian';

/** BIND's master-file columns: owner, TTL at 24, class at 32, type at 40, data at 48. */
function columns(parts: [string, number][]): string {
  let out = '';
  let col = 0;
  for (const [text, target] of parts) {
    if (out) {
      let tabs = Math.max(1, Math.floor(target / 8) - Math.floor(col / 8));
      while (tabs-- > 0) col = (Math.floor(col / 8) + 1) * 8, (out += '\t');
    }
    out += text;
    col += text.length;
  }
  return out;
}

const rrLine = (r: RR) => columns([[r.name, 0], [String(r.ttl), 24], ['IN', 32], [r.type, 40], [r.data, 48]]);

function wireLen(name: string): number {
  return name === '.' ? 1 : name.replace(/\.$/, '').split('.').reduce((n, l) => n + l.length + 1, 1);
}

function rdataLen(r: RR): number {
  switch (r.type) {
    case 'A': return 4;
    case 'MX': return 2 + wireLen(r.data.split(' ')[1]!);
    case 'TXT': return r.data.length - 1;
    case 'SOA': { const [m, rname] = r.data.split(' '); return wireLen(m!) + wireLen(rname!) + 20; }
    default: return wireLen(r.data);
  }
}

function msgSize(qname: string, res: DnsResponse): number {
  const rrs = [...res.answer, ...res.authority];
  return 12 + wireLen(qname) + 4 + rrs.reduce((n, r) => n + (r.name === qname ? 2 : wireLen(r.name)) + 10 + rdataLen(r), 0) + 11;
}

function whenStamp(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day} ${mon} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

export type DigAnswer = {
  /** The command line as typed, echoed in the banner. */
  echo: string;
  /** The @server argument, if any. */
  at: string | undefined;
  /** The address of the server that answered. */
  server: string;
  qname: string;
  type: RRType;
  res: DnsResponse;
  id: number;
  /** Query time in milliseconds. */
  ms: number;
  now: number;
  /** +noall / +answer / +all: the whole report, and the answer section. */
  all: boolean;
  answer: boolean;
};

/** The text dig prints for an answer (without +short). */
export function digOutput(q: DigAnswer): string {
  const { res, qname } = q;
  const out: string[] = [];
  if (q.all) {
    out.push('', `; <<>> ${DIG_VERSION} <<>> ${q.echo}`);
    if (q.at) out.push('; (1 server found)');
    out.push(';; global options: +cmd', ';; Got answer:',
      `;; ->>HEADER<<- opcode: QUERY, status: ${res.rcode}, id: ${q.id}`,
      `;; flags: qr${res.aa ? ' aa' : ''} rd ra; QUERY: 1, ANSWER: ${res.answer.length}, AUTHORITY: ${res.authority.length}, ADDITIONAL: 1`,
      '', ';; OPT PSEUDOSECTION:', '; EDNS: version: 0, flags:; udp: 1232',
      ';; QUESTION SECTION:', columns([[`;${qname}`, 0], ['IN', 32], [q.type, 40]]), '');
  }
  if (q.answer && res.answer.length) {
    if (q.all) out.push(';; ANSWER SECTION:');
    out.push(...res.answer.map(rrLine));
    if (q.all) out.push('');
  }
  if (q.all) {
    if (res.authority.length) out.push(';; AUTHORITY SECTION:', ...res.authority.map(rrLine), '');
    out.push(`;; Query time: ${q.ms} msec`, `;; SERVER: ${q.server}#53(${q.server}) (UDP)`, `;; WHEN: ${whenStamp(q.now)}`,
      `;; MSG SIZE  rcvd: ${msgSize(qname, res)}`, '');
  }
  return out.length ? out.join('\n') + '\n' : '';
}
