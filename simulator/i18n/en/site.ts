/** The words every page shares (site/layouts/Base.astro): the frame around a page's content. */
export const site = {
  'site.description': 'Hands-on training: find and fix open relays and spambots.',
  'site.title': '{title} · Relay Lab',
  'site.skip': 'Skip to content',
  'site.nav': 'Main',
  'site.nav-course': 'Course',
  'site.nav-first-lab': 'First lab',
  'site.footer': 'Everything here is simulated inside your browser tab. No mail leaves it.',
} as const;
