/** The JSON completion record as a file the learner saves and hands to a trainer; nothing is sent anywhere. */
import type { CompletionRecord } from './completion-record.ts';

export const recordFileName = (r: CompletionRecord) => `relaylab-${r.module}-completion.json`;

export function downloadRecord(r: CompletionRecord): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(r, null, 1)], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: recordFileName(r) });
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not at once: the browser reads the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
