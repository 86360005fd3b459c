/**
 * A way out of the terminal for keyboard users: xterm takes Tab for
 * completion, which would trap focus (WCAG 2.1.2). Escape then Tab (or
 * Shift-Tab) moves focus on, as code editors on the web do; the Tab never
 * reaches the shell.
 */
export function allowFocusEscape(host: HTMLElement): void {
  let armed = false;
  host.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Escape') {
        armed = true;
        return;
      }
      if (e.key === 'Tab' && armed) {
        e.stopPropagation(); // xterm never sees it; the browser moves focus
        armed = false;
        return;
      }
      if (!['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) armed = false;
    },
    true,
  );
}
