/**
 * Issue 9, observation 7: checks that name something the lab's network does
 * not have are refused, each with one sentence naming file and field. Before
 * the validator knew the simulation, every case here validated (and the
 * misspelt parameter even passed).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateLab } from '../../../simulator/labs/validate.ts';
import { formatLabError } from '../../../simulator/labs/friendly-errors.ts';
import { regexParameters } from '../../../simulator/labs/check-refs.ts';
import { findCheckKind } from '../../../simulator/grader/registry.ts';
import { POSTFIX_DEFAULTS } from '../../../simulator/postfix/defaults.ts';

const FILE = 'labs/demo/lab.json';
const lab = (checks: unknown[], scenario: Record<string, unknown> = {}) => ({
  id: 'demo',
  title: 'Demo',
  audience: 'admin',
  minutes: 5,
  teaches: 'x',
  scenario,
  steps: [{ id: 'one', title: 'One', text: 'one.mdx', checks, solution: ['echo hi'] }],
  summary: { learned: ['y'] },
});

function errors(def: unknown): string[] {
  return validateLab({ dir: 'demo', file: FILE, text: JSON.stringify(def), files: new Set(['one.mdx']) }).errors.map(formatLabError);
}

/** The one error of a lab with one broken check: file, field, then a sentence. */
function refusal(def: unknown, field: string): string {
  const all = errors(def);
  expect(all).toHaveLength(1);
  const [line] = all;
  expect(line!.startsWith(`${FILE}: ${field}: `)).toBe(true);
  const message = line!.slice(`${FILE}: ${field}: `.length);
  expect(message).toMatch(/^\S.{20,}[.?]$/); // a sentence, ended as one
  return message;
}

describe('the validator knows the simulation', () => {
  it('refuses a config check on a misspelt Postfix parameter, suggesting the right one', () => {
    const msg = refusal(lab([{ kind: 'config', parameter: 'mynetworkz', notContains: '0.0.0.0/0' }]), 'steps[0].checks[0].parameter');
    expect(msg).toBe('unknown Postfix parameter "mynetworkz" (did you mean mynetworks?): the check would read an empty value and pass or fail for the wrong reason.');
  });

  it('names the misspelt element of a parameter list', () => {
    const msg = refusal(lab([{ kind: 'config', parameter: ['mynetworks', 'smtpd_relay_restriction'], contains: 'reject' }]), 'steps[0].checks[0].parameter[1]');
    expect(msg).toContain('"smtpd_relay_restriction" (did you mean smtpd_relay_restrictions?)');
  });

  it('takes every parameter of postfix/defaults.ts, so parameters added there count at once', () => {
    const all = Object.keys(POSTFIX_DEFAULTS);
    expect(errors(lab([{ kind: 'config', parameter: all, contains: 'x' }]))).toEqual([]);
  });

  it('refuses a config check on an smtpd service master.cf does not have', () => {
    const msg = refusal(lab([{ kind: 'config', service: 'submision', parameter: 'mynetworks', contains: 'x' }]), 'steps[0].checks[0].service');
    expect(msg).toBe('no smtpd service "submision" in master.cf on mail (known: smtp, submission, submissions).');
    // submission is commented out in the shipped master.cf: a lab may ask the learner to enable it.
    expect(errors(lab([{ kind: 'config', service: 'submission', parameter: 'smtpd_tls_auth_only', equals: 'yes' }]))).toEqual([]);
  });

  it.each([
    ['mailbox', { user: 'bob', header: '^Subject: (' }, 'header', 'Unterminated group'],
    ['mailbox', { user: 'bob', body: '*hello' }, 'body', 'Nothing to repeat'],
    ['mailbox', { user: 'bob', envelopeFrom: '[a-' }, 'envelopeFrom', 'Unterminated character class'],
    ['process', { hosts: ['ws01'], match: 'bot(', expect: 'absent' }, 'match', 'Unterminated group'],
  ])('refuses an invalid regular expression: %s.%s', (kind, params, field, why) => {
    const msg = refusal(lab([{ kind, ...params }]), `steps[0].checks[0].${field}`);
    expect(msg).toMatch(/^".*" is not a valid regular expression \(.*\), so this check could never pass\.$/);
    expect(msg).toContain(why);
  });

  it('finds regex parameters from each kind\'s schema, so a new kind describing one "Regular expression…" is covered', () => {
    expect(regexParameters(findCheckKind('mailbox')!).sort()).toEqual(['body', 'envelopeFrom', 'header']);
    expect(regexParameters(findCheckKind('process')!)).toEqual(['match']);
    const fake = { ...findCheckKind('counter')!, kind: 'log', params: z.object({ line: z.string().describe('Regular expression a line must match') }).refine(() => true) };
    expect(regexParameters(fake)).toEqual(['line']);
  });

  it('refuses a mailbox check for a user without a mailbox, and says where an alias\'s mail goes', () => {
    expect(refusal(lab([{ kind: 'mailbox', user: 'zed' }]), 'steps[0].checks[0].user')).toBe('no user "zed" has a mailbox on mail.corp.example, so this check could never pass.');
    expect(refusal(lab([{ kind: 'mailbox', user: 'bbo' }]), 'steps[0].checks[0].user')).toContain('(did you mean bob?)');
    expect(refusal(lab([{ kind: 'mailbox', user: 'postmaster' }]), 'steps[0].checks[0].user')).toBe(
      '"postmaster" is an alias in /etc/aliases on mail: its mail lands in admin\'s mailbox, so name "admin" here.',
    );
    expect(errors(lab([{ kind: 'mailbox', user: 'admin' }, { kind: 'mailbox', user: 'bob' }]))).toEqual([]);
  });

  it('refuses an answer check reading the mailbox of a user who has none', () => {
    const def = lab([{ kind: 'answer', fact: 'return-path', user: 'nobody' }]);
    (def.steps[0] as Record<string, unknown>).question = { prompt: 'Who?' };
    expect(refusal(def, 'steps[0].checks[0].user')).toContain('no user "nobody" has a mailbox');
  });

  it('reads the accounts from the lab\'s simulated mail server: every employee has one, whatever the desk count', () => {
    expect(errors(lab([{ kind: 'mailbox', user: 'zoe' }, { kind: 'mailbox', user: 'noor' }], { workstations: 5 }))).toEqual([]);
    expect(refusal(lab([{ kind: 'mailbox', user: 'alice2' }], { workstations: 40 }), 'steps[0].checks[0].user')).toContain('no user "alice2"');
  });

  it('refuses hosts outside the lab\'s topology, counting its workstations', () => {
    const battery = (from: string) => [{ kind: 'relay-battery', from, expect: 'closed' }];
    expect(refusal(lab(battery('outsid')), 'steps[0].checks[0].from')).toBe('unknown host "outsid" (did you mean outside?): no host of that name in the lab\'s network.');
    expect(errors(lab(battery('ws07')))).toEqual([]);
    expect(refusal(lab(battery('ws07'), { workstations: 5 }), 'steps[0].checks[0].from')).toBe(
      'unknown host "ws07": no host of that name in the lab\'s network (this lab has 5 workstations: ws01…ws05).',
    );
    const proc = [{ kind: 'process', hosts: ['workstations', 'ws30'], match: 'bot', expect: 'absent' }];
    expect(refusal(lab(proc), 'steps[0].checks[0].hosts[1]')).toContain('unknown host "ws30"');
  });

  it('refuses infected workstations the scenario does not have', () => {
    expect(refusal(lab([{ kind: 'mailbox', user: 'bob' }], { workstations: 5, infected: ['ws03', 'ws09'] }), 'scenario.infected[1]')).toBe('"ws09" is not a workstation of this lab (it has 5).');
    expect(refusal(lab([{ kind: 'mailbox', user: 'bob' }], { workstations: 5, infected: 6 }), 'scenario.infected')).toBe('6 infected workstations, but the lab has only 5.');
  });
});

describe('the people a probe acts as exist', () => {
  it('refuses an inbound probe that must be accepted for a local recipient who does not exist', () => {
    expect(refusal(lab([{ kind: 'mail-inbound', rcptTo: 'zed@corp.example' }]), 'steps[0].checks[0].rcptTo')).toBe(
      'no user or alias "zed" on mail.corp.example: the server refuses mail for zed@corp.example ("User unknown in local recipient table"), so this check could never pass.',
    );
    // Aliases and foreign domains are fine; expecting the refusal is a lesson, not a mistake.
    expect(errors(lab([{ kind: 'mail-inbound', rcptTo: 'postmaster@corp.example' }, { kind: 'mail-inbound', rcptTo: 'zed@corp.example', expect: 'refused' }]))).toEqual([]);
  });

  it('refuses a submission probe authenticating as someone without an SMTP AUTH account', () => {
    expect(refusal(lab([{ kind: 'submission', auth: { user: 'alcie' } }]), 'steps[0].checks[0].auth.user')).toBe(
      'no SMTP AUTH account "alcie" in /etc/sasldb2 on mail (did you mean alice?), so this check could never pass.',
    );
    expect(errors(lab([{ kind: 'submission', auth: { user: 'alice' } }]))).toEqual([]);
  });
});

describe('addresses a check names belong to the network', () => {
  it('refuses a dnsbl check on an address no host has', () => {
    expect(refusal(lab([{ kind: 'dnsbl', address: '203.0.113.52', expect: 'not-listed' }]), 'steps[0].checks[0].address')).toBe(
      "203.0.113.52 is not an address of any host in the lab's network, so the blocklist never lists it.",
    );
    expect(errors(lab([{ kind: 'dnsbl', address: '203.0.113.25', expect: 'not-listed' }, { kind: 'dnsbl', address: '203.0.113.10', expect: 'not-listed' }]))).toEqual([]);
  });
});
