// A fading edge on the right of a box that scrolls sideways, while more of its content is
// off to the right: on a phone compare mode's table pins its run column and scrolls the others, and
// nothing else told a learner that columns were hidden.

const SLACK = 1; // px: scroll positions are fractional at some zoom levels; the last pixel is the end

/**
 * Wraps `box` (overflow-x: auto) in an element whose data-more="right" shows the fade (CSS
 * .scroll-edge) while the box can scroll further right. Returns the wrapper, to place instead of
 * the box.
 */
export function withScrollEdge(box) {
  const edge = document.createElement('div');
  edge.className = 'scroll-edge';
  edge.append(box);
  const update = () => {
    const more = box.scrollLeft + box.clientWidth < box.scrollWidth - SLACK;
    if (more) edge.dataset.more = 'right';
    else delete edge.dataset.more;
  };
  box.addEventListener('scroll', update, { passive: true });
  // The width changes with the window and the content with every row and run name.
  if (typeof ResizeObserver === 'function') {
    const observer = new ResizeObserver(update);
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
  }
  return edge;
}
