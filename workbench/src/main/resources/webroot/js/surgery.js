// The surgery editor: a chunk-format file-in or a JSON batch, applied as one surgery.

import { h, clear, status, failure } from './dom.js';

const EXAMPLE = `!Point methodsFor: 'ozw'!
norm1
    "The taxicab length of the receiver."
    ^ x abs + y abs! !
`;

export class SurgeryView {
  constructor(app) {
    this.app = app;
    this.text = h('textarea', { class: 'code', spellcheck: 'false' });
    this.text.value = EXAMPLE;
    this.label = h('input', { type: 'text', class: 'label', placeholder: 'label (optional)' });
    this.answer = h('section', { class: 'answer' }, h('p', { class: 'note' },
      'The surgery\'s report, or why it was refused (nothing is changed then), appears here; the journal shows its changes.'));
    this.el = h('div', { class: 'view surgery' },
      h('div', { class: 'toolbar' },
        h('span', { class: 'code-title' }, 'Surgery'),
        h('span', { class: 'note' }, 'a file-in (chunk format) or a JSON batch ({"label": …, "steps": […]}), applied whole or not at all'),
        h('span', { class: 'spacer' }), this.label,
        h('button', { class: 'accept', onclick: () => this.apply() }, 'Apply as one surgery')),
      h('div', { class: 'editor' }, this.text), this.answer);
  }

  load() {}

  /** Opens the editor on a method's source, to be applied as one surgery. */
  edit(text) {
    this.text.value = text;
  }

  async apply() {
    const text = this.text.value;
    let body = text;
    if (text.trim().startsWith('{')) {
      try {
        body = JSON.parse(text);
      } catch (e) {
        status(`not a JSON batch: ${e.message}`, 'error');
        return;
      }
    }
    try {
      const report = await this.app.api.applySurgery(body, this.label.value.trim() || undefined);
      clear(this.answer, h('table', { class: 'kv' }, ...Object.entries(report).map(([k, v]) => [k, shown(v)])
        .filter(([, v]) => v !== '').map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))));
      status(`surgery ${String(report.id).slice(0, 8)} ${report.state}`, 'ok');
    } catch (e) {
      clear(this.answer, h('pre', { class: 'error' }, e.message));
      failure(e);
    }
  }
}

/** A report's value as text: lists one item a line, maps as `key: value` lines, nothing for null or empty. */
function shown(value) {
  if (value === null || value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return value.join('\n');
  }
  if (typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => `${k}: ${v}`).join('\n');
  }
  return String(value);
}
