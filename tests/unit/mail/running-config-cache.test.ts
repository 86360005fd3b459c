/**
 * Every new smtpd worker reads main.cf and master.cf (as real smtpd does, no reload needed);
 * a workshop's parallel sessions start many workers on the same bytes, so they share one parse
 * (serve's per-transaction cost) — and an edit still reaches the next worker at once.
 */
import { describe, expect, it } from 'vitest';
import { MAIN_CF } from '../../../simulator/postfix/index.ts';
import { sim } from './mail-helpers.ts';

describe('the configuration a new smtpd reads', () => {
  it('is parsed once for unchanged files, and again after an edit', () => {
    const s = sim();
    const fs = s.mailServer.fs();
    const a = s.mailServer.load();
    const b = s.mailServer.load();
    expect(b.main).toBe(a.main);
    expect(b.services!.get('smtp')!.config).toBe(a.services!.get('smtp')!.config);
    // Callers get their own containers: a caller that changes its list cannot change the next load.
    expect(b.services).not.toBe(a.services);
    fs.write(MAIN_CF, fs.read(MAIN_CF) + '\nmyhostname = mx9.corp.example\n');
    const c = s.mailServer.load();
    expect(c.main).not.toBe(a.main);
    expect(c.main!.get('myhostname')).toBe('mx9.corp.example');
    expect(a.main!.get('myhostname')).toBe('mail.corp.example');
  });

  it('aliases: the parsed table follows the file newaliases writes', () => {
    const s = sim();
    const fs = s.mailServer.fs();
    expect(s.mailServer.resolveAlias('helpdesk9')).toBe('helpdesk9');
    fs.write('/etc/aliases.db', (fs.tryRead('/etc/aliases.db') ?? '') + '\nhelpdesk9: bob\n');
    expect(s.mailServer.resolveAlias('helpdesk9')).toBe('bob');
    s.mailServer.aliases().set('helpdesk9', 'carol');
    expect(s.mailServer.resolveAlias('helpdesk9')).toBe('bob');
  });
});
