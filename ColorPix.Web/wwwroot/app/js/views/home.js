// What ColorPix does, with before/after examples that need no account (static files under examples/).
import { session } from '../api.js';
import { h } from '../dom.js';
import { compare } from '../compare.js';

const examples = [
  // Photos of the Debian corpus' test split: neither shipped model saw them in training or in epoch selection.
  { name: 'seeding', caption: 'Dandelions at sunset (Lomiri wallpaper by Clements Engelhardt, never seen in training)' },
  { name: 'aitzgorri', caption: 'Aitzgorri in autumn (Lomiri wallpaper by Aitzol Berasategi, never seen in training)' },
];

export function renderHome(view) {
  const start = session.token()
    ? h('a', { class: 'button primary', href: '#/colorize' }, 'Colorize a photo')
    : [h('a', { class: 'button primary', href: '#/signup' }, 'Sign up'), h('a', { class: 'button', href: '#/login' }, 'Log in')];
  view.append(
    h('section', { class: 'hero' },
      h('h1', { tabindex: -1 }, 'Bring black-and-white photos to life'),
      h('p', { class: 'lead' }, 'ColorPix colorizes your black-and-white photos with two neural networks, an AutoEncoder and a ' +
        'Pix2Pix GAN, and shows both results side by side so you can keep the one you like.'),
      h('div', { class: 'actions' }, start)),
    h('section', {},
      h('h2', {}, 'Examples'),
      h('p', { class: 'muted' }, 'Drag across a picture, or use the slider under it, to compare the gray input with the colors each model found.'),
      h('div', { class: 'examples' }, examples.map(example))),
    h('section', {},
      h('h2', {}, 'How it works'),
      h('ol', { class: 'steps' },
        h('li', {}, 'Create an account and log in.'),
        h('li', {}, 'Drop a photo: both models colorize it in a few seconds.'),
        h('li', {}, 'Compare the results, download the one you like as PNG or JPEG, and rate them.'),
        h('li', {}, 'Find every photo again in your history; delete any of them at any time.')),
      h('p', { class: 'muted' }, 'Your photos are private to your account. They help improve the models only if you allow it.')));
}

function example({ name, caption }) {
  const gray = `examples/${name}.gray.jpg`;
  return h('figure', { class: 'card example' },
    ['pix2pix', 'autoencoder'].map((model) => {
      const label = model === 'pix2pix' ? 'Pix2Pix' : 'AutoEncoder';
      return h('div', { class: 'example-model' }, h('h3', {}, label),
        compare({ after: `examples/${name}.${model}.jpg`, before: gray, alt: `${caption}, colorized by ${label}`, label: `${label} example` }));
    }),
    h('figcaption', {}, caption));
}
