/**
 * The module state as SCORM suspend_data: deflated JSON in base64 (characters every LMS stores
 * unchanged), fitted under the edition's limit (1.2: 4,096 characters; 2004: 64,000). When the
 * whole state does not fit, it is trimmed in an order that keeps what matters: first the saved
 * attempts of labs already complete (their page records keep the completion), then those of labs
 * other than the current one, then the current lab's keys from the end back to the last line
 * that fits (a prefix of the keys is an earlier moment of the same attempt, so the learner
 * resumes there), and last the current attempt itself. The page records — completion and score
 * — are never trimmed; they are a few bytes a page.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { ModuleState } from './module-state.ts';
import { pageId } from './modules.ts';

const PREFIX = 'RL1:';

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function encodeState(state: ModuleState): string {
  return PREFIX + toBase64(deflateSync(strToU8(JSON.stringify(state)), { level: 9 }));
}

/** The state, or undefined for anything else (another format, damaged, empty). */
export function decodeState(text: string, moduleId: string): ModuleState | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  try {
    const state = JSON.parse(strFromU8(inflateSync(fromBase64(text.slice(PREFIX.length))))) as ModuleState;
    return state && state.v === 1 && state.module === moduleId && typeof state.pages === 'object' && typeof state.labs === 'object' ? state : undefined;
  } catch {
    return undefined;
  }
}

export type Fitted = { text: string; state: ModuleState; trimmed: string[] };

type Chunk = { d: string; w: boolean; t?: number };

/** The encoded state, trimmed (see above) until it is at most `limit` characters. */
export function fitState(state: ModuleState, limit: number): Fitted {
  const trimmed: string[] = [];
  let s: ModuleState = structuredClone(state);
  let text = encodeState(s);
  if (text.length <= limit) return { text, state: s, trimmed };
  const current = s.at.startsWith('labs/') ? pageId(s.at) : undefined;
  const drop = (pred: (lab: string) => boolean, why: string) => {
    for (const lab of Object.keys(s.labs)) {
      if (!pred(lab) || text.length <= limit) continue;
      delete s.labs[lab];
      trimmed.push(`${lab}: ${why}`);
      text = encodeState(s);
    }
  };
  drop((lab) => Boolean(s.pages[`labs/${lab}`]?.done), 'attempt of a complete lab dropped');
  drop((lab) => lab !== current, 'attempt of another lab dropped');
  if (text.length > limit && current && s.labs[current]) {
    const saved = JSON.parse(s.labs[current]!) as { log: Chunk[]; completed?: string[]; finishedAt?: number };
    // Cut only after a line: keys of a half-typed line replayed alone would leave it half-typed.
    const cuts = [0];
    saved.log.forEach((c, i) => c.d.endsWith('\r') && cuts.push(i + 1));
    const withCut = (n: number): ModuleState => {
      const copy = { ...saved, log: saved.log.slice(0, n), completed: [] as string[] };
      delete copy.finishedAt;
      return { ...s, labs: { ...s.labs, [current]: JSON.stringify(copy) } };
    };
    let lo = 0;
    let hi = cuts.length - 1;
    // Largest cut that fits: the encoded size grows with the prefix (binary search over the cut points).
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (encodeState(withCut(cuts[mid]!)).length <= limit) lo = mid;
      else hi = mid - 1;
    }
    const candidate = withCut(cuts[lo]!);
    const candidateText = encodeState(candidate);
    if (candidateText.length <= limit) {
      trimmed.push(`${current}: keys after line ${lo} of ${cuts.length - 1} dropped`);
      s = candidate;
      text = candidateText;
    }
  }
  drop(() => true, 'attempt dropped');
  return { text, state: s, trimmed };
}
