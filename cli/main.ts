/** `relaylab VERB ...`: the scriptable black box for admins and tests. */
// Each verb loads its own modules: `shell --attach` and `check --attach` load no simulator code, so they start quickly
// (the message catalogue is plain data).
import { t } from '../simulator/i18n/t.ts';


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
    case 'site':
      return (await import('./site.ts')).siteCommand(rest);
    case 'workshop':
      return (await import('./workshop/command.ts')).workshopCommand(rest);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(t('cli.usage'));
      return verb === undefined ? 1 : 0;
    default:
      process.stderr.write(`relaylab: ${t('cli.unknown-command', { verb })}\n\n${t('cli.usage')}`);
      return 2;
  }
}
