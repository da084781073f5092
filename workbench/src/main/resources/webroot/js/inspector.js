// The Inspector, in the manner of Pharo's: objects side by side, each followed from a slot of the
// one on its left. A slot is followed by its name (the path as `ozw object` names objects:
// Processor.activeProcess.suspendedContext), or by its oop when the path does not resolve.

import { h, clear, failure } from './dom.js';

const COLUMNS = 2;

export class InspectorView {
  constructor(app) {
    this.app = app;
    this.trail = [];
    this.asked = 0;
    this.input = h('input', { type: 'text', class: 'expression', placeholder: 'Processor.activeProcess, Smalltalk@Transcript, 0x154b8c04…',
      onkeydown: (e) => { if (e.key === 'Enter') this.open(this.input.value.trim(), true); } });
    this.crumbs = h('nav', { class: 'crumbs' });
    this.body = h('div', { class: 'inspected' });
    this.el = h('div', { class: 'view inspector' },
      h('div', { class: 'toolbar' }, h('label', {}, 'Inspect '), this.input,
        h('button', { onclick: () => this.open(this.input.value.trim(), true) }, 'Inspect'),
        h('button', { onclick: () => this.refresh() }, 'Refresh')),
      this.crumbs, this.body);
  }

  async load() {
    if (!this.trail.length) {
      await this.open('Processor', true);
    }
  }

  /** Reads every object of the trail again (after a surgery). */
  async refresh() {
    try {
      for (const step of this.trail) {
        step.object = await this.app.api.object(step.path);
      }
      this.render();
    } catch (e) {
      failure(e);
    }
  }

  /** Inspects an object by path or oop; fresh starts a new trail. The last thing asked wins: an older answer is dropped. */
  async open(path, fresh) {
    if (!path) {
      return;
    }
    const asked = this.ask();
    try {
      const object = await this.app.api.object(path);
      if (asked !== this.asked) {
        return;
      }
      if (fresh) {
        this.trail = [];
      }
      this.trail.push({ path, object });
      this.render();
    } catch (e) {
      failure(e);
    } finally {
      this.answered(asked);
    }
  }

  /** Follows a slot of the trail's object at index: by its name path, else by its oop. */
  async follow(index, slot) {
    const from = this.trail[index];
    const byName = slot.name ? `${from.path}.${slot.name}` : null;
    const asked = this.ask();
    try {
      let step;
      try {
        step = { path: byName || slot.ref, object: await this.app.api.object(byName || slot.ref), slot: slot.name || slot.index };
      } catch (e) {
        step = { path: slot.ref, object: await this.app.api.object(slot.ref), slot: slot.name || slot.index };
      }
      if (asked !== this.asked || this.trail[index] !== from) {
        return;
      }
      this.trail = [...this.trail.slice(0, index + 1), step];
      this.render();
    } finally {
      this.answered(asked);
    }
  }

  /** Numbers a request; the view says it is busy until the last one asked is answered. */
  ask() {
    this.asked += 1;
    this.el.dataset.busy = 'true';
    return this.asked;
  }

  answered(asked) {
    if (asked === this.asked) {
      delete this.el.dataset.busy;
    }
  }

  back(index) {
    this.trail = this.trail.slice(0, index + 1);
    this.render();
  }

  render() {
    const last = this.trail[this.trail.length - 1];
    this.input.value = last.path;
    clear(this.crumbs, ...this.trail.map((t, i) => h('a', {
      href: '#', class: i === this.trail.length - 1 ? 'current' : '', title: t.path,
      onclick: (e) => { e.preventDefault(); this.back(i); },
    }, describe(t.object))));
    const first = Math.max(0, this.trail.length - COLUMNS);
    clear(this.body, ...this.trail.slice(first).map((step, k) => {
      const index = first + k;
      const next = this.trail[index + 1];
      return this.column(step, index, next && next.slot, index === this.trail.length - 1);
    }));
  }

  column(step, index, followed, current) {
    const o = step.object;
    const header = h('table', { class: 'kv header' },
      ...[['self', describe(o)], ['class', o.className], ['oop', o.oop], ['path', step.path],
        ['format', o.formatName && `${o.format} (${o.formatName})`], ['hash', o.hash],
        ['size', o.fixedSlots !== undefined && `${o.fixedSlots} named + ${o.basicSize} indexed`]]
        .filter(([, v]) => v !== undefined && v !== null && v !== false)
        .map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, String(v)))));
    const slots = (o.slots || []).map((s) => {
      const value = s.ref
        ? h('a', { href: '#', onclick: (e) => { e.preventDefault(); this.follow(index, s).catch(failure); } }, s.value)
        : s.value;
      const key = s.name || s.index;
      return h('tr', { class: followed !== undefined && String(followed) === String(key) ? 'followed' : '', dataset: { slot: key } },
        h('th', {}, s.name || `${s.index + 1}`), h('td', { class: 'value' }, value),
        h('td', { class: 'cls' }, s.valueClass));
    });
    const parts = [header];
    if (slots.length) {
      parts.push(h('table', { class: 'slots' },
        h('tr', {}, h('th', {}, 'slot'), h('th', {}, 'value'), h('th', {}, 'class')), ...slots));
    }
    if (o.omitted) {
      parts.push(h('p', { class: 'note' }, `${o.omitted} more slots not shown`));
    }
    if (o.string !== undefined && o.string !== null) {
      parts.push(h('h4', {}, 'as a string'), h('pre', { class: 'code' }, o.string));
    }
    if (o.hex) {
      parts.push(h('h4', {}, 'bytes'), h('pre', { class: 'code' }, o.hex));
    }
    if (o.words) {
      parts.push(h('h4', {}, 'words'), h('pre', { class: 'code' }, o.words.join(' ')));
    }
    if (o.floatValue !== undefined && o.floatValue !== null) {
      parts.push(h('h4', {}, 'float'), h('pre', { class: 'code' }, String(o.floatValue)));
    }
    if (o.method) {
      parts.push(h('h4', {}, `method ${o.method.location || o.method.oldVersionOf || ''}`),
        h('pre', { class: 'code' }, o.method.disassembly));
    }
    return h('section', { class: `column${current ? ' current' : ''}` }, ...parts);
  }
}

/** What an inspected object prints as (a SmallInteger's document has its value only). */
function describe(o) {
  return o.description ?? String(o.value);
}
