/**
 * Where this browser keeps a lab's saved attempt (progress-store.ts writes a terminal lab's, the
 * guided runner a guided lab's). Its own module, importing nothing, so the pages that only read a
 * save (the course map, a track's page, the engine's early fetch) stay small.
 */
export const LAB_KEY_PREFIX = 'relaylab:lab:';
export const storageKey = (labId: string) => LAB_KEY_PREFIX + labId;
