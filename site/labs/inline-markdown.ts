/**
 * Hints, solutions and check reasons are one-line Markdown in lab.json: `code`, **strong**,
 * *emphasis* and [links](https://…). This renders exactly that subset to HTML, escaping
 * everything else, so an author's `<` or `&` shows as typed. Code spans are taken first:
 * inside them nothing else is Markdown (as in CommonMark).
 */
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function emphasis(text: string): string {
  return escape(text)
    .replace(/\[([^\]]+)\]\(((?:https?:\/\/|\/|#)[^)\s]*)\)/g, (_m, label: string, href: string) => `<a href="${href}">${label}</a>`)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>');
}

export function inlineMarkdown(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) => (part.length > 2 && part.startsWith('`') && part.endsWith('`') ? `<code>${escape(part.slice(1, -1))}</code>` : emphasis(part)))
    .join('');
}
