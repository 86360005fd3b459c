/** `relaylab VERB ...`: the scriptable black box for admins and tests. */
// Each verb loads its own modules: `shell --attach` and `check --attach` load no simulator code, so they start quickly.

const USAGE = `Usage: relaylab <command> [options]

Commands:
  shell [--seed N] [--lab ID] [--speed X] [--no-world]
                     the lab shell; interactive on a terminal, a transcript when stdin is piped.
                     Default: the source post's company (open relay, infected workstations, no
                     egress filtering) with the living world running; --lab ID starts that lab's
                     scenario on its start host; --speed sets simulated seconds per real second
  labs [show ID [--solution [--seed N]] | validate [PATH...]]
                     list the labs, print one (with its answer key), or check lab files
  check --lab ID [--seed N] [--answer STEP=TEXT]...
                     type commands from stdin into a lab attempt, print each step's verdict
  serve [--lab ID | --scenario NAME] [--seed N] [--listen 127.0.0.1] [--port-base 2500] [--as HOST]
                     the simulated mail server on real TCP ports (25 → base+25, 465 → base+65, 587 → base+87) for
                     real telnet, swaks, openssl and nmap; real clients are --as HOST (default: the
                     outside host). More: [--world] [--speed X] [--client-limit N] [--client-rate N]
  shell --attach / check --attach [--lab ID]
                     a shell on, or the grading of, the network a running serve exposes
  scorm [--module ID]... [--edition 2004-4th|2004-3rd|1.2]... [--dist DIR] [--out DIR]
                     SCORM zips of the built site (npm run build), per module and edition
  workshop [--listen ADDR] [--port 4321] [--data FILE] [--database postgres://…]
                     serve the built site and a progress API for a class: join code, seats,
                     the trainer's live view (loopback unless --listen says otherwise)

Options:
  -h, --help         show this help
`;

export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  switch (verb) {
    case 'shell':
      if (rest.includes('--attach')) return (await import('./serve/attach.ts')).shellAttached(rest);
      return (await import('./shell.ts')).shellCommand(rest);
    case 'labs':
      return (await import('./labs.ts')).labsCommand(rest);
    case 'check':
      if (rest.includes('--attach')) return (await import('./serve/attach.ts')).checkAttached(rest);
      return (await import('./check.ts')).checkCommand(rest);
    case 'serve':
      return (await import('./serve/command.ts')).serveCommand(rest);
    case 'scorm':
      return (await import('../scorm/build.ts')).scormCommand(rest);
    case 'workshop':
      return (await import('./workshop/command.ts')).workshopCommand(rest);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return verb === undefined ? 1 : 0;
    default:
      process.stderr.write(`relaylab: unknown command '${verb}'\n\n${USAGE}`);
      return 2;
  }
}
