/**
 * `relaylab serve`: the simulated company network on this machine, its mail
 * server's smtpd services on real TCP ports, so real telnet, swaks, openssl
 * s_client and nmap talk to the same engine, configuration and relay
 * decision as the browser lab. Real clients enter the simulation as the
 * `--as` host (default: the outside probe host on the Internet). The clock
 * runs in real time (realtime-clock.ts); `shell --attach` and `check
 * --attach` reach the running network over the control channel (control.ts).
 *
 * Safety: nothing here connects anywhere; the only sockets are the listeners
 * (127.0.0.1 unless --listen says otherwise, with a warning then) and the
 * Unix control socket. Mail "delivered" to the Internet is the simulation's
 * model of a remote MX, as in the browser.
 */
import { isIP, type Socket } from 'node:net';
import { Simulation, type SimulationOptions } from '../../simulator/simulation.ts';
import { eventLoopTurn, type HostPort } from '../../simulator/core/host-port.ts';
import { attemptSeed, simulationOptions } from '../../simulator/labs/scenario.ts';
import { MAIL_SCENARIOS, type MailScenario } from '../../simulator/mail/scenarios.ts';
import { MAIL_HOST, OUTSIDE_HOST } from '../../simulator/net/corp-hosts.ts';
import type { Lab } from '../../simulator/labs/schema.ts';
import { parseSeed, parseVerbArgs } from '../args.ts';
import { loadLab } from '../lab-files.ts';
import { bridge } from './bridge.ts';
import { ClientGate, DEFAULT_LIMITS, refusal } from './limits.ts';
import { ControlServer } from './control.ts';
import { runRealtimeClock } from './realtime-clock.ts';
import { ServeSummary } from './summary.ts';
import { RealListeners } from './listeners.ts';
import { certNames, secureContext, serveCertificate } from './tls-cert.ts';
import type { SecureContext } from 'node:tls';
import { t } from '../../simulator/i18n/t.ts';

/** The simulated mail server's smtpd ports that serve exposes (Debian's master.cf: smtp, submissions, submission). */
export const SIM_PORTS = [25, 465, 587] as const;

/** 25 → base+25, 465 → base+65, 587 → base+87; base 0 is the real ports themselves (root only). */
export function realPort(base: number, simPort: number): number {
  return base === 0 ? simPort : base + (simPort % 100);
}

export function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || address === 'localhost';
}

/** Printed when --listen binds beyond loopback: anyone who can reach this machine can use a deliberately open relay. */
export function listenWarning(address: string): string | undefined {
  if (isLoopback(address)) return undefined;
  return `relaylab serve: ${t('cli.serve.warning', { address })}\n`;
}

export type ServeOptions = {
  sim: SimulationOptions;
  lab?: Lab;
  label: string;
  seed: number;
  listen: string;
  portBase: number;
  asHost: string;
  startHost: string;
  speed: number;
  perClient: number;
  perMinute: number;
};

function intOption(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(t('cli.serve.bad-int', { name, min, max, value: String(value) }));
  return n;
}

export function parseServeArgs(args: string[]): ServeOptions {
  const { values, positionals } = parseVerbArgs(args, {
    lab: { type: 'string' }, seed: { type: 'string' }, listen: { type: 'string' }, 'port-base': { type: 'string' }, as: { type: 'string' },
    scenario: { type: 'string' }, world: { type: 'boolean' }, speed: { type: 'string' }, 'client-limit': { type: 'string' }, 'client-rate': { type: 'string' },
  });
  if (positionals.length) throw new Error(t('cli.serve.unexpected-argument', { value: positionals[0]! }));
  const requested = values.seed === undefined ? undefined : parseSeed(values.seed as string);
  const listen = (values.listen as string | undefined) ?? '127.0.0.1';
  if (!isIP(listen)) throw new Error(t('cli.serve.bad-listen', { value: listen }));
  const portBase = intOption(values['port-base'], '--port-base', 0, 65_000, 2500);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0 && speed <= 3600)) throw new Error(t('cli.bad-speed', { value: String(values.speed) }));
  const perClient = intOption(values['client-limit'], '--client-limit', 1, 10_000, DEFAULT_LIMITS.perClient);
  const perMinute = intOption(values['client-rate'], '--client-rate', 1, 1_000_000, DEFAULT_LIMITS.perMinute);
  const common = { listen, portBase, speed, perClient, perMinute };
  if (values.lab) {
    if (values.scenario) throw new Error(t('cli.serve.scenario-with-lab'));
    const lab = loadLab(values.lab as string);
    const seed = attemptSeed(lab, requested, () => parseSeed(undefined));
    return { ...common, sim: simulationOptions(lab, seed), lab, label: t('cli.serve.label-lab', { id: lab.id }), seed, asHost: (values.as as string | undefined) ?? OUTSIDE_HOST, startHost: lab.startHost };
  }
  const scenario = (values.scenario as string | undefined) ?? 'open';
  if (!(MAIL_SCENARIOS as readonly string[]).includes(scenario)) throw new Error(t('cli.serve.bad-scenario', { known: MAIL_SCENARIOS.join(', '), value: scenario }));
  const seed = requested ?? parseSeed(undefined);
  // The world is off unless asked for: a trainer's room probing should find only its own traffic in mail.log.
  const sim: SimulationOptions = { seed, mailScenario: scenario as MailScenario, world: !!values.world };
  return { ...common, sim, label: t('cli.serve.label-scenario', { scenario }), seed, asHost: (values.as as string | undefined) ?? OUTSIDE_HOST, startHost: 'ops' };
}

export type RunningServe = {
  sim: Simulation;
  /** Real port of each simulated port that listens. */
  ports: Map<number, number>;
  control?: ControlServer;
  summary: ServeSummary;
  /** What serve prints at start: the table of what listens where. */
  banner: string;
  /** Close the listeners, the connections and the control socket; returns the summary text. */
  stop(): string;
};

export class ServeError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

/** Start serving (the CLI verb and the tests both go through here). `realPorts` overrides the port-base mapping (tests pass 0: free ports). */
export async function startServe(o: ServeOptions, opts: { realPorts?: Partial<Record<number, number>>; controlDir?: string; certDir?: string } = {}): Promise<RunningServe> {
  // Programs that follow real time (tail -f in an attached shell) get a real tick.
  const host: HostPort = {
    ...eventLoopTurn,
    every: (ms, fn) => {
      const t = setInterval(fn, ms);
      return () => clearInterval(t);
    },
  };
  const sim = new Simulation({ ...o.sim, host });
  const asHost = sim.findHost(o.asHost);
  if (!asHost) throw new ServeError(t('cli.serve.unknown-as', { host: o.asHost }), 2);
  const targetIp = sim.network.policy.resolve(asHost.name, MAIL_HOST);
  if (!targetIp) throw new ServeError(t('cli.serve.cannot-resolve', { host: asHost.name, target: MAIL_HOST }), 2);

  const main = sim.mailServer.mainConfig();
  let tls: SecureContext | undefined;
  let certLine: string;
  try {
    const cert = await serveCertificate(certNames(main.get('myhostname'), main.get('mydomain')), opts.certDir);
    tls = secureContext(cert);
    certLine = t('cli.serve.cert', { state: t(cert.cached ? 'cli.serve.cert-cached' : 'cli.serve.cert-new'), names: cert.names.join(', '), file: cert.file });
  } catch (err) {
    certLine = t('cli.serve.no-cert', { error: (err as Error).message });
  }

  const summary = new ServeSummary(sim);
  const gate = new ClientGate({ perClient: o.perClient, perMinute: o.perMinute }, () => performance.now());
  let lastLimitWarning = 0;
  const accept = (real: Socket, simPort: number) => {
    summary.tally.connections++;
    const ip = real.remoteAddress ?? '?';
    const admitted = gate.admit(ip);
    if (!admitted.ok) {
      summary.tally.refusedByLimits++;
      if (performance.now() - lastLimitWarning > 10_000) {
        lastLimitWarning = performance.now();
        const over = admitted.why === 'rate' ? t('cli.serve.over-rate', { ip, n: o.perMinute }) : t('cli.serve.over-limit', { ip, n: o.perClient });
        process.stderr.write(`relaylab serve: ${over}\n`);
      }
      real.on('error', () => real.destroy());
      real.end(refusal(sim.mailServer.mainConfig().get('myhostname'), ip));
      return;
    }
    real.on('close', admitted.release);
    void bridge(real, { sim, asHost: asHost.name, targetIp, port: simPort, tls: () => tls });
  };
  const listeners = new RealListeners(sim, o.listen, accept, (m) => process.stderr.write(`relaylab serve: ${m}\n`));
  try {
    await listeners.start(new Map(SIM_PORTS.map((p) => [p, opts.realPorts?.[p] ?? realPort(o.portBase, p)])));
  } catch (err) {
    listeners.close();
    summary.dispose();
    throw new ServeError(t('cli.serve.cannot-listen', { address: o.listen, error: (err as NodeJS.ErrnoException).code ?? (err as Error).message }), 1);
  }
  const ports = new Map(listeners.states().map((p) => [p.simPort, p.port]));
  const rows = listeners.states().map(({ simPort, port, listening }) => {
    const svc = [...sim.mailServer.services.values()].find((s) => s.port === simPort);
    const state = listening && svc ? `${svc.name}${tlsNote(svc.config)}` : t('cli.serve.port-closed');
    return `  ${`${o.listen}:${port}`.padEnd(22)} → ${MAIL_HOST}:${simPort}  (${state})`;
  });

  const clock = runRealtimeClock(sim.clock, o.speed, () => listeners.sync());
  let control: ControlServer | undefined;
  let controlLine: string;
  try {
    control = await ControlServer.start({ sim, lab: o.lab, seed: o.seed, startHost: o.startHost }, opts.controlDir);
    controlLine = `${t('cli.serve.control', { socket: control.info.socket, token: control.info.token })}\n`;
  } catch (err) {
    controlLine = `${t('cli.serve.no-control', { error: (err as Error).message })}\n`;
  }
  // The host's own address (the server sees that, or fw's public address for a LAN host going out by NAT).
  const seenAs = asHost.interfaces[0]?.ip ?? '?';
  const banner =
    `${t('cli.serve.banner-clock', { label: o.label, seed: o.seed, speed: o.speed !== 1 ? t('cli.serve.speed', { speed: o.speed }) : '' })}\n` +
    `${t('cli.serve.banner-clients', { host: asHost.name, ip: seenAs, target: MAIL_HOST, targetIp })}\n` +
    `${t('cli.serve.banner-listening')}\n${rows.join('\n')}\n` +
    `${t('cli.serve.banner-tls', { cert: certLine })}\n` +
    // nmap builds its [IP] forms from the address it scans; relaytest from the one the server is reached at.
    `nmap: nmap -sV -p ${ports.get(25)} --script smtp-open-relay --script-args smtp-open-relay.ip=${targetIp} ${o.listen}\n` +
    `${t('cli.serve.banner-nmap-note', { targetIp, host: asHost.short })}\n` +
    controlLine +
    `${t('cli.serve.banner-limits', { perClient: o.perClient, perMinute: o.perMinute })}\n`;
  let stopped = false;
  return {
    sim,
    ports,
    control,
    summary,
    banner,
    stop() {
      if (!stopped) {
        stopped = true;
        listeners.close();
        control?.close();
        clock.stop();
        sim.world?.stop();
        summary.dispose();
      }
      return summary.text();
    },
  };
}

export async function serveCommand(args: string[]): Promise<number> {
  let running: RunningServe;
  try {
    const o = parseServeArgs(args);
    const warning = listenWarning(o.listen);
    if (warning) process.stderr.write(warning);
    running = await startServe(o);
  } catch (err) {
    process.stderr.write(`relaylab serve: ${(err as Error).message}\n`);
    return err instanceof ServeError ? err.exitCode : 2;
  }
  process.stdout.write(`${running.banner}${t('cli.serve.ctrl-c')}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const text = running.stop();
  process.stdout.write(`\n${t('cli.serve.stopped')}\n${text}\n`);
  return 0;
}

/** How the service speaks TLS: from the first byte (smtpd_tls_wrappermode), by STARTTLS, or not at all. */
function tlsNote(config: { get(p: string): string; bool(p: string): boolean }): string {
  if (config.bool('smtpd_tls_wrappermode')) return t('cli.serve.tls-wrapper');
  const level = config.get('smtpd_tls_security_level');
  return level === 'may' || level === 'encrypt' ? t('cli.serve.tls-starttls') : '';
}
