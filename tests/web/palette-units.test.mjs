// The charts' colours (views/chart-palette.js) against the card they are drawn on, in both themes:
// WCAG contrast ratios of each series colour as the theme draws it (seriesColor), a translucent one
// blended over the card first. No browser: `node --test tests/web/palette-units.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLORS, DARK, FAINT_LOSS, LIGHT, seriesColor } from '../../web/src/views/chart-palette.js';

/** [r, g, b, alpha] of '#rrggbb', '#rgb' or 'rgba(r, g, b, a)'. */
function rgba(color) {
  const hex = /^#([0-9a-f]+)$/i.exec(color)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)).concat(1);
  }
  const parts = /^rgba?\(([^)]+)\)$/.exec(color)[1].split(',').map(Number);
  return parts.length === 3 ? [...parts, 1] : parts;
}

/** `color` as seen over the opaque `background`. */
function over(color, background) {
  const [r, g, b, a] = rgba(color);
  const bg = rgba(background);
  return [r, g, b].map((c, i) => a * c + (1 - a) * bg[i]);
}

function luminance(rgb) {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of `color` drawn on `background` (1 to 21). */
function contrast(color, background) {
  const a = luminance(over(color, background));
  const b = luminance(over(background, background));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

const themes = [
  ['light', LIGHT.background, false],
  ['dark', DARK.background, true],
];

test('every series colour stands 3:1 against the card in both themes', () => {
  for (const [name, color] of Object.entries(COLORS))
    for (const [theme, card, dark] of themes) {
      const ratio = contrast(seriesColor(color, dark), card);
      assert.ok(ratio >= 3, `${name} in ${theme}: ${ratio.toFixed(2)}`);
    }
});

test("the range test's faint batch losses are as visible on the dark card as on the light one", () => {
  const light = contrast(seriesColor(FAINT_LOSS, false), LIGHT.background);
  const dark = contrast(seriesColor(FAINT_LOSS, true), DARK.background);
  assert.ok(light > 1.2, `light ${light.toFixed(2)}`);
  assert.ok(dark >= light, `dark ${dark.toFixed(2)} against light ${light.toFixed(2)}`);
  // Still faint under the smoothed line (COLORS.train), which keeps its 3:1.
  assert.ok(dark < 3 && light < 3);
});
