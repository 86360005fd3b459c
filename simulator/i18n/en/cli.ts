/**
 * What the relaylab CLI itself says (cli/): usage, argument errors, the
 * verdict report of `relaylab check`, the lab listing and `labs show`. What
 * the simulated programs print inside `relaylab shell` is not here: that is
 * the servers' own output. A translator keeps option names (`--seed`), command
 * lines and the `{name}` placeholders; the program name before a colon stays too.
 */
export const cli = {
  'cli.usage':
    'Usage: relaylab <command> [options]\n' +
    '\n' +
    'Commands:\n' +
    '  shell [--seed N] [--lab ID] [--speed X] [--no-world]\n' +
    '                     the lab shell; interactive on a terminal, a transcript when stdin is piped.\n' +
    '                     Default: the source post\'s company (open relay, infected workstations, no\n' +
    '                     egress filtering) with the living world running; --lab ID starts that lab\'s\n' +
    '                     scenario on its start host; --speed sets simulated seconds per real second\n' +
    '  labs [show ID [--solution [--seed N]] | validate [PATH...]]\n' +
    '                     list the labs, print one (with its answer key), or check lab files\n' +
    '  check --lab ID [--seed N] [--answer STEP=TEXT]...\n' +
    '                     type commands from stdin into a lab attempt, print each step\'s verdict\n' +
    '  serve [--lab ID | --scenario NAME] [--seed N] [--listen 127.0.0.1] [--port-base 2500] [--as HOST]\n' +
    '                     the simulated mail server on real TCP ports (25 → base+25, 465 → base+65, 587 → base+87) for\n' +
    '                     real telnet, swaks, openssl and nmap; real clients are --as HOST (default: the\n' +
    '                     outside host). More: [--world] [--speed X] [--client-limit N] [--client-rate N]\n' +
    '  shell --attach / check --attach [--lab ID]\n' +
    '                     a shell on, or the grading of, the network a running serve exposes\n' +
    '  scorm [--module ID]... [--edition 2004-4th|2004-3rd|1.2]... [--dist DIR] [--out DIR]\n' +
    '                     SCORM zips of the built site (npm run build), per module and edition\n' +
    '  workshop [--listen ADDR] [--port 4321] [--data FILE] [--database postgres://…]\n' +
    '                     serve the built site and a progress API for a class: join code, seats,\n' +
    '                     the trainer\'s live view (loopback unless --listen says otherwise)\n' +
    '\n' +
    'Options:\n' +
    '  -h, --help         show this help\n',
  'cli.unknown-command': "unknown command '{verb}'",

  // ---- args.ts, shell.ts ----
  'cli.bad-seed': "--seed must be a whole number from 0 to 4294967295, not '{value}'",
  'cli.bad-speed': "--speed must be a number of simulated seconds per real second (0 < X <= 3600), not '{value}'",

  // ---- check.ts ----
  'cli.check.lab-required': '--lab ID is required',
  'cli.check.usage': 'usage: relaylab check --lab ID [--seed N] [--answer STEP=TEXT]... [--hints N] < commands.txt\n       relaylab check --attach [--lab ID] [--answer STEP=TEXT]... [< commands.txt]',
  'cli.check.bad-hints': "--hints takes the number of hints shown, not '{value}'",
  'cli.check.bad-answer': "--answer takes STEP=TEXT, not '{value}'",
  'cli.check.heading': '{title} (lab {id}, seed {seed})',
  'cli.check.pass': 'PASS',
  'cli.check.fail': 'FAIL',
  'cli.check.passed': { count: 'total', one: '{passed} of {total} step passed.', other: '{passed} of {total} steps passed.' },
  'cli.check.score': 'Score breakdown:',

  // ---- labs.ts ----
  'cli.labs.unknown-subcommand': "unknown subcommand '{sub}' (list, show ID [--solution [--seed N]], validate [PATH...])",
  'cli.labs.invalid': '(invalid: run relaylab labs validate)',
  'cli.labs.minutes': '{n} min',
  'cli.labs.column-id': 'ID',
  'cli.labs.column-title': 'TITLE',
  'cli.labs.column-audience': 'AUDIENCE',
  'cli.labs.column-minutes': 'MINUTES',
  'cli.labs.show-usage': 'usage: relaylab labs show ID [--solution [--seed N]]',
  'cli.labs.seed-needs-solution': '--seed goes with --solution (the key of that seed)',
  'cli.labs.show-title': { count: 'minutes', one: '{title}  ({id}, for {audience}, about {minutes} minute)', other: '{title}  ({id}, for {audience}, about {minutes} minutes)' },
  'cli.labs.teaches': 'Teaches: {teaches}',
  'cli.labs.world': 'living world at {speed}x',
  'cli.labs.queue': 'queue: {queue}',
  'cli.labs.infected': 'infected: {infected}',
  'cli.labs.random-seed': 'random per attempt',
  'cli.labs.scenario': 'Scenario: mail server {mail}, seed {seed}, start on {host}{extras}',
  'cli.labs.answer-key': 'Answer key for seed {seed}: relaylab check --lab {id} --seed {seed}',
  'cli.labs.question': 'Question: {prompt}{choices}',
  'cli.labs.checked-by': 'Checked by: {checks}',
  'cli.labs.unknown-kind': 'unknown',
  'cli.labs.answer': 'answer: {answer}',
  'cli.labs.answer-by-seed': 'answer: depends on the seed (relaylab labs show {id} --solution --seed N)',
  'cli.labs.learned': 'You learned:',
  'cli.labs.checked-labs': { count: 'n', one: '{n} lab', other: '{n} labs' },
  'cli.labs.checked-errors': { count: 'n', one: '{n} error', other: '{n} errors' },
  'cli.labs.checked': '{labs} checked: {valid} valid, {errors}.',

  // ---- lab-files.ts ----
  'cli.files.folder-without-lab': 'not found: every folder here is read as a lab, and {folder}/ has no lab.json (add one, or move the folder elsewhere).',
  /** Where a path error points, in place of a field. */
  'cli.files.path-field': '(path)',
  'cli.files.no-such-path': 'no such file or folder.',
  'cli.files.is-a-file': 'is a file, not a lab: give a lab folder, its lab.json, or a folder of labs.',
  'cli.files.empty-folder': 'not found: the folder is empty. A lab is a folder holding lab.json and its MDX step texts (see README, "Writing a lab").',
  'cli.files.no-lab-here': 'not found: this folder holds no lab.json, and none of its folders does. A lab is a folder holding lab.json (see README, "Writing a lab").',
  'cli.files.no-lab': 'no lab "{id}" (known: {known})',
  'cli.files.none': 'none',
  'cli.files.invalid-lab': 'lab "{id}" is invalid:\n{errors}',
} as const;
