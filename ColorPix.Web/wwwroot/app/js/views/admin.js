// Administrators only (the API answers 403 to anyone else): service status, the model registry with promotion and
// rollback, the selection's decisions, users.
import { request, session, modelNames } from '../api.js';
import { h, errorBox, statusBox, showError, formatDate } from '../dom.js';

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
  const sections = h('div');
  view.append(sections);
  // After a promotion, a rollback or a selection the page is drawn again from the API: what it shows is what serves.
  const refresh = async (message) => {
    try {
      const [status, models, decisions, drift, alerts, users] = await Promise.all([
        request('/status'), request('/show_models'), request('/models/decisions?limit=20'), request('/drift?limit=1'), request('/alerts?limit=20'),
        request('/show_users')]);
      sections.replaceChildren(
        serviceCard(status),
        registryCard(models, refresh, message),
        decisionsCard(decisions),
        driftCard(drift[0]),
        alertsCard(alerts),
        h('section', { class: 'card' }, h('h2', {}, `Users (${users.length})`),
          table('Accounts, administrators excluded', ['Username', 'Preferred model', 'Default consent', 'Created'],
            users.map((u) => [u.username, ['none', 'AutoEncoder', 'Pix2Pix'][u.preferred_model], yes(u.default_consent), formatDate(u.created_at)]))));
    } catch (e) {
      showError(error, e);
    }
  };
  await refresh();
}

const serviceCard = (status) => h('section', { class: 'card' }, h('h2', {}, 'Service'),
  h('p', {}, 'Status: ', h('strong', { class: `state ${status.status}` }, status.status), ` · ${status.queue_depth} waiting in the queue`),
  table('Inference queues', ['Model', 'Loaded', 'Version', 'Waiting', 'Busy', 'Processed', 'Failed', 'p50', 'p95'],
    status.models.map((m) => [name(m.model), m.loaded ? 'yes' : (m.problem ?? 'no'), m.version, m.waiting, yes(m.busy), m.processed, m.failed,
      ms(m.p50_ms), ms(m.p95_ms)])));

function registryCard(models, refresh, message) {
  const error = errorBox();
  const status = statusBox();
  if (message) status.textContent = message;
  // Each change is confirmed: it switches what every replica serves within seconds.
  const act = (question, path, done) => async () => {
    if (!confirm(question)) return;
    error.textContent = '';
    status.textContent = 'Checking the version and switching…';
    try {
      const decision = await request(path, { method: 'POST' });
      await refresh(done(decision));
    } catch (e) {
      status.textContent = '';
      showError(error, e);
    }
  };
  const canRollBack = (model) => models.some((m) => m.model === model && m.status === 'retired' && m.champion_since);
  const actions = (m) => {
    if (!m.version) return null;
    if (m.status === 'champion') {
      return canRollBack(m.model) ? h('button', { type: 'button', onclick: act(`Roll ${name(m.model)} back to its previous champion?`,
        `/models/${m.model}/rollback`, (d) => `Rolled back: ${d.reason}`) }, `Roll back ${name(m.model)}`) : null;
    }
    return h('button', { type: 'button', 'aria-label': `Promote ${name(m.model)} ${m.version}`,
      onclick: act(`Make ${m.version} the ${name(m.model)} champion? Every replica switches to it within seconds.`,
        `/models/${m.model}/${m.version}/promote`, (d) => `Promoted: ${d.reason}`) }, 'Promote');
  };
  const select = h('button', { type: 'button', onclick: act('Run the best-model selection now? It evaluates every challenger on the held-out split.',
    '/models/select', () => 'Selection done: see its decisions below.') }, 'Run the selection now');
  // /models/select answers a list, not one decision: the generic handler above only needs it to succeed.
  return h('section', { class: 'card' }, h('h2', {}, 'Models'),
    h('p', { class: 'hint' }, 'The champion of each model is what every replica serves. Promotion checks a version before switching; '
      + 'the scheduled selection promotes a challenger only when it beats the champion by the configured margin.'),
    table('Registered models, metrics and ratings', ['Model', 'Version', 'Status', 'Serving here', 'Metrics', 'Ratings', 'Lineage', 'Registered', 'Action'],
      models.map((m) => [name(m.model), m.version || null, m.status, m.loaded ? 'yes' : (m.problem ?? 'no'), metrics(m.metrics, m.evaluated_on),
        m.ratings ? `${m.mean_rating.toFixed(2)} / 5 (${m.ratings})` : 'none yet', lineage(m), m.registered_at ? formatDate(m.registered_at) : null,
        actions(m)])),
    h('div', { class: 'actions' }, select), status, error);
}

const decisionsCard = (decisions) => h('section', { class: 'card' }, h('h2', {}, 'Decisions'),
  decisions.length === 0 ? h('p', {}, 'No decision yet.') :
    table('Promotion decisions, newest first', ['When', 'Model', 'Trigger', 'Outcome', 'Champion → challenger', 'Reason', 'By'],
      decisions.map((d) => [formatDate(d.decided_at), name(d.model), d.trigger, d.promoted ? 'promoted' : 'refused',
        `${d.champion_version ?? 'none'} → ${d.challenger_version ?? 'none'}`, d.reason, d.decided_by])));

const num = (v, digits) => (v == null ? null : v.toFixed(digits));
const driftCard = (report) => h('section', { class: 'card' }, h('h2', {}, 'Drift of uploads'),
  !report ? h('p', {}, 'No drift check yet (the schedule runs daily once enough photos are uploaded).') : [
    h('p', {}, `${formatDate(report.checked_at)}: the newest ${report.window_size} uploads against the train photos of '${report.reference}': `,
      h('strong', {}, report.major ? 'major drift' : 'no major drift')),
    table('Drift per feature, last check', ['Feature', 'PSI', 'KS D', 'KS p', 'Training photos (mean)', 'Uploads (mean)'],
      report.features.map((f) => [f.feature, num(f.psi, 3), num(f.ks, 3), num(f.ks_p_value, 4), num(f.reference_mean, 2), num(f.window_mean, 2)]))]);

const alertsCard = (alerts) => h('section', { class: 'card' }, h('h2', {}, 'Alerts'),
  alerts.length === 0 ? h('p', {}, 'No alert yet.') :
    table('Alerts, newest first', ['When', 'Alert', 'Mail', 'Details'],
      alerts.map((a) => [formatDate(a.created_at), a.subject,
        a.status === 'logged' ? 'not mailed (no mail server configured)' : a.status === 'pending' && a.attempts > 0
          ? `retrying (${a.attempts} attempts: ${a.last_error})` : a.status,
        h('details', {}, h('summary', {}, a.kind), h('pre', {}, a.body))])));

const lineage = (m) => (m.run_id || m.dataset ? `${m.dataset ?? '?'} · run ${m.run_id?.slice(0, 8) ?? '?'}` : null);

function metrics(values, evaluatedOn) {
  const model = values?.model ?? values;
  const entries = Object.entries(model ?? {}).filter(([k, v]) => typeof v === 'number' && ['auc', 'psnr', 'colorfulness', 'imageCount'].includes(k));
  if (entries.length === 0) return null;
  return h('dl', { class: 'metrics' }, entries.map(([k, v]) => [h('dt', {}, k), h('dd', {}, Number.isInteger(v) ? String(v) : v.toPrecision(4))]),
    evaluatedOn ? [h('dt', {}, 'on'), h('dd', {}, evaluatedOn)] : null);
}
