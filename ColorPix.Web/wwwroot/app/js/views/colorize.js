// Upload a photo, wait for the models, then compare and download the results. The chosen file is kept in memory
// across views, so a session that expires mid-way loses nothing: log in again and it is still selected.
import { request, session } from '../api.js';
import { h, errorBox, statusBox, showError } from '../dom.js';
import { renderResults } from '../results.js';

let pending = null;

export function renderColorize(view, params) {
  const input = h('input', { type: 'file', id: 'photo', name: 'file', accept: 'image/*', class: 'sr-only' });
  const chosen = h('p', { class: 'chosen', 'aria-live': 'polite' });
  const drop = h('label', { for: 'photo', class: 'drop' },
    h('strong', {}, 'Drop a photo here'), h('span', {}, ' or '), h('span', { class: 'link' }, 'choose a file'),
    h('span', { class: 'muted small block' }, 'JPEG, PNG, WebP, BMP or TIFF'));
  const consent = h('input', { type: 'checkbox', id: 'consent', name: 'consent', checked: session.user()?.default_consent === true,
    'aria-describedby': 'consent-hint' });
  const submit = h('button', { class: 'primary', type: 'submit' }, 'Colorize');
  const progress = h('div', { class: 'progress', hidden: true }, h('progress', {}), h('span', { class: 'elapsed', 'aria-hidden': 'true' }));
  const status = statusBox();
  const error = errorBox();
  const results = h('section', { class: 'output', 'aria-label': 'Results' });

  const choose = (file) => {
    pending = file ?? null;
    chosen.textContent = pending ? `Selected: ${pending.name} (${Math.ceil(pending.size / 1024)} KB)` : '';
  };
  choose(pending);
  input.addEventListener('change', () => choose(input.files[0]));
  drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    choose(event.dataTransfer.files[0]);
  });

  const busy = (message) => {
    status.textContent = message;
    progress.hidden = !message.endsWith('…');
    submit.disabled = !progress.hidden;
  };
  const show = async (id) => {
    const started = Date.now();
    const tick = setInterval(() => { progress.lastChild.textContent = `${Math.round((Date.now() - started) / 1000)} s`; }, 1000);
    busy(session.user()?.preferred_model ? 'Colorizing with your preferred model…' : 'Colorizing with both models…');
    try {
      const colorized = await request(`/colorize?id=${id}`);
      await renderResults(results, colorized);
      busy(`Done: ${colorized.results.length === 1 ? 'one result' : `${colorized.results.length} results`} below.`);
    } finally {
      clearInterval(tick);
      progress.lastChild.textContent = '';
    }
  };
  const upload = async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!pending) {
      error.textContent = 'Choose a photo first.';
      return;
    }
    try {
      busy(`Uploading ${pending.name}…`);
      const form = new FormData();
      form.append('file', pending);
      form.append('consent', consent.checked ? 'true' : 'false');
      const uploaded = await request('/upload_img2colorize', { method: 'POST', body: form });
      pending = null;
      choose(null);
      // The address now names the photo: a reload, or a log-in after an expired session, comes back to it.
      history.replaceState(null, '', `#/colorize?id=${uploaded.id}`);
      if (uploaded.note) status.textContent = uploaded.note;
      await show(uploaded.id);
    } catch (e) {
      busy('');
      showError(error, e);
    }
  };

  view.append(
    h('h1', { tabindex: -1 }, 'Colorize a photo'),
    h('form', { class: 'upload', onsubmit: upload },
      drop, input, chosen,
      h('div', { class: 'check' }, consent, h('label', { for: 'consent' }, 'Allow ColorPix to use this photo to improve its models')),
      h('p', { class: 'hint', id: 'consent-hint' }, 'Off unless you tick it: without it your photo is only used to colorize it for you.'),
      submit),
    progress, status, error, results);

  const id = params.get('id');
  if (id) show(id).catch((e) => { busy(''); showError(error, e); });
}
