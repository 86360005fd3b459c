/**
 * Export of the class: JSON (the view, every seat and step) and CSV (one row
 * per seat × step, spreadsheet-ready), with the CSV reader the round-trip
 * test uses (RFC 4180 quoting).
 */
import { cellKey, type ClassView } from './class-view.ts';

export const CSV_COLUMNS = ['seat', 'name', 'seed', 'lab', 'step', 'step_title', 'status', 'passed_at', 'hints', 'wrong_fixes', 'show_me', 'answer'] as const;
export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>;

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : '');

export function exportRows(view: ClassView): CsvRow[] {
  return view.seats.flatMap((seat) =>
    view.labs.flatMap((lab) =>
      lab.steps.map((step): CsvRow => {
        const c = seat.cells[cellKey(lab.id, step.id)];
        return {
          seat: String(seat.id),
          name: seat.name,
          seed: String(seat.seed),
          lab: lab.id,
          step: step.id,
          step_title: step.title,
          status: c?.status ?? 'not started',
          passed_at: iso(c?.firstAt),
          hints: String(c?.hints ?? 0),
          wrong_fixes: String(c?.wrongFixes ?? 0),
          show_me: String(c?.showMe ?? 0),
          answer: c?.answer ?? '',
        };
      }),
    ),
  );
}

const quote = (v: string) => (/[",\r\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Cells starting with = + - @ are quoted but kept as typed: the answer column is the attendee's text. */
export function toCsv(view: ClassView): string {
  return [CSV_COLUMNS.join(','), ...exportRows(view).map((r) => CSV_COLUMNS.map((c) => quote(r[c])).join(','))].join('\r\n') + '\r\n';
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

export function toJson(view: ClassView): string {
  return JSON.stringify({ exportedAt: new Date(view.now).toISOString(), ...view }, null, 1);
}
