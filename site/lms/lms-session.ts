/**
 * One LMS session over either edition's API: the same few facts written to the data model names
 * of SCORM 2004 (`cmi.completion_status`, `cmi.score.scaled`, …) or SCORM 1.2
 * (`cmi.core.lesson_status`, `cmi.core.score.raw`, …), with each edition's session-time format.
 * The player (player.ts) decides what to report and when; this file only speaks the API.
 */
import type { FoundApi, ScormVersion } from './api-discovery.ts';

/** The longest suspend_data each edition guarantees: 1.2's CMIString4096, 2004's SPM of 64,000. */
export const SUSPEND_LIMIT: Record<ScormVersion, number> = { '1.2': 4096, '2004': 64000 };

export type Report = {
  /** 0..1 of the module's pages done. */
  progress: number;
  /** 0..1: graded steps passed (knowledge checks included) of all the module's graded steps. */
  score: number;
  completed: boolean;
  /** Where to resume (a module page). */
  location: string;
  suspendData: string;
};

type Call = (name: string, ...args: string[]) => string;

export class LmsSession {
  readonly version: ScormVersion;
  readonly limit: number;
  private readonly call: Call;
  private open = false;
  private readonly startedAt: number;

  constructor(found: FoundApi, now: () => number = Date.now) {
    this.version = found.version;
    this.limit = SUSPEND_LIMIT[found.version];
    const api = found.api as Record<string, (...a: string[]) => unknown>;
    this.call = (name, ...args) => {
      try {
        return String(api[name]!.apply(api, args) ?? '');
      } catch {
        return ''; // an LMS API that throws is treated as one that refused
      }
    };
    this.now = now;
    this.startedAt = now();
  }
  private readonly now: () => number;

  private get v2004(): boolean {
    return this.version === '2004';
  }

  initialize(): boolean {
    this.open = this.call(this.v2004 ? 'Initialize' : 'LMSInitialize', '') === 'true';
    return this.open;
  }

  get(element: string): string {
    return this.open ? this.call(this.v2004 ? 'GetValue' : 'LMSGetValue', element) : '';
  }

  set(element: string, value: string): boolean {
    return this.open && this.call(this.v2004 ? 'SetValue' : 'LMSSetValue', element, value) === 'true';
  }

  commit(): boolean {
    return this.open && this.call(this.v2004 ? 'Commit' : 'LMSCommit', '') === 'true';
  }

  /** Saved state of an earlier attempt, if the LMS says this launch resumes one. */
  resumeData(): { suspendData: string; location: string } | undefined {
    const entry = this.get(this.v2004 ? 'cmi.entry' : 'cmi.core.entry');
    const suspendData = this.get('cmi.suspend_data');
    if (!suspendData && entry !== 'resume') return undefined;
    return { suspendData, location: this.get(this.v2004 ? 'cmi.location' : 'cmi.core.lesson_location') };
  }

  /** Write the module's state into the data model (no commit). */
  report(r: Report): void {
    const pct = String(Math.round(r.score * 100));
    if (this.v2004) {
      this.set('cmi.completion_status', r.completed ? 'completed' : 'incomplete');
      this.set('cmi.success_status', r.completed ? 'passed' : 'unknown');
      this.set('cmi.progress_measure', r.progress.toFixed(2));
      this.set('cmi.score.min', '0');
      this.set('cmi.score.max', '100');
      this.set('cmi.score.raw', pct);
      this.set('cmi.score.scaled', r.score.toFixed(4));
      this.set('cmi.location', r.location);
    } else {
      this.set('cmi.core.lesson_status', r.completed ? 'passed' : 'incomplete');
      this.set('cmi.core.score.min', '0');
      this.set('cmi.core.score.max', '100');
      this.set('cmi.core.score.raw', pct);
      this.set('cmi.core.lesson_location', r.location);
    }
    this.set('cmi.suspend_data', r.suspendData);
  }

  /** Session time, exit mode, commit, terminate: once, on pagehide. */
  finish(completed: boolean): void {
    if (!this.open) return;
    const seconds = Math.max(0, (this.now() - this.startedAt) / 1000);
    if (this.v2004) {
      this.set('cmi.session_time', isoDuration(seconds));
      this.set('cmi.exit', completed ? 'normal' : 'suspend');
    } else {
      this.set('cmi.core.session_time', scorm12Time(seconds));
      this.set('cmi.core.exit', completed ? '' : 'suspend');
    }
    this.commit();
    this.call(this.v2004 ? 'Terminate' : 'LMSFinish', '');
    this.open = false;
  }
}

/** SCORM 2004 timeinterval (ISO 8601 duration), e.g. PT1H2M3.5S. */
export function isoDuration(seconds: number): string {
  const cs = Math.round(seconds * 100);
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = (cs % 6000) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s}S`;
}

/** SCORM 1.2 CMITimespan, HHHH:MM:SS.SS. */
export function scorm12Time(seconds: number): string {
  const cs = Math.round(seconds * 100);
  const h = Math.min(9999, Math.floor(cs / 360000));
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const f = cs % 100;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(h).padStart(4, '0')}:${two(m)}:${two(s)}.${two(f)}`;
}
