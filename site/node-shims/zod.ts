/**
 * zod as the browser build gets it (issue 12: ~12 KB gzip of the lab page). Check kinds and the
 * lab schema declare their schemas when their modules load, so the declarations must still run,
 * but nothing is parsed in the page: labs arrive parsed at build time (simulator/labs/prepared.ts)
 * and saved progress has its own check (site/islands/lab/progress-store.ts). A parse reaching the
 * browser would be a bug that lets unchecked data through, so it throws rather than passing input on.
 */
const PARSE = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa']);

function refuse(): never {
  throw new Error('zod does not run in the browser build: parse this data at build time (simulator/labs/prepared.ts)');
}

// Every builder, method and chained call yields the same inert schema.
const schema: any = new Proxy(function inert() {}, {
  get(_target, key) {
    if (typeof key === 'symbol' || key === 'then' || key === 'prototype') return undefined;
    return PARSE.has(key) ? refuse : schema;
  },
  apply: () => schema,
  construct: () => schema,
});

export const z = schema;
export const ZodError = schema;
export default schema;
