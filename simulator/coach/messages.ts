/**
 * The coach's sentences by id: the words themselves live in the message
 * catalogue (simulator/i18n/en/coach.ts) under `coach.<id>`.
 */
import type { coach } from '../i18n/en/coach.ts';
import { format } from '../i18n/t.ts';

export type MessageId = keyof typeof coach extends infer K ? (K extends `coach.${infer Id}` ? Id : never) : never;

/** The catalogue text with its `{name}` placeholders filled in. */
export function say(id: MessageId, params: Readonly<Record<string, string>> = {}): string {
  return format(`coach.${id}`, params);
}
