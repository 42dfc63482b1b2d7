// After a preset loads from the lesson (a Try it box or a preset named in the text): the charts come
// into view below the controls, which stay on screen, and "Back to the lesson" returns the view and the
// focus to the button that loaded it. The status line (aria-live) says what was loaded.

/** True if the element is wholly inside the viewport. */
function inView(element) {
  const r = element.getBoundingClientRect();
  return (
    r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth
  );
}

export class LessonReturn {
  /** back: the "Back to the lesson" button; charts: what to show after a load; controls: sticky bar. */
  constructor({ back, charts, controls }) {
    Object.assign(this, { back, charts, controls });
    this.origin = null;
    back.addEventListener('click', () => this.#return());
  }

  /** The preset loaded from `origin` (a button in the lesson) is on screen. */
  landed(origin) {
    this.origin = origin;
    this.back.hidden = false;
    // The controls stick to the top of the scrolling box (the page on a phone, the playground on a
    // wide screen): start the charts just below them.
    this.charts.style.scrollMarginTop = `${this.controls.offsetHeight + 8}px`;
    this.charts.scrollIntoView({ block: 'start', behavior: 'instant' });
    // On a phone the lesson has scrolled away: the focus follows the view, onto the way back.
    if (!inView(origin)) this.back.focus({ preventScroll: true });
  }

  #return() {
    const origin = this.origin;
    this.back.hidden = true;
    this.origin = null;
    if (!origin?.isConnected) return;
    (origin.closest('aside') ?? origin).scrollIntoView({ block: 'center', behavior: 'instant' });
    origin.focus({ preventScroll: true });
  }
}
