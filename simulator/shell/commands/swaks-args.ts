/** swaks's command line: long and short spellings, `--opt value` and `--opt=value`. */
export type SwaksOptions = {
  server?: string;
  port: number;
  from: string;
  to: string;
  helo: string;
  quitAfter?: string;
  tls: boolean;
  /** --tls-on-connect (--tlsc): TLS from the first byte, for port 465 (submissions). */
  tlsOnConnect: boolean;
  /** --pipeline: MAIL, RCPT and DATA in one write when the server offers PIPELINING (RFC 2920). */
  pipeline: boolean;
  auth?: 'LOGIN' | 'PLAIN';
  authUser: string;
  authPassword: string;
  header?: string;
  body?: string;
};

const NAMES: Record<string, keyof SwaksOptions> = {
  '-s': 'server', '--server': 'server',
  '-p': 'port', '--port': 'port',
  '-f': 'from', '--from': 'from',
  '-t': 'to', '--to': 'to',
  '-h': 'helo', '--helo': 'helo', '--ehlo': 'helo', '--lhlo': 'helo',
  '-q': 'quitAfter', '--quit-after': 'quitAfter', '--quit': 'quitAfter',
  '-a': 'auth', '--auth': 'auth',
  '-au': 'authUser', '--auth-user': 'authUser',
  '-ap': 'authPassword', '--auth-password': 'authPassword',
  '--header-Subject': 'header', '--h-Subject': 'header',
  '--body': 'body',
};

/** Parsed options, or the error text swaks prints. */
export function parseSwaksArgs(argv: string[], hostname: string, user: string): SwaksOptions | string {
  const o: Partial<SwaksOptions> & { tls: boolean; tlsOnConnect: boolean; pipeline: boolean } = { tls: false, tlsOnConnect: false, pipeline: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (arg === '-tls' || arg === '--tls') {
      o.tls = true;
      continue;
    }
    if (arg === '--tls-on-connect' || arg === '--tlsc' || arg === '-tlsc') {
      o.tlsOnConnect = true;
      continue;
    }
    if (arg === '--pipeline') {
      o.pipeline = true;
      continue;
    }
    const key = NAMES[arg];
    if (!key) return `*** unknown option ${arg}\n`;
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) {
        if (key === 'auth') value = 'LOGIN';
        else return `*** option ${arg} requires an argument\n`;
      }
    }
    (o as Record<string, unknown>)[key] = value;
  }
  if (!o.to) return '*** No recipient specified (use -t/--to)\n';
  const port = Number(o.port ?? 25);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `*** invalid port ${o.port}\n`;
  const auth = o.auth ? String(o.auth).toUpperCase() : undefined;
  if (auth && auth !== 'LOGIN' && auth !== 'PLAIN') return `*** AUTH type ${auth} is not supported here (use LOGIN or PLAIN)\n`;
  if (auth && (!o.authUser || o.authPassword === undefined)) return '*** AUTH needs -au USER and -ap PASSWORD\n';
  return {
    server: o.server,
    port,
    from: o.from ?? `${user}@${hostname}`,
    to: o.to,
    helo: o.helo ?? hostname,
    quitAfter: o.quitAfter?.toUpperCase(),
    tls: o.tls,
    tlsOnConnect: o.tlsOnConnect,
    pipeline: o.pipeline,
    auth: auth as SwaksOptions['auth'],
    authUser: o.authUser ?? '',
    authPassword: o.authPassword ?? '',
    header: o.header,
    body: o.body,
  };
}
