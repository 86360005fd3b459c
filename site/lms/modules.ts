/**
 * Modules: what one SCORM package (or one module page of the site) carries, as data — an ordered
 * list of site pages. Tracks are listed here; every lab is also a module on its own (`lab-ID`).
 * Read by the site (pages/modules/, pages/certificate.astro) and by the packager (scorm/), so
 * the page list is written once. A page is a site path without slashes at the ends:
 * `lessons/SLUG` or `labs/ID`.
 */
export type ModulePage = `lessons/${string}` | `labs/${string}`;
export type ModuleDef = { id: string; title: string; audience: 'staff' | 'admin'; description: string; pages: ModulePage[] };

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

export type LabInfo = { id: string; title: string; audience: 'staff' | 'admin'; teaches: string };

/** The tracks, then each lab alone (`lab-ID`), for the labs that exist. */
export function allModules(labs: readonly LabInfo[]): ModuleDef[] {
  const own = labs.map((lab): ModuleDef => ({ id: `lab-${lab.id}`, title: lab.title, audience: lab.audience, description: lab.teaches, pages: [`labs/${lab.id}`] }));
  return [...TRACKS, ...own];
}

export const pageKind = (page: ModulePage): 'lesson' | 'lab' => (page.startsWith('labs/') ? 'lab' : 'lesson');
export const pageId = (page: ModulePage): string => page.slice(page.indexOf('/') + 1);
