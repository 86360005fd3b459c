/**
 * Manual pages for the text tools just-bash implements (grep, awk, sed…),
 * so `man`, `help` and completion know them; `engine: 'bash'` leaves running
 * them to just-bash. `tail -f` and `less FILE` are the exceptions that need
 * the terminal: their specs run only for those forms.
 */
import type { CommandSpec } from '../command-spec.ts';
import { runLess } from '../programs/pager.ts';
import { runTailFollow } from '../programs/tail-follow.ts';

const bash = (name: string, summary: string, usage: string, man: string): CommandSpec => ({ name, summary, usage, man, engine: 'bash', run: () => 0 });

export const textToolCommands: CommandSpec[] = [
  bash('cat', 'print files', 'cat [FILE...]', 'Prints each FILE (or standard input) to standard output.'),
  bash('grep', 'print lines that match a pattern', 'grep [-i] [-v] [-c] [-E] [-o] [-n] PATTERN [FILE...]', "Prints lines matching PATTERN (a regular expression). -i ignore case, -v non-matching lines,\n-c count, -E extended regex, -o only the match, -n line numbers.\n  grep 'DPT=25' /var/log/firewall.log      grep -c 'Relay access denied' /var/log/mail.log"),
  bash('awk', 'pattern scanning and processing', "awk [-F SEP] 'PROGRAM' [FILE...]", "Runs PROGRAM on each line; $1, $2… are the fields (split on blanks, or SEP), NF the field count.\n  awk '{print $1}'      awk -F'[ =]' '{for(i=1;i<=NF;i++) if($i==\"SRC\") print $(i+1)}'"),
  bash('sed', 'stream editor', "sed [-n] [-E] [-i] 'SCRIPT' [FILE...]", "Edits text as it streams: s/old/new/g substitutes, /re/d deletes lines, -n with p prints selected lines.\n-i edits FILE in place:  sed -i 's/^mynetworks = .*/mynetworks = 10.0.0.0\\/24/' /etc/postfix/main.cf"),
  bash('sort', 'sort lines', 'sort [-n] [-r] [-k N] [-t SEP] [-u] [FILE...]', 'Sorts lines. -n numeric, -r reverse, -k N by field N, -t field separator, -u unique.'),
  bash('uniq', 'collapse repeated lines', 'uniq [-c] [-d] [FILE]', 'Collapses adjacent equal lines (sort first). -c prefixes each with its count, -d only repeated.\n  … | sort | uniq -c | sort -rn | head   — the top talkers.'),
  bash('wc', 'count lines, words, bytes', 'wc [-l] [-w] [-c] [FILE...]', 'Counts lines (-l), words (-w) and bytes (-c).'),
  bash('head', 'first lines', 'head [-n N] [FILE...]', 'Prints the first N (10) lines.'),
  bash('cut', 'select fields', 'cut -d SEP -f LIST [FILE...]', "Prints selected fields: cut -d' ' -f1,3  or characters: cut -c1-10."),
  bash('tr', 'translate characters', 'tr [-d] [-s] SET1 [SET2]', "Replaces characters of SET1 by SET2; -d deletes, -s squeezes repeats.  tr ' ' '\\n'"),
  bash('ls', 'list directory contents', 'ls [-l] [-a] [PATH...]', 'Lists files. -l long format, -a include hidden files.'),
  bash('cd', 'change directory', 'cd [DIR]', 'Changes the working directory (default: your home).'),
  bash('pwd', 'print working directory', 'pwd', 'Prints the current directory.'),
  bash('cp', 'copy files', 'cp [-r] SRC DEST', 'Copies SRC to DEST (a backup before editing: cp main.cf main.cf.bak).'),
  bash('mv', 'move or rename files', 'mv SRC DEST', 'Moves or renames SRC to DEST.'),
  bash('rm', 'remove files', 'rm [-r] [-f] FILE...', 'Removes files (-r directories too). There is no undo.'),
  bash('mkdir', 'make directories', 'mkdir [-p] DIR...', 'Creates directories; -p creates parents as needed.'),
  bash('touch', 'create an empty file', 'touch FILE...', 'Creates FILE if it does not exist.'),
  bash('find', 'search for files', 'find [PATH] [-name PATTERN] [-type f|d]', "Walks PATH listing files; -name '*.cf' filters by name."),
  bash('xargs', 'build commands from input', 'xargs COMMAND [ARGS...]', 'Runs COMMAND with the words of standard input as extra arguments.'),
  bash('tee', 'copy input to a file and output', 'tee [-a] FILE', 'Writes standard input to FILE (-a appends) and to standard output.'),
  bash('echo', 'print its arguments', 'echo [-n] [-e] [TEXT...]', "Prints TEXT. With >> appends to a file:  echo 'relayhost =' >> /etc/postfix/main.cf"),
  bash('printf', 'formatted output', 'printf FORMAT [ARGS...]', 'Prints ARGS according to FORMAT (%s, %d, \\n).'),
  bash('seq', 'print a sequence of numbers', 'seq [FIRST] LAST', 'Prints numbers from FIRST (1) to LAST, one per line.'),
  {
    name: 'tail',
    summary: 'last lines of a file; -f follows it as it grows',
    usage: 'tail [-n N] [-f] FILE',
    man: 'Prints the last N (10) lines of FILE. -f keeps the file open and prints new lines as they are\nwritten (watch /var/log/mail.log while you test); Ctrl-C stops following.',
    engine: 'bash',
    interactive: (args) => args.some((a) => /^-[a-zA-Z]*[fF]/.test(a) || a === '--follow'),
    run: runTailFollow,
  },
  {
    name: 'less',
    summary: 'page through a file',
    usage: 'less FILE',
    man: 'Shows FILE one screen at a time. Space or PgDn: next page; b or PgUp: previous; arrows: one line;\ng/G: start/end; /TEXT Enter: search, n: next match; q: quit.',
    interactive: (args) => args.some((a) => !a.startsWith('-')),
    run: runLess,
  },
];
