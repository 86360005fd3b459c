import { describe, expect, it } from 'vitest';
import { dnsblLookup } from '../../../simulator/net/dnsbl.ts';
import { infectedHosts } from '../../../simulator/net/topology.ts';
import { DAY, HOUR, blockOutbound25, fixMailServer, worldSim } from './helpers.ts';

describe('world: the day after the fixes', () => {
  const sim = worldSim(7);
  const w = sim.world!;
  w.advance(DAY);
  fixMailServer(sim);
  blockOutbound25(sim);
  for (const h of infectedHosts(sim.topology)) expect(w.reimage(h.short).ok).toBe(true);
  // The reimages finish and the spam stops; a delisting asked for now is refused (spam seen within the hour).
  const early = w.requestDelist('203.0.113.10');
  w.advance(3 * HOUR);
  // Once the spam has stopped, the learner asks for delisting; it takes effect hours later.
  const requests = ['203.0.113.10', '203.0.113.25'].filter((ip) => dnsblLookup(sim.dnsbl, ip)).map((ip) => w.requestDelist(ip));
  w.advance(7 * HOUR);
  const spamBefore = w.ledger.spamLeft;
  const lostBefore = w.ledger.legitFailed;
  const sentBefore = w.ledger.legitSent;
  const out25Before = { ...w.metrics().totals.outbound25 };
  w.advance(DAY);

  it('refuses a delisting while spam is still flowing', () => {
    expect(early.ok).toBe(false);
    expect(early.message).toMatch(/refused/i);
  });

  it('lets no spam leave and loses no legitimate mail', () => {
    expect(w.ledger.spamLeft - spamBefore).toBe(0);
    expect(w.ledger.legitSent - sentBefore).toBeGreaterThan(200);
    expect(w.ledger.failures.filter((f) => f.at > sim.clock.now() - DAY)).toEqual([]);
    expect(w.ledger.legitFailed - lostBefore).toBe(0);
    expect(w.metrics().totals.outbound25).toEqual(out25Before);
    expect(w.spammer.relayOpen).toBe(false);
    expect(w.activeBots()).toEqual([]);
  });

  it('road warriors moved to 587 with AUTH', () => {
    expect(sim.machine('mail').fs.read('/var/log/mail.log')).toMatch(/postfix\/submission\/smtpd\[\d+\]: \w+: client=.*sasl_method=PLAIN, sasl_username=/);
  });

  it('delists after a request once the spam has stopped', () => {
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) expect(r.ok, r.message).toBe(true);
    expect(w.delistRequests.filter((q) => q.state === 'done').length).toBe(requests.length);
    expect(dnsblLookup(sim.dnsbl, '203.0.113.10')).toBeUndefined();
    expect(dnsblLookup(sim.dnsbl, '203.0.113.25')).toBeUndefined();
  });
});
