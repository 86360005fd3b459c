/**
 * One table of lab sessions and the verdicts the one grading rule must give
 * (simulator/grader/lab-progress.ts). The same table runs headless through
 * `runAttempt` (tests/unit/labs/grading-rule.test.ts, what `relaylab check`
 * does) and through the real lab page in Chromium with real page reloads
 * where a line says RELOAD (tests/e2e/grading-rule.spec.ts). A reload replays
 * the saved keys, so it must not change any verdict.
 */
export const RELOAD = '<reload>';

export type GradingSession = {
  name: string;
  lab: string;
  seed: number;
  lines: readonly string[];
  /** Per step, in the lab's order: passes on the final state. */
  pass: readonly boolean[];
  /** Steps the page shows as re-opened (passed at an earlier grading, fail now). */
  reopened: readonly string[];
};

const FIX = [
  'ssh mail',
  "postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24'",
  "postconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'",
  'postfix reload',
];
const CLEAN = ["postqueue -p | awk '/^[0-9A-F]+ / && $7 !~ /@corp\\.example$/ {print $1}' | postsuper -d -"];
const REOPEN = ["postconf -e 'mynetworks = 0.0.0.0/0'", 'postfix reload'];

export const GRADING_SESSIONS: readonly GradingSession[] = [
  { name: 'nothing done', lab: 'close-the-relay', seed: 7, lines: ['echo hello'], pass: [false, false, false], reopened: [] },
  { name: 'relay fixed, queue not cleaned', lab: 'close-the-relay', seed: 7, lines: [...FIX, RELOAD], pass: [true, true, false], reopened: [] },
  { name: 'everything done', lab: 'close-the-relay', seed: 7, lines: [...FIX, ...CLEAN], pass: [true, true, true], reopened: [] },
  {
    // Issue 9, observation 4: the page said 2 of 3, `relaylab check` 0.
    name: 'break after pass: fix, reload, re-open the relay, reload',
    lab: 'close-the-relay',
    seed: 7,
    lines: [...FIX, RELOAD, ...REOPEN, RELOAD],
    pass: [false, false, false],
    reopened: ['close', 'keep-mail'],
  },
  {
    name: 'complete, then broken: the lab is no longer complete',
    lab: 'close-the-relay',
    seed: 7,
    lines: [...FIX, ...CLEAN, ...REOPEN],
    pass: [false, false, true],
    reopened: ['close', 'keep-mail'],
  },
];
