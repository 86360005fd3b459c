/**
 * A listening SMTP service: Nodemailer's smtp-server as the protocol engine,
 * behind a thin proxy that applies Postfix's line policy on the way in and
 * Postfix's reply wording on the way out. The engine is reached only through
 * its public seams: server.connect(socket, {remoteAddress}) and the hooks.
 */
import { SMTPServer, type SMTPServerSession, type SMTPServerDataStream } from 'smtp-server';
import { createSocketPair, type VirtualSocket } from '../net/virtual-socket.ts';
import type { ConnectionInfo, Service } from '../net/network.ts';
import { ClientLinePolicy } from './line-policy.ts';
import { rewriteReplyBlock } from './dialect.ts';

export type AcceptedMessage = {
  queueId: string;
  from: string;
  to: string[];
  /** Raw message as received, latin1-decoded so every byte survives. */
  data: string;
  client: { address: string; helo: string };
};

export type SmtpServiceOptions = {
  hostname: string;
  sizeLimit?: number;
  ehloFeatures?: string[];
  newQueueId(): string;
  /** Called once the message is fully received; the queue takes it from here. */
  onMessage(message: AcceptedMessage): void;
};

export const POSTFIX_EHLO_DEFAULT = [
  'PIPELINING',
  'SIZE 10240000',
  'VRFY',
  'ETRN',
  'ENHANCEDSTATUSCODES',
  '8BITMIME',
  'DSN',
  'SMTPUTF8',
  'CHUNKING',
];

export class SmtpService implements Service {
  private readonly engine: SMTPServer;

  constructor(private readonly options: SmtpServiceOptions) {
    this.engine = new SMTPServer({
      name: options.hostname,
      banner: 'Postfix',
      logger: false,
      disableReverseLookup: true,
      authOptional: true,
      hideSTARTTLS: true,
      size: options.sizeLimit ?? 10240000,
      onData: (stream, session, cb) => this.receive(stream, session, cb),
    });
  }

  accept(outer: VirtualSocket, info: ConnectionInfo): void {
    // inner pair: the proxy holds `front`, smtp-server is handed `engineSide`
    const { client: front, server: engineSide } = createSocketPair(
      { address: info.remoteAddress, port: info.remotePort },
      { address: info.localAddress, port: info.localPort },
    );
    const policy = new ClientLinePolicy();
    let lastCommand = '';
    const ctx = { hostname: this.options.hostname, ehloFeatures: this.options.ehloFeatures ?? POSTFIX_EHLO_DEFAULT };

    outer.on('data', (chunk: Buffer) => {
      const text = policy.push(chunk.toString('latin1'));
      if (!text) return;
      if (!policy.dataMode) {
        const lines = text.split('\r\n').filter(Boolean);
        const last = lines[lines.length - 1];
        if (last !== undefined) lastCommand = (last.split(/[\s:]/)[0] ?? '').toUpperCase();
      }
      if (!front.destroyed) front.write(Buffer.from(text, 'latin1'));
    });
    front.on('data', (chunk: Buffer) => {
      const block = chunk.toString('latin1');
      if (/^354[ -]/m.test(block)) policy.dataMode = true;
      if (!outer.destroyed) outer.write(Buffer.from(rewriteReplyBlock(block, lastCommand, ctx), 'latin1'));
    });
    outer.on('end', () => front.end());
    front.on('end', () => outer.end());
    outer.on('close', () => front.destroy());
    front.on('close', () => outer.destroy());
    outer.on('error', () => front.destroy());
    front.on('error', () => outer.destroy());

    this.engine.connect(engineSide as never, {
      remoteAddress: info.remoteAddress,
      remotePort: info.remotePort,
      localAddress: info.localAddress,
      localPort: info.localPort,
    } as never);
  }

  private receive(stream: SMTPServerDataStream, session: SMTPServerSession, cb: (err?: Error | null, msg?: string) => void): void {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      if (stream.sizeExceeded) {
        const err = Object.assign(new Error('5.3.4 Message size exceeds fixed limit'), { responseCode: 552 });
        cb(err);
        return;
      }
      const queueId = this.options.newQueueId();
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      this.options.onMessage({
        queueId,
        from,
        to: session.envelope.rcptTo.map((r) => r.address),
        data: Buffer.concat(chunks).toString('latin1'),
        client: { address: session.remoteAddress, helo: session.hostNameAppearsAs ?? '' },
      });
      cb(null, `Ok: queued as ${queueId}`);
    });
  }
}
