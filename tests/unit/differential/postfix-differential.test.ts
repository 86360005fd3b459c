/**
 * The simulation against a real Postfix 3.7: every case of tests/differential/cases.ts is
 * played against the simulation and compared with what the real server answered
 * (tests/fixtures/postfix/*.json, recorded by tests/differential/record.ts). CI has no
 * Postfix: only the fixtures are read.
 *
 * EXPECTED lists the differences that stay for now, each with its reason. The test fails
 * on a difference not listed AND on a listed one that has disappeared, so the table stays
 * true: delete a row when the fix lands.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CASES } from '../../differential/cases.ts';
import type { Fixture } from '../../differential/fixture.ts';
import { items } from '../../differential/compare.ts';
import { SimPlayer } from '../../differential/sim-player.ts';

type Row = { owner: 'smtp-session' | 'clients' | 'config'; why: string };

/**
 * Differences that stay for now, keyed by dialogue: `case conn *` covers every item of
 * that connection (its replies and its log), any other key one item. `owner` says whose
 * module would change: smtp-session (smtpd-*.ts, wire-proxy.ts), clients (shell
 * commands), config (the Postfix model). Delete a row when its fix lands — the test
 * then insists.
 */
const EXPECTED: Record<string, Row> = {
  'host-bits relay-probe@outside log': { owner: 'config', why: 'anvil (connection-rate limits) is not modelled: real smtpd also warns about the host bits when it checks smtpd_client_event_limit_exceptions (= $mynetworks) at connect and at disconnect; the RCPT warnings and the 451s match' },
  'host-bits relay-probe@lan log': { owner: 'config', why: 'as for outside: the anvil exception-list warnings at connect and disconnect are not modelled' },
  'edit-without-reload $ postfix reload': { owner: 'config', why: 'anvil is not modelled: on reload the real anvil exits and logs its `statistics:` lines' },
  'bdat $ postfix reload': { owner: 'config', why: 'anvil is not modelled: on reload the real anvil exits and logs its `statistics:` lines' },
};

const listed = (key: string) => Object.keys(EXPECTED).find((k) => k === key || (k.endsWith(' *') && key.startsWith(k.slice(0, -1))));

const fixture = (id: string): Fixture =>
  JSON.parse(readFileSync(new URL(`../../fixtures/postfix/${id}.json`, import.meta.url), 'utf8')) as Fixture;

describe('differential: the simulation answers like a real Postfix 3.7', () => {
  for (const c of CASES) {
    it(c.id, async () => {
      const f = fixture(c.id);
      expect(f.steps).toEqual(c.steps);
      const sim = await new SimPlayer().play(c, f.results);
      const real = items(c, f.results, true);
      const ours = new Map(items(c, sim, false).map((i) => [i.key, i.value]));
      const unlisted: string[] = [];
      const differing = new Set<string>();
      for (const r of real) {
        const v = ours.get(r.key);
        if (v === r.value) continue;
        const row = listed(r.key);
        if (row) differing.add(row);
        else unlisted.push(`${r.key}\n  real: ${r.value.replace(/\n/g, '\n        ')}\n  sim:  ${String(v).replace(/\n/g, '\n        ')}`);
      }
      const vanished = Object.keys(EXPECTED).filter((k) => k.startsWith(c.id + ' ') && !differing.has(k));
      expect(unlisted, 'differences not in EXPECTED').toEqual([]);
      expect(vanished, 'EXPECTED rows whose difference is gone (delete them)').toEqual([]);
    });
  }
});
