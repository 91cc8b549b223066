// Albums: several photos or one ZIP at once. The service colorizes them in the background; this view follows the batch
// with a progress bar, lists each photo (and what was skipped or refused, and why), and downloads every result as one ZIP.
import { request, session, modelNames } from '../api.js';
import { h, blobUrl, download, errorBox, statusBox, showError, formatDate } from '../dom.js';

const pollMs = 1000;

export async function renderAlbums(view, params, go) {
  const id = params.get('id');
  if (id) return renderAlbum(view, id);
  view.append(h('h1', { tabindex: -1 }, 'Albums'), uploadForm(go));
  const error = errorBox();
  const list = h('section', { 'aria-label': 'Your albums' });
  view.append(error, list);
  try {
    const page = await request('/albums?limit=50');
    list.append(h('h2', {}, 'Your albums'), page.total === 0 ? h('p', { class: 'muted' }, 'No albums yet.')
      : h('ul', { class: 'album-list' }, page.items.map((a) => h('li', { class: 'card album-card' },
        h('a', { href: `#/albums?id=${a.id}` }, h('strong', {}, a.name)),
        h('span', { class: 'muted small' }, ` · ${formatDate(a.created_at)} · ${progressText(a)}`)))));
  } catch (e) {
    showError(error, e);
  }
}

function uploadForm(go) {
  const input = h('input', { type: 'file', id: 'album-files', name: 'file', multiple: true, accept: 'image/*,.zip,application/zip', class: 'sr-only' });
  const chosen = h('p', { class: 'chosen', 'aria-live': 'polite' });
  const drop = h('label', { for: 'album-files', class: 'drop' },
    h('strong', {}, 'Drop photos or a ZIP here'), h('span', {}, ' or '), h('span', { class: 'link' }, 'choose files'),
    h('span', { class: 'muted small block' }, 'Several JPEG, PNG, WebP, BMP or TIFF photos, or one ZIP of them'));
  const name = h('input', { type: 'text', id: 'album-name', name: 'name', maxlength: 200 });
  const consent = h('input', { type: 'checkbox', id: 'album-consent', checked: session.user()?.default_consent === true });
  const submit = h('button', { class: 'primary', type: 'submit' }, 'Upload album');
  const status = statusBox();
  const error = errorBox();
  let files = [];
  const choose = (list) => {
    files = [...(list ?? [])];
    const kb = Math.ceil(files.reduce((sum, f) => sum + f.size, 0) / 1024);
    chosen.textContent = files.length === 0 ? '' : `Selected: ${files.length === 1 ? files[0].name : `${files.length} files`} (${kb} KB)`;
  };
  input.addEventListener('change', () => choose(input.files));
  drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => { event.preventDefault(); drop.classList.remove('over'); choose(event.dataTransfer.files); });
  const upload = async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (files.length === 0) {
      error.textContent = 'Choose photos or a ZIP first.';
      return;
    }
    submit.disabled = true;
    status.textContent = `Uploading ${chosen.textContent.replace('Selected: ', '')}…`;
    try {
      const form = new FormData();
      for (const file of files) form.append('file', file);
      form.append('consent', consent.checked ? 'true' : 'false');
      if (name.value.trim()) form.append('name', name.value.trim());
      const created = await request('/albums', { method: 'POST', body: form });
      go(`/albums?id=${created.album.id}`);
    } catch (e) {
      status.textContent = '';
      showError(error, e);
    } finally {
      submit.disabled = false;
    }
  };
  return h('form', { class: 'upload', onsubmit: upload },
    drop, input, chosen,
    h('div', { class: 'field' }, h('label', { for: 'album-name' }, 'Album name (optional)'), name),
    h('div', { class: 'check' }, consent, h('label', { for: 'album-consent' }, 'Allow ColorPix to use these photos to improve its models')),
    submit, status, error);
}

const progressText = (a) => a.state === 'done'
  ? `${a.done} of ${a.total} photo${a.total === 1 ? '' : 's'} colorized${a.failed ? `, ${a.failed} failed` : ''}`
  : `Colorizing: ${a.done + a.failed} of ${a.total} done`;

const statusNames = { pending: 'Waiting', done: 'Colorized', failed: 'Failed', refused: 'Refused', skipped: 'Skipped' };

async function renderAlbum(view, id) {
  const heading = h('h1', { tabindex: -1 }, 'Album');
  const bar = h('progress', { max: 1, value: 0, 'aria-labelledby': 'album-progress' });
  const label = h('p', { id: 'album-progress', class: 'status', role: 'status', 'aria-live': 'polite' });
  const downloadButton = h('button', { type: 'button', class: 'primary', disabled: true }, 'Download all (ZIP)');
  const error = errorBox();
  const photos = h('ul', { class: 'gallery album-photos', 'aria-label': 'Photos' });
  const others = h('ul', { class: 'album-others' });
  const othersSection = h('section', { hidden: true }, h('h2', {}, 'Not colorized'), others);
  view.append(heading, h('p', {}, h('a', { href: '#/albums' }, '← All albums')), h('div', { class: 'album-progress' }, bar, label),
    h('div', { class: 'actions' }, downloadButton), error, photos, othersSection);

  const thumbnails = new Map();
  const thumbnail = (entry) => {
    const url = entry.results.find((r) => r.model === 'pix2pix')?.thumbnail_url ?? entry.results[0]?.thumbnail_url ?? entry.thumbnail_url;
    if (!thumbnails.has(url)) thumbnails.set(url, blobUrl(url));
    return thumbnails.get(url);
  };
  let album;
  downloadButton.addEventListener('click', () => download(album.album.download_url, `${album.album.name}.colorized`).catch((e) => showError(error, e)));

  const show = async () => {
    album = await request(`/albums/${id}`);
    const a = album.album;
    heading.textContent = a.name;
    bar.max = Math.max(1, a.total);
    bar.value = a.done + a.failed;
    label.textContent = progressText(a);
    downloadButton.disabled = a.state !== 'done' || a.done === 0;
    const items = album.entries.filter((e) => e.image_id);
    photos.replaceChildren(...await Promise.all(items.map(async (e) => h('li', { class: 'card photo-card', 'data-status': e.status },
      h('img', { src: await thumbnail(e), alt: e.name, class: 'thumb' }),
      h('p', { class: 'small' }, h('strong', {}, e.name)),
      h('p', { class: `small entry-status ${e.status}` }, statusNames[e.status],
        e.status === 'done' ? ` · ${e.results.map((r) => modelNames[r.model] ?? r.model).join(' and ')}` : ''),
      e.status === 'done' ? h('a', { class: 'button', href: `#/colorize?id=${e.image_id}` }, 'Open')
        : e.problem ? h('p', { class: 'muted small' }, e.problem) : null))));
    const rest = album.entries.filter((e) => !e.image_id);
    othersSection.hidden = rest.length === 0;
    others.replaceChildren(...rest.map((e) => h('li', {}, h('strong', {}, e.name), ` · ${statusNames[e.status]}: ${e.problem}`)));
    return a.state;
  };

  try {
    // Polled while photos are pending, and only while this view is on the page.
    while (await show() === 'processing' && view.contains(heading)) await new Promise((resolve) => setTimeout(resolve, pollMs));
  } catch (e) {
    showError(error, e);
  }
}
