// Builds elements from data without innerHTML: text from robots and modules is never parsed as markup.
export function el(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.substring(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function table(columns, rows, attrs = {}) {
  return el('table', attrs,
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', {}, c)))),
    el('tbody', {}, rows));
}

export function clock(millis) {
  return millis ? new Date(millis).toISOString().substring(11, 23) : '–';
}

export function ago(millis, now = Date.now()) {
  if (!millis) return 'never';
  const seconds = Math.max(0, (now - millis) / 1000);
  if (seconds < 60) return `${seconds.toFixed(1)} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}

export function number(value, digits = 0) {
  return typeof value === 'number' ? value.toFixed(digits) : '–';
}
