// Every photo of the account, newest first, a page at a time: open, download or delete each one, share it for training or withdraw it.
import { request, modelNames } from '../api.js';
import { h, uid, blobUrl, download, errorBox, statusBox, showError, formatDate } from '../dom.js';

const pageSize = 12;

export async function renderHistory(view, params, go) {
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const status = statusBox();
  const error = errorBox();
  view.append(h('h1', { tabindex: -1 }, 'Your photos'), status, error);
  let page;
  try {
    page = await request(`/user_imgs?offset=${offset}&limit=${pageSize}`);
  } catch (e) {
    showError(error, e);
    return;
  }
  if (page.total === 0) {
    view.append(h('p', {}, 'No photos yet. ', h('a', { href: '#/colorize' }, 'Colorize your first one'), '.'));
    return;
  }
  const items = await Promise.all(page.items.map((image) => card(image, status, error, go)));
  const pages = Math.ceil(page.total / pageSize);
  const current = Math.floor(offset / pageSize) + 1;
  const link = (to, text, enabled) => enabled ? h('a', { class: 'button', href: `#/history?offset=${to}` }, text) : h('span', { class: 'button disabled', 'aria-disabled': 'true' }, text);
  view.append(
    h('p', { class: 'muted' }, `${page.total} photo${page.total === 1 ? '' : 's'}`),
    h('ul', { class: 'gallery' }, items));
  if (pages > 1) {
    view.append(h('nav', { class: 'pager', 'aria-label': 'Pages' },
      link(offset - pageSize, '← Newer', current > 1), h('span', {}, `Page ${current} of ${pages}`), link(offset + pageSize, 'Older →', current < pages)));
  }
}

async function card(image, status, error, go) {
  const when = formatDate(image.created_at);
  const thumbnail = await blobUrl(image.thumbnail_url);
  const remove = async () => {
    if (!confirm(`Delete the photo of ${when} and its colorizations? This cannot be undone.`)) return;
    try {
      await request(`/images/${image.id}`, { method: 'DELETE' });
      status.textContent = `Deleted the photo of ${when}.`;
      go(location.hash.slice(1), { reload: true });
    } catch (e) {
      showError(error, e);
    }
  };
  const models = image.results.map((r) => modelNames[r.model] ?? r.model).join(' and ') || 'not colorized yet';
  return h('li', { class: 'card photo-card', 'data-id': image.id },
    h('img', { src: thumbnail, alt: `Photo uploaded ${when}`, class: 'thumb' }),
    h('p', {}, h('strong', {}, when)),
    h('p', { class: 'muted small' }, `${image.width}×${image.height} · ${models}`),
    consentControl(image, when, status, error),
    h('div', { class: 'actions' },
      h('a', { class: 'button', href: `#/colorize?id=${image.id}` }, 'Open'),
      h('button', { type: 'button', onclick: () => download(image.original_url, `${image.id}`).catch((e) => showError(error, e)) }, 'Download'),
      h('button', { type: 'button', class: 'danger', onclick: remove }, 'Delete')));
}

// A checkbox, so the keyboard (Space) and screen readers know it; the state is also written out, since an unticked box
// alone does not say what it means. The service keeps the choice: a withdrawn photo leaves the next training export.
function consentControl(image, when, status, error) {
  const state = h('p', { class: 'small consent-state', id: uid('consent') });
  const box = h('input', { type: 'checkbox', id: uid('share'), checked: image.consent, 'aria-describedby': state.id });
  const show = (shared) => {
    box.checked = shared;
    state.textContent = shared ? 'Shared for training' : 'Not shared for training';
    state.classList.toggle('shared', shared);
  };
  box.addEventListener('change', async () => {
    const shared = box.checked;
    error.textContent = '';
    box.disabled = true;
    try {
      await request(`/images/${image.id}/consent?consent=${shared}`, { method: 'PUT' });
      show(shared);
      status.textContent = shared ? `The photo of ${when} may now be used to improve the models.`
        : `Withdrawn: the photo of ${when} will not be used for training.`;
    } catch (e) {
      show(!shared);
      showError(error, e);
    } finally {
      box.disabled = false;
    }
  });
  show(image.consent);
  return h('div', { class: 'consent' }, h('div', { class: 'check' }, box, h('label', { for: box.id }, 'Use for training')), state);
}
