/** `relaylab VERB ...`: the scriptable black box for admins and tests. */
import { shellCommand } from './shell.ts';
import { labsCommand } from './labs.ts';
import { checkCommand } from './check.ts';

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
      return shellCommand(rest);
    case 'labs':
      return labsCommand(rest);
    case 'check':
      return checkCommand(rest);
    case 'workshop':
      // Loaded only when asked: the database drivers need not slow every other verb.
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
