// The original and each model's result side by side, with a before/after slider, downloads and a 1-5 rating.
import { request, modelNames } from './api.js';
import { h, uid, blobUrl, download, statusBox, errorBox, showError } from './dom.js';
import { compare } from './compare.js';

export async function renderResults(container, colorized) {
  const original = await blobUrl(colorized.original_url);
  const results = await Promise.all(colorized.results.map(async (r) => ({ ...r, src: await blobUrl(r.url) })));
  const originalCard = h('article', { class: 'card result', 'data-model': 'original' },
    h('h3', {}, 'Original'),
    h('img', { class: 'photo', src: original, alt: 'Your original photo' }),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => download(colorized.original_url, `${colorized.id}.original`) }, 'Download original')));
  container.replaceChildren(h('div', { class: 'results' }, originalCard, ...results.map((r) => resultCard(colorized.id, r, original))));
}

function resultCard(imageId, result, original) {
  const name = modelNames[result.model] ?? result.model;
  const seconds = (result.duration_ms / 1000).toFixed(1);
  return h('article', { class: 'card result', 'data-model': result.model },
    h('h3', {}, name),
    h('p', { class: 'muted small' }, `model ${result.model_version} · ${seconds} s`),
    compare({ after: result.src, before: original, alt: `Colorized by ${name}`, label: `compare ${name}'s result with the gray original` }),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => download(result.url, `${imageId}.${result.model}`) }, 'Download PNG'),
      h('button', { type: 'button', onclick: () => download(result.jpeg_url, `${imageId}.${result.model}`) }, 'Download JPEG')),
    rating(imageId, result.model, name, result.rating));
}

function rating(imageId, model, name, current) {
  const group = uid('rating');
  const status = statusBox();
  const error = errorBox();
  const labels = [];
  const paint = (value) => labels.forEach((label, i) => label.classList.toggle('on', i < value));
  const stars = [1, 2, 3, 4, 5].map((value) => {
    const input = h('input', { type: 'radio', name: group, id: `${group}-${value}`, value, class: 'sr-only', checked: current === value });
    input.addEventListener('change', async () => {
      paint(value);
      error.textContent = '';
      try {
        await request(`/user_imgrating?id=${imageId}&model=${model}&rating=${value}`, { method: 'POST' });
        status.textContent = `Thank you: ${name} rated ${value} out of 5.`;
      } catch (e) {
        showError(error, e);
      }
    });
    const label = h('label', { for: input.id, title: `${value} out of 5` }, h('span', { 'aria-hidden': 'true' }, '★'),
      h('span', { class: 'sr-only' }, `${value} out of 5`));
    labels.push(label);
    return [input, label];
  });
  paint(current ?? 0);
  return h('fieldset', { class: 'rating' }, h('legend', {}, `Rate ${name}'s result`), h('div', { class: 'stars' }, stars.flat()), status, error);
}
