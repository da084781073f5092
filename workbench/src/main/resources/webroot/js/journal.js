// The journal as a timeline of surgeries (after Epicea's change browser): newest first, each with
// its changes old → new; live from the event bus; rollback answers a new surgery or its conflicts.

import { h, clear, status, failure } from './dom.js';

export class JournalView {
  constructor(app) {
    this.app = app;
    this.entries = new Map();
    this.selected = null;
    this.timeline = h('ol', { class: 'timeline items' });
    this.detail = h('section', { class: 'surgery-detail' }, h('p', { class: 'note' }, 'Select a surgery to see its changes.'));
    this.el = h('div', { class: 'view journal' },
      h('div', { class: 'toolbar' },
        h('button', { class: 'rollback', onclick: () => this.rollback() }, 'Roll back'),
        h('span', { class: 'spacer' }), h('span', { class: 'summary' })),
      h('div', { class: 'split' }, h('section', { class: 'pane list' }, h('h3', {}, 'Surgeries'), this.timeline), this.detail));
    app.onEvent((event) => this.event(event));
  }

  async load() {
    try {
      const log = await this.app.api.journal();
      for (const s of log.surgeries || []) {
        this.entry(s.id, { label: s.label, state: s.state, begun: s.begun, changes: s.changes });
      }
      this.render();
    } catch (e) {
      failure(e);
    }
  }

  /** A journal event from the bus: surgeries appear, commit or abort as they happen. */
  event(e) {
    const received = Date.now();
    if (e.type === 'SurgeryBegun') {
      this.entry(e.surgeryId, { label: e.label, state: 'open', begun: e.time, receivedBegun: received });
    } else if (e.type === 'SurgeryCommitted') {
      this.entry(e.surgeryId, { state: 'committed', changes: e.changeCount, committedAt: e.time, received });
    } else if (e.type === 'SurgeryAborted') {
      this.entry(e.surgeryId, { state: 'aborted', reason: e.reason, received });
    } else {
      return;
    }
    this.render();
    if (this.selected === e.surgeryId && e.type !== 'SurgeryBegun') {
      this.select(e.surgeryId);
    }
  }

  entry(id, fields) {
    const old = this.entries.get(id) || { id };
    this.entries.set(id, { ...old, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) });
  }

  render() {
    const all = [...this.entries.values()].sort((a, b) => String(b.begun).localeCompare(String(a.begun)));
    this.el.querySelector('.summary').textContent =
      `${all.length} surgeries, ${all.filter((s) => s.state === 'committed').length} committed`;
    // A rollback's label names the surgery it undid: that one is shown as rolled back.
    const rollbacks = all.filter((s) => s.state === 'committed' && String(s.label).startsWith('rollback '));
    const undone = new Set(all.filter((s) => rollbacks.some((r) => r.label.includes(s.id))).map((s) => s.id));
    clear(this.timeline, ...all.map((s) => h('li', {
      class: [s.state, s.id === this.selected ? 'selected' : '', undone.has(s.id) ? 'undone' : ''].join(' '),
      dataset: { surgery: s.id, state: s.state, received: s.received, receivedBegun: s.receivedBegun, begun: s.begun,
        committedAt: s.committedAt },
      onclick: () => this.select(s.id),
    }, h('span', { class: `badge ${s.state}` }, s.state),
      h('span', { class: 'label' }, s.label || '(no label)', undone.has(s.id) ? h('span', { class: 'undone-note' }, ' rolled back') : null),
      h('span', { class: 'meta' }, `${time(s.begun)} · ${s.changes ?? '…'} changes · ${s.id.slice(0, 8)}`))));
  }

  async select(id) {
    this.selected = id;
    this.render();
    try {
      const answer = await this.app.api.surgery(id);
      const events = Array.isArray(answer) ? answer : answer.events || [];
      const s = this.entries.get(id) || {};
      const changes = events.filter((e) => e.type === 'ChangeMade');
      clear(this.detail,
        h('h3', {}, s.label || id),
        h('table', { class: 'kv' },
          ...[['surgery', id], ['state', s.state], ['begun', s.begun], ['changes', changes.length], ['reason', s.reason]]
            .filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, String(v))))),
        h('table', { class: 'changes' },
          h('tr', {}, ...['#', 'change', 'object', 'where', 'old', '', 'new'].map((t) => h('th', {}, t))),
          ...changes.map((e) => changeRow(e))));
    } catch (e) {
      failure(e);
    }
  }

  async rollback() {
    const s = this.entries.get(this.selected);
    if (!s) {
      status('select a surgery to roll back', 'error');
      return;
    }
    try {
      const answer = await this.app.api.rollback(s.id);
      const report = answer.rollback;
      status(`rolled back "${answer.rolledBackLabel}" by surgery ${report.id.slice(0, 8)} (${report.changes} changes)`, 'ok');
    } catch (e) {
      // The refusal names the later surgeries in the way: each is offered to be selected (and rolled back first).
      const inTheWay = [...this.entries.values()].filter((x) => x.id !== s.id && e.message.includes(x.id));
      clear(this.detail, h('h3', { class: 'error' }, `Rollback of "${s.label}" refused: nothing changed`),
        h('p', { class: 'conflict' }, e.message),
        inTheWay.length ? h('p', {}, 'In the way: ', ...inTheWay.map((x) => h('a', {
          href: '#', class: 'in-the-way', onclick: (ev) => { ev.preventDefault(); this.select(x.id); },
        }, `${x.label} (${x.id.slice(0, 8)})`))) : null);
      failure(e);
    }
  }
}

function time(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleTimeString([], { hour12: false });
}

/** One journaled change as a row: what, on which object (by its symbolic name), old → new. */
function changeRow(e) {
  const c = e.change || {};
  const names = e.names || {};
  const ref = (r) => {
    if (r === null || r === undefined) {
      return '';
    }
    if (typeof r !== 'object') {
      return String(r);
    }
    if ('smallInteger' in r) {
      return String(r.smallInteger);
    }
    if ('created' in r) {
      return `created#${r.created}`;
    }
    if ('snapshot' in r) {
      return names[r.snapshot] || `0x${Number(r.snapshot).toString(16)}`;
    }
    return JSON.stringify(r);
  };
  let object = ref(c.target || c.behavior || c.process || c.cls);
  let where = c.index !== undefined ? `slot ${c.index}` : '';
  let oldValue = ref(c.oldValue);
  let newValue = ref(c.newValue);
  switch (c.kind) {
    case 'ByteStored':
    case 'WordStored':
      where = `${c.kind === 'ByteStored' ? 'byte' : 'word'} ${c.index}`;
      oldValue = String(c.oldValue);
      newValue = String(c.newValue);
      break;
    case 'ObjectCreated':
    case 'ObjectCreatedWithHash':
      where = `a ${ref(c.cls)}`;
      break;
    case 'MethodInstalled':
      object = `${c.className}>>${c.selector}`;
      oldValue = ref(c.oldMethod);
      newValue = ref(c.method);
      break;
    case 'MethodRemoved':
      object = `${c.className}>>${c.selector}`;
      oldValue = ref(c.oldMethod);
      break;
    case 'ClassDefined':
      object = c.name;
      where = c.superclassName ? `subclass of ${c.superclassName}` : '';
      break;
    case 'ProcessPriorityChanged':
      oldValue = String(c.oldPriority);
      newValue = String(c.newPriority);
      break;
    case 'ClassChanged':
      oldValue = ref(c.oldClass);
      newValue = ref(c.newClass);
      break;
    default:
      break;
  }
  const arrow = oldValue || newValue ? '→' : '';
  return h('tr', { class: c.kind }, h('td', { class: 'num' }, e.sequence), h('td', {}, c.kind),
    h('td', {}, object), h('td', {}, where), h('td', { class: 'old' }, oldValue), h('td', {}, arrow),
    h('td', { class: 'new' }, newValue));
}
