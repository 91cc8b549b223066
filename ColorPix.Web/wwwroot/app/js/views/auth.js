// Sign up and log in. After logging in the person goes back to where they were (`next`), e.g. after a session expired.
import { request, logIn } from '../api.js';
import { h, field, errorBox, submitter, InputProblem } from '../dom.js';

const target = (params) => params.get('next') || '/colorize';

export function renderLogIn(view, params, go) {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = errorBox();
  const notice = params.get('expired') ? h('p', { class: 'notice', role: 'status' }, 'Your session has expired. Log in again to continue where you were.') : null;
  const submit = submitter(error, async () => {
    await logIn(username.value.trim(), password.value);
    go(target(params));
  });
  view.append(h('section', { class: 'narrow' },
    h('h1', { tabindex: -1 }, 'Log in'),
    notice,
    h('form', { onsubmit: submit },
      field('Username', username), field('Password', password), error,
      h('button', { class: 'primary', type: 'submit' }, 'Log in')),
    h('p', {}, 'New here? ', h('a', { href: `#/signup?next=${encodeURIComponent(target(params))}` }, 'Create an account'), '.')));
}

export function renderSignUp(view, params, go) {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, maxlength: 32 });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 10 });
  const repeat = h('input', { name: 'repeat', type: 'password', autocomplete: 'new-password', required: true });
  const error = errorBox();
  const submit = submitter(error, async () => {
    if (password.value !== repeat.value) throw new InputProblem('The two passwords differ: type the same password twice.');
    await request('/add_user', { method: 'POST', json: { username: username.value.trim(), password: password.value } });
    await logIn(username.value.trim(), password.value);
    go(target(params));
  });
  view.append(h('section', { class: 'narrow' },
    h('h1', { tabindex: -1 }, 'Create an account'),
    h('form', { onsubmit: submit },
      field('Username', username, '3 to 32 letters, digits, dots, dashes or underscores.'),
      field('Password', password, 'At least 10 characters, not your username.'),
      field('Repeat the password', repeat), error,
      h('button', { class: 'primary', type: 'submit' }, 'Sign up')),
    h('p', {}, 'Already have an account? ', h('a', { href: '#/login' }, 'Log in'), '.')));
}
