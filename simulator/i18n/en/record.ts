/**
 * The change record's words (site/islands/lab/change-record.ts), the page a
 * learner prints and attaches to a change ticket. Diff lines and rules are the
 * files' own text.
 */
export const record = {
  'record.battery-unreachable': 'not reachable from outside: {why}',
  'record.battery-open': 'open relay: {accepted} of 16 tests accepted',
  'record.battery-closed': 'closed: all 16 tests refused',
  'record.no-change': 'No change.',
  'record.lab': 'Lab',
  'record.lab-value': '{lab} (seed {seed})',
  'record.battery-before': 'Relay battery from outside, before',
  'record.battery-after': 'Relay battery from outside, after',
  'record.mail-flow-pass': 'Mail flow ✓',
  'record.mail-flow-fail': 'Mail flow ✗',
  'record.time-taken': 'Time taken',
  'record.time-seconds': '{seconds} s',
  'record.hints-used': 'Hints used',
  'record.solutions-shown': { count: 'n', one: ', and the solution shown for {n} step', other: ', and the solution shown for {n} steps' },
  'record.main-cf': '/etc/postfix/main.cf on mail',
  'record.firewall': 'Firewall rules on fw (iptables -S)',
} as const;
