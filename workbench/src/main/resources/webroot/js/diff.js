// The space against its base image, as `ozw diff` shows two images: only what differs.

import { h, clear, failure } from './dom.js';

export class DiffView {
  constructor(app) {
    this.app = app;
    this.body = h('div', { class: 'diff-body' });
    this.el = h('div', { class: 'view diff' },
      h('div', { class: 'toolbar' }, h('span', { class: 'code-title' }, 'The live space against its base image'),
        h('span', { class: 'spacer' }), h('button', { onclick: () => this.load() }, 'Refresh')),
      this.body);
  }

  async load() {
    try {
      this.render(await this.app.api.diff());
    } catch (e) {
      failure(e);
    }
  }

  render(d) {
    const section = (title, lines) => (lines.length ? [h('h3', {}, title), h('ul', { class: 'diff-lines' }, ...lines)] : []);
    const line = (sign, text, a, b, onclick) => h('li', { class: { '+': 'added', '-': 'removed', '~': 'changed' }[sign] },
      h('span', { class: 'sign' }, sign), ' ', onclick ? h('a', { href: '#', onclick: (e) => { e.preventDefault(); onclick(); } }, text) : text,
      a !== undefined ? h('span', { class: 'values' }, ': ', h('span', { class: 'old' }, a), ' → ', h('span', { class: 'new' }, b)) : null);
    const named = (prefix, n) => [
      ...(n.added || []).map((v) => line('+', `${prefix}${v.name}`, undefined)),
      ...(n.removed || []).map((v) => line('-', `${prefix}${v.name}`, undefined)),
      ...(n.changed || []).map((c) => line('~', `${prefix}${c.what}`, c.a, c.b))];
    const browse = (cls, selector) => () => this.app.browse(cls, selector);
    const methods = (d.methods || []).flatMap((m) => [
      ...(m.added || []).map((s) => line('+', `${m.className}>>${s}`, undefined, undefined, browse(m.className, s))),
      ...(m.removed || []).map((s) => line('-', `${m.className}>>${s}`)),
      ...(m.changed || []).map((c) => line('~', `${m.className}>>${c.selector} (${(c.parts || []).join(', ')} differ)`,
        undefined, undefined, browse(m.className, c.selector)))]);
    const classes = d.classes || {};
    const p = d.processes || {};
    clear(this.body,
      h('p', { class: 'summary' }, h('strong', {}, d.summary || ''),
        ` — the base image ${d.a.file.split('/').pop()} (${d.a.objects} objects, ${d.a.classes} classes) → the space as it would be saved now (${d.b.objects} objects, ${d.b.classes} classes)`),
      ...section('Classes', [...(classes.added || []).map((c) => line('+', c)), ...(classes.removed || []).map((c) => line('-', c)),
        ...(classes.changed || []).flatMap((c) => c.changes.map((x) => line('~', `${c.name} ${x.what}`, x.a, x.b)))]),
      ...section('Methods', methods),
      ...section('Globals', named('', d.globals || {})),
      ...section('Class variables', (d.classVariables || []).flatMap((v) => named(`${v.className} `, v.variables))),
      ...section('Processes', [...(p.active ? [line('~', 'active', p.active.a, p.active.b)] : []),
        ...(p.priorityLists || []).map((c) => line('~', c.what, c.a, c.b)),
        ...(p.onlyInA || []).map((s) => line('-', s)), ...(p.onlyInB || []).map((s) => line('+', s))]),
      ...section('Objects', (d.objects && d.objects.byClass || []).map((c) => line('~', c.className, c.a, `${c.b} (${c.difference > 0 ? '+' : ''}${c.difference})`))),
      ...section('Header', (d.header || []).map((c) => line('~', c.what, c.a, c.b))),
      ...section('Layout (moves with every save)', (d.layout || []).map((c) => line('~', c.what, c.a, c.b))));
  }
}
