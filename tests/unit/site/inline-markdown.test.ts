import { describe, expect, it } from 'vitest';
import { inlineMarkdown } from '../../../site/labs/inline-markdown.ts';

describe('inline Markdown of hints', () => {
  it('renders code, strong, emphasis and links', () => {
    expect(inlineMarkdown('Run `relaytest mail` from **outside**, *then* read [the lesson](/lessons/open-relays/).')).toBe(
      'Run <code>relaytest mail</code> from <strong>outside</strong>, <em>then</em> read <a href="/lessons/open-relays/">the lesson</a>.',
    );
  });
  it('escapes HTML, and leaves Markdown inside code alone', () => {
    expect(inlineMarkdown('`MAIL FROM:<a*b*@x>` then <script>')).toBe('<code>MAIL FROM:&lt;a*b*@x&gt;</code> then &lt;script&gt;');
  });
  it('keeps a lone asterisk and a glob as text', () => {
    expect(inlineMarkdown('2 * 3 and ws*.corp')).toBe('2 * 3 and ws*.corp');
  });
  it('does not make javascript: links', () => {
    expect(inlineMarkdown('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))');
  });
});
