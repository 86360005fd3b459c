/** `relaylab VERB ...`: the scriptable black box for admins and tests. */
import { shellCommand } from './shell.ts';

const USAGE = `Usage: relaylab <command> [options]

Commands:
  shell [--seed N]   the lab shell; interactive on a terminal, a transcript when stdin is piped

Options:
  -h, --help         show this help
`;

export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  switch (verb) {
    case 'shell':
      return shellCommand(rest);
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
