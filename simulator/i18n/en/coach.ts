/**
 * What the coach says (simulator/coach): each text speaks the learner's words
 * (what they typed, what they saw) and ends with the next move. Backquoted
 * parts are commands to type; a translator keeps them and the `{name}`
 * placeholders.
 */
export const coach = {
  'coach.tested-from-inside':
    '{host} is inside mynetworks; the server relays for it on purpose — test from outside: `ssh outside`',
  'coach.not-reloaded':
    'main.cf has changed, but the smtpd now running still has the old settings; new ones pick the edit up later, on their own — `postfix reload` applies it now',
  'coach.still-in-data':
    'You are still inside DATA: the server takes every line as part of the message, so `{typed}` went into the body. End the message with a line holding only a dot (`.`); then the server answers again.',
  'coach.still-in-data-closed':
    'The connection ended while the server was still reading the message body (after DATA), so the message was not sent. End the body with a line holding only a dot (`.`) before QUIT.',
  'coach.telnet-no-port':
    'telnet without a port connects to port 23, where {host} runs no service. SMTP listens on port 25: `telnet {host} 25`',
  'coach.smtp-verb-at-prompt':
    '`{verb}` is an SMTP command, not a shell command, so bash does not know it. Open a session to the mail server first — `telnet mail.corp.example 25` — and type it after the 220 greeting.',
  'coach.spam-delivered':
    'Spam from the starting queue has been delivered (Postfix retried the deferred mail and {relay} accepted it). It cannot be called back, so this lab cannot be finished from here: reset the lab to start again.',
  'coach.legit-deleted':
    'You deleted legitimate mail from colleagues ({mail}); it will never arrive, so this lab cannot be finished from here: reset the lab to start again.',
  /** The heading `relaylab check` prints above the mistakes of a run. */
  'coach.check-heading': 'Mistakes seen during the run:',
  /** How `relaylab shell` marks a coach line on stderr, apart from what the servers print. */
  'coach.shell-prefix': '[relaylab coach] ',
  /** What Reset means where there is no button (`relaylab shell`). */
  'coach.shell-reset': ' (to start again, run `relaylab shell --lab {lab}` anew)',
} as const;
