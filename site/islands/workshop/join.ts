/**
 * The join page: resume the seat this browser holds, else join with the code
 * and a name (the same name resumes its seat from another browser), then go
 * on to the lab that sent the attendee here.
 */
import { SEAT_KEY } from '../lab/workshop-link.ts';
import { t } from '../../../simulator/i18n/t.ts';

const form = document.querySelector<HTMLFormElement>('[data-join]')!;
const status = document.querySelector<HTMLElement>('[data-join-status]')!;
const next = (() => {
  const n = new URLSearchParams(location.search).get('next') ?? '/';
  // Only a path of this site: never send the attendee elsewhere.
  return n.startsWith('/') && !n.startsWith('//') ? n : '/';
})();

function saved(): { token: string } | undefined {
  try {
    return JSON.parse(localStorage.getItem(SEAT_KEY) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

async function join(body: Record<string, string | undefined>): Promise<boolean> {
  const res = await fetch('/api/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = (await res.json().catch(() => ({}))) as { token?: string; id?: number; name?: string; seed?: number; error?: string };
  if (!res.ok || !data.token) {
    status.textContent = data.error ?? t('workshop.no-answer', { status: res.status });
    return false;
  }
  localStorage.setItem(SEAT_KEY, JSON.stringify({ token: data.token, id: data.id, name: data.name, seed: data.seed }));
  status.textContent = t('workshop.joined', { id: data.id ?? '', name: data.name ?? '' });
  location.assign(next);
  return true;
}

async function boot(): Promise<void> {
  const res = await fetch('/api/workshop', { headers: saved() ? { authorization: `Bearer ${saved()!.token}` } : {} }).catch(() => undefined);
  if (!res?.ok || !(res.headers.get('content-type') ?? '').includes('json')) {
    status.textContent = t('workshop.not-a-workshop');
    form.hidden = true;
    return;
  }
  const info = (await res.json()) as { seat: { id: number; name: string } | null };
  if (info.seat && saved()) await join({ token: saved()!.token });
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const data = new FormData(form);
  void join({ code: String(data.get('code') ?? ''), name: String(data.get('name') ?? ''), token: saved()?.token });
});
void boot();
