// The workbench page: picks a space, opens the tools on it, and follows its journal on the bus.

import { takeToken, get, spaceApi } from './api.js';
import { Bus, spaceAddress } from './bus.js';
import { h, clear, status, failure } from './dom.js';
import { BrowserView } from './browser.js';
import { InspectorView } from './inspector.js';
import { ProcessView } from './processes.js';
import { JournalView } from './journal.js';
import { SurgeryView } from './surgery.js';
import { EvaluatorView } from './evaluator.js';
import { DiffView } from './diff.js';

const VIEWS = {
  browser: BrowserView,
  inspector: InspectorView,
  processes: ProcessView,
  journal: JournalView,
  surgery: SurgeryView,
  evaluator: EvaluatorView,
  diff: DiffView,
};

class App {
  constructor(token) {
    this.token = token;
    this.listeners = [];
    this.views = {};
    this.current = null;
    this.bus = new Bus(token, (up) => {
      const link = document.getElementById('link');
      link.textContent = up ? 'bus: live' : 'bus: reconnecting';
      link.className = `link ${up ? 'up' : 'down'}`;
    });
    for (const button of document.querySelectorAll('#tabs button')) {
      button.addEventListener('click', () => this.show(button.dataset.view));
    }
    document.getElementById('save').addEventListener('click', () => this.save());
    document.getElementById('space').addEventListener('change', (e) => this.openSpace(e.target.value));
  }

  async start() {
    const spaces = await get('/api/spaces');
    this.spaces = spaces;
    const select = document.getElementById('space');
    clear(select, ...spaces.map((s) => h('option', { value: s.id }, `${s.image ? s.image.split('/').pop() : s.id} · ${s.id}`)));
    await this.openSpace(spaces[0].id);
  }

  async openSpace(id) {
    const space = this.spaces.find((s) => s.id === id);
    if (this.unsubscribe) {
      this.unsubscribe();
    }
    this.api = spaceApi(id);
    this.listeners = [];
    this.views = {};
    const container = document.getElementById('views');
    clear(container);
    for (const [name, View] of Object.entries(VIEWS)) {
      const view = new View(this);
      view.el.dataset.view = name;
      view.el.hidden = true;
      this.views[name] = view;
      container.append(view.el);
    }
    const stopJournal = this.bus.subscribe(spaceAddress(id), (event) => this.event(event));
    const stopRuns = this.bus.subscribe(space.runAddress, (event) => this.runEvent(event));
    this.unsubscribe = () => {
      stopJournal();
      stopRuns();
    };
    document.body.dataset.space = id;
    this.views.journal.load();
    await this.show(viewFromHash() || 'browser');
  }

  /** Calls listener(event) for each journal event of the space, as the bus delivers it. */
  onEvent(listener) {
    this.listeners.push(listener);
  }

  event(e) {
    for (const listener of this.listeners) {
      listener(e);
    }
    if (e.type === 'SurgeryCommitted') {
      this.refresh();
    }
  }

  /** After another surgery the tools that show the guest's state show it again. */
  refresh() {
    const view = this.views[this.current];
    if (view === this.views.processes || view === this.views.diff) {
      view.load();
    } else if (view === this.views.inspector || view === this.views.browser) {
      view.refresh();
    }
  }

  async browse(className, selector) {
    await this.show('browser');
    await this.views.browser.browse(className, selector);
  }

  async editInSurgery(text) {
    await this.show('surgery');
    this.views.surgery.edit(text);
  }

  /** A run of the guest started, switched process or ended (an evaluation, or the guest's own processes under a budget). */
  runEvent(e) {
    const el = document.getElementById('run');
    if (e.type === 'RunStarted') {
      el.textContent = `guest: running (${e.kind})`;
      el.className = 'run running';
    } else if (e.type === 'ProcessSwitched') {
      el.textContent = `guest: running (process ${e.to})`;
    } else if (e.type === 'RunEnded') {
      el.textContent = `guest: idle (last ${e.kind}: ${e.result})`;
      el.title = `${e.kind}: ${e.result}${e.bytecodes ? `, ${e.bytecodes} bytecodes` : ''}`
        + `${e.processSwitches ? `, ${e.processSwitches} process switches` : ''}`;
      el.className = 'run';
      if (e.kind === 'run') {
        this.refresh();
      }
    }
  }

  async show(name) {
    this.current = name;
    for (const [key, view] of Object.entries(this.views)) {
      view.el.hidden = key !== name;
    }
    for (const button of document.querySelectorAll('#tabs button')) {
      button.classList.toggle('on', button.dataset.view === name);
    }
    history.replaceState(history.state, '', `#${name}`);
    const view = this.views[name];
    if (!view.loaded || name === 'processes' || name === 'diff') {
      view.loaded = true;
      try {
        await view.load();
      } catch (e) {
        failure(e);
      }
    }
  }

  async inspect(path) {
    await this.show('inspector');
    await this.views.inspector.open(path, true);
  }

  async save() {
    const name = prompt('Save the space as (a file name in the server\'s output folder)', 'workbench.image');
    if (!name) {
      return;
    }
    try {
      const report = await this.api.save(name, false);
      status(`saved ${report.out || report.file || name}${report.identical ? ' (byte-identical to the base image)' : ''}`, 'ok');
    } catch (e) {
      failure(e);
    }
  }
}

function viewFromHash() {
  const name = location.hash.slice(1);
  return VIEWS[name] ? name : null;
}

const token = takeToken();
if (!token) {
  status('no access token: open the URL `ozw serve` printed (it ends in ?token=…)', 'error');
} else {
  const app = new App(token);
  window.ozw = app;
  app.start().catch(failure);
}
