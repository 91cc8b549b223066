// Before/after: the gray original laid over the colorized result, revealed up to a divider that a range input
// (keyboard: arrows, Home, End) or a drag on the picture moves.
import { h, uid } from './dom.js';

export function compare({ after, before, alt, label }) {
  const gray = h('img', { class: 'before', src: before, alt: '', draggable: 'false' });
  const color = h('img', { class: 'after', src: after, alt, draggable: 'false' });
  const frame = h('div', { class: 'compare' }, color, gray);
  const slider = h('input', { type: 'range', min: 0, max: 100, value: 50, id: uid('split'), class: 'split' });
  const move = (percent) => {
    const value = Math.max(0, Math.min(100, Math.round(percent)));
    slider.value = String(value);
    frame.style.setProperty('--split', `${value}%`);
    slider.setAttribute('aria-valuetext', `${value}% gray original, ${100 - value}% colorized`);
  };
  slider.addEventListener('input', () => move(Number(slider.value)));
  const follow = (event) => {
    const box = frame.getBoundingClientRect();
    move(((event.clientX - box.left) / box.width) * 100);
  };
  frame.addEventListener('pointerdown', (event) => {
    frame.setPointerCapture(event.pointerId);
    follow(event);
  });
  frame.addEventListener('pointermove', (event) => {
    if (frame.hasPointerCapture(event.pointerId)) follow(event);
  });
  move(50);
  return h('div', { class: 'compare-box' },
    frame,
    h('label', { for: slider.id, class: 'split-label' }, h('span', {}, 'Gray original'), h('span', { class: 'sr-only' }, ` / ${label}: `),
      h('span', {}, 'Colorized')),
    slider);
}
