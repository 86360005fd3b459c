/**
 * ssh HOST: log in to another simulated host (the session pushes an identity;
 * `exit` pops it). Every host of the lab network accepts the learner's key,
 * as an admin's jump setup would; the prompt says where you are.
 */
import { loginUser } from '../../host/base-files.ts';
import { asctime } from '../../core/time-format.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';

function ssh(ctx: CommandContext): number {
  const target = ctx.args.filter((a) => !a.startsWith('-')).pop();
  if (!target) {
    ctx.err('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-l login_name] [-p port] destination [command]\n');
    return 255;
  }
  const [userPart, hostPart] = target.includes('@') ? target.split('@', 2) : [undefined, target];
  const host = ctx.sim.findHost(hostPart!);
  if (!host) {
    ctx.err(`ssh: Could not resolve hostname ${hostPart}: Name or service not known\n`);
    return 255;
  }
  const session = ctx.tty?.session;
  if (!session) {
    ctx.err('Pseudo-terminal will not be allocated because stdin is not a terminal.\n');
    return 255;
  }
  const login = loginUser(host);
  const user = userPart ?? login.user;
  const home = user === login.user ? login.home : user === 'root' ? '/root' : `/home/${user}`;
  // Last login: an hour before now, from the admin workstation — fixed, so transcripts repeat.
  const from = ctx.sim.findHost('ops')?.interfaces[0]?.ip ?? '10.0.0.10';
  ctx.out(`Linux ${host.short} 6.1.0-31-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.128-1 x86_64\n\n`);
  ctx.out(`Last login: ${asctime(ctx.sim.clock.now() - 3_600_000)} from ${from}\n`);
  session.pushIdentity({ user, host: host.short, cwd: home, home });
  return 0;
}

export const sshCommand: CommandSpec = {
  name: 'ssh',
  summary: 'log in to another host (mail, fw, ws07, outside…); exit returns',
  usage: 'ssh [USER@]HOST',
  man: 'Opens a shell on HOST. The prompt shows the user and host you are on (root@mail:~#).\n`exit` (or Ctrl-D) logs out and returns to the previous host. Hosts: ops, mail, fw, ns,\nws01…, outside, and the Internet hosts of the scenario.',
  run: ssh,
};
