/**
 * Tab completion: the first word of a command completes to the commands this
 * host has; later words to paths (when they look like one, or the command
 * takes files) and to host names. Returns the text to insert for each option.
 */
import type { Simulation } from '../simulation.ts';
import { normalizePath } from '../host/host-fs.ts';
import type { Identity } from './session.ts';
import { commandsOn } from './commands/registry.ts';

const HOST_COMMANDS = new Set(['ssh', 'telnet', 'nc', 'ping', 'dig', 'host', 'swaks']);

export function completeLine(sim: Simulation, line: string, identity: Identity): string[] {
  // Complete within the current simple command of a pipeline or list.
  const segment = line.split(/\|\||&&|[|;&]/).pop() ?? '';
  const words = segment.replace(/^\s+/, '').split(/\s+/);
  const last = words[words.length - 1] ?? '';
  const machine = sim.machine(identity.host);
  if (words.length <= 1) {
    return unique(commandsOn(machine.host).map((c) => c.name))
      .filter((n) => n.startsWith(last))
      .map((n) => n.slice(last.length) + ' ');
  }
  const paths = completePath(sim, identity, last);
  if (last.includes('/') || !HOST_COMMANDS.has(words[0] ?? '')) return paths;
  const hosts = unique(sim.topology.hosts.flatMap((h) => [h.name, h.short]));
  return [...hosts.filter((h) => h.startsWith(last) && h !== last).map((h) => h.slice(last.length) + ' '), ...paths];
}

function completePath(sim: Simulation, identity: Identity, word: string): string[] {
  const fs = sim.machine(identity.host).fs;
  const expanded = word.startsWith('~') ? identity.home + word.slice(1) : word;
  const slash = expanded.lastIndexOf('/');
  const dirPart = slash >= 0 ? expanded.slice(0, slash + 1) : '';
  const base = slash >= 0 ? expanded.slice(slash + 1) : expanded;
  const dir = normalizePath(dirPart || '.', identity.cwd);
  if (!fs.isDir(dir)) return [];
  return fs
    .list(dir)
    .filter((name) => name.startsWith(base) && (base.startsWith('.') || !name.startsWith('.')))
    .map((name) => name.slice(base.length) + (fs.isDir(`${dir}/${name}`) ? '/' : ' '));
}

const unique = (xs: string[]) => [...new Set(xs)];
