/** The shape of one recorded step (tests/fixtures/postfix/<case>.json, `results[i]` answers `steps[i]`). */
import type { Step } from './cases.ts';

export type StepResult =
  | { kind: 'scenario' | 'append-main-cf' | 'remove-main-cf-line' }
  | { kind: 'shell'; stdout: string; stderr: string; status: number; log: string[] }
  /** The first reply, or null when none came within 3 s (smtpd not serving). */
  | { kind: 'connect'; greeting: string | null }
  | { kind: 'send'; replies: string[]; closed: boolean }
  /** mail.log lines written since the previous step that read the log. */
  | { kind: 'close'; log: string[] }
  | { kind: 'battery'; script: string[]; verdict: string; passed: string[]; log: string[] }
  | { kind: 'mailbox'; text: string };

export type Fixture = { case: string; about: string; recordedWith: string; steps: Step[]; results: StepResult[] };
