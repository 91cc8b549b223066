// The router: one page, a view per hash route (#/colorize?id=...). Views that need an account send a visitor to
// the log-in view first, and back afterwards.
import { session } from './api.js';
import { h, releaseBlobUrls } from './dom.js';
import { renderHome } from './views/home.js';
import { renderLogIn, renderSignUp } from './views/auth.js';
import { renderColorize } from './views/colorize.js';
import { renderHistory } from './views/history.js';
import { renderAlbums } from './views/albums.js';
import { renderSettings } from './views/settings.js';
import { renderAdmin } from './views/admin.js';

const routes = {
  '/': { title: 'Home', render: renderHome },
  '/login': { title: 'Log in', render: renderLogIn },
  '/signup': { title: 'Sign up', render: renderSignUp },
  '/colorize': { title: 'Colorize', render: renderColorize, signedIn: true },
  '/albums': { title: 'Albums', render: renderAlbums, signedIn: true },
  '/history': { title: 'History', render: renderHistory, signedIn: true },
  '/settings': { title: 'Settings', render: renderSettings, signedIn: true },
  '/admin': { title: 'Administration', render: renderAdmin, signedIn: true },
};

const here = () => location.hash.slice(1) || '/';

function go(path, { reload = false } = {}) {
  if (here() === path) {
    if (reload) show();
  } else {
    location.hash = path;
  }
}

function renderNav(path) {
  const user = session.token() ? session.user() : null;
  const link = (to, text) => h('li', {}, h('a', { href: `#${to}`, 'aria-current': path === to ? 'page' : null }, text));
  const items = user
    ? [link('/colorize', 'Colorize'), link('/albums', 'Albums'), link('/history', 'History'), link('/settings', 'Settings'), user.is_admin ? link('/admin', 'Admin') : null,
      h('li', {}, h('button', { type: 'button', class: 'link', onclick: logOut }, `Log out ${user.username}`))]
    : [link('/login', 'Log in'), link('/signup', 'Sign up')];
  document.getElementById('nav').replaceChildren(...items.filter(Boolean));
}

function logOut() {
  session.end();
  go('/');
  renderNav('/');
}

let shown = 0;

async function show() {
  const [path, query] = here().split('?');
  const params = new URLSearchParams(query);
  const route = routes[path] ?? routes['/'];
  if (route.signedIn && !session.token()) {
    go(`/login?next=${encodeURIComponent(here())}`);
    return;
  }
  releaseBlobUrls();
  renderNav(path);
  const view = document.getElementById('view');
  view.replaceChildren();
  document.title = `${route.title} · ColorPix`;
  if (params.get('deleted')) view.append(h('p', { class: 'notice', role: 'status' }, 'Your account and its photos were deleted.'));
  const first = shown++ === 0;
  const rendering = route.render(view, params, go);
  // Keyboard and screen reader users land on the new view's heading, not at the top of a page they already passed.
  if (!first) view.querySelector('h1')?.focus();
  await rendering;
}

addEventListener('hashchange', show);
addEventListener('session-expired', () => {
  const back = here().startsWith('/login') ? '/colorize' : here();
  go(`/login?expired=1&next=${encodeURIComponent(back)}`);
});
show();
