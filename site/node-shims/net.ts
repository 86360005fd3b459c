// Browser stand-in for node:net. smtp-server only needs address checks and a
// server object it never listens on (we hand it sockets via connect()).
import { EventEmitter } from 'events';

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export const isIPv4 = (s: string): boolean => V4.test(s);
export const isIPv6 = (s: string): boolean => /^[0-9a-f:.]+$/i.test(s) && s.includes(':') && s.split('::').length <= 2;
export const isIP = (s: string): number => (isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0);
export function createServer(): EventEmitter & { listen(): void; close(cb?: () => void): void } {
  const server = new EventEmitter() as EventEmitter & { listen(): void; close(cb?: () => void): void };
  server.listen = () => {
    throw new Error('real sockets are not available in the browser');
  };
  server.close = (cb) => cb?.();
  return server;
}
export class Socket extends EventEmitter {}
export default { isIP, isIPv4, isIPv6, createServer, Socket };
