// Administrators only (the API answers 403 to anyone else): service status, models with metrics, users.
import { request, session, modelNames } from '../api.js';
import { h, errorBox, showError, formatDate } from '../dom.js';

// On a phone a wide table scrolls sideways: its box takes focus so the keyboard can scroll it too.
const table = (caption, headings, rows) => h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': caption },
  h('table', {}, h('caption', {}, caption), h('thead', {}, h('tr', {}, headings.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c ?? '–')))))));

const ms = (value) => (value == null ? null : `${Math.round(value)} ms`);
const yes = (flag) => (flag ? 'yes' : 'no');
const name = (model) => modelNames[model] ?? model;

export async function renderAdmin(view) {
  const error = errorBox();
  view.append(h('h1', { tabindex: -1 }, 'Administration'), error);
  if (!session.user()?.is_admin) {
    error.textContent = 'This page is for administrators only.';
    return;
  }
  try {
    const [status, models, users] = await Promise.all([request('/status'), request('/show_models'), request('/show_users')]);
    view.append(
      h('section', { class: 'card' }, h('h2', {}, 'Service'),
        h('p', {}, `Status: `, h('strong', { class: `state ${status.status}` }, status.status), ` · ${status.queue_depth} waiting in the queue`),
        table('Inference queues', ['Model', 'Loaded', 'Version', 'Waiting', 'Busy', 'Processed', 'Failed', 'p50', 'p95'],
          status.models.map((m) => [name(m.model), yes(m.loaded), m.version, m.waiting, yes(m.busy), m.processed, m.failed, ms(m.p50_ms), ms(m.p95_ms)]))),
      h('section', { class: 'card' }, h('h2', {}, 'Models'),
        table('Registered models, metrics and ratings', ['Model', 'Version', 'Active', 'Loaded', 'Metrics', 'Ratings'],
          models.map((m) => [name(m.model), m.version || null, yes(m.active), m.loaded ? 'yes' : (m.problem ?? 'no'), metrics(m.metrics),
            m.ratings ? `${m.mean_rating.toFixed(2)} / 5 (${m.ratings})` : 'none yet']))),
      h('section', { class: 'card' }, h('h2', {}, `Users (${users.length})`),
        table('Accounts, administrators excluded', ['Username', 'Preferred model', 'Default consent', 'Created'],
          users.map((u) => [u.username, ['none', 'AutoEncoder', 'Pix2Pix'][u.preferred_model], yes(u.default_consent), formatDate(u.created_at)]))));
  } catch (e) {
    showError(error, e);
  }
}

function metrics(values) {
  const entries = Object.entries(values ?? {}).filter(([, v]) => typeof v === 'number');
  if (entries.length === 0) return null;
  return h('dl', { class: 'metrics' }, entries.map(([k, v]) => [h('dt', {}, k), h('dd', {}, Number.isInteger(v) ? String(v) : v.toPrecision(4))]));
}
