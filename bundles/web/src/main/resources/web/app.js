// The dashboard: one page, four views (#modules, #robots, #robot/ID, #events), kept live by the server's event
// stream (api/stream). What a user may change is shown only when /api/me says so; the server checks again.
import { el, table, clock, ago, number } from './dom.js';
import { drawScene } from './scene.js';

const state = { me: null, modules: null, robots: [], events: [], audit: [], robot: null, openParams: null };
let source = null;
let streamRobot;

async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: {} };
  if (method !== 'GET') {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body || {});
  }
  const response = await fetch(`api/${path}`, init);
  if (response.status === 401) {
    location.href = 'login.html';
    throw new Error('logged out');
  }
  const json = response.status === 204 ? {} : await response.json();
  if (!response.ok) throw new Error(json.error || response.statusText);
  return json;
}

const may = (access) => state.me && state.me.access.includes(access);

function say(text, error = false) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.className = error ? 'error' : 'ok';
}

async function change(method, path, body, what) {
  try {
    const result = await api(method, path, body);
    say(result.done || what);
    return true;
  } catch (e) {
    say(e.message, true);
    return false;
  }
}

function route() {
  const hash = location.hash.substring(1) || 'modules';
  if (hash.startsWith('robot/')) return { view: 'robot', robot: decodeURIComponent(hash.substring(6)) };
  return { view: ['modules', 'robots', 'events'].includes(hash) ? hash : 'modules' };
}

function connect(robot) {
  if (source && streamRobot === robot) return;
  if (source) source.close();
  streamRobot = robot;
  state.robot = null;
  source = new EventSource(robot ? `api/stream?robot=${encodeURIComponent(robot)}` : 'api/stream');
  const connection = document.getElementById('connection');
  source.addEventListener('open', () => {
    // A new stream is sent the whole state again.
    state.events = [];
    state.audit = [];
    connection.textContent = 'live';
    connection.className = 'online';
  });
  source.addEventListener('error', () => {
    connection.textContent = 'reconnecting';
    connection.className = 'offline';
    // The stream is refused once the login ended; find out, and go to the login page if so.
    api('GET', 'me').catch(() => {});
  });
  source.addEventListener('modules', (e) => { state.modules = JSON.parse(e.data); render('modules'); });
  source.addEventListener('robots', (e) => { state.robots = JSON.parse(e.data); render('robots'); });
  source.addEventListener('events', (e) => { state.events = state.events.concat(JSON.parse(e.data)).slice(-500); render('events'); });
  source.addEventListener('audit', (e) => { state.audit = state.audit.concat(JSON.parse(e.data)).slice(-500); render('events'); });
  source.addEventListener('robot', (e) => { state.robot = JSON.parse(e.data); render('robot'); });
}

function render(changed) {
  const current = route();
  if (changed && changed !== current.view) return;
  const page = document.getElementById('page');
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('current', link.id === `nav-${current.view === 'robot' ? 'robots' : current.view}`);
  }
  if (current.view === 'modules') renderModules(page);
  else if (current.view === 'robots') renderRobots(page);
  else if (current.view === 'robot') renderRobot(page, current.robot);
  else renderEvents(page);
}

function renderModules(page) {
  let view = page.querySelector('#modules-view');
  if (!view) {
    page.replaceChildren(view = el('section', { id: 'modules-view' }, el('h2', {}, 'Modules'),
      el('div', { id: 'module-table' }), el('p', { id: 'unserved' }), el('div', { id: 'params' }),
      may('LOAD_MODULES') ? loadForms() : null));
    if (state.openParams) showParams(state.openParams);
  }
  if (!state.modules) return;
  if (state.modules.error) {
    view.querySelector('#module-table').replaceChildren(el('p', { class: 'error' }, state.modules.error));
    return;
  }
  const rows = state.modules.modules.map((m) => el('tr', { dataset: { module: m.name } },
    el('td', {}, m.name), el('td', { class: `state ${m.state.toLowerCase()}` }, m.state),
    el('td', {}, m.modalities.join(', ')), el('td', {}, m.usedBy.join(', ')),
    el('td', { class: 'n' }, m.processed), el('td', { class: 'n' }, number(m.perceptsPerSecond, 1)),
    el('td', { class: 'n' }, m.p99Micros < 0 ? '–' : number(m.p99Micros / 1000, 1)), el('td', { class: 'n' }, m.errors),
    el('td', { class: 'n' }, m.superseded), el('td', { class: 'n' }, m.memoryBytes < 0 ? '–' : number(m.memoryBytes / 1048576, 1)),
    el('td', {},
      el('button', { type: 'button', class: 'params', onclick: () => showParams(m.name) }, 'Parameters'),
      may('LOAD_MODULES') ? el('button', { type: 'button', class: 'rmmod needs-admin', onclick: () => rmmod(m.name) }, 'Remove') : null)));
  view.querySelector('#module-table').replaceChildren(table(['Module', 'State', 'Modalities', 'Used by',
    'Percepts', 'Percepts/s', 'p99 ms', 'Errors', 'Superseded', 'Memory MB', ''], rows, { id: 'modules' }));
  const unserved = state.modules.unserved.map((u) => `${u.modality} (${u.held} held, ${u.refused} refused)`);
  view.querySelector('#unserved').textContent = unserved.length ? `Sent but served by no module: ${unserved.join(', ')}` : '';
}

function loadForms() {
  const probe = el('input', { id: 'modprobe-name', placeholder: 'module, e.g. vision', required: true });
  const location = el('input', { id: 'insmod-location', placeholder: 'mvn:... or file:...', size: 50, required: true });
  return el('div', { class: 'needs-admin' },
    el('form', { id: 'modprobe', onsubmit: async (e) => { e.preventDefault(); await change('POST', 'modules/modprobe', { name: probe.value }); } },
      el('label', {}, 'Load a shipped module ', probe), el('button', { type: 'submit' }, 'modprobe')),
    el('form', { id: 'insmod', onsubmit: async (e) => { e.preventDefault(); await change('POST', 'modules/insmod', { location: location.value }); } },
      el('label', {}, 'Insert a module bundle ', location), el('button', { type: 'submit' }, 'insmod')));
}

async function rmmod(name) {
  if (!confirm(`Remove module ${name}? Robots' percepts of its modalities are held until a module serves them.`)) return;
  await change('POST', `modules/${encodeURIComponent(name)}/rmmod`, { force: false });
}

async function showParams(name) {
  state.openParams = name;
  const panel = document.getElementById('params');
  if (!panel) return;
  let params;
  try {
    params = await api('GET', `modules/${encodeURIComponent(name)}/params`);
  } catch (e) {
    panel.replaceChildren(el('p', { class: 'error' }, e.message));
    return;
  }
  const rows = params.map((p) => {
    const input = el('input', { value: p.value ?? '', name: p.key, size: 12 });
    return el('tr', { dataset: { param: p.key } }, el('td', {}, p.key), el('td', {}, p.type),
      el('td', { class: 'value' }, p.value ?? ''), el('td', {}, p.defaultValue ?? ''), el('td', {}, p.description),
      may('SET_PARAMS') ? el('td', { class: 'needs-operator' }, input,
        el('button', { type: 'button', class: 'set', onclick: async () => {
          if (await change('POST', `modules/${encodeURIComponent(name)}/params`, { key: p.key, value: input.value })) showParams(name);
        } }, 'Set')) : null);
  });
  panel.replaceChildren(el('h3', {}, `Parameters of ${name}`),
    table(['Key', 'Type', 'Value', 'Default', 'Description', may('SET_PARAMS') ? 'Change' : null].filter(Boolean), rows, { id: 'param-table' }));
}

function renderRobots(page) {
  const now = Date.now();
  const rows = state.robots.map((r) => el('tr', { dataset: { robot: r.robotId } },
    el('td', {}, el('a', { href: `#robot/${encodeURIComponent(r.robotId)}` }, r.robotId)),
    el('td', { class: r.online ? 'online' : 'offline' }, r.online ? 'online' : 'offline'),
    el('td', {}, ago(r.lastSeenMillis, now)), el('td', { class: 'n' }, r.percepts),
    el('td', {}, Object.entries(r.perceptsByModality).sort().map(([modality]) =>
      `${modality} ${r.ratesByModality ? number(r.ratesByModality[modality], 1) : '–'}/s`).join(', '))));
  page.replaceChildren(el('section', {}, el('h2', {}, 'Robots'),
    table(['Robot', 'Status', 'Last seen', 'Percepts', 'Rate by modality'], rows, { id: 'robots' })));
}

function renderRobot(page, robotId) {
  const view = state.robot;
  let section = page.querySelector('#robot-view');
  if (!section || section.dataset.robot !== robotId) {
    section = el('section', { id: 'robot-view', dataset: { robot: robotId } }, el('h2', {}, `Robot ${robotId}`),
      el('div', { class: 'columns' },
        el('div', {}, el('canvas', { id: 'scene', width: 480, height: 480 }), el('p', { id: 'scene-caption' })),
        el('div', {}, el('h3', {}, 'Camera'), el('ul', { id: 'camera' }), el('h3', {}, 'Heard'), el('ul', { id: 'heard' }),
          el('h3', {}, 'Actions'), el('ol', { id: 'actions', reversed: true }))));
    page.replaceChildren(section);
  }
  if (!view || view.robotId !== robotId) return;
  drawScene(section.querySelector('#scene'), view);
  const scene = view.scene && view.scene.scene;
  section.querySelector('#scene-caption').textContent = scene
    ? `scene ${scene.sequence}, decided by ${view.scene.engine}; scan ${view.scan ? view.scan.sequence : '–'}`
    : 'no scene yet';
  const observations = scene ? scene.observations : [];
  section.querySelector('#camera').replaceChildren(...observations.filter((o) => o.modality === 'vision')
    .flatMap((o) => o.detections.map((d) => el('li', {}, `${d.label} ${number(d.confidence * 100)} %`
      + (typeof d.distanceM === 'number' ? ` at ${number(d.distanceM, 2)} m` : '')))));
  section.querySelector('#heard').replaceChildren(...observations.flatMap((o) => o.detections
    .filter((d) => d.attributes && d.attributes.text)
    .map((d) => el('li', {}, `“${d.attributes.text}” (${o.modality}: ${d.label})`))));
  // The list is rebuilt only when its actions changed, not at every scan: an action being read stays put.
  const actions = section.querySelector('#actions');
  const ids = view.actions.map((a) => a.actionId).join(' ');
  if (actions.dataset.ids !== ids) {
    const open = new Set([...actions.querySelectorAll('details[open]')].map((d) => d.dataset.actionId));
    actions.replaceChildren(...view.actions.slice().reverse().map((a) => action(a, open.has(a.actionId))));
    actions.dataset.ids = ids;
  }
}

function action(a, open) {
  const p = a.provenance;
  return el('li', { class: 'action', dataset: { actionId: a.actionId, type: a.type } },
    el('details', { open, dataset: { actionId: a.actionId } },
      el('summary', {}, el('span', { class: 'time' }, clock(a.createdMillis)), ' ', el('strong', {}, a.type), ' ',
        Object.entries(a.parameters).map(([k, v]) => `${k}=${typeof v === 'number' ? +v.toFixed(3) : v}`).join(' '),
        ' — ', a.reason),
      el('p', {}, `action ${a.actionId}, scene ${a.sceneSequence}, decided by ${p.engine}`),
      table(['Rule', 'Version', 'Reliability', 'Successes', 'Failures'], p.rules.map((r) => el('tr', {},
        el('td', {}, r.rule), el('td', {}, r.version), el('td', {}, number(r.reliability, 2)),
        el('td', {}, r.successes), el('td', {}, r.failures)))),
      table(['Role', 'Modality', 'Module', 'Percept', 'Source seq', 'Confidence', 'Statement'], p.facts.map((f) => el('tr', {},
        el('td', {}, f.role), el('td', {}, f.modality), el('td', {}, f.module), el('td', {}, f.perceptSequence),
        el('td', {}, f.sourceSequence), el('td', {}, number(f.confidence, 2)), el('td', {}, f.statement))))));
}

function renderEvents(page) {
  const dmesg = state.events.map((e) => el('tr', { class: e.level.toLowerCase() }, el('td', {}, clock(e.timestampMillis)),
    el('td', {}, e.level), el('td', {}, e.module), el('td', {}, e.message)));
  const audit = state.audit.map((r) => el('tr', { class: r.outcome.toLowerCase() }, el('td', {}, r.seq),
    el('td', {}, r.time), el('td', {}, r.actor), el('td', {}, r.action), el('td', {}, r.target),
    el('td', {}, r.outcome), el('td', {}, r.detail)));
  page.replaceChildren(el('section', {}, el('h2', {}, 'Module events'),
    table(['Time', 'Level', 'Module', 'Message'], dmesg, { id: 'dmesg' }),
    el('h2', {}, 'Audit trail'),
    table(['#', 'Time', 'Actor', 'Action', 'Target', 'Outcome', 'Detail'], audit, { id: 'audit' })));
}

async function start() {
  state.me = await api('GET', 'me');
  const level = may('LOAD_MODULES') ? 'admin' : may('SET_PARAMS') ? 'operator' : 'viewer';
  document.getElementById('who').textContent = `${state.me.user} (${level})`;
  document.getElementById('logout').addEventListener('click', async () => {
    if (source) source.close();
    await fetch('logout', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    location.href = 'login.html';
  });
  const follow = () => {
    const current = route();
    connect(current.view === 'robot' ? current.robot : null);
    document.getElementById('page').replaceChildren();
    render();
  };
  window.addEventListener('hashchange', follow);
  follow();
}

start().catch((e) => say(e.message, true));
