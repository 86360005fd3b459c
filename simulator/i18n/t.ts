/**
 * The message catalogue's reader: every sentence a person reads on the site,
 * in the lab runner or in a grader's reason comes from one catalogue of flat
 * dotted keys (`simulator/i18n/en.ts`), so a second language is a second
 * catalogue of the same keys. Terminal output is not here: it stays what real
 * servers print.
 *
 * A message is a string with `{name}` placeholders, or a plural message: an
 * object naming its count parameter and the CLDR forms (`one`, `other`, …, plus
 * exact `=0`-style matches), chosen with Intl.PluralRules for the locale. No
 * ICU parser is shipped: the plural object keeps the catalogue plain data and
 * the lab page's JavaScript small (see ARCHITECTURE.md, "Strings").
 */
import { en } from './en.ts';

export type PluralMessage = {
  readonly count: string;
  readonly other: string;
} & Partial<Record<Intl.LDMLPluralRule | `=${number}`, string>>;
export type Message = string | PluralMessage;
export type Catalogue = Readonly<Record<string, Message>>;

/** `{name}` placeholders, as `fill` sees them: a brace pair around anything but a word (JSON in backquotes) is text. */
type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? (Name extends `${string}${' ' | '"' | ':' | ','}${string}` | '' ? never : Name) | Placeholders<Rest> : never;
type FormsOf<M> = M extends PluralMessage ? Exclude<M[keyof M], undefined> : M;
type ParamsOf<M> = (M extends PluralMessage ? M['count'] : never) | Placeholders<FormsOf<M>>;

export type MessageKey = keyof typeof en;
export type MessageParams<K extends MessageKey> = Readonly<Record<ParamsOf<(typeof en)[K]>, string | number>>;
type Args<K extends MessageKey> = [ParamsOf<(typeof en)[K]>] extends [never] ? [] : [params: MessageParams<K>];

let active: Catalogue = en;
let locale = 'en';
const pluralRules = new Map<string, Intl.PluralRules>();

/** Switches the catalogue (a translation holds the same keys; missing keys fall back to English). */
export function useCatalogue(next: Catalogue, nextLocale: string): void {
  active = next;
  locale = nextLocale;
}

/** The sentence for `key`, its placeholders filled in. */
export function t<K extends MessageKey>(key: K, ...args: Args<K>): string {
  const params = (args[0] ?? {}) as Readonly<Record<string, string | number>>;
  const message = active[key] ?? (en as Catalogue)[key];
  // Only a namespace the page's catalogue leaves out can be missing (see en-page.ts): show the key, not a crash.
  if (message === undefined) return key;
  return fill(typeof message === 'string' ? message : pluralForm(message, params), params);
}

function pluralForm(message: PluralMessage, params: Readonly<Record<string, string | number>>): string {
  const n = Number(params[message.count]);
  const exact = message[`=${n}`];
  if (exact !== undefined) return exact;
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return message[rules.select(n)] ?? message.other;
}

function fill(text: string, params: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The same lookup for a key chosen at run time (a coach finding names its
 * message by id): the caller vouches for the parameters the message needs.
 */
export function format(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return (t as (k: MessageKey, p: Readonly<Record<string, string | number>>) => string)(key, params);
}
