/** relaytest HOST [PORT]: nmap's smtp-open-relay battery, printed the way nmap prints it. */
import { batteryVerdict, nmapScriptBlock } from '../../postfix/index.ts';
import { relayProbe } from '../../mail/relay-probe.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';

const SERVICE: Record<number, string> = { 25: 'smtp', 465: 'smtps', 587: 'submission', 2525: 'ms-v-worlds' };

async function relaytest(ctx: CommandContext): Promise<number> {
  const verbose = ctx.args.includes('-v');
  const [target, portArg = '25'] = ctx.args.filter((a) => a !== '-v');
  const port = Number(portArg);
  if (!target || !Number.isInteger(port) || port < 1 || port > 65535) {
    ctx.err('usage: relaytest [-v] HOST [PORT]\n');
    return 1;
  }
  const r = await relayProbe(ctx.sim, ctx.machine.host.name, target, port);
  if (r.state === 'unresolved') {
    ctx.err(`Failed to resolve "${target}".\n`);
    ctx.out('WARNING: No targets were specified, so 0 hosts scanned.\n');
    return 1;
  }
  const shown = target === r.ip ? r.ip : `${target} (${r.ip})`;
  ctx.out(`Nmap scan report for ${shown}\n`);
  if (r.state === 'unreachable') {
    ctx.out('Note: Host seems down.\n');
    return 1;
  }
  ctx.out('\n');
  const svc = SERVICE[port] ?? 'unknown';
  const portCol = `${port}/tcp`;
  const w = Math.max(portCol.length + 1, 7);
  ctx.out(`${'PORT'.padEnd(w)}STATE ${r.state === 'filtered' ? '   ' : ''}SERVICE\n`);
  ctx.out(`${portCol.padEnd(w)}${r.state.padEnd(r.state === 'filtered' ? 9 : 6)}${svc}\n`);
  if (r.state !== 'open') return 0;
  if (!r.greeting?.startsWith('220')) {
    // What nmap's script says when the port is open but smtpd never greets (e.g. it died at start-up).
    for (const line of nmapScriptBlock('smtp-open-relay', `Couldn't establish connection on port ${port}`)) ctx.out(line + '\n');
    return 0;
  }
  const verdict = batteryVerdict(r.passed, { authNeeded: r.authNeeded, verbose });
  for (const line of nmapScriptBlock('smtp-open-relay', verdict)) ctx.out(line + '\n');
  return 0;
}

export const relaytestCommand: CommandSpec = {
  name: 'relaytest',
  summary: "test an SMTP server for open relaying (nmap's 16-test battery)",
  usage: 'relaytest [-v] HOST [PORT]',
  man:
    'Runs the tests of nmap\'s smtp-open-relay script against HOST (port 25 unless PORT) from this host, over one\n' +
    'SMTP session: EHLO, then for each of 16 sender/recipient forms RSET, MAIL FROM, RCPT TO (no message is sent).\n' +
    'A test passes when RCPT gets 250/251. Prints "Server is an open relay (N/16 tests)", "Server doesn\'t seem to\n' +
    'be an open relay, all tests failed", or "Server isn\'t an open relay, authentication needed". -v lists the\n' +
    'forms that passed. Run it from outside: a LAN client is normally allowed to relay.',
  run: relaytest,
};
