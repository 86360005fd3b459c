/**
 * The lab page's words, in one place: notices, announcements and status
 * lines the islands (and the module player, site/lms/player.ts) show. Step
 * verdict lines come from the grading rule (simulator/grader/lab-progress.ts),
 * shared with `relaylab check`.
 */
const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export const messages = {
  // Restoring and saving
  restoring: (done: number, total: number) => (total ? `Restoring your work in this lab… (${done} of ${total} keys)` : 'Restoring your work in this lab…'),
  storageForbidden: 'Your browser does not allow saving progress here; this attempt will not survive a reload.',
  damagedKept: (key: string) =>
    `Saved progress for this lab could not be read. It was kept in this browser's storage (as "${key}"), not deleted; you are starting afresh.`,
  versionKept: (version: string, key: string) =>
    `Saved progress for this lab was written by ${version} of Relay Lab, which this page cannot read. It was kept (as "${key}"), not deleted: open it with that version to continue it. You are starting afresh here.`,
  keepFailed: 'Saved progress for this lab could not be read, and there was no room to keep a copy aside. It is left as it was, and this attempt will not be saved over it.',
  seedSetAside: (saved: number, requested: number) => `Saved progress for seed ${saved} was set aside: this page was opened with ?seed=${requested}.`,
  saveFailed: (why: string) =>
    `Your progress is NOT being saved: ${why} Download your attempt to keep it; a reload now would lose the work since the last save.`,
  saveQuota: 'this browser\'s storage for the site is full.',
  saveRefused: 'this browser refused to store it.',
  saveWorksAgain: 'Your progress is being saved again.',
  download: 'Download my attempt (JSON)',
  dismiss: 'Dismiss',
  // Two tabs
  otherTabHolds: (openedAt?: number) =>
    `This lab is already open in another tab of this browser${openedAt ? ` (the one opened at ${clock(openedAt)})` : ''}. That tab saves your progress; what you type here is not saved. Close this tab, or use this tab instead (it reloads and continues from the other tab's saved work).`,
  movedAway: (at: number) =>
    `This lab is now open in another tab (taken over at ${clock(at)}). That tab saves your progress from now on; what you type here is not saved. Use this tab instead to take it back (it reloads from the saved work).`,
  changedElsewhere:
    'Another tab saved different progress for this lab. This tab stopped saving so neither overwrites the other; reload to continue from what was saved.',
  useThisTab: 'Use this tab instead',
  resetElsewhere: 'This lab is held by another tab of this browser, so it cannot be reset from here. Reset it in that tab, or use this tab instead first.',
  // Grading
  answerFirst: 'Answer the question to complete this step.',
  stepDone: (n: number, title: string, reason: string) => `Step ${n} done: ${title}. ${reason}`,
  stepReopened: (n: number, title: string, reason: string) => `Step ${n} re-opened: ${title}. ${reason}`,
  notYet: (reason: string) => `Not yet: ${reason}`,
  labComplete: (steps: number) => `Lab complete: all ${steps} steps done.`,
  labIncomplete: 'The lab is no longer complete: a step that passed fails now.',
  progress: (done: number, total: number) => `${done} of ${total} done`,
  resetConfirm: 'Reset this lab? Your commands, answers and progress will be lost and a fresh network started.',
  hint: (text: string) => `Hint: ${text}`,
  hintButton: (shown: number, total: number) => `Show ${shown ? 'another' : 'a'} hint (${shown + 1} of ${total})`,
  solutionShown: 'The solution is shown below the hints.',
  checkPassed: 'passes: ',
  checkFailed: 'fails: ',
  seedInvalid: (given: string) => `The address asks for seed "${given}", which is not a seed (a whole number from 0 to 4294967295). A random network was started instead.`,
  checking: 'Checking…',
  checkingStatus: 'Checking your work against the network…',
  // The coach (simulator/coach): its sentences come from its own catalogue; these are the page's words around them.
  coachReset: 'Reset lab',
  typed: (command: string) => `Typed into the terminal: ${command}`,
  // The module player (site/lms/player.ts): a module's pages in one frame, in an LMS or not.
  modulePageDone: '✓ done',
  modulePageSteps: (passed: number, total: number) => `${passed} of ${total} steps`,
  moduleSummary: (progress: number, score: number, complete: boolean) => `${progress}% done · score ${score}%${complete ? ' · complete' : ''}`,
  moduleSavedToLms: (version: string) => `Progress is saved to your learning platform (SCORM ${version}).`,
  moduleSavedHere: 'Progress is saved in this browser.',
} as const;
