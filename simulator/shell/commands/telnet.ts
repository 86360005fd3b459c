/** telnet HOST [PORT]: what netkit telnet prints, around a line-mode SMTP-aware client. */
import { ConnectError } from '../../net/network.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';
import { runLineClient } from '../programs/line-client.ts';

export function connectErrorText(err: ConnectError): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'Connection refused';
    case 'ETIMEDOUT':
      return 'Connection timed out';
    case 'EHOSTUNREACH':
      return 'No route to host';
    case 'ENOTFOUND':
      return 'Name or service not known';
  }
}

async function telnet(ctx: CommandContext): Promise<number> {
  const [host, portArg = '23'] = ctx.args;
  if (!host) {
    ctx.err('usage: telnet [-l user] host [port]\n');
    return 1;
  }
  const port = Number(portArg);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    ctx.err(`telnet: could not resolve ${host}/${portArg}: Servname not supported for ai_socktype\n`);
    return 1;
  }
  const from = ctx.machine.host.name;
  const ip = ctx.sim.network.policy.resolve(from, host);
  if (!ip) {
    ctx.err(`telnet: could not resolve ${host}/${port}: Name or service not known\n`);
    return 1;
  }
  ctx.out(`Trying ${ip}...\n`);
  try {
    const socket = await ctx.sim.network.connect(from, ip, port, 'telnet', { waitForTimeout: true });
    if (!ctx.tty) {
      ctx.err('telnet: standard input is not a terminal\n');
      socket.destroy();
      return 1;
    }
    ctx.out(`Connected to ${host}.\nEscape character is '^]'.\n`);
    return await runLineClient(ctx.tty, socket, {
      lineEnding: '\r\n',
      escapePrompt: true,
      closedByPeerText: 'Connection closed by foreign host.',
    });
  } catch (err) {
    if (err instanceof ConnectError) {
      ctx.err(`telnet: Unable to connect to remote host: ${connectErrorText(err)}\n`);
      return 1;
    }
    throw err;
  }
}

export const telnetCommand: CommandSpec = {
  name: 'telnet',
  summary: 'open an interactive TCP session (e.g. SMTP on port 25)',
  usage: 'telnet HOST [PORT]',
  interactive: true,
  man: 'Connects to PORT (default 23) on HOST and passes typed lines to it, each ended with CR LF, printing\nwhatever the server sends. Ctrl-] then "quit" leaves. Used here to speak SMTP by hand: telnet mail 25.',
  run: telnet,
};
