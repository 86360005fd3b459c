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
  'lms.audience-staff': 'for all staff',
  'lms.audience-admin': 'for administrators',
} as const;
