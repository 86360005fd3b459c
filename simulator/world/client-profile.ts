/**
 * The company's mail-client profile: the outgoing-mail settings IT pushes to
 * every desk and laptop (what autoconfig or a management tool does in real
 * life), kept on ops as /etc/corp/mail-client.conf. A lab that installs it
 * lets the learner move everyone to submission in one edit; clients pick the
 * change up at their next message. Without the file (the default world)
 * employees keep their old habits (see employees.ts).
 */
import { OPS_HOST } from '../net/corp-hosts.ts';
import type { WorldEnv } from './world-env.ts';

export const CLIENT_PROFILE = '/etc/corp/mail-client.conf';

export const CLIENT_PROFILE_TEXT = `# Outgoing mail settings for every desk and laptop (pushed at login; clients
# re-read it before each message). Road warriors use the same settings.
smtp_server   = mail.corp.example
smtp_port     = 25
# none | starttls
smtp_security = none
# no | yes  (log in with the user's own mailbox password)
smtp_auth     = no
`;

export type ClientProfile = { port: number; starttls: boolean; auth: boolean };

export function parseClientProfile(text: string): ClientProfile {
  const get = (k: string) => new RegExp(`^\\s*${k}\\s*=\\s*(\\S+)`, 'm').exec(text)?.[1]?.toLowerCase();
  const port = Number(get('smtp_port') ?? '25');
  return { port: Number.isInteger(port) ? port : 25, starttls: get('smtp_security') === 'starttls', auth: get('smtp_auth') === 'yes' };
}

/** The profile in force, or undefined when the lab has none. */
export function clientProfile(sim: WorldEnv): ClientProfile | undefined {
  const text = sim.machine(OPS_HOST).fs.tryRead(CLIENT_PROFILE);
  return text === undefined ? undefined : parseClientProfile(text);
}
