// Small helpers to build the page without a framework.

/** h('div', {class: 'x', onclick: f}, 'text', child...) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on')) {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(key, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      el.append(child instanceof Node ? child : String(child));
    }
  }
  return el;
}

/**
 * A Smalltalk-style list pane: a title and a list of items, one selected.
 * items: [{key, label, title?, className?}]; onSelect(key).
 */
export class ListPane {
  constructor(title, onSelect, paneName) {
    this.onSelect = onSelect;
    this.selected = null;
    this.list = h('ul', { class: 'items' });
    this.filterBox = null;
    this.el = h('section', { class: 'pane list', dataset: { pane: paneName || title } },
      h('h3', {}, title), this.list);
  }

  withFilter(placeholder, onFilter) {
    this.filterBox = h('input', { type: 'search', placeholder, oninput: () => onFilter(this.filterBox.value) });
    this.el.insertBefore(this.filterBox, this.list);
    return this;
  }

  show(items, keep) {
    this.items = items;
    const keepKey = keep && items.some((i) => i.key === this.selected) ? this.selected : null;
    this.selected = keepKey;
    this.list.replaceChildren(...items.map((item) => {
      const li = h('li', {
        class: [item.className, item.key === keepKey ? 'selected' : ''].filter(Boolean).join(' '),
        title: item.title,
        dataset: { key: item.key },
        onclick: () => this.select(item.key),
      }, item.label);
      return li;
    }));
  }

  /** Highlights an item without telling the listener. */
  mark(key) {
    this.selected = key;
    for (const li of this.list.children) {
      li.classList.toggle('selected', li.dataset.key === key);
    }
  }

  select(key) {
    this.mark(key);
    const li = [...this.list.children].find((l) => l.dataset.key === key);
    if (li) {
      li.scrollIntoView({ block: 'nearest' });
    }
    this.onSelect(key);
  }
}

export function clear(el, ...children) {
  el.replaceChildren(...children);
  return el;
}

/** Shows what happened in the status line at the bottom of the page. */
export function status(message, kind) {
  const el = document.getElementById('status');
  el.textContent = message;
  el.className = kind || '';
}

export function failure(error) {
  status(error.message || String(error), 'error');
}
