// After a preset loads from the lesson (a Try it box or a preset named in the text): the status line
// (aria-live) says what was loaded, it and the charts below it come into view under the toolbar, and
// "Back to the lesson" returns the view and the focus to the button that loaded it.

/** True if the element is wholly inside the viewport. */
function inView(element) {
  const r = element.getBoundingClientRect();
  return (
    r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth
  );
}

export class LessonReturn {
  /**
   * back: the "Back to the lesson" button; status: the status line (in the controls); toolbar: the
   * toolbar (sticky on its own on a phone); charts: what a load should show.
   */
  constructor({ back, status, toolbar, charts }) {
    Object.assign(this, { back, status, toolbar, charts });
    this.origin = null;
    back.addEventListener('click', () => this.#return());
  }

  /** The preset loaded from `origin` (a button in the lesson) is on screen. */
  landed(origin) {
    this.origin = origin;
    this.back.hidden = false;
    // A wide screen: the status line sticks with the controls at the playground's top; the charts
    // come up under them. A phone: the page scrolls under the sticky toolbar alone; the status line
    // goes just below it, the charts follow.
    const controls = this.status.parentElement;
    const wide = getComputedStyle(controls).position === 'sticky';
    const target = wide ? this.charts : this.status;
    target.style.scrollMarginTop = `${(wide ? controls : this.toolbar).offsetHeight + 8}px`;
    target.scrollIntoView({ block: 'start', behavior: 'instant' });
    // If the lesson has scrolled away (a phone), the focus follows the view, onto the way back.
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
