// The charts' colours: the series' (COLORS) and the light and the dark theme's (no Chart.js here;
// chart-theme.js applies them). The series colours (COLORS, the compared runs' blue, orange and
// green) stay in both themes, each at least 3:1 against both chart backgrounds, except those listed
// in SERIES_IN_DARK, which would be too dark on the dark card.

export const COLORS = {
  train: '#2563eb',
  val: '#ea580c',
  lr: '#7c3aed',
  acc: '#059669',
  momentum: '#0891b2',
  cut: '#dc2626',
  skip: '#6b7280',
};

// The range test's loss of each batch: faint under its smoothed line (COLORS.train), on purpose
// below 3:1, but as visible on the dark card as on the light one (SERIES_IN_DARK).
export const FAINT_LOSS = 'rgba(37, 99, 235, 0.25)';

export const LIGHT = {
  background: '#ffffff', // an exported picture's background (the page's charts are transparent)
  text: '#4b5563', // ticks, axis titles, legend
  title: '#111827', // an exported picture's title
  grid: 'rgba(0, 0, 0, 0.1)',
  labelBox: 'rgba(255, 255, 255, 0.85)', // behind the stair and reference labels
  referenceLine: '#9ca3af',
  referenceText: '#6b7280',
  cutText: '#dc2626', // the stair labels and the exploding note (COLORS.cut)
};

export const DARK = {
  background: '#1b1d28', // --card in theme.css
  text: '#b4bac8',
  title: '#eef0f6',
  grid: 'rgba(255, 255, 255, 0.13)',
  labelBox: 'rgba(27, 29, 40, 0.85)',
  referenceLine: '#7b8293',
  referenceText: '#a3a9b8',
  cutText: '#f87171',
};

/** Light colour -> its dark-theme stand-in (lowercase hex); the others are the same in both. */
export const SERIES_IN_DARK = {
  '#7c3aed': '#a78bfa', // the learning rate
  '#6b7280': '#9ca3af', // a skipped cut's ring
  '#fff': '#1b1d28', // the inside of that ring
  'rgba(37, 99, 235, 0.25)': 'rgba(96, 165, 250, 0.3)', // FAINT_LOSS (blue-400)
};

/** `color` (a light-theme series colour) as drawn in the theme. */
export function seriesColor(color, dark) {
  if (!dark || typeof color !== 'string') return color;
  return SERIES_IN_DARK[color.toLowerCase()] ?? color;
}
