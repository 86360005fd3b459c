/**
 * The lab page's notices, announcements and status lines, as typed accessors
 * over the message catalogue (simulator/i18n, namespace `lab.`): the islands
 * (and the module player, site/lms/player.ts) call a function with the facts,
 * the catalogue holds the words. Step verdict lines come from the grading rule
 * (simulator/grader/lab-progress.ts), shared with `relaylab check`.
 */
import { t } from '../../simulator/i18n/t.ts';

const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export const messages = {
  // Restoring and saving
  restoring: (done: number, total: number) => (total ? t('lab.restoring-keys', { done, total }) : t('lab.restoring')),
  get storageForbidden() {
    return t('lab.storage-forbidden');
  },
  damagedKept: (key: string) => t('lab.damaged-kept', { key }),
  versionKept: (version: string, key: string) => t('lab.version-kept', { version, key }),
  get keepFailed() {
    return t('lab.keep-failed');
  },
  seedSetAside: (saved: number, requested: number) => t('lab.seed-set-aside', { saved, requested }),
  saveFailed: (why: string) => t('lab.save-failed', { why }),
  get saveQuota() {
    return t('lab.save-quota');
  },
  get saveRefused() {
    return t('lab.save-refused');
  },
  get saveWorksAgain() {
    return t('lab.save-works-again');
  },
  get download() {
    return t('lab.download');
  },
  get dismiss() {
    return t('lab.dismiss');
  },
  // Two tabs
  otherTabHolds: (openedAt?: number) => t('lab.other-tab-holds', { since: openedAt ? t('lab.other-tab-since', { time: clock(openedAt) }) : '' }),
  movedAway: (at: number) => t('lab.moved-away', { time: clock(at) }),
  get changedElsewhere() {
    return t('lab.changed-elsewhere');
  },
  get useThisTab() {
    return t('lab.use-this-tab');
  },
  get resetElsewhere() {
    return t('lab.reset-elsewhere');
  },
  // Grading
  get answerFirst() {
    return t('lab.answer-first');
  },
  stepDone: (n: number, title: string, reason: string) => t('lab.step-done', { n, title, reason }),
  stepReopened: (n: number, title: string, reason: string) => t('lab.step-reopened', { n, title, reason }),
  notYet: (reason: string) => t('lab.not-yet', { reason }),
  labComplete: (steps: number) => t('lab.complete', { steps }),
  get labIncomplete() {
    return t('lab.incomplete');
  },
  progress: (done: number, total: number) => t('lab.progress', { done, total }),
  get resetConfirm() {
    return t('lab.reset-confirm');
  },
  hint: (text: string) => t('lab.hint', { text }),
  hintButton: (shown: number, total: number) => (shown ? t('lab.hint-another', { n: shown + 1, total }) : t('lab.hint-first-of', { n: shown + 1, total })),
  get solutionShown() {
    return t('lab.solution-shown');
  },
  get checkPassed() {
    return t('lab.check-passes');
  },
  get checkFailed() {
    return t('lab.check-fails');
  },
  seedInvalid: (given: string) => t('lab.seed-invalid', { given }),
  get checking() {
    return t('lab.checking');
  },
  get checkingStatus() {
    return t('lab.checking-status');
  },
  // The coach (simulator/coach) has its own namespace; these are the page's words around it.
  get coachReset() {
    return t('lab.reset');
  },
  typed: (command: string) => t('lab.typed', { command }),
  /** The grader's reason for a question not answered yet (grader/checks/answer.ts, choice.ts). */
  get noAnswer() {
    return t('grader.no-answer');
  },
  stepState: (done: boolean, current: boolean) => (done ? t('lab.state-done') : current ? t('lab.state-current') : t('lab.state-not-done')),
  timeTaken: (minutes: number, seconds: number) => t('lab.time-taken', { minutes: minutes ? t('lab.time-minutes', { minutes }) : '', seconds }),
  versionName: (version: unknown, newer: boolean) => (newer ? t('lab.version-newer', { format: String(version) }) : t('lab.version-other', { format: JSON.stringify(version ?? null) })),
  // The module player (site/lms/player.ts): a module's pages in one frame, in an LMS or not.
  get modulePageDone() {
    return t('lab.module-page-done');
  },
  modulePageSteps: (passed: number, total: number) => t('lab.module-page-steps', { passed, total }),
  moduleSummary: (progress: number, score: number, complete: boolean) => t('lab.module-summary', { progress, score, complete: complete ? t('lab.module-complete') : '' }),
  moduleSavedToLms: (version: string) => t('lab.module-saved-lms', { version }),
  get moduleSavedHere() {
    return t('lab.module-saved-here');
  },
};
