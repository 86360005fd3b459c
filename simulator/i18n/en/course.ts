/**
 * The course map's words (site/pages/index.astro): the home page's modules, status, Continue,
 * audience filter and trainers' notes. Module and lab titles are course content.
 */
export const course = {
  'course.page-title': 'Home',
  'course.intro':
    'Learn to find and fix the two ways a company sends spam without knowing it — an <strong>open relay</strong> and <strong>spambots</strong> on employee machines — by doing it, in a simulated company network that runs inside this browser tab. Nothing to install; no mail ever leaves the tab.',
  'course.heading': 'The course',
  'course.meta-before': '{modules} modules · about ',
  'course.meta-after': ' minutes of labs · your progress is kept in this browser.',
  'course.start': 'Start the course: {title}',
  'course.continue': 'Continue: {title}',
  'course.next': 'Next: {title}',
  'course.filter': 'Show modules',
  'course.filter-all': 'all',
  'course.audience-staff': 'for all staff',
  'course.audience-admin': 'for administrators',
  'course.staff-track-before': 'Not in IT? ',
  'course.staff-track-link': 'The module for all staff',
  'course.staff-track-after': ': about 20 minutes, no terminal.',
  'course.lab': 'Lab: ',
  'course.lab-meta': ' ({audience}, about {minutes} minutes)',
  'course.status-not-started': 'not started',
  'course.status-in-progress': 'in progress',
  'course.status-done': 'done ✓',
  'course.none-shown': 'No module of the course is for this audience.',
  'course.trainers': 'For trainers',
  'course.trainers-seed-before': 'Give a class the same network: add <code>?seed=N</code> to a lab\'s address (the page shows the seed in use), e.g.',
  'course.trainers-seed-link': '{title}, seed 42',
  'course.trainers-showme': 'Turn off "Show me" (the step\'s solution after the last hint) for a graded session: add <code>?showme=off</code>.',
  'course.trainers-cli':
    '<code>npx relaylab labs show ID --solution --seed N</code> prints a lab\'s answer key for that seed; <code>npx relaylab check --lab ID --seed N</code> grades a command list against the simulation.',
} as const;
