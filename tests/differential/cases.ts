/**
 * The configurations and SMTP dialogues of the differential test, written in the
 * simulation's terms (10.0.0.0/24, mail.corp.example). `record.ts` plays them against a
 * real Postfix 3.7 on loopback (addresses mapped by `address-map.ts`) and stores what it
 * answered under tests/fixtures/postfix/; tests/unit/differential plays them against the
 * simulation and compares. One list, so the two sides cannot drift apart.
 *
 * `{IP}` in a line is the server's address as the client reaches it (nmap's `[IP]`).
 */

export type Source = 'outside' | 'lan';
export type Scenario = 'open' | 'closed' | 'half-closed';

export type Step =
  /** Start from a shipped scenario's main.cf, as a fresh server. */
  | { kind: 'scenario'; name: Scenario }
  /** A command typed on the mail host as root (postconf -e, postfix reload, postconf -n, postqueue -p…). */
  | { kind: 'shell'; cmd: string }
  /** Append text to main.cf with an editor (no reload). */
  | { kind: 'append-main-cf'; text: string }
  /** Remove every main.cf line matching this exact text (the learner undoing an edit). */
  | { kind: 'remove-main-cf-line'; line: string }
  | { kind: 'connect'; conn: string; from: Source }
  /** Lines written in ONE write (pipelined when more than one), each ended by CRLF. */
  | { kind: 'send'; conn: string; lines: string[] }
  /** Close the client side after the last reply (without QUIT when the dialogue did not send it). */
  | { kind: 'close'; conn: string }
  /** nmap --script smtp-open-relay from this source. */
  | { kind: 'battery'; from: Source }
  /** The message bytes local delivery appended to /var/mail/<user> since the case began. */
  | { kind: 'mailbox'; user: string };

export type Dialogue = { id: string; lines: (string | string[])[] };

/** A dialogue as steps: connect, one write per entry (an array is one pipelined write), close. */
export function play(d: Dialogue, from: Source, conn = d.id + '@' + from): Step[] {
  return [
    { kind: 'connect', conn, from },
    ...d.lines.map((l): Step => ({ kind: 'send', conn, lines: Array.isArray(l) ? l : [l] })),
    { kind: 'close', conn },
  ];
}

/**
 * One write of raw bytes (BDAT chunks are octets, not lines). The recorder and the player
 * end every line with CRLF, so the text, which must end with CRLF, is cut at its CRLFs.
 */
export function raw(text: string): string[] {
  if (!text.endsWith('\r\n')) throw new Error('a raw write must end with CRLF');
  return text.slice(0, -2).split('\r\n');
}

/** `BDAT <octets> [LAST]` and the chunk itself (its size counted in UTF-8 octets). */
export function bdat(chunk: string, last = false): string {
  return `BDAT ${new TextEncoder().encode(chunk).length}${last ? ' LAST' : ''}\r\n${chunk}`;
}

const EHLO = 'EHLO client.example';
const FROM = 'MAIL FROM:<spam@example.org>';
const VICTIM = 'RCPT TO:<victim@example.net>';
const BOB = 'RCPT TO:<bob@corp.example>';

/** Postfix's answers to edge cases of the protocol (issue 10, "Dialogues"). */
export const DIALOGUES = {
  'helo-noarg': { id: 'helo-noarg', lines: ['HELO', 'HELO client.example', 'QUIT'] },
  vrfy: { id: 'vrfy', lines: [EHLO, 'VRFY bob', 'VRFY nosuchuser@corp.example', 'VRFY victim@example.net', 'QUIT'] },
  expn: { id: 'expn', lines: [EHLO, 'EXPN postmaster', 'QUIT'] },
  'rcpt-before-mail': { id: 'rcpt-before-mail', lines: [EHLO, BOB, 'QUIT'] },
  'mail-no-brackets': { id: 'mail-no-brackets', lines: [EHLO, 'MAIL FROM:alice@example.org', BOB, 'QUIT'] },
  'null-sender': { id: 'null-sender', lines: [EHLO, 'MAIL FROM:<>', BOB, VICTIM, 'QUIT'] },
  'nested-mail': { id: 'nested-mail', lines: [EHLO, FROM, 'MAIL FROM:<other@example.org>', 'QUIT'] },
  'unknown-local-user': { id: 'unknown-local-user', lines: [EHLO, FROM, 'RCPT TO:<nosuchuser@corp.example>', 'QUIT'] },
  'source-route': { id: 'source-route', lines: [EHLO, FROM, 'RCPT TO:<@[{IP}]:victim@example.net>', 'RCPT TO:<@mail.corp.example:victim@example.net>', 'QUIT'] },
  'percent-hack': { id: 'percent-hack', lines: [EHLO, FROM, 'RCPT TO:<victim%example.net@corp.example>', 'RCPT TO:<victim%example.net@[{IP}]>', 'QUIT'] },
  'bang-path': { id: 'bang-path', lines: [EHLO, FROM, 'RCPT TO:<example.net!victim>', 'RCPT TO:<example.net!victim@corp.example>', 'QUIT'] },
  'quoted-local': { id: 'quoted-local', lines: [EHLO, FROM, 'RCPT TO:<"victim@example.net">', 'RCPT TO:<"victim@example.net"@corp.example>', 'RCPT TO:<"bob"@corp.example>', 'QUIT'] },
  'rcpt-no-domain': { id: 'rcpt-no-domain', lines: [EHLO, FROM, 'RCPT TO:<bob>', 'RCPT TO:bob', 'QUIT'] },
  'data-before-rcpt': { id: 'data-before-rcpt', lines: [EHLO, 'DATA', FROM, 'DATA', 'QUIT'] },
  'dot-stuffing': {
    id: 'dot-stuffing',
    lines: [EHLO, 'MAIL FROM:<alice@example.org>', BOB, 'DATA', ['Subject: dots', '', '..leading dot', '...two', '.', ], 'QUIT'],
  },
  rset: { id: 'rset', lines: [EHLO, FROM, BOB, 'RSET', BOB, 'MAIL FROM:<alice@example.org>', BOB, 'QUIT'] },
  unknown: { id: 'unknown', lines: [EHLO, 'FOO bar', 'mail from:<alice@example.org>', 'QUIT'] },
  'relay-probe': { id: 'relay-probe', lines: [EHLO, FROM, VICTIM, BOB, 'QUIT'] },
  'relay-probe-company-sender': { id: 'relay-probe-company-sender', lines: [EHLO, 'MAIL FROM:<alice@corp.example>', VICTIM, 'QUIT'] },
  'helo-bot': { id: 'helo-bot', lines: ['HELO bot', FROM, BOB, VICTIM, 'QUIT'] },
  'no-helo': { id: 'no-helo', lines: [FROM, 'HELO client.example', FROM, BOB, 'QUIT'] },
  // The SMTP session's own dialogues (pipelining, 8-bit, limits).
  'pipeline-whole': {
    id: 'pipeline-whole',
    lines: ['EHLO x', ['MAIL FROM:<a@x.example>', BOB, 'DATA', 'Subject: t', '', 'hi', '.', 'QUIT']],
  },
  'pipeline-rset': {
    id: 'pipeline-rset',
    lines: ['EHLO x', ['MAIL FROM:<a@x.example>', BOB, 'RSET', 'MAIL FROM:<a@x.example>', BOB], 'QUIT'],
  },
  'pipeline-data-refused': {
    id: 'pipeline-data-refused',
    lines: ['EHLO x', ['MAIL FROM:<a@x.example>', 'RCPT TO:<nosuchuser@corp.example>', 'DATA', 'Subject: t', '', 'hi', '.', 'QUIT']],
  },
  'pipeline-ehlo-mid': {
    id: 'pipeline-ehlo-mid',
    lines: [['EHLO x', 'MAIL FROM:<a@x.example>', BOB, 'EHLO y', 'MAIL FROM:<a@x.example>', BOB, 'QUIT']],
  },
  'eightbit': {
    id: 'eightbit',
    lines: [EHLO, 'MAIL FROM:<alice@example.org>', BOB, 'DATA', ['Subject: café', 'From: Jörg <alice@example.org>', '', 'köln', 'naïve — “quotes”', '.'], 'QUIT'],
  },
  'utf8-address-plain': { id: 'utf8-address-plain', lines: [EHLO, 'MAIL FROM:<jörg@example.org>', 'MAIL FROM:<alice@example.org>', 'RCPT TO:<jörg@corp.example>', 'QUIT'] },
  'utf8-address-smtputf8': {
    id: 'utf8-address-smtputf8',
    lines: [EHLO, 'MAIL FROM:<jörg@example.org> SMTPUTF8', BOB, 'DATA', ['Subject: grüße', '', 'hallo', '.'], 'QUIT'],
  },
  'rcpt-1001': {
    id: 'rcpt-1001',
    lines: [EHLO, 'MAIL FROM:<alice@example.org>', Array.from({ length: 1001 }, () => BOB), 'QUIT'],
  },
  'data-no-valid-rcpt': { id: 'data-no-valid-rcpt', lines: [EHLO, FROM, VICTIM, 'DATA', 'QUIT'] },
  'error-limit': { id: 'error-limit', lines: [EHLO, ...Array.from({ length: 21 }, (_, i) => `BAD${i + 1}`), 'QUIT'] },
  'auth-not-enabled': { id: 'auth-not-enabled', lines: [EHLO, 'AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'AUTH LOGIN', 'QUIT'] },
  // RFC 3030 BDAT (CHUNKING): octets counted, no dot-stuffing, no line-end conversion.
  'bdat-chunks': {
    id: 'bdat-chunks',
    lines: [EHLO, 'MAIL FROM:<alice@example.org>', BOB, raw(
      bdat('Subject: chunked café\r\nFrom: Jörg <alice@example.org>\r\n\r\n.\r\n..two dots\r\nköln, split mid-') +
      bdat('line\r\nbare\nLF and a bare\rCR\r\n', true) + 'QUIT\r\n')],
  },
  'bdat-pipelined': {
    id: 'bdat-pipelined',
    lines: ['EHLO x', raw('MAIL FROM:<a@x.example>\r\nRCPT TO:<bob@corp.example>\r\n' + bdat('Subject: p\r\n\r\nno final line end') + bdat('', true) +
      'MAIL FROM:<a@x.example>\r\nRCPT TO:<bob@corp.example>\r\n' + bdat('Subject: q\r\n\r\nsecond\r\n', true) + 'QUIT\r\n')],
  },
  'bdat-sequence': {
    id: 'bdat-sequence',
    lines: [EHLO, raw(bdat('hello\r\n', true) + 'NOOP\r\n'), FROM, raw(bdat('hello\r\n') + 'NOOP\r\n'), 'RCPT TO:<nosuchuser@corp.example>', raw(bdat('hello\r\n', true) + 'NOOP\r\n'), 'QUIT'],
  },
  'bdat-mixed': {
    id: 'bdat-mixed',
    lines: [EHLO, 'MAIL FROM:<alice@example.org>', BOB, raw(bdat('Subject: m\r\n\r\n')), 'DATA', raw(bdat('mixed\r\n', true)), 'MAIL FROM:<alice@example.org>', BOB, 'DATA', raw('BDAT 3 LAST\r\n.\r\n'), 'QUIT'],
  },
  'bdat-midway': {
    id: 'bdat-midway',
    lines: [EHLO, raw(bdat('x\r\n') + 'NOOP\r\n'), 'MAIL FROM:<alice@example.org>', BOB, raw(bdat('Subject: a\r\n\r\n')), 'MAIL FROM:<alice@example.org>', 'NOOP', 'RSET',
      'MAIL FROM:<alice@example.org>', BOB, raw(bdat('Subject: b\r\n\r\n')), 'EHLO again', 'MAIL FROM:<alice@example.org>', BOB, raw(bdat('Subject: c\r\n\r\nafter EHLO\r\n', true)), 'QUIT'],
  },
  'bdat-empty': {
    id: 'bdat-empty',
    lines: [EHLO, 'MAIL FROM:<alice@example.org>', BOB, 'BDAT 0 LAST', 'MAIL FROM:<alice@example.org>', BOB, raw(bdat('Subject: lf\n\nends with a bare LF\n', true) + 'NOOP\r\n'), 'QUIT'],
  },
  'data-bare-cr': { id: 'data-bare-cr', lines: [EHLO, 'MAIL FROM:<alice@example.org>', BOB, 'DATA', ['Subject: cr', '', 'a bare\rCR in DATA', '.'], 'QUIT'] },
  'bdat-zero': {
    id: 'bdat-zero',
    lines: [EHLO, 'MAIL FROM:<alice@example.org>', BOB, 'BDAT 0', 'BDAT 0 LAST', 'QUIT'],
  },
  'bdat-syntax': {
    id: 'bdat-syntax',
    lines: [EHLO, 'BDAT', 'QUIT'],
  },
  ...Object.fromEntries(['BDAT x', 'BDAT 5 FOO', 'BDAT -1', 'BDAT 1 LAST extra', 'BDAT 99999999999999999999 LAST'].map((form, i) =>
    [`bdat-syntax-${i + 1}`, { id: `bdat-syntax-${i + 1}`, lines: [EHLO, 'MAIL FROM:<alice@example.org>', BOB, form, 'QUIT'] }])) as Record<`bdat-syntax-${1 | 2 | 3 | 4 | 5}`, Dialogue>,
  'bdat-lowercase': { id: 'bdat-lowercase', lines: [EHLO, 'MAIL FROM:<alice@example.org>', BOB, raw('bdat 4 last\r\nxx\r\n'), 'QUIT'] },
  'bdat-lost': {
    id: 'bdat-lost',
    lines: [EHLO, 'MAIL FROM:<alice@example.org>', BOB, raw(bdat('Subject: lost\r\n\r\n') + 'BDAT 100\r\nonly part of it\r\n')],
  },
  'bdat-size': {
    id: 'bdat-size',
    lines: [EHLO, 'MAIL FROM:<alice@example.org>', BOB, raw(bdat('x'.repeat(600) + '\r\n')), raw(bdat('y'.repeat(600) + '\r\n')), raw(bdat('z\r\n', true)), 'MAIL FROM:<alice@example.org>', BOB, raw(bdat('w'.repeat(1998) + '\r\n', true)), 'QUIT'],
  },
} satisfies Record<string, Dialogue>;

export type DialogueId = keyof typeof DIALOGUES;

const PROTOCOL: DialogueId[] = [
  'helo-noarg', 'vrfy', 'expn', 'rcpt-before-mail', 'mail-no-brackets', 'null-sender', 'nested-mail',
  'unknown-local-user', 'source-route', 'percent-hack', 'bang-path', 'quoted-local', 'rcpt-no-domain',
  'data-before-rcpt', 'dot-stuffing', 'rset', 'unknown',
];
const SESSION: DialogueId[] = [
  'pipeline-whole', 'pipeline-rset', 'pipeline-data-refused', 'pipeline-ehlo-mid', 'eightbit',
  'utf8-address-plain', 'utf8-address-smtputf8', 'rcpt-1001', 'data-no-valid-rcpt', 'error-limit', 'auth-not-enabled',
];

const BDAT: DialogueId[] = ['bdat-chunks', 'bdat-pipelined', 'bdat-sequence', 'bdat-midway', 'bdat-mixed', 'bdat-empty', 'data-bare-cr', 'bdat-zero', 'bdat-syntax', 'bdat-syntax-1', 'bdat-syntax-2', 'bdat-syntax-3', 'bdat-syntax-4', 'bdat-syntax-5', 'bdat-lowercase', 'bdat-lost'];

const d = (id: DialogueId, from: Source) => play(DIALOGUES[id], from);
const probeBoth: Step[] = [...d('relay-probe', 'outside'), ...d('relay-probe', 'lan')];
const tools: Step[] = [{ kind: 'shell', cmd: 'postconf -n' }, { kind: 'shell', cmd: 'postqueue -p' }];
const reload: Step = { kind: 'shell', cmd: 'postfix reload' };
const RELAY_RESTRICTIONS = 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination';

export type Case = { id: string; about: string; steps: Step[] };

export const CASES: Case[] = [
  {
    id: 'session',
    about: "The SMTP session's own behaviour on the closed server, from outside: pipelining, 8-bit, limits, VRFY, DATA, errors",
    steps: [{ kind: 'scenario', name: 'closed' }, ...SESSION.flatMap((id) => d(id, 'outside')), { kind: 'mailbox', user: 'bob' }],
  },
  {
    id: 'bdat',
    about: 'RFC 3030 BDAT (CHUNKING) on the closed server, from outside: chunks, pipelining, sequence errors, BDAT and DATA mixed, syntax, a lost chunk, message_size_limit (and a bare CR in DATA, to compare)',
    steps: [
      { kind: 'scenario', name: 'closed' }, ...BDAT.flatMap((id) => d(id, 'outside')),
      { kind: 'shell', cmd: "postconf -e 'message_size_limit = 1000'" }, reload, ...d('bdat-size', 'outside'),
      { kind: 'mailbox', user: 'bob' },
    ],
  },
  {
    id: 'protocol',
    about: 'Protocol edge cases on the closed server, from outside',
    steps: [{ kind: 'scenario', name: 'closed' }, ...PROTOCOL.flatMap((id) => d(id, 'outside')), { kind: 'mailbox', user: 'bob' }],
  },
  {
    id: 'open',
    about: 'The shipped open scenario (mynetworks = 0.0.0.0/0)',
    steps: [{ kind: 'scenario', name: 'open' }, ...probeBoth, ...d('source-route', 'outside'), ...d('percent-hack', 'outside'), ...d('bang-path', 'outside'), ...d('vrfy', 'outside'), { kind: 'battery', from: 'outside' }, ...tools],
  },
  {
    id: 'closed',
    about: 'The shipped closed scenario (the documented fix)',
    steps: [{ kind: 'scenario', name: 'closed' }, ...probeBoth, { kind: 'battery', from: 'outside' }, { kind: 'battery', from: 'lan' }, ...tools],
  },
  {
    id: 'half-closed',
    about: 'The shipped half-closed scenario (check_sender_access trusting corp.example)',
    steps: [{ kind: 'scenario', name: 'half-closed' }, ...d('relay-probe', 'outside'), ...d('relay-probe-company-sender', 'outside'), { kind: 'battery', from: 'outside' }, ...tools],
  },
  {
    id: 'narrowed-default',
    about: 'mynetworks narrowed, relay restrictions left at the default (defer_unauth_destination)',
    steps: [{ kind: 'scenario', name: 'open' }, { kind: 'shell', cmd: "postconf -e 'mynetworks = 127.0.0.0/8 10.0.0.0/24'" }, reload, ...probeBoth, { kind: 'battery', from: 'outside' }, ...tools],
  },
  {
    id: 'recipient-restrictions',
    about: 'The relay rule in smtpd_recipient_restrictions with an empty smtpd_relay_restrictions',
    steps: [
      { kind: 'scenario', name: 'open' },
      { kind: 'shell', cmd: "postconf -e 'mynetworks = 127.0.0.0/8 10.0.0.0/24' 'smtpd_relay_restrictions =' 'smtpd_recipient_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'" },
      reload, ...probeBoth, { kind: 'battery', from: 'outside' }, ...tools,
    ],
  },
  {
    id: 'no-relay-rule',
    about: 'Neither restriction list holds a relay rule: smtpd refuses to run',
    steps: [{ kind: 'scenario', name: 'closed' }, { kind: 'shell', cmd: "postconf -e 'smtpd_relay_restrictions = permit_mynetworks'" }, reload, ...d('relay-probe', 'lan')],
  },
  {
    id: 'relay-domains-broad',
    about: 'relay_domains naming outside domains (the battery\'s among them)',
    steps: [{ kind: 'scenario', name: 'closed' }, { kind: 'shell', cmd: "postconf -e 'relay_domains = $mydestination, example.net, nmap.scanme.org'" }, reload, ...d('relay-probe', 'outside'), { kind: 'battery', from: 'outside' }, ...tools],
  },
  {
    id: 'untrusted-routing',
    about: 'allow_untrusted_routing = yes on the closed server',
    steps: [{ kind: 'scenario', name: 'closed' }, { kind: 'shell', cmd: "postconf -e 'allow_untrusted_routing = yes'" }, reload, ...d('percent-hack', 'outside'), ...d('bang-path', 'outside'), ...d('source-route', 'outside'), ...d('percent-hack', 'lan'), { kind: 'battery', from: 'outside' }],
  },
  {
    id: 'helo-required',
    about: 'smtpd_helo_required with HELO restrictions',
    steps: [
      { kind: 'scenario', name: 'closed' },
      { kind: 'shell', cmd: "postconf -e 'smtpd_helo_required = yes' 'smtpd_helo_restrictions = permit_mynetworks, reject_invalid_helo_hostname, reject_non_fqdn_helo_hostname'" },
      reload, ...d('no-helo', 'outside'), ...d('helo-bot', 'outside'), ...d('helo-bot', 'lan'), ...d('helo-noarg', 'outside'),
    ],
  },
  {
    id: 'mynetworks-style-host',
    about: 'mynetworks removed, mynetworks_style = host',
    steps: [{ kind: 'scenario', name: 'closed' }, { kind: 'shell', cmd: 'postconf -X mynetworks' }, { kind: 'shell', cmd: "postconf -e 'mynetworks_style = host'" }, reload, ...probeBoth],
  },
  {
    id: 'mynetworks-style-subnet',
    about: 'mynetworks removed, mynetworks_style = subnet (the LAN is the server\'s subnet; only the LAN is compared, the loopback stand-in for outside shares the subnet)',
    steps: [{ kind: 'scenario', name: 'closed' }, { kind: 'shell', cmd: 'postconf -X mynetworks' }, { kind: 'shell', cmd: "postconf -e 'mynetworks_style = subnet'" }, reload, ...d('relay-probe', 'lan')],
  },
  {
    id: 'misspelt-restriction',
    about: 'A misspelt restriction name in smtpd_relay_restrictions',
    steps: [
      { kind: 'scenario', name: 'closed' },
      { kind: 'shell', cmd: "postconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destinaton'" },
      reload, ...probeBoth,
    ],
  },
  {
    id: 'permit-before-reject',
    about: '`permit` before reject_unauth_destination: smtpd refuses to start',
    steps: [
      { kind: 'scenario', name: 'closed' },
      { kind: 'shell', cmd: "postconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit, reject_unauth_destination'" },
      reload, ...d('relay-probe', 'outside'), { kind: 'battery', from: 'outside' },
    ],
  },
  {
    id: 'syntax-error',
    about: 'A main.cf line without `=`, then postfix reload; then the fix and reload',
    steps: [
      { kind: 'scenario', name: 'closed' },
      { kind: 'append-main-cf', text: 'mynetworks 10.0.0.0/24\n' },
      reload, ...d('relay-probe', 'lan'), ...tools,
      { kind: 'remove-main-cf-line', line: 'mynetworks 10.0.0.0/24' },
      reload, ...d('relay-probe', 'lan'),
    ],
  },
  {
    id: 'host-bits',
    about: 'Host bits in a mynetworks CIDR (10.0.0.25/24)',
    steps: [{ kind: 'scenario', name: 'closed' }, { kind: 'shell', cmd: "postconf -e 'mynetworks = 127.0.0.0/8 10.0.0.25/24'" }, reload, ...probeBoth, ...tools],
  },
  {
    id: 'edit-without-reload',
    about: 'main.cf edited without reload: the running smtpd keeps the old config, a new smtpd reads the new one, an idle old one serves the next client',
    steps: [
      { kind: 'scenario', name: 'open' },
      { kind: 'connect', conn: 'A', from: 'outside' },
      { kind: 'send', conn: 'A', lines: [EHLO] },
      { kind: 'remove-main-cf-line', line: 'mynetworks = 0.0.0.0/0' },
      { kind: 'append-main-cf', text: 'mynetworks = 127.0.0.0/8 10.0.0.0/24\n' + RELAY_RESTRICTIONS + '\n' },
      { kind: 'send', conn: 'A', lines: [FROM] },
      { kind: 'send', conn: 'A', lines: [VICTIM] },
      { kind: 'connect', conn: 'B', from: 'outside' },
      { kind: 'send', conn: 'B', lines: [EHLO] },
      { kind: 'send', conn: 'B', lines: [FROM] },
      { kind: 'send', conn: 'B', lines: [VICTIM] },
      { kind: 'send', conn: 'A', lines: ['QUIT'] },
      { kind: 'close', conn: 'A' },
      { kind: 'connect', conn: 'C', from: 'outside' },
      { kind: 'send', conn: 'C', lines: [EHLO] },
      { kind: 'send', conn: 'C', lines: [FROM] },
      { kind: 'send', conn: 'C', lines: [VICTIM] },
      { kind: 'send', conn: 'C', lines: ['QUIT'] },
      { kind: 'close', conn: 'C' },
      { kind: 'send', conn: 'B', lines: ['QUIT'] },
      { kind: 'close', conn: 'B' },
      { kind: 'shell', cmd: 'postconf mynetworks' },
      reload,
      ...d('relay-probe', 'outside'),
    ],
  },
];
