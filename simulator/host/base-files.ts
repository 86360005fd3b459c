/**
 * What an admin expects to find on each host before anything happens:
 * hostname, hosts, resolver, home directories, empty logs.
 */
import type { Host, Topology } from '../net/topology.ts';
import type { HostFs } from './host-fs.ts';

export function loginUser(host: Host): { user: string; home: string } {
  if (host.short === 'ops') return { user: 'admin', home: '/home/admin' };
  if (host.role === 'workstation' && host.user) return { user: host.user, home: `/home/${host.user}` };
  return { user: 'root', home: '/root' };
}

export function installBaseFiles(fs: HostFs, host: Host, topology: Topology): void {
  const ip = host.interfaces[0]?.ip ?? '127.0.0.1';
  fs.write('/etc/hostname', `${host.short}\n`);
  fs.write('/etc/hosts', `127.0.0.1\tlocalhost\n${ip}\t${host.name} ${host.short}\n`);
  const resolver = host.zone === 'corp' ? topology.resolvers.internal : topology.resolvers.public;
  const search = host.zone === 'corp' ? `search ${topology.domain}\n` : '';
  fs.write('/etc/resolv.conf', `${search}nameserver ${resolver}\n`);
  fs.mkdirp('/root');
  fs.mkdirp('/tmp');
  fs.mkdirp('/var/log');
  const { home } = loginUser(host);
  fs.mkdirp(home);
  if (home !== '/root') fs.write(`${home}/.profile`, '# ~/.profile\n');
}
