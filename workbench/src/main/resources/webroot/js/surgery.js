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
    this.answer = h('section', { class: 'answer' });
    this.el = h('div', { class: 'view surgery' },
      h('div', { class: 'toolbar' },
        h('span', { class: 'code-title' }, 'A file-in (chunk format) or a JSON batch ({"label": …, "steps": […]}), applied whole or not at all'),
        h('span', { class: 'spacer' }),
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
      const report = await this.app.api.applySurgery(body);
      clear(this.answer, h('table', { class: 'kv' },
        ...Object.entries(report).filter(([, v]) => v !== null && typeof v !== 'object' || Array.isArray(v) && v.length)
          .map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, Array.isArray(v) ? v.join('\n') : String(v))))));
      status(`surgery ${String(report.id).slice(0, 8)} ${report.state}`, 'ok');
    } catch (e) {
      clear(this.answer, h('pre', { class: 'error' }, e.message));
      failure(e);
    }
  }
}
