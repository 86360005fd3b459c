// Browser stand-in for node:tls: in the tab, STARTTLS is simulated above the engine.
export const createSecureContext = (): object => ({});
export class TLSSocket {
  constructor() {
    throw new Error('TLS sockets are not available in the browser simulation');
  }
}
export default { createSecureContext, TLSSocket };
