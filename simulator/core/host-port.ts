/**
 * What the transport (browser tab, CLI, a test) lends the simulation of its
 * host: a turn of the event loop, and — only for programs that follow real
 * time, like `tail -f` — a repeating tick. Never the wall clock itself: the
 * simulation's time is the VirtualClock, so a seed and a script replay the
 * same run however fast the machine is.
 */
export interface HostPort {
  /** A cheap turn: let the host run (paint, deliver a keypress) and queued microtasks settle. */
  yield(): Promise<void>;
  /**
   * A turn that lets work in flight settle (stream data, a reply on its way). Nothing the simulation
   * runs arms a real timer it must wait for — smtp-server's greeting pause is a setImmediate turn
   * (mail/smtpd-wire.ts) — so by default it is the same cheap turn as yield; a zero timeout only where
   * the runtime has nothing else (Node clamps one to 1 ms, a page to 4 ms once they nest).
   */
  settle(): Promise<void>;
  /**
   * Whether a turn is worth its cost now (absent: always). A page answers from how long it has run
   * since its last turn: each turn may cost it a frame, and a loop of builtins asks for one often.
   * Only for turns that serve responsiveness (loop turns), never for turns that let work settle.
   */
  due?(): boolean;
  /** Call fn every `ms` of real time until the returned stop() (absent: nothing follows real time). */
  every?(ms: number, fn: () => void): () => void;
}

type Turns = {
  setImmediate?: (fn: () => void) => unknown;
  setTimeout(fn: () => void, ms: number): unknown;
  MessageChannel?: typeof MessageChannel;
};

/**
 * The default turns, from what the runtime has: setImmediate under Node, a
 * MessageChannel message in a page, a zero-delay timeout where there is
 * neither. None of them waits for an amount of time, and nothing in the model
 * reads how long they took.
 */
export const eventLoopTurn: HostPort = {
  yield(): Promise<void> {
    const g = globalThis as unknown as Turns;
    if (g.setImmediate) return new Promise((resolve) => g.setImmediate!(resolve));
    if (g.MessageChannel) {
      return new Promise((resolve) => {
        const channel = new g.MessageChannel!();
        channel.port1.onmessage = () => {
          channel.port1.close();
          resolve();
        };
        channel.port2.postMessage(0);
      });
    }
    return new Promise((resolve) => g.setTimeout(resolve, 0));
  },
  settle(): Promise<void> {
    return eventLoopTurn.yield();
  },
};
