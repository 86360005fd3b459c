/**
 * One tab saves a lab at a time (issue 9, observation 5: two tabs of one lab
 * overwrote each other's progress without a word). The tab holding the Web
 * Lock `relaylab:lab:ID` saves; any other tab of the same lab is told which
 * tab holds it (a BroadcastChannel asks the holder when it was opened) and
 * may take the lab over: the holder stops saving and says so, releases the
 * lock, and the new tab reloads to continue from the saved work. Without
 * Web Locks (old browsers) every tab holds, and the storage event below is
 * the safety net.
 */

type Message = { type: 'who' } | { type: 'here'; openedAt: number } | { type: 'take-over'; at: number };

export type TabRole = {
  /** This tab saves. */
  readonly holds: boolean;
  /** When the holding tab was opened (once it has answered). */
  holderOpenedAt?: number;
  /** Ask the holder to hand over, then reload this tab. */
  takeOver(): void;
};

export type TabEvents = {
  /** This tab is not the holder; `openedAt` arrives when the holder answers. */
  onOtherHolds(openedAt?: number): void;
  /** Another tab took the lab over: stop saving. */
  onMovedAway(at: number): void;
};

export async function claimLab(labId: string, openedAt: number, events: TabEvents, reload: () => void = () => location.reload()): Promise<TabRole> {
  const name = `relaylab:lab:${labId}`;
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined;
  const post = (m: Message) => channel?.postMessage(m);
  if (!locks) return { holds: true, takeOver: () => undefined };

  let release: (() => void) | undefined;
  const held = await new Promise<boolean>((resolve) => {
    void locks.request(name, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(false);
        return undefined;
      }
      resolve(true);
      return new Promise<void>((r) => (release = r));
    });
  });

  const role: TabRole = {
    holds: held,
    takeOver() {
      post({ type: 'take-over', at: Date.now() });
      // Reload once the holder has let go, so this tab replays its last save.
      void locks.request(name, async () => reload());
    },
  };
  channel?.addEventListener('message', (e: MessageEvent<Message>) => {
    const m = e.data;
    if (m.type === 'who' && held && release) post({ type: 'here', openedAt });
    else if (m.type === 'here' && !role.holds) {
      role.holderOpenedAt = m.openedAt;
      events.onOtherHolds(m.openedAt);
    } else if (m.type === 'take-over' && release) {
      const r = release;
      release = undefined;
      (role as { holds: boolean }).holds = false;
      events.onMovedAway(m.at);
      r();
    }
  });
  if (!held) {
    events.onOtherHolds();
    post({ type: 'who' });
  }
  return role;
}
