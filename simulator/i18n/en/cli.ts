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
    '  site [--port 4321] [--listen ADDR] [--dir DIR]\n' +
    '                     serve the built site (npm run build) as a static host would: what npm start runs\n' +
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

  // ---- serve/ ----
  // One literal (not joined with +), so its {address} placeholder is typed.
  'cli.serve.warning':
    "WARNING: listening on {address}, not 127.0.0.1: this lab's mail server is a deliberately\nopen relay and is now reachable from the network. Mail it accepts stays inside the simulation (nothing is\never delivered), but anyone who can reach this machine can probe it. Use it only on a network you trust.",
  'cli.serve.bad-int': "{name} must be a whole number from {min} to {max}, not '{value}'",
  'cli.serve.unexpected-argument': "unexpected argument '{value}'",
  'cli.serve.bad-listen': "--listen takes an IP address, not '{value}'",
  'cli.serve.scenario-with-lab': '--scenario is for serve without --lab (a lab brings its own)',
  'cli.serve.bad-scenario': "--scenario is one of {known}, not '{value}'",
  'cli.serve.label-lab': 'lab {id}',
  'cli.serve.label-scenario': 'scenario {scenario}',
  'cli.serve.unknown-as': "--as names no host of this network: '{host}'",
  'cli.serve.cannot-resolve': '{host} cannot resolve {target}',
  'cli.serve.cert-cached': 'cached',
  'cli.serve.cert-new': 'new',
  'cli.serve.cert': '{state} self-signed certificate for {names} ({file})',
  'cli.serve.no-cert': 'no certificate ({error}): STARTTLS will close the connection',
  'cli.serve.over-rate': '{ip} is over the per-client rate ({n}/min); refused',
  'cli.serve.over-limit': '{ip} is over the per-client limit ({n} open); refused',
  'cli.serve.cannot-listen': 'cannot listen on {address}: {error}',
  'cli.serve.cannot-listen-again': 'cannot listen on {address}:{port} again: {error}',
  'cli.serve.port-closed': 'closed: not in master.cf; opens when it is enabled and postfix reloads',
  'cli.serve.tls-wrapper': ', TLS from the first byte',
  'cli.serve.tls-starttls': ', STARTTLS',
  'cli.serve.control': 'control: {socket} (token {token})\n  relaylab shell --attach | relaylab check --attach',
  'cli.serve.no-control': 'control: none ({error}); --attach will not work',
  'cli.serve.speed': ' × {speed}',
  'cli.serve.banner-clock': 'relaylab serve: {label}, seed {seed}; the clock runs in real time{speed}',
  'cli.serve.banner-clients': 'Real clients are {host} ({ip}) inside the simulation, connecting to {target} at {targetIp}.',
  'cli.serve.banner-listening': 'listening (real → simulated):',
  'cli.serve.banner-tls': 'tls: {cert}',
  'cli.serve.banner-nmap-note': "  (the script's [IP] tests then use {targetIp}, as relaytest from {host} does)",
  'cli.serve.banner-limits': 'limits: {perClient} open connections and {perMinute} new per minute per client address',
  'cli.serve.ctrl-c': 'Ctrl-C stops and prints a summary.',
  'cli.serve.stopped': 'relaylab serve: stopped.',
  'cli.serve.summary-connections': 'connections: {n}{refused}',
  'cli.serve.summary-refused': ' ({n} refused by the per-client limits)',
  'cli.serve.summary-sessions': 'smtpd sessions: {sessions}, messages accepted: {messages}',
  'cli.serve.summary-relay': 'relay attempts: {accepted} accepted, {refused} refused',
  'cli.serve.no-serve': "no running 'relaylab serve' found ({file} is missing); start one, or give --control PATH --token T",
  'cli.serve.cannot-reach': 'cannot reach serve at {socket}: {error}',

  // ---- workshop/command.ts ----
  'cli.site.usage': 'usage: relaylab site [--port 4321] [--listen ADDR (default 127.0.0.1)] [--dir DIR (default dist/)]',
  /** Shared by `relaylab site` and `relaylab workshop`, which both serve the built site. */
  'cli.bad-port': "--port must be a port number, not '{value}'",
  'cli.no-site': 'the built site is missing ({dir}); run `npm run build` first',
  'cli.cannot-listen': 'cannot listen on {host}:{port}: {error}',
  'cli.site.listening': 'Relay Lab: {url}/',
  'cli.site.method-not-allowed': '{method} is not served here: the site is static (GET and HEAD only)',
  'cli.workshop.usage': 'usage: relaylab workshop [--listen ADDR] [--port 4321] [--data FILE] [--database postgres://…] [--site DIR (default dist/)]',
  'cli.workshop.bad-database': '--database takes a postgres://… URL',
  'cli.workshop.no-store': 'cannot open the progress store: {error}',
  'cli.workshop.store-postgres': 'PostgreSQL {url}',
  'cli.workshop.store-sqlite': 'SQLite file {file}',
  'cli.workshop.listening': 'Relay Lab workshop listening on {url}/ (progress: {where})',
  'cli.workshop.join-code': 'Join code: {code}',
  'cli.workshop.loopback': 'Attendees: {url}/workshop/join/ — loopback only: no other machine can reach it (--listen ADDR opens it to the room).',
  'cli.workshop.open-warning': 'Warning: listening on {host}: every machine that can reach this one can open the site and join with the code.',
  'cli.workshop.open-advice': "Use it on the room's own network only; the trainer link below is the only secret — do not project it.",
  'cli.workshop.give-room': 'Give the room: http://{address}:{port}/workshop/join/  (join code {code})',
  /** The workshop API's error texts (the join page shows the first two to an attendee). */
  'cli.workshop.api-wrong-code': 'That is not the join code of this workshop.',
  'cli.workshop.api-no-name': 'Type your name.',
  'cli.workshop.api-too-large': 'request too large',
  'cli.workshop.api-not-json': 'the body is not JSON',
  'cli.workshop.api-method': 'method not allowed',
  'cli.workshop.api-not-trainer-key': 'this is not the trainer key of this workshop',
  'cli.workshop.api-join-body': 'join takes {code, name}',
  'cli.workshop.api-unknown-seat': 'unknown seat: join the workshop again',
  'cli.workshop.api-progress': 'progress: {error}',
  'cli.workshop.api-invalid': 'invalid',
  'cli.workshop.api-trainer-only': 'trainer only: open the trainer link relaylab workshop printed',
  'cli.workshop.api-policy-body': 'policy takes {hints: free|after|off, afterMinutes, showMe}',
  'cli.workshop.api-not-found': 'no such API',
  'cli.workshop.trainer': 'Trainer view (keep this link to yourself): {url}/workshop/trainer/?key={key}',
} as const;
