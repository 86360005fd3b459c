/**
 * The network map on the lab page: an SVG of the lab's topology (positions from map-model.ts), its
 * marks, and the traffic of the event stream drawn as it happens. Events are queued and drawn once
 * per animation frame (a busy hour makes thousands), at most MAX_LIVE at a time, on one <canvas>
 * over the SVG: moving dots as SVG elements cost a style and layout pass each per frame (issue 12:
 * frames of 33 ms median in a busy hour). The text alternative lists the recent flows; with
 * `prefers-reduced-motion` a flow is a line that fades, not a moving dot. Grader probes are never
 * drawn (their events carry `probe: true`). The relay state is what the grader's own no-trace
 * battery finds from `outside` (grader/checks/relay-battery.ts), run by the lab runner after each
 * command, so a fix shows as soon as the command that made it has returned.
 */
import type { Simulation } from '../../../simulator/simulation.ts';
import type { NetEvent } from '../../../simulator/core/events.ts';
import { runBattery, type RelayBatteryResult } from '../../../simulator/grader/checks/relay-battery.ts';
import type { GradeOptions } from '../../../simulator/grader/types.ts';
import { iptables } from '../../../simulator/net/iptables.ts';
import { MAIL_HOST, MAIL_PUBLIC_IP, FW_PUBLIC_IP } from '../../../simulator/net/corp-hosts.ts';
import { t } from '../../../simulator/i18n/t.ts';
import { MapModel, VIEW_WIDTH, relayText, viewHeight, zoneBoxes, type Flow, type MapNode } from './map-model.ts';

const NS = 'http://www.w3.org/2000/svg';
const MAX_LIVE = 40;
const FLOW_MS = 900;
const RECENT = 6;
// Passed green, dropped red (the red of the drop mark in NetworkMap.astro).
const FLOW_COLOUR = { ok: '#1d7a3a', drop: '#a40000' };

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export type NetworkMap = {
  model: MapModel;
  /** Ask the outside world about the relay again (the grader's battery) and redraw the marks. */
  refresh(): Promise<void>;
  /**
   * A grading about to run a battery of its own: its `onBattery` hears the grader's run, and
   * `done()` shows the one from outside to the mail server's port 25 — that run on that state,
   * not a remembered one — or runs the map's own if the lab has no such check.
   */
  follow(): { onBattery: NonNullable<GradeOptions['onBattery']>; done(): Promise<void> };
  /**
   * Draw nothing until the returned release (a restore replays thousands of events the learner saw
   * long ago): the model still follows every event and output, and release draws it once, as it is now.
   */
  holdDrawing(): () => void;
  dispose(): void;
};

export function mountMap(root: HTMLElement, sim: Simulation, startHost: string, onOutput: (fn: (t: string) => void) => () => void): NetworkMap {
  const model = new MapModel(sim.topology, startHost);
  const picture = root.querySelector<HTMLElement>('[data-map-picture]')!;
  const fact = (id: string) => root.querySelector<HTMLElement>(`[data-map-fact="${id}"]`);
  const flowList = root.querySelector<HTMLElement>('[data-map-flows]');
  const still = matchMedia('(prefers-reduced-motion: reduce)');

  const height = viewHeight(sim.topology);
  const canvas = svg('svg', { viewBox: `0 0 ${VIEW_WIDTH} ${height}`, role: 'img', 'aria-labelledby': 'map-title' });
  picture.style.aspectRatio = `${VIEW_WIDTH} / ${height}`;
  canvas.append(svg('title', { id: 'map-title' }, t('map.title')));
  for (const [zone, box] of Object.entries(zoneBoxes(sim.topology))) {
    canvas.append(svg('rect', { class: `zone ${zone}`, x: 2, y: box.y, width: VIEW_WIDTH - 4, height: box.h, rx: 6 }));
    canvas.append(svg('text', { class: 'zone-label', x: 8, y: box.y + 11 }, box.label));
  }
  const links = svg('g', { class: 'links' });
  const at = (id: string) => model.node(id);
  const link = (a?: MapNode, b?: MapNode, cls = 'link') => a && b && links.append(svg('line', { class: cls, x1: a.x, y1: a.y, x2: b.x, y2: b.y }));
  const fw = model.nodes.find((n) => n.kind === 'firewall');
  link(fw, model.nodes.find((n) => n.kind === 'router'));
  link(fw, at('nat:mail'), 'link nat');
  link(at('nat:mail'), at(MAIL_HOST), 'link nat');
  link(fw, at('ns.corp.example'));
  canvas.append(links);

  const nodeEls = new Map<string, SVGGElement>();
  const nodesLayer = svg('g', { class: 'nodes' });
  for (const n of model.nodes) {
    const g = svg('g', { class: `node ${n.kind}`, 'data-node': n.id, transform: `translate(${n.x} ${n.y})` });
    if (n.kind === 'workstation') {
      g.append(svg('rect', { x: -17, y: -9, width: 34, height: 18, rx: 3 }), svg('text', { y: 1 }, n.label), svg('text', { class: 'sub', y: 8 }, n.sub.replace(/^10\.0\./, '')));
    } else {
      if (n.kind === 'firewall') g.append(svg('rect', { x: -20, y: -11, width: 40, height: 22, rx: 3 }), svg('text', { y: 3 }, n.label), svg('text', { class: 'sub', y: 20 }, n.sub));
      else g.append(svg('circle', { r: 11 }), svg('text', { y: 21 }, n.label), svg('text', { class: 'sub', y: 29 }, n.sub));
    }
    nodeEls.set(n.id, g);
    nodesLayer.append(g);
  }
  canvas.append(nodesLayer);
  const flowsLayer = svg('g', { class: 'flows' });
  const marks = svg('g', { class: 'marks' });
  canvas.append(flowsLayer, marks);
  // The moving flows: drawn in the SVG's coordinates, scaled as its viewBox is (meet, centred).
  const paint = document.createElement('canvas');
  paint.className = 'map-flows-paint';
  paint.setAttribute('aria-hidden', 'true');
  paint.dataset.mapPaint = '';
  picture.replaceChildren(canvas, paint);
  const pen = paint.getContext('2d');

  // Marks: you are here, found desks, listed addresses, the relay.
  const drawMarks = () => {
    marks.replaceChildren();
    for (const [id, g] of nodeEls) {
      g.classList.toggle('here', id === model.here);
      g.classList.toggle('infected', model.found.has(id));
    }
    const here = model.node(model.here);
    if (here) marks.append(svg('text', { class: 'here-mark', x: here.x, y: here.y - (here.kind === 'workstation' ? 12 : 15), 'text-anchor': 'middle', 'data-here': here.id }, t('map.you-are-here')));
    const relayAt = at('nat:mail');
    const r = model.relay;
    if (relayAt && r.state !== 'unknown') {
      const cls = r.state === 'open' ? 'open' : r.state === 'closed' ? 'closed' : 'open';
      const text = r.state === 'open' ? t('map.badge-open', { accepted: r.accepted }) : r.state === 'closed' ? t('map.badge-closed') : t('map.badge-unreachable');
      marks.append(svg('text', { class: `badge ${cls}`, x: relayAt.x, y: relayAt.y - 15, 'data-relay': r.state }, text));
    }
    for (const ip of model.listed) {
      const n = ip === MAIL_PUBLIC_IP ? relayAt : ip === FW_PUBLIC_IP ? fw : model.nodeFor(ip);
      if (n) marks.append(svg('text', { class: 'badge listed', x: n.x, y: n.y + 38, 'data-listed': ip }, t('map.badge-listed', { ip })));
    }
    const set = (id: string, text: string) => {
      const el = fact(id);
      if (el && el.textContent !== text) el.textContent = text;
    };
    const hereNode = model.node(model.here);
    set('here', hereNode ? t('map.here', { host: hereNode.label, ip: hereNode.sub }) : model.here);
    set('relay', relayText(model.relay));
    set('listed', model.listed.length ? model.listed.map((ip) => t('map.listed-on', { ip, zone: sim.dnsbl.zone })).join(', ') : t('map.none'));
    set('found', model.found.size ? [...model.found].map((id) => model.node(id)?.label ?? id).join(', ') : t('map.none-yet'));
  };

  // Flows: queued from the stream, drawn per animation frame.
  const queue: Flow[] = [];
  const live: Array<{ flow: Flow; pts: Array<{ x: number; y: number }>; born: number }> = [];
  let painted = false;
  /** Clear the canvas and set it to the picture's size; false while the map's tab is hidden. */
  const canvasReady = (): boolean => {
    if (!pen) return false;
    const ratio = devicePixelRatio || 1;
    const w = Math.round(paint.clientWidth * ratio);
    const h = Math.round(paint.clientHeight * ratio);
    if (!w || !h) {
      // Hidden tab: nothing left over to show when it opens again.
      pen.clearRect(0, 0, paint.width, paint.height);
      painted = false;
      return false;
    }
    if (paint.width !== w || paint.height !== h) [paint.width, paint.height] = [w, h];
    pen.setTransform(1, 0, 0, 1, 0, 0);
    pen.clearRect(0, 0, w, h);
    const scale = Math.min(w / VIEW_WIDTH, h / height);
    pen.setTransform(scale, 0, 0, scale, (w - VIEW_WIDTH * scale) / 2, (h - height * scale) / 2);
    return true;
  };
  const recent: string[] = [];
  let lastDrop = -Infinity;
  const dropMark = svg('text', { class: 'drop-mark', x: fw?.x ?? 0, y: (fw?.y ?? 0) - 13, 'data-drop': 'fw' }, '✕');
  let frame = 0;
  let listDirty = false;
  let lastList = 0;
  let held = false;
  const schedule = () => {
    if (!frame && !held) frame = requestAnimationFrame(tick);
  };
  const tick = (now: number) => {
    frame = 0;
    // What a frame cannot draw is counted, not queued forever: a busy hour stays a picture of now.
    const room = Math.max(0, MAX_LIVE - live.length);
    for (const flow of queue.splice(0, queue.length).slice(-room)) {
      if (flow.dropAt === 'fw') lastDrop = now;
      live.push({ flow, pts: model.path(flow), born: now });
    }
    for (let i = live.length - 1; i >= 0; i--) if (now - live[i]!.born >= FLOW_MS) live.splice(i, 1);
    if ((live.length || painted) && canvasReady()) {
      painted = live.length > 0;
      const moving = !still.matches;
      pen!.lineWidth = 1.6;
      for (const f of live) {
        const t = (now - f.born) / FLOW_MS;
        const colour = f.flow.ok ? FLOW_COLOUR.ok : FLOW_COLOUR.drop;
        // The path shows where it goes; the dot (or, without motion, the fading) shows it is now.
        pen!.globalAlpha = moving ? 0.8 : 0.8 * (1 - t);
        pen!.strokeStyle = colour;
        pen!.beginPath();
        f.pts.forEach((p, j) => (j ? pen!.lineTo(p.x, p.y) : pen!.moveTo(p.x, p.y)));
        pen!.stroke();
        if (moving) {
          const p = along(f.pts, t);
          pen!.globalAlpha = 1;
          pen!.fillStyle = colour;
          pen!.beginPath();
          pen!.arc(p.x, p.y, 2.5, 0, 2 * Math.PI);
          pen!.fill();
        }
      }
    }
    // One ✕ at fw, shown while drops keep coming.
    const dropping = now - lastDrop < FLOW_MS;
    if (dropMark.isConnected !== dropping) {
      if (dropping) flowsLayer.append(dropMark);
      else dropMark.remove();
    }
    if (listDirty && now - lastList > 1000 && flowList) {
      listDirty = false;
      lastList = now;
      flowList.replaceChildren(...recent.map((r) => Object.assign(document.createElement('li'), { textContent: r })));
    }
    if (live.length || queue.length || listDirty || dropping) schedule();
  };

  // What decides the relay's answer to the outside: Postfix's config (files and reloads), fw's rules,
  // and time (an smtpd worker reads main.cf when it starts; one idles out after 100 s). The battery
  // runs again only when one of them changed.
  let configEvents = 0;
  const relayKey = () => {
    const fs = sim.machine('mail').fs;
    return [configEvents, fs.tryRead('/etc/postfix/main.cf'), fs.tryRead('/etc/postfix/master.cf'), iptables(sim.firewall, ['-S']).stdout, Math.floor(sim.clock.now() / 50_000)].join('\u0000');
  };
  let probedKey = '';
  const showRelay = (r: RelayBatteryResult) => {
    model.relay = !r.reached ? { state: 'unreachable', why: r.why } : r.accepted.length ? { state: 'open', accepted: r.accepted.length } : { state: 'closed' };
    model.setListed(sim.dnsbl.listings);
    drawMarks();
  };

  let marksDirty = false;
  const onEvent = (e: NetEvent) => {
    if (e.type === 'config') configEvents++;
    const hereBefore = model.here;
    const flow = model.flowOf(e);
    if (model.here !== hereBefore || e.type === 'dnsbl') marksDirty = true;
    if (e.type === 'dnsbl') model.setListed(sim.dnsbl.listings);
    if (flow) {
      if (!held) queue.push(flow);
      recent.unshift(flow.label);
      recent.length = Math.min(recent.length, RECENT);
      listDirty = true;
    }
    if (marksDirty && !held) {
      marksDirty = false;
      queueMicrotask(drawMarks);
    }
    if (flow || listDirty) schedule();
  };
  const unsubscribe = sim.events.subscribe(onEvent);
  const untap = onOutput((text) => {
    if (model.readOutput(text) && !held) queueMicrotask(drawMarks);
  });
  model.setListed(sim.dnsbl.listings);
  drawMarks();

  return {
    model,
    async refresh() {
      const key = relayKey();
      if (key === probedKey) return;
      probedKey = key;
      showRelay(await runBattery(sim, 'outside', MAIL_HOST, 25));
    },
    follow() {
      // Taken before the grading: had anything that decides the answer moved since, the next refresh runs again.
      const key = relayKey();
      let found: RelayBatteryResult | undefined;
      return {
        onBattery: (run, r) => {
          if (run.from === 'outside' && run.target === MAIL_HOST && run.port === 25) found ??= r;
        },
        done: async () => {
          if (!found) return this.refresh();
          probedKey = key;
          showRelay(found);
        },
      };
    },
    holdDrawing() {
      held = true;
      return () => {
        held = false;
        marksDirty = false;
        // Flows of the replayed past are not animated now; the list of recent ones is shown.
        drawMarks();
        schedule();
      };
    },
    dispose() {
      unsubscribe();
      untap();
      if (frame) cancelAnimationFrame(frame);
    },
  };
}

/** The point a fraction `t` of the way along a polyline. */
function along(pts: Array<{ x: number; y: number }>, t: number): { x: number; y: number } {
  const seg = pts.slice(1).map((p, i) => Math.hypot(p.x - pts[i]!.x, p.y - pts[i]!.y));
  let left = t * seg.reduce((a, b) => a + b, 0);
  for (let i = 0; i < seg.length; i++) {
    if (left <= seg[i]! || i === seg.length - 1) {
      const k = seg[i] ? Math.min(1, left / seg[i]!) : 1;
      return { x: pts[i]!.x + (pts[i + 1]!.x - pts[i]!.x) * k, y: pts[i]!.y + (pts[i + 1]!.y - pts[i]!.y) * k };
    }
    left -= seg[i]!;
  }
  return pts[pts.length - 1]!;
}
