// Preferred model and default consent, password, and deleting the account.
import { request, session } from '../api.js';
import { h, field, errorBox, statusBox, showError, submitter, InputProblem } from '../dom.js';

const models = [[0, 'Both models (no preference)'], [1, 'AutoEncoder'], [2, 'Pix2Pix']];

export async function renderSettings(view, params, go) {
  const error = errorBox();
  view.append(h('h1', { tabindex: -1 }, 'Settings'), error);
  let user;
  try {
    user = await request('/user');
    session.remember(user);
  } catch (e) {
    showError(error, e);
    return;
  }
  view.append(preferences(user), password(user), deletion(user, go));
}

function preferences(user) {
  const status = statusBox();
  const error = errorBox();
  const radios = models.map(([code, name]) => h('div', { class: 'check' },
    h('input', { type: 'radio', name: 'model', id: `model-${code}`, value: code, checked: user.preferred_model === code }),
    h('label', { for: `model-${code}` }, name)));
  const consent = h('input', { type: 'checkbox', id: 'default-consent', checked: user.default_consent });
  const save = submitter(error, async (form) => {
    await request(`/user_setprefmodel?model=${Number(form.elements.model.value)}`, { method: 'POST' });
    await request(`/user_setconsent?consent=${consent.checked}`, { method: 'POST' });
    session.remember(await request('/user'));
    status.textContent = 'Preferences saved.';
  }, status);
  return h('section', { class: 'card' },
    h('h2', {}, 'Preferences'),
    h('form', { onsubmit: save },
      h('fieldset', {}, h('legend', {}, 'Models that colorize your photos'), radios),
      h('div', { class: 'check' }, consent, h('label', { for: 'default-consent' }, 'Tick "allow ColorPix to improve its models" on new uploads')),
      h('button', { class: 'primary', type: 'submit' }, 'Save preferences'), status, error));
}

function password(user) {
  const current = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 10 });
  const status = statusBox();
  const error = errorBox();
  const change = submitter(error, async (form) => {
    await request('/user_password', { method: 'POST', json: { current_password: current.value, new_password: next.value } });
    form.reset();
    status.textContent = 'Password changed.';
  }, status);
  return h('section', { class: 'card' },
    h('h2', {}, 'Password'),
    h('form', { onsubmit: change },
      h('input', { type: 'text', autocomplete: 'username', value: user.username, hidden: true }),
      field('Current password', current), field('New password', next, 'At least 10 characters, not your username.'),
      h('button', { type: 'submit' }, 'Change password'), status, error));
}

function deletion(user, go) {
  const error = errorBox();
  const typed = h('input', { autocomplete: 'off', required: true });
  const confirmForm = h('form', { hidden: true, class: 'confirm' },
    h('p', {}, 'This deletes your account and every photo and colorization in it, for good.'),
    field(`Type your username (${user.username}) to confirm`, typed),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'danger' }, 'Delete my account for good'),
      h('button', { type: 'button', onclick: () => { confirmForm.hidden = true; typed.value = ''; } }, 'Cancel')),
    error);
  confirmForm.addEventListener('submit', submitter(error, async () => {
    if (typed.value.trim().toLowerCase() !== user.username.toLowerCase()) throw new InputProblem('That is not your username: the account was not deleted.');
    await request('/del_user', { method: 'DELETE' });
    session.end();
    go('/?deleted=1');
  }));
  return h('section', { class: 'card' },
    h('h2', {}, 'Delete the account'),
    h('button', { type: 'button', class: 'danger', onclick: () => { confirmForm.hidden = false; typed.focus(); } }, 'Delete my account…'),
    confirmForm);
}
