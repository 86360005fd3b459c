/**
 * Labs as the page gets them (issue 12: zod is not in the browser bundle): parsed at build time
 * with each check's parameters filled in by its kind's schema, then graded in the page without
 * parsing — and graded exactly as the lab file itself is.
 */
import { describe, expect, it, vi } from 'vitest';
import { labDirs, loadLab } from '../../../cli/lab-files.ts';
import { embeddedLab, prepareLab } from '../../../simulator/labs/prepared.ts';
import { findCheckKind } from '../../../simulator/grader/registry.ts';
import { mailInboundCheck, mailOutboundCheck } from '../../../simulator/grader/checks/mail-flow.ts';
import { runAttempt } from '../../../simulator/labs/attempt.ts';
import { RECORD_MAIL_FLOW } from '../../../site/islands/lab/change-record.ts';

describe('prepareLab', () => {
  it('every shipped lab: each check holds its parameters as its schema reads them, and reading them again changes nothing', () => {
    for (const dir of labDirs()) {
      const lab = loadLab(dir);
      const prepared = prepareLab(lab);
      lab.steps.forEach((step, i) =>
        step.checks.forEach((check, j) => {
          const kind = findCheckKind(check.kind)!;
          const { kind: _k, ...raw } = check;
          const got = prepared.steps[i]!.checks[j]!;
          expect(got).toEqual({ kind: check.kind, ...(kind.params.parse(raw) as object) });
          const { kind: _g, ...again } = got;
          expect(kind.params.parse(again)).toEqual(again);
        }),
      );
      expect(JSON.parse(JSON.stringify(prepared))).toEqual(prepared);
    }
  });

  it('the page grades its embedded lab without parsing, with the verdicts the lab file gets', async () => {
    const lab = loadLab('close-the-relay');
    const page = embeddedLab(JSON.parse(JSON.stringify(prepareLab(lab))));
    const lines = ['ssh mail', "postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24'", 'postfix reload', 'exit'];
    const spies = page.steps.flatMap((s) => s.checks.map((c) => vi.spyOn(findCheckKind(c.kind)!.params, 'parse')));
    const inPage = await runAttempt(page, 11, lines);
    expect(spies.every((s) => s.mock.calls.length === 0)).toBe(true);
    const fromFile = await runAttempt(lab, 11, lines);
    expect(spies.some((s) => s.mock.calls.length > 0)).toBe(true);
    vi.restoreAllMocks();
    const brief = (r: typeof inPage) => r.verdicts.map((v) => [v.stepId, v.pass, v.reason]);
    expect(brief(inPage)).toEqual(brief(fromFile));
    expect(inPage.verdicts.some((v) => v.pass) && inPage.verdicts.some((v) => !v.pass)).toBe(true);
  }, 60_000);

  it("the change record's mail-flow parameters are the checks' own defaults", () => {
    expect(RECORD_MAIL_FLOW.inbound).toEqual(mailInboundCheck.params.parse({}));
    expect(RECORD_MAIL_FLOW.outbound).toEqual(mailOutboundCheck.params.parse({}));
  });
});
