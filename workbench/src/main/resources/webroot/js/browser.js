// The System Browser: categories → classes → method categories → methods, the method below as
// source (decompiled by the host) or bytecodes; accept applies the edited method as one surgery.

import { h, ListPane, clear, status, failure } from './dom.js';

const ALL = '-- all --';

export class BrowserView {
  constructor(app) {
    this.app = app;
    this.classes = [];
    this.className = null;
    this.classSide = false;
    this.methods = [];
    this.method = null;
    this.mode = 'source';
    this.classAsked = 0;
    this.methodAsked = 0;
    this.pending = 0;

    this.categoryPane = new ListPane('Categories', (c) => this.showClasses(c), 'categories')
      .withFilter('filter classes…', (text) => this.filter(text));
    this.classPane = new ListPane('Classes', (c) => this.openClass(c), 'classes');
    this.protocolPane = new ListPane('Protocols', (p) => this.showMethods(p), 'protocols');
    this.methodPane = new ListPane('Methods', (s) => this.openMethod(s), 'methods');
    this.sideToggle = h('div', { class: 'side' },
      h('label', {}, h('input', { type: 'radio', name: 'side', checked: true, onchange: () => this.setSide(false) }), 'instance'),
      h('label', {}, h('input', { type: 'radio', name: 'side', onchange: () => this.setSide(true) }), 'class'));
    this.classPane.el.append(this.sideToggle);

    this.title = h('span', { class: 'code-title' }, '');
    this.modeButtons = ['source', 'bytecodes', 'header'].map((m) =>
      h('button', { class: 'mode', dataset: { mode: m }, onclick: () => this.setMode(m) },
        { source: 'Source', bytecodes: 'Bytecodes', header: 'Header & literals' }[m]));
    this.acceptButton = h('button', { class: 'accept', title: 'Apply the edited method as one journaled surgery (Ctrl+S)', onclick: () => this.accept() }, 'Accept');
    this.code = h('textarea', { class: 'code', spellcheck: 'false', onkeydown: (e) => this.key(e) });
    this.bytecodes = h('div', { class: 'code bytecodes' });
    this.found = h('section', { class: 'found hidden' });
    this.el = h('div', { class: 'view browser' },
      h('div', { class: 'panes' }, this.categoryPane.el, this.classPane.el, this.protocolPane.el, this.methodPane.el),
      h('div', { class: 'toolbar' }, this.title, h('span', { class: 'spacer' }), ...this.modeButtons,
        h('button', { onclick: () => this.search('senders') }, 'Senders'),
        h('button', { onclick: () => this.search('implementors') }, 'Implementors'),
        h('button', { onclick: () => this.inspectMethod() }, 'Inspect'),
        h('button', { title: 'Open the method as a file-in in the surgery editor', onclick: () => this.fileOut() }, 'File out'),
        this.acceptButton),
      this.found,
      h('div', { class: 'editor' }, this.code, this.bytecodes));
    this.code.readOnly = true;
    this.code.placeholder = 'Select a class to see its definition, then a method to see its source.';
    this.acceptButton.disabled = true;
    this.setMode('source');
  }

  async load() {
    this.classes = await this.app.api.classes('*');
    this.classes.sort((a, b) => a.name.localeCompare(b.name));
    this.showCategories();
  }

  showCategories() {
    const categories = [...new Set(this.classes.map((c) => c.category || 'Unclassified'))].sort();
    this.categoryPane.show([{ key: ALL, label: ALL }, ...categories.map((c) => ({ key: c, label: c }))], true);
    if (!this.categoryPane.selected) {
      this.categoryPane.select(ALL);
    }
  }

  filter(text) {
    this.filterText = text.toLowerCase();
    this.showClasses(this.categoryPane.selected || ALL);
  }

  showClasses(category) {
    const text = this.filterText || '';
    const shown = this.classes.filter((c) =>
      (category === ALL || (c.category || 'Unclassified') === category) && c.name.toLowerCase().includes(text));
    this.classPane.show(shown.map((c) => ({
      key: c.name, label: c.name,
      title: `${c.name} (${c.superclass || 'nil'}) — ${c.instanceMethods} + ${c.classMethods} methods`,
    })), true);
  }

  /** Selects a class (its category too) and shows its methods; opens a method when given. */
  async browse(className, selector) {
    const base = className.replace(/ class$/, '');
    const cls = this.classes.find((c) => c.name === base);
    if (!cls) {
      status(`no class named ${base}`, 'error');
      return;
    }
    this.filterText = '';
    this.categoryPane.filterBox.value = '';
    this.categoryPane.select(cls.category || 'Unclassified');
    this.classSide = className.endsWith(' class');
    this.sideToggle.querySelectorAll('input')[this.classSide ? 1 : 0].checked = true;
    this.classPane.select(base);
    await this.loading;
    if (selector) {
      this.protocolPane.select(ALL);
      this.methodPane.select(selector);
    }
  }

  setSide(classSide) {
    this.classSide = classSide;
    if (this.className) {
      this.openClass(this.classPane.selected);
    }
  }

  fullName(name) {
    return this.classSide ? `${name} class` : name;
  }

  openClass(name) {
    this.loading = this.loadClass(name).catch(failure);
    return this.loading;
  }

  async loadClass(name) {
    this.className = this.fullName(name);
    const asked = ++this.classAsked;
    const methodAsked = this.methodAsked;
    const detail = await this.busyWhile(this.app.api.classDetail(name));
    if (asked !== this.classAsked) {
      return;
    }
    this.methods = methodsOf(detail, this.classSide);
    const protocols = [...new Set(this.methods.map((m) => m.category))].sort();
    this.protocolPane.show([{ key: ALL, label: ALL }, ...protocols.map((p) => ({ key: p, label: p }))]);
    this.protocolPane.mark(ALL);
    this.showMethods(ALL);
    for (const li of this.categoryPane.list.children) {
      li.classList.toggle('owner', li.dataset.key === (detail.summary.category || 'Unclassified'));
    }
    // A method asked for while the class was read stays shown.
    if (methodAsked === this.methodAsked) {
      this.method = null;
      this.showDefinition(detail);
    }
  }

  /** Marks the view busy until the answer comes (the tests wait for it to be idle). */
  async busyWhile(answer) {
    this.pending += 1;
    this.el.dataset.busy = 'true';
    try {
      return await answer;
    } finally {
      this.pending -= 1;
      if (this.pending === 0) {
        delete this.el.dataset.busy;
      }
    }
  }

  showDefinition(detail) {
    this.title.textContent = this.className;
    this.code.value = detail.definition || definitionOf(detail);
    this.code.readOnly = true;
    this.acceptButton.disabled = true;
    this.bytecodes.textContent = '';
  }

  showMethods(protocol) {
    const shown = this.methods.filter((m) => protocol === ALL || m.category === protocol)
      .sort((a, b) => a.selector.localeCompare(b.selector));
    this.methodPane.show(shown.map((m) => ({ key: m.selector, label: m.selector })), true);
  }

  async openMethod(selector) {
    const asked = ++this.methodAsked;
    try {
      const detail = await this.busyWhile(this.app.api.method(this.className, selector));
      if (asked !== this.methodAsked) {
        return;
      }
      this.method = { className: this.className, selector, detail };
      this.title.textContent = `${this.className}>>${selector}`;
      this.code.value = detail.source || '"no source: see the bytecodes"';
      this.original = this.code.value;
      this.code.readOnly = false;
      this.acceptButton.disabled = false;
      this.renderBytecodes(detail);
    } catch (e) {
      failure(e);
    }
  }

  renderBytecodes(detail) {
    const header = detail.header || {};
    const rows = (detail.instructions || []).map((s) =>
      h('tr', {}, h('td', { class: 'pc' }, s.pc), h('td', { class: 'bytes' }, s.bytes), h('td', {}, s.text)));
    const literals = (detail.literals || []).map((l) =>
      h('tr', {}, h('td', { class: 'pc' }, l.index), h('td', {},
        l.ref ? h('a', { href: '#', onclick: (e) => { e.preventDefault(); this.app.inspect(l.ref); } }, l.value) : l.value)));
    clear(this.bytecodes,
      h('div', { class: 'mode-bytecodes' },
        rows.length ? h('table', { class: 'steps' }, ...rows) : h('pre', {}, detail.disassembly || '')),
      h('div', { class: 'mode-header' },
        h('table', { class: 'kv' },
          ...[['location', detail.location || detail.oldVersionOf], ['oop', detail.oop], ['header', header.word],
            ['arguments', header.numArgs], ['temporaries', header.numTemps], ['primitive', header.primitive],
            ['large frame', header.largeFrame], ['quick', header.quick], ['trailer', detail.trailer]]
            .filter(([, v]) => v !== undefined && v !== null)
            .map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, String(v))))),
        h('h4', {}, `literals (${literals.length})`),
        h('table', { class: 'steps' }, ...literals)));
  }

  setMode(mode) {
    this.mode = mode;
    for (const b of this.modeButtons) {
      b.classList.toggle('on', b.dataset.mode === mode);
    }
    this.el.dataset.mode = mode;
  }

  key(e) {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') {
      e.preventDefault();
      this.accept();
    }
  }

  /** Compiles the edited text into the class as one surgery, in the method's own category. */
  async accept() {
    if (!this.method || this.code.readOnly) {
      return;
    }
    const { className, selector } = this.method;
    const category = (this.methods.find((m) => m.selector === selector) || {}).category;
    const batch = {
      label: `${className}>>${selector} edited in the browser`,
      steps: [{ op: 'compile', class: className, source: this.code.value, category: category === ALL ? undefined : category }],
    };
    try {
      const sent = Date.now();
      const report = await this.app.api.applySurgery(batch);
      this.el.dataset.lastSurgery = report.id;
      this.el.dataset.lastSurgeryAnswered = String(Date.now());
      status(`surgery ${String(report.id).slice(0, 8)} ${report.state}: ${report.label} (${report.changes} changes, ${Date.now() - sent} ms)`, 'ok');
      await this.openMethod(selector);
    } catch (e) {
      failure(e);
    }
  }

  /** After a surgery: the class's methods and the method shown again, unless its text is being edited. */
  async refresh() {
    if (!this.className) {
      return;
    }
    try {
      const detail = await this.app.api.classDetail(this.className.replace(/ class$/, ''));
      this.methods = methodsOf(detail, this.classSide);
      const protocols = [...new Set(this.methods.map((m) => m.category))].sort();
      this.protocolPane.show([{ key: ALL, label: ALL }, ...protocols.map((p) => ({ key: p, label: p }))], true);
      this.showMethods(this.protocolPane.selected || ALL);
      if (this.method && this.code.value === this.original) {
        await this.openMethod(this.method.selector);
      }
    } catch (e) {
      failure(e);
    }
  }

  fileOut() {
    if (!this.method) {
      status('select a method first', 'error');
      return;
    }
    const category = (this.methods.find((m) => m.selector === this.method.selector) || {}).category || 'as yet unclassified';
    this.app.editInSurgery(`!${this.method.className} methodsFor: '${category}'!\n${this.code.value.replace(/!/g, '!!')}! !\n`);
  }

  async search(kind) {
    const selector = this.method ? this.method.selector : this.methodPane.selected;
    if (!selector) {
      status('select a method first', 'error');
      return;
    }
    try {
      const answer = await this.app.api[kind](selector);
      const locations = (Array.isArray(answer) ? answer : answer.methods || []).map((m) => (typeof m === 'string' ? m : m.location));
      const close = h('button', { class: 'close', onclick: () => this.found.classList.add('hidden') }, '×');
      clear(this.found, h('h3', {}, `${kind === 'senders' ? 'Senders of' : 'Implementors of'} #${selector} (${locations.length})`, close),
        h('ul', { class: 'items' }, ...locations.map((loc) => h('li', {
          onclick: () => {
            const [cls, sel] = loc.split('>>');
            this.browse(cls, sel);
          },
        }, loc))));
      this.found.classList.remove('hidden');
    } catch (e) {
      failure(e);
    }
  }

  inspectMethod() {
    if (this.method && this.method.detail.oop) {
      this.app.inspect(this.method.detail.oop);
    }
  }
}

/** The methods of one side of a class document ({summary, instanceSide, classSide}) with their categories. */
function methodsOf(detail, classSide) {
  const listing = (classSide ? detail.classSide : detail.instanceSide) || { methods: [] };
  return listing.methods.map((m) => ({ selector: m.selector, category: m.category || 'as yet unclassified' }));
}

function definitionOf(detail) {
  const c = detail.summary;
  const ivars = (c.instanceVariables || []).join(' ');
  return `${c.superclass || 'nil'} subclass: #${c.name}\n\tinstanceVariableNames: '${ivars}'\n\tcategory: '${c.category || ''}'\n\n"${c.instanceFormat}; ${c.instanceMethods} instance and ${c.classMethods} class methods; ${c.oop}"`;
}
