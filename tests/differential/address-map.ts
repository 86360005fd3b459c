/**
 * How the simulation's network is laid onto loopback for the real Postfix, and back.
 * The real server listens on 127.0.0.1 only; "the LAN" is 127.0.0.96/27 (client
 * 127.0.0.101, the simulation's ws01 10.0.0.101) and "outside" is 127.0.0.66 (the
 * simulation's outside.example.org). The simulation's `127.0.0.0/8` becomes
 * `127.0.0.1/32` so that the stand-ins for outside stay outside mynetworks.
 */

export const REAL = {
  server: '127.0.0.1',
  lanClient: '127.0.0.101',
  outsideClient: '127.0.0.66',
} as const;

/** Simulation text → real text (pairs applied in order; the most specific first). */
const TO_REAL: [string, string][] = [
  ['10.0.0.25/24', '127.0.0.101/27'],
  ['10.0.0.0/24', '127.0.0.96/27'],
  ['127.0.0.0/8', '127.0.0.1/32'],
];

export function toReal(text: string): string {
  let out = text;
  for (const [sim, real] of TO_REAL) out = out.split(sim).join(real);
  return out.replace(/^inet_interfaces = all$/m, `inet_interfaces = ${REAL.server}`).split('{IP}').join(REAL.server);
}

/** Real text → simulation text, given the addresses the simulation used. */
export function toSim(text: string, sim: { server: string; lan: string; outside: string }): string {
  let out = text;
  // The CIDRs first, then the bare addresses (127.0.0.1 is inside 127.0.0.1/32).
  out = out.split('127.0.0.101/27').join('10.0.0.25/24').split('127.0.0.96/27').join('10.0.0.0/24').split('127.0.0.1/32').join('127.0.0.0/8');
  out = out.replace(/\b127\.0\.0\.101\b/g, sim.lan).replace(/\b127\.0\.0\.66\b/g, sim.outside).replace(/\b127\.0\.0\.1\b/g, sim.server);
  return out.replace(/^inet_interfaces = \S+$/m, 'inet_interfaces = all');
}

/** Lines the recording adds to main.cf for its own sake; they never reach a fixture comparison. */
export const RECORDING_ONLY_PARAMS = ['maillog_file', 'smtpd_error_sleep_time'];
export const RECORDING_BLOCK = '# differential recording only\nsmtpd_error_sleep_time = 0\nmaillog_file = /var/log/postfix.log\n';
