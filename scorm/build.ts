/**
 * `npm run build:scorm` / `relaylab scorm`: write the SCORM zips of the built site (dist/) to
 * dist-scorm/ — every module × edition unless narrowed (`--module ID`, `--edition E`) — after
 * the same checks the tests run (check.ts). Exit 1 if a package fails them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkPackage } from './check.ts';
import { EDITIONS, type Edition } from './manifest.ts';
import { buildPackages, zipPackage } from './package.ts';

export const SCORM_USAGE = `Usage: relaylab scorm [--dist DIR] [--out DIR] [--module ID]... [--edition 2004-4th|2004-3rd|1.2]...
  Packages the built site (npm run build) as SCORM zips, one per module and edition.
`;

export function scormCommand(argv: string[], root = process.cwd()): number {
  let dist = join(root, 'dist');
  let out = join(root, 'dist-scorm');
  const modules: string[] = [];
  const editions: Edition[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if ((a === '--dist' || a === '--out' || a === '--module' || a === '--edition') && v === undefined) {
      process.stderr.write(`relaylab scorm: ${a} needs a value\n${SCORM_USAGE}`);
      return 2;
    }
    if (a === '--dist') dist = resolve(v!);
    else if (a === '--out') out = resolve(v!);
    else if (a === '--module') modules.push(v!);
    else if (a === '--edition') {
      if (!EDITIONS.includes(v as Edition)) {
        process.stderr.write(`relaylab scorm: unknown edition ${v} (${EDITIONS.join(', ')})\n`);
        return 2;
      }
      editions.push(v as Edition);
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(SCORM_USAGE);
      return 0;
    } else {
      process.stderr.write(`relaylab scorm: unknown option ${a}\n${SCORM_USAGE}`);
      return 2;
    }
    i++;
  }
  let packages;
  try {
    packages = buildPackages({ dist, labsDir: join(root, 'labs'), modules, editions: editions.length ? editions : undefined });
  } catch (err) {
    process.stderr.write(`relaylab scorm: ${(err as Error).message}\n`);
    return 1;
  }
  mkdirSync(out, { recursive: true });
  let failed = false;
  for (const p of packages) {
    const errors = checkPackage(p.files);
    if (errors.length) {
      failed = true;
      process.stderr.write(`${p.name}: ${errors.length} problem(s)\n${errors.map((e) => `  ${e}\n`).join('')}`);
      continue;
    }
    const zip = zipPackage(p);
    writeFileSync(join(out, `${p.name}.zip`), zip);
    process.stdout.write(`${p.name}.zip  ${(zip.length / 1024).toFixed(0)} KB  ${p.files.size} files\n`);
  }
  return failed ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = scormCommand(process.argv.slice(2));
