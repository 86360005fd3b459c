/**
 * Carrying out a parsed iptables command: editing, listing and zeroing the filter
 * table's chains on the Firewall, with the kernel-side refusals nft reports (exit 1).
 * The nat table is fixed (see routing.ts): it can be listed, not edited.
 */
import { CHAINS, type Chain, type Firewall, type Rule } from './firewall.ts';
import { listRules, ruleSpec, saveRules } from './iptables-list.ts';
import { refused, usage, VERSION, type CommandResult } from './iptables-messages.ts';
import type { Cmd, ParsedCommand } from './iptables-parse.ts';

const ok = (stdout = ''): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
const failed = (stderr: string, exitCode = 1): CommandResult => ({ stdout: '', stderr, exitCode });

function sameSpec(a: Rule, b: Rule): boolean {
  return ruleSpec(a) === ruleSpec(b);
}

/** Run a parsed command against the table it names. */
export function applyCommand(fw: Firewall, p: ParsedCommand, nameOf?: (ip: string) => string | undefined): CommandResult {
  if (p.table === 'nat') return natTable(p.cmd);
  if (p.table !== 'filter') {
    return failed(`${VERSION}: table '${p.table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`, 3);
  }
  return filterTable(fw, p, nameOf);
}

function filterTable(fw: Firewall, p: ParsedCommand, nameOf?: (ip: string) => string | undefined): CommandResult {
  const { cmd, chain, rulenum, policy, jump, rule, seen } = p;
  if (rule.target === 'REJECT') rule.rejectWith ??= 'icmp-port-unreachable';
  if (jump !== undefined && !rule.target && ['A', 'I', 'R', 'D', 'C'].includes(cmd)) usage(`Chain '${jump}' does not exist`);

  const c = chain ? fw.chain(chain) : undefined;
  const noChain = () => refused('No chain/target/match by that name');
  const fmt = { numeric: seen.has('n'), verbose: seen.has('v'), exact: seen.has('x'), lineNumbers: seen.has('0') };

  switch (cmd) {
    case 'A':
      if (!c) return noChain();
      c.rules.push(rule);
      return ok();
    case 'I':
      if (!c) return noChain();
      if (rulenum! > c.rules.length + 1) refused('Index of insertion too big');
      c.rules.splice(rulenum! - 1, 0, rule);
      return ok();
    case 'R':
      if (!c) return noChain();
      if (rulenum! > c.rules.length) refused('Index of replacement too big');
      c.rules[rulenum! - 1] = rule;
      return ok();
    case 'DN':
      if (!c) return noChain();
      if (rulenum! > c.rules.length) refused('Index of deletion too big');
      c.rules.splice(rulenum! - 1, 1);
      return ok();
    case 'D': case 'C': {
      const at = c ? c.rules.findIndex((r) => sameSpec(r, rule)) : -1;
      if (at < 0) refused('Bad rule (does a matching rule exist in that chain?)');
      if (cmd === 'D') c!.rules.splice(at, 1);
      return ok();
    }
    case 'L': case 'S':
      if (chain && !c) return noChain();
      return ok(cmd === 'L'
        ? listRules(fw, (chain || undefined) as Chain | undefined, rulenum, fmt, nameOf)
        : saveRules(fw, (chain || undefined) as Chain | undefined, rulenum));
    case 'F': case 'Z':
      if (chain && !c) return noChain();
      for (const name of chain ? [chain as Chain] : CHAINS) {
        const ch = fw.state.chains[name];
        if (cmd === 'F') ch.rules = [];
        else if (rulenum !== undefined) {
          const r = ch.rules[rulenum - 1];
          if (!r) refused('Index of counter too big');
          r!.pkts = r!.bytes = 0;
        } else {
          ch.pkts = ch.bytes = 0;
          for (const r of ch.rules) r.pkts = r.bytes = 0;
        }
      }
      return ok();
    case 'P':
      if (!c) refused('Bad built-in chain name');
      if (policy !== 'ACCEPT' && policy !== 'DROP') return failed("iptables: Bad policy name. Run `dmesg' for more information.\n");
      c!.policy = policy;
      return ok();
    case 'N': case 'X': case 'E':
      // User-defined chains are outside this lab's model; say so plainly.
      return failed('iptables: user-defined chains are not available on this simulated firewall.\n');
  }
}

function natTable(cmd: Cmd): CommandResult {
  if (cmd !== 'S') return failed('iptables: the nat table is fixed on this simulated firewall; try `iptables -t nat -S`.\n');
  return ok([
    '-P PREROUTING ACCEPT', '-P INPUT ACCEPT', '-P OUTPUT ACCEPT', '-P POSTROUTING ACCEPT',
    '-A PREROUTING -d 203.0.113.25/32 -i eth0 -j DNAT --to-destination 10.0.0.25',
    '-A POSTROUTING -s 10.0.0.25/32 -o eth0 -j SNAT --to-source 203.0.113.25',
    '-A POSTROUTING -s 10.0.0.0/24 -o eth0 -j MASQUERADE',
  ].join('\n') + '\n');
}
