/**
 * How a lab page talks to the module player around it (player.ts), when there is one: the player
 * is the parent frame, same origin, and sets `relayLabModule` on its window. The lab page tells
 * it each grading; inside an LMS the player also lends the storage the lab saves to (kept in
 * the LMS's suspend data instead of this browser's localStorage). Anywhere else — the lab page
 * opened on its own, a parent from another origin — there is no link and the page works as before.
 */
export type LabGrading = { passed: number; total: number; complete: boolean };
export type ModuleLink = {
  /** Where the lab saves, when not localStorage (in an LMS). */
  storage?: Storage;
  graded(labId: string, v: LabGrading): void;
};

export function moduleLink(win: Window = window): ModuleLink | undefined {
  try {
    if (win.parent === win) return undefined;
    const link = (win.parent as unknown as { relayLabModule?: ModuleLink }).relayLabModule;
    return link && typeof link.graded === 'function' ? link : undefined;
  } catch {
    return undefined; // a parent from another origin
  }
}

/** A Storage kept in memory that tells its owner of every change (the player saves it to the LMS). */
export class LinkedStorage implements Storage {
  private readonly items = new Map<string, string>();
  constructor(
    initial: Record<string, string>,
    private readonly onChange: (key: string, value: string | null) => void,
  ) {
    for (const [k, v] of Object.entries(initial)) this.items.set(k, v);
  }
  get length(): number {
    return this.items.size;
  }
  key(i: number): string | null {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
    this.onChange(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
    this.onChange(key, null);
  }
  clear(): void {
    for (const key of [...this.items.keys()]) this.removeItem(key);
  }
  [name: string]: unknown;
}
