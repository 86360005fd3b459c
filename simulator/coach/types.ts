/** What the coach hands its callers: a mistake named in the learner's words. */
export type MistakeId =
  | 'tested-from-inside'
  | 'not-reloaded'
  | 'still-in-data'
  | 'telnet-no-port'
  | 'smtp-verb-at-prompt'
  | 'spam-delivered'
  | 'legit-deleted';

export type Mistake = {
  id: MistakeId;
  /** The sentence to show (from messages.ts). */
  text: string;
  /** `reset`: the lab cannot be finished from here; the page shows a Reset button with the message. */
  action?: 'reset';
  /** Virtual time (ms) when it was named. */
  at: number;
};
