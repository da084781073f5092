// The Inspector: one object, its header and slots; a slot's value is followed by its name (the
// path as `ozw object` names objects: Processor.activeProcess.suspendedContext) or by its oop.

import { h, clear, failure } from './dom.js';

export class InspectorView {
  constructor(app) {
    this.app = app;
    this.trail = [];
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

  refresh() {
    const last = this.trail[this.trail.length - 1];
    return last ? this.show(last.path) : Promise.resolve();
  }

  /** Inspects an object by path or oop; fresh starts a new trail. */
  async open(path, fresh) {
    if (!path) {
      return;
    }
    if (fresh) {
      this.trail = [];
    }
    this.trail.push({ path, label: path });
    await this.show(path);
  }

  async show(path) {
    try {
      const o = await this.app.api.object(path);
      this.input.value = path;
      this.trail[this.trail.length - 1].label = o.description;
      this.render(o, path);
    } catch (e) {
      this.trail.pop();
      failure(e);
    }
  }

  back(index) {
    this.trail = this.trail.slice(0, index + 1);
    this.show(this.trail[index].path);
  }

  render(o, path) {
    clear(this.crumbs, ...this.trail.map((t, i) => h('a', {
      href: '#', class: i === this.trail.length - 1 ? 'current' : '',
      onclick: (e) => { e.preventDefault(); this.back(i); },
    }, t.label)));
    const header = h('table', { class: 'kv header' },
      ...[['self', o.description], ['class', o.className], ['oop', o.oop], ['path', o.expression],
        ['format', `${o.format} (${o.formatName})`], ['hash', o.hash], ['size', `${o.fixedSlots} named + ${o.basicSize} indexed`]]
        .map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, String(v)))));
    const slots = (o.slots || []).map((s) => {
      const follow = s.name ? `${path}.${s.name}` : s.ref;
      const value = s.ref
        ? h('a', { href: '#', onclick: (e) => { e.preventDefault(); this.follow(follow || s.ref, s.ref); } }, s.value)
        : s.value;
      return h('tr', { dataset: { slot: s.name || s.index } },
        h('th', {}, s.name || `${s.index + 1}`), h('td', { class: 'value' }, value),
        h('td', { class: 'cls' }, s.valueClass), h('td', { class: 'oop' }, s.ref || ''));
    });
    const parts = [header];
    if (slots.length) {
      parts.push(h('table', { class: 'slots' },
        h('tr', {}, h('th', {}, 'slot'), h('th', {}, 'value'), h('th', {}, 'class'), h('th', {}, 'oop')), ...slots));
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
    clear(this.body, ...parts);
  }

  /** Follows a slot by its name path, falling back to the oop when the path does not resolve. */
  async follow(path, oop) {
    this.trail.push({ path, label: path });
    try {
      const o = await this.app.api.object(path);
      this.trail[this.trail.length - 1].label = o.description;
      this.input.value = path;
      this.render(o, path);
    } catch (e) {
      this.trail[this.trail.length - 1].path = oop;
      await this.show(oop);
    }
  }
}
