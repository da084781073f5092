// The Process Browser: every process with its priority, state and frames; suspend, resume and a
// new priority are each applied as one journaled surgery.

import { h, clear, status, failure } from './dom.js';

const RUN_MS = 1000;

export class ProcessView {
  constructor(app) {
    this.app = app;
    this.selected = null;
    this.table = h('table', { class: 'processes' });
    this.frames = h('section', { class: 'frames' });
    this.el = h('div', { class: 'view processes' },
      h('div', { class: 'toolbar' },
        h('button', { onclick: () => this.surgery('suspend') }, 'Suspend'),
        h('button', { onclick: () => this.surgery('resume') }, 'Resume'),
        h('button', { onclick: () => this.surgery('terminate') }, 'Terminate'),
        h('button', { onclick: () => this.changePriority() }, 'Priority…'),
        h('button', { onclick: () => this.selected && this.app.inspect(this.selected) }, 'Inspect'),
        h('span', { class: 'separator' }),
        h('button', { title: 'Let the guest\'s own processes run for a second in the host\'s interpreter', onclick: () => this.run() }, 'Run 1 s'),
        h('button', { title: 'Stop a run', onclick: () => this.app.api.interrupt().catch(failure) }, 'Interrupt'),
        h('span', { class: 'spacer' }), h('span', { class: 'summary' })),
      h('div', { class: 'split' }, this.table, this.frames));
  }

  async load() {
    try {
      const listing = await this.app.api.processes();
      this.render(listing);
    } catch (e) {
      failure(e);
    }
  }

  render(listing) {
    this.listing = listing;
    this.el.querySelector('.summary').textContent =
      `${listing.processes.length} processes, ${listing.priorities} priorities, active at ${listing.activePriority}`;
    const rows = listing.processes.map((p) => h('tr', {
      class: [p.oop === this.selected ? 'selected' : '', p.state].join(' '),
      dataset: { oop: p.oop, state: p.state },
      onclick: () => this.select(p.oop),
    }, h('td', { class: 'num' }, p.priority), h('td', { class: 'state' }, p.state),
      h('td', {}, p.frames[0] || ''), h('td', { class: 'oop' }, p.oop),
      h('td', { class: 'note' }, p.waitingOn || (p.scheduled ? '' : 'not scheduled'))));
    clear(this.table, h('tr', {}, ...['pri', 'state', 'top frame', 'oop', 'waiting on'].map((t) => h('th', {}, t))), ...rows);
    if (this.selected) {
      this.select(this.selected);
    }
  }

  select(oop) {
    this.selected = oop;
    for (const tr of this.table.querySelectorAll('tr[data-oop]')) {
      tr.classList.toggle('selected', tr.dataset.oop === oop);
    }
    const p = this.listing.processes.find((q) => q.oop === oop);
    if (!p) {
      return;
    }
    clear(this.frames, h('h3', {}, `Process ${p.oop} at priority ${p.priority}, ${p.state}`),
      h('ol', { class: 'items stack' }, ...p.frames.map((f, i) => h('li', {
        title: 'inspect this context',
        onclick: () => this.app.inspect(`${p.oop}.suspendedContext${'.sender'.repeat(i)}`),
      }, f)), p.moreFrames ? h('li', { class: 'note' }, '…') : null));
  }

  async surgery(op, extra) {
    if (!this.selected) {
      status('select a process first', 'error');
      return;
    }
    const batch = { label: `${op} process ${this.selected}`, steps: [{ op, process: this.selected, ...extra }] };
    try {
      const report = await this.app.api.applySurgery(batch);
      status(`surgery ${String(report.id).slice(0, 8)} ${report.state}: ${report.label}`, 'ok');
      await this.load();
    } catch (e) {
      failure(e);
    }
  }

  async run() {
    try {
      const report = await this.app.api.run(RUN_MS);
      status(`run: ${report.result} after ${report.bytecodes} bytecodes`, 'ok');
    } catch (e) {
      failure(e);
    }
  }

  changePriority() {
    const answer = prompt('New priority', '');
    if (answer) {
      this.surgery('priority', { priority: Number(answer) });
    }
  }
}
