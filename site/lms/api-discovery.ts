/**
 * Finding the LMS's API object, as the SCORM run-time environment books describe it (ADL's
 * "API discovery algorithm"): look in this window, then up its chain of parents, then in the
 * opener and its parents. A frame from another origin throws on any access: that window is
 * skipped, never fatal. 2004's `API_1484_11` is preferred over 1.2's `API` in the same window.
 */
export type ScormVersion = '2004' | '1.2';

/** The window as far as the search needs it (tests pass plain objects). */
export type SearchableWindow = { parent?: unknown; opener?: unknown; API_1484_11?: unknown; API?: unknown };

export type FoundApi = { version: ScormVersion; api: Record<string, unknown>; where: SearchableWindow };

/** ADL's search gives up after this many parents (a frame loop or an absurdly deep nesting). */
const MAX_PARENTS = 500;

function read(win: unknown, key: 'parent' | 'opener' | 'API_1484_11' | 'API'): unknown {
  try {
    return (win as Record<string, unknown> | null)?.[key] ?? undefined;
  } catch {
    return undefined; // another origin's frame
  }
}

function apiIn(win: unknown): FoundApi | undefined {
  const a2004 = read(win, 'API_1484_11');
  if (isApi(a2004, 'Initialize')) return { version: '2004', api: a2004, where: win as SearchableWindow };
  const a12 = read(win, 'API');
  if (isApi(a12, 'LMSInitialize')) return { version: '1.2', api: a12, where: win as SearchableWindow };
  return undefined;
}

function isApi(v: unknown, method: string): v is Record<string, unknown> {
  try {
    return typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)[method] === 'function';
  } catch {
    return false;
  }
}

function searchUp(start: unknown): FoundApi | undefined {
  let win = start;
  for (let i = 0; win && i <= MAX_PARENTS; i++) {
    const found = apiIn(win);
    if (found) return found;
    const parent = read(win, 'parent');
    if (!parent || parent === win) return undefined;
    win = parent;
  }
  return undefined;
}

/** The API of the nearest LMS, or undefined outside an LMS. */
export function findLmsApi(start: SearchableWindow): FoundApi | undefined {
  return searchUp(start) ?? searchUp(read(start, 'opener'));
}
