// Keyboard shortcuts for the training toolbar: Space = Step, P = Play/Pause, R = Reset. They press the
// toolbar's own buttons, so a shortcut does exactly what a click does, and nothing when the button is
// disabled. Typing in a field, or a key meant for a focused control, is left alone.

const KEYS = { ' ': 'step', p: 'play', r: 'reset' };

// Where a key belongs to the focused element: text entry and choices, and for Space a control that
// Space activates or a scrollable box (the console) that it scrolls.
const TYPING = 'input, select, textarea, [contenteditable=""], [contenteditable="true"]';
const SPACE_OWNERS = 'button, a[href], summary, [role="tab"], [role="button"], [tabindex="0"]';

/** Listens on `root` (the document); testids name the buttons to press. */
export function installShortcuts(root = document) {
  root.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const testid = KEYS[event.key.toLowerCase()];
    if (!testid) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest(TYPING)) return;
    if (event.key === ' ' && target?.matches(SPACE_OWNERS)) return;
    if (event.key !== ' ' && event.repeat) return; // holding P or R must not toggle or reset again
    const button = root.querySelector(`[data-testid="${testid}"]`);
    if (!button || button.disabled) return;
    event.preventDefault(); // Space would scroll the page
    button.click();
  });
}
