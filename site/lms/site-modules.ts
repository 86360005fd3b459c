/** The modules with the titles of their pages, at build time (the module and certificate pages). */
import { getCollection } from 'astro:content';
import { allLabs } from '../labs/load-labs.ts';
import { allModules, pageId, pageKind, type ModuleDef, type ModulePage } from './modules.ts';

/** `title` as the player and certificate list it ("Lab: …"); `name` the page's own title. */
export type PageInfo = { page: ModulePage; kind: 'lesson' | 'lab'; title: string; name: string; steps?: { id: string; title: string }[] };
export type BuiltModule = ModuleDef & { pageInfo: PageInfo[] };

// content/tracks.json where the course has one (a glob: no error while it does not exist).
const tracksFile = Object.values(import.meta.glob('../../content/tracks.json', { eager: true, import: 'default' }))[0];

export async function builtModules(): Promise<BuiltModule[]> {
  const labs = allLabs().map((b) => b.lab);
  const lessons = await getCollection('lessons');
  return allModules(labs, tracksFile).map((mod) => {
    const pageInfo = mod.pages.map((page): PageInfo => {
      const id = pageId(page);
      if (pageKind(page) === 'lab') {
        const lab = labs.find((l) => l.id === id);
        if (!lab) throw new Error(`module ${mod.id}: no lab ${id} (site/lms/modules.ts)`);
        return { page, kind: 'lab', title: `Lab: ${lab.title}`, name: lab.title, steps: lab.steps.map((s) => ({ id: s.id, title: s.title })) };
      }
      const lesson = lessons.find((l) => l.id === id);
      if (!lesson) throw new Error(`module ${mod.id}: no lesson ${id} (site/lms/modules.ts)`);
      return { page, kind: 'lesson', title: lesson.data.title, name: lesson.data.title };
    });
    const labSteps = Object.fromEntries(pageInfo.filter((p) => p.steps).map((p) => [p.page, p.steps!.length]));
    return { ...mod, labSteps, pageInfo };
  });
}
