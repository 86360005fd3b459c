/**
 * Modules: what one SCORM package (or one module page of the site) carries, as data — an ordered
 * list of site pages. Tracks are listed here; every lab is also a module on its own (`lab-ID`).
 * Read by the site (pages/modules/, pages/certificate.astro, the track, lesson and home pages for
 * progress outside an LMS) and by the packager (scorm/), so
 * the page list is written once. A page is a site path without slashes at the ends:
 * `lessons/SLUG` or `labs/ID`.
 */
export type ModulePage = `lessons/${string}` | `labs/${string}`;
export type ModuleDef = {
  id: string;
  title: string;
  audience: 'staff' | 'admin';
  description: string;
  pages: ModulePage[];
  /** Graded steps of each lab page, where known (the built site adds them): the score counts a lab not opened yet. */
  labSteps?: Partial<Record<ModulePage, number>>;
};

export const TRACKS: readonly ModuleDef[] = [
  {
    id: 'admin-track',
    title: 'Open relays: test, close and prove it',
    audience: 'admin',
    description: 'For mail and network administrators: speak SMTP by hand, test a server for an open relay, close it without breaking mail.',
    pages: ['lessons/outgoing-spam', 'labs/speak-smtp', 'lessons/open-relays', 'labs/open-relay-test', 'lessons/closing-a-relay', 'labs/close-the-relay'],
  },
  {
    id: 'spambot-track',
    title: 'Spambots: shut the side door and clean up',
    audience: 'admin',
    description: 'For administrators: block direct outbound mail, move clients to authenticated submission, clean the infected desks and restore the reputation.',
    pages: ['lessons/the-side-door', 'labs/shut-the-side-door', 'lessons/cleaning-up', 'labs/clean-up'],
  },
];

/**
 * Tracks written in content/tracks.json (the course's own list of paths, e.g. the staff track):
 * `{ tracks: [{ id, title, audience, summary, items: [{ lesson } | { lab }] }] }`. Each becomes
 * the module `ID-track`; one with the id of a track above replaces it.
 */
export function tracksFromFile(file: unknown): ModuleDef[] {
  const tracks = (file as { tracks?: unknown } | null)?.tracks;
  if (!Array.isArray(tracks)) return [];
  return tracks.map((t: { id: string; title: string; audience: 'staff' | 'admin'; summary?: string; items: ({ lesson: string } | { lab: string })[] }) => ({
    id: `${t.id}-track`,
    title: t.title,
    audience: t.audience,
    description: t.summary ?? t.title,
    pages: t.items.map((i): ModulePage => ('lesson' in i ? `lessons/${i.lesson}` : `labs/${i.lab}`)),
  }));
}

export type LabInfo = { id: string; title: string; audience: 'staff' | 'admin'; teaches: string };

/** The tracks (content/tracks.json's, as `tracksFile`, then those above), then each lab alone (`lab-ID`). */
export function allModules(labs: readonly LabInfo[], tracksFile?: unknown): ModuleDef[] {
  const fromFile = tracksFromFile(tracksFile);
  const tracks = [...fromFile, ...TRACKS.filter((t) => !fromFile.some((f) => f.id === t.id))];
  const own = labs.map((lab): ModuleDef => ({ id: `lab-${lab.id}`, title: lab.title, audience: lab.audience, description: lab.teaches, pages: [`labs/${lab.id}`] }));
  return [...tracks, ...own];
}

export const pageKind = (page: ModulePage): 'lesson' | 'lab' => (page.startsWith('labs/') ? 'lab' : 'lesson');
export const pageId = (page: ModulePage): string => page.slice(page.indexOf('/') + 1);
