// The Playground: an expression evaluated by the server (in a sandbox copy of the space), its
// printString or the guest's error below.

import { h, failure } from './dom.js';

export class EvaluatorView {
  constructor(app) {
    this.app = app;
    this.text = h('textarea', { class: 'code', spellcheck: 'false',
      onkeydown: (e) => { if ((e.ctrlKey || e.metaKey) && (e.key === 'p' || e.key === 'Enter')) { e.preventDefault(); this.printIt(); } } });
    this.text.value = '3 + 4';
    this.inSpace = h('input', { type: 'checkbox' });
    this.results = h('ol', { class: 'results' });
    this.el = h('div', { class: 'view evaluator' },
      h('div', { class: 'toolbar' },
        h('span', { class: 'code-title' }, 'Playground'), h('span', { class: 'note' }, 'Ctrl+P: print it'),
        h('span', { class: 'spacer' }),
        h('label', { title: 'Unchecked: in a throwaway copy of the space. Checked: in the space itself, as one journaled surgery.' },
          this.inSpace, ' in the space, as a surgery'),
        h('button', { class: 'accept', onclick: () => this.printIt() }, 'Print it')),
      h('div', { class: 'editor' }, this.text), this.results);
  }

  load() {}

  async printIt() {
    const expression = this.text.value;
    try {
      const r = await this.app.api.evaluate(expression, !this.inSpace.checked);
      const ok = r.result === 'value' || (r.error === undefined || r.error === null);
      this.results.prepend(h('li', { class: ok ? 'value' : 'error' },
        h('code', { class: 'expr' }, expression), h('span', { class: 'arrow' }, ' → '),
        h('code', { class: 'printString' }, ok ? r.value : r.error),
        r.bytecodes ? h('span', { class: 'meta' }, ` ${r.bytecodes} bytecodes`) : null));
    } catch (e) {
      this.results.prepend(h('li', { class: 'error' }, h('code', { class: 'expr' }, expression), ' → ', h('code', {}, e.message)));
      failure(e);
    }
  }
}
