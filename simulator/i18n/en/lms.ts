/**
 * What a learner reads about a module's progress outside an LMS (site/lms/): which lessons and
 * labs remain, the certificate and the completion record. A track for all staff calls its labs
 * exercises, so those words come in both kinds.
 */
export const lms = {
  'lms.count-lessons': { count: 'count', one: '1 lesson', other: '{count} lessons' },
  'lms.count-labs': { count: 'count', one: '1 lab', other: '{count} labs' },
  'lms.count-exercises': { count: 'count', one: '1 exercise', other: '{count} exercises' },
  /** Two counts above joined: "2 lessons and 1 lab". */
  'lms.count-both': '{lessons} and {labs}',
  /** `what` is a count above, `items` the titles in order (a list the locale joins). */
  'lms.remaining': { count: 'count', one: '{what} remains: {items}.', other: '{what} remain: {items}.' },
  'lms.item': '“{title}”',
  'lms.all-done': 'All done: every lesson and {kind} of “{title}” is complete.',
  'lms.kind-lab': 'lab',
  'lms.kind-exercise': 'exercise',
  /** After a lesson's title in a track's list, once read. */
  'lms.lesson-read': ' — read',
  'lms.certificate-link': 'Open your certificate',
  'lms.download-record': 'Download your completion record (JSON)',
  /** The home page's list of tracks. */
  'lms.tracks-heading': 'Tracks and certificates',
  'lms.tracks-intro': 'Each track is a path through the course; finish one to get its certificate and completion record.',
  'lms.status-not-started': 'not started',
  'lms.status-progress': '{done} of {total} done',
  'lms.status-complete': 'complete ✓',
  'lms.certificate-short': 'certificate',
  // The certificate page (site/pages/certificate.astro).
  'lms.cert-title': 'Certificate',
  'lms.cert-description': 'A certificate and completion record of a Relay Lab module.',
  'lms.cert-intro': 'From the work saved in this browser. Type your name as it should appear, then print it or download the completion record for your trainer.',
  'lms.cert-module': 'Module',
  'lms.cert-name': 'Your name',
  'lms.cert-print': 'Print',
  'lms.cert-download': 'Download completion record (JSON)',
  'lms.cert-complete': 'Certificate of completion',
  'lms.cert-incomplete': 'Not complete yet',
  'lms.cert-no-name': '(type your name above)',
  'lms.cert-has-completed': 'has completed the module “{title}”',
  'lms.cert-working': 'is working through the module “{title}”',
  'lms.cert-on': 'on {date} · ',
  'lms.cert-score': '{on}score {score}%',
  'lms.cert-seed': ' (seed {seed})',
  // The module player's page (site/pages/modules/[id].astro).
  'lms.player-nav': 'Module',
  'lms.player-previous': 'Previous',
  'lms.player-next': 'Next',
  'lms.player-frame': '{title}: current page',
  // A track's page (site/pages/tracks/[id].astro).
  'lms.track-meta': 'For {audience} · about {minutes} minutes · no terminal, nothing to install',
  'lms.track-kind-lesson': 'Lesson',
  'lms.track-kind-exercise': 'Exercise',
  'lms.track-minutes': ' · {minutes} min',
  'lms.track-order': 'Take them in this order: each exercise follows the lesson before it.',
  'lms.track-done': ' — done',
  'lms.track-so-far': ' — {passed} of {total} so far',
  'lms.track-score': 'Your progress in this browser: {done} of {items} exercises done, {passed} of {total} questions answered correctly.',
} as const;
