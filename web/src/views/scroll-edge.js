// A fading edge on the right of a box that scrolls sideways, and a "scroll →" cue, while more of its
// content is off to the right: on a phone compare mode's table pins its run column and scrolls the
// others, and nothing else told a learner that columns were hidden (a faint fade alone was easy to
// miss, and said it in colour only).

const SLACK = 1; // px: scroll positions are fractional at some zoom levels; the last pixel is the end

/**
 * Wraps `box` (overflow-x: auto) in `edge`, whose data-more="right" shows the fade (CSS
 * .scroll-edge) while the box can scroll further right, and makes `cue`, which says so in words
 * meanwhile (data-more too; CSS .scroll-cue) for the caller to place above the box, in its card's
 * head: over the box it would cover the columns in view. A tap on the cue scrolls on by most of
 * the box's width. The cue is hidden from screen readers, which read every column anyway; keyboard
 * users scroll the box itself. Returns { edge, cue }: the edge goes where the box would.
 */
export function withScrollEdge(box) {
  const edge = document.createElement('div');
  edge.className = 'scroll-edge';
  edge.append(box);
  const cue = document.createElement('span');
  cue.className = 'scroll-cue';
  cue.textContent = 'scroll \u2192';
  cue.setAttribute('aria-hidden', 'true');
  cue.addEventListener('click', () => {
    // Browsers do not tone down a script's smooth scroll for readers who asked for less motion.
    const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
    box.scrollBy({ left: Math.round(box.clientWidth * 0.8), behavior: still ? 'auto' : 'smooth' });
  });
  const update = () => {
    const more = box.scrollLeft + box.clientWidth < box.scrollWidth - SLACK;
    for (const node of [edge, cue])
      if (more) node.dataset.more = 'right';
      else delete node.dataset.more;
  };
  box.addEventListener('scroll', update, { passive: true });
  // The width changes with the window and the content with every row and run name.
  if (typeof ResizeObserver === 'function') {
    const observer = new ResizeObserver(update);
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
  }
  return { edge, cue };
}
