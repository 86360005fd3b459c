/** The words every page shares (site/layouts/Base.astro): the frame around a page's content. */
export const site = {
  'site.description': 'Hands-on training: find and fix open relays and spambots.',
  'site.title': '{title} · Relay Lab',
  'site.skip': 'Skip to content',
  'site.nav': 'Main',
  'site.nav-course': 'Course',
  'site.nav-first-lab': 'First lab',
  /** A page's audience, in its meta line: "For {audience} · …" (a lab, a track). */
  'site.audience-staff': 'all staff',
  'site.audience-admin': 'administrators',
  /** After the meta line, on a lab or an exercise that has a lesson. */
  'site.read-first': ' · read first: ',
  'site.the-lesson': 'the lesson',
  'site.footer': 'Everything here is simulated inside your browser tab. No mail leaves it.',
  // The page for an unknown address (site/pages/404.astro).
  'site.not-found-title': 'Page not found',
  'site.not-found-description': 'This address is not a page of Relay Lab.',
  'site.not-found-text': 'There is no page at this address. It may have moved, or the link was mistyped.',
  'site.back-to-course': 'Back to the course',
  'site.the-labs': 'The labs',
} as const;
