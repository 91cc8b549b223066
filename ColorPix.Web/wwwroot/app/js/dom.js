// The few DOM helpers the views share, in place of a framework.
import { request, ApiError } from './api.js';

/** h('button', { class: 'primary', onclick }, 'Save'): attributes are set as written, on* become listeners. */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  element.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return element;
}

let nextId = 0;
/** A page-unique id, for label/for and aria-describedby pairs. */
export const uid = (prefix) => `${prefix}-${++nextId}`;

/** A labelled input: the label's `for` names the input. */
export function field(label, input, hint) {
  input.id ||= uid('field');
  const hintElement = hint ? h('p', { class: 'hint', id: `${input.id}-hint` }, hint) : null;
  if (hintElement) input.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hintElement);
}

/** An element that screen readers announce: role=alert for errors, role=status for progress. */
export const errorBox = () => h('p', { class: 'error', role: 'alert' });
export const statusBox = () => h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });

/** Something the person typed that the app refuses before asking the service. */
export class InputProblem extends Error {}

export function showError(box, error) {
  box.textContent = error?.message ?? String(error);
  // Refusals are for the person; anything else is a bug in the app, for the console.
  if (!(error instanceof ApiError || error instanceof InputProblem)) console.error(error);
}

/** A form's submit handler: stays on the page, clears the old messages, runs `action(form)`, shows what went wrong. */
export const submitter = (error, action, status = null) => async (event) => {
  event.preventDefault();
  error.textContent = '';
  if (status) status.textContent = '';
  try {
    await action(event.target);
  } catch (e) {
    showError(error, e);
  }
};

// Downloads need the bearer token, so they are fetched and handed to the page as blob: URLs, freed on leaving a view.
const liveUrls = new Set();

export async function blobUrl(path) {
  const response = await request(path, { raw: true });
  const url = URL.createObjectURL(await response.blob());
  liveUrls.add(url);
  return url;
}

export function releaseBlobUrls() {
  for (const url of liveUrls) URL.revokeObjectURL(url);
  liveUrls.clear();
}

const extensions = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/bmp': 'bmp', 'image/tiff': 'tiff', 'application/zip': 'zip' };

/** Saves an API download as `baseName`.EXT (EXT from its content type), as a link with `download` would. */
export async function download(path, baseName) {
  const response = await request(path, { raw: true });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  liveUrls.add(url);
  const link = h('a', { href: url, download: `${baseName}.${extensions[blob.type] ?? 'bin'}`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
}

export const formatDate = (text) => new Date(text).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
