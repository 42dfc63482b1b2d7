// The Chart.js plugin `changeLines` that marks what happened to the rate and the loss on an epoch
// chart: dashed lines at rate changes, the stairs' labels, a horizontal reference line, the
// exploding loss's band and the divergence's hatching (its options: EpochChart's changeLines).
// chartjs-loader.js registers it for every chart.
import { COLORS } from './chart-palette.js';
import { FONT, theme } from './chart-theme.js';

/** Text in a filled box (white on red for the divergence), clamped inside the plot area; its box. */
function boxedText(ctx, area, text, x, y, { fill, color }) {
  ctx.font = `bold ${FONT.size}px ${FONT.family}`;
  const width = ctx.measureText(text).width + 8;
  const left = Math.min(Math.max(area.left + 2, x), area.right - width - 2);
  ctx.fillStyle = fill;
  ctx.fillRect(left, y, width, FONT.size + 6);
  ctx.fillStyle = color;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(text, left + 4, y + 3);
  return { left, top: y, right: left + width, bottom: y + FONT.size + 6 };
}

/**
 * A tinted band from the first exploding epoch; a divergence is unlike any rate change: everything
 * from the last finite epoch on is hatched red, closed by a thick red line and a boxed label.
 * Returns the label drawn (the band's, or the divergence's) and its box, or null.
 */
function drawAlarm(ctx, area, scales, alarm) {
  let drawn = null;
  if (alarm.exploding) {
    const x = Math.max(area.left, scales.x.getPixelForValue(alarm.exploding - 0.5));
    const end = Math.min(area.right, scales.x.getPixelForValue(alarm.last + 0.5));
    ctx.fillStyle = 'rgba(220, 38, 38, 0.08)';
    ctx.fillRect(x, area.top, Math.max(0, end - x), area.bottom - area.top);
    if (!alarm.diverged) {
      ctx.font = `${FONT.size}px ${FONT.family}`;
      ctx.fillStyle = theme.cutText;
      ctx.textAlign = x > (area.left + area.right) / 2 ? 'right' : 'left';
      const label = `loss > ${alarm.factor}\u00d7 epoch 1\u2019s from epoch ${alarm.exploding}`;
      const at = x + (ctx.textAlign === 'right' ? -4 : 4);
      const baseline = area.top + FONT.size + 2;
      ctx.fillText(label, at, baseline);
      const width = ctx.measureText(label).width;
      const left = ctx.textAlign === 'right' ? at - width : at;
      drawn = {
        text: label,
        box: { left, top: baseline - FONT.size, right: left + width, bottom: baseline + 3 },
      };
    }
  }
  if (alarm.diverged) {
    const from = Math.max(area.left, scales.x.getPixelForValue(alarm.diverged - 1));
    ctx.save();
    ctx.beginPath();
    ctx.rect(from, area.top, area.right - from, area.bottom - area.top);
    ctx.clip();
    ctx.fillStyle = 'rgba(220, 38, 38, 0.18)';
    ctx.fillRect(from, area.top, area.right - from, area.bottom - area.top);
    ctx.strokeStyle = 'rgba(220, 38, 38, 0.35)';
    ctx.lineWidth = 1;
    ctx.setLineDash([]);
    const height = area.bottom - area.top;
    for (let x = from - height; x < area.right; x += 8) {
      ctx.beginPath();
      ctx.moveTo(x, area.bottom);
      ctx.lineTo(x + height, area.top);
      ctx.stroke();
    }
    ctx.restore();
    const x = scales.x.getPixelForValue(alarm.diverged);
    ctx.setLineDash([]);
    ctx.strokeStyle = COLORS.cut;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(x, area.top);
    ctx.lineTo(x, area.bottom);
    ctx.stroke();
    const text = `\u2716 Diverged at epoch ${alarm.diverged}: loss not finite`;
    const box = boxedText(ctx, area, text, x + 6, area.top + 4, {
      fill: COLORS.cut,
      color: '#fff',
    });
    drawn = { text, box };
  }
  return drawn;
}

const STAIR_GAP = 4; // px between two stair labels; a label that would come closer is left out

/**
 * Short labels ("÷10 plateau") beside the rate's stairs, left to right; a label that would overlap
 * one already drawn, or the alarm's label (`taken`: boxes), or leave the plot is skipped, so crowded
 * runs show every other one or fewer. What was drawn is kept in chart.$stairLabels (read by tests).
 */
function drawStairLabels(chart, stairs, taken) {
  const { ctx, chartArea: area, scales } = chart;
  ctx.font = `${FONT.size}px ${FONT.family}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  const drawn = [];
  const height = FONT.size + 4;
  for (const { epoch, y, text } of stairs) {
    const px = scales.x.getPixelForValue(epoch);
    const py = scales.y.getPixelForValue(y);
    if (!(px >= area.left && px <= area.right && py >= area.top && py <= area.bottom)) continue;
    const width = ctx.measureText(text).width + 6;
    // Right of the marker, just above the new rate's level; flipped left near the right edge.
    const left = px + width + 6 > area.right ? px - width - 6 : px + 6;
    const top = Math.max(area.top, py - height - 4);
    const box = { text, left, top, right: left + width, bottom: top + height };
    if (box.left < area.left) continue;
    const clash = [...taken, ...drawn].some(
      (b) =>
        box.left < b.right + STAIR_GAP &&
        b.left < box.right + STAIR_GAP &&
        box.top < b.bottom &&
        b.top < box.bottom,
    );
    if (clash) continue;
    ctx.fillStyle = theme.labelBox;
    ctx.fillRect(box.left, box.top, width, height);
    ctx.fillStyle = theme.cutText;
    ctx.fillText(text, box.left + 3, box.bottom - 2);
    drawn.push(box);
  }
  chart.$stairLabels = drawn;
}

// Dashed vertical lines at the epochs of discrete rate changes, the stairs' labels, an optional
// horizontal reference, and the exploding / diverged marks.
export const changeLines = {
  id: 'changeLines',
  afterDatasetsDraw(chart, _args, opts) {
    const { ctx, chartArea: area, scales } = chart;
    ctx.save();
    // What the alarm's label said and where, kept in chart.$alarmLabel and $alarmBox (for tests).
    const alarm = opts.alarm ? drawAlarm(ctx, area, scales, opts.alarm) : null;
    chart.$alarmLabel = alarm?.text ?? null;
    chart.$alarmBox = alarm?.box ?? null;
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1;
    const cuts = [...(opts.changes ?? [])].filter(([, c]) => c.kind === 'change');
    if (cuts.length <= 40) {
      ctx.strokeStyle = 'rgba(220, 38, 38, 0.45)';
      for (const [epoch] of cuts) {
        const x = scales.x.getPixelForValue(epoch);
        if (x < area.left || x > area.right) continue;
        ctx.beginPath();
        ctx.moveTo(x, area.top);
        ctx.lineTo(x, area.bottom);
        ctx.stroke();
      }
    }
    if (opts.stairs) {
      ctx.setLineDash([]);
      // The alarm's label is drawn first: the stair labels make way for it (they said "÷10
      // plateau" over "loss > 100× epoch 1's" in an exploding run).
      drawStairLabels(chart, opts.stairs, alarm ? [alarm.box] : []);
    }
    const ref = opts.reference;
    const y = ref && scales.y.getPixelForValue(ref.value);
    if (ref && y >= area.top && y <= area.bottom) {
      ctx.setLineDash([4, 3]);
      ctx.strokeStyle = theme.referenceLine;
      ctx.beginPath();
      ctx.moveTo(area.left, y);
      ctx.lineTo(area.right, y);
      ctx.stroke();
      ctx.font = `${FONT.size}px ${FONT.family}`;
      // The label, or its short form where the chart is too narrow for it (at 1024 px the
      // playground's charts have ~130 px of area: the label ran over the y axis and off the canvas).
      let label = ref.label;
      let width = ctx.measureText(label).width;
      if (width + 8 > area.right - area.left && ref.short) {
        label = ref.short;
        width = ctx.measureText(label).width;
      }
      // Above the line, or below it where the line is too near the top for the label (a
      // two-class run's ln 2 at the top of a loss axis that ends at 0.7: the label was cut off).
      const top = y - FONT.size - 6 >= area.top ? y - FONT.size - 6 : y + 2;
      const box = {
        left: area.right - width - 8,
        top,
        right: area.right - 2,
        bottom: top + FONT.size + 4,
      };
      ctx.fillStyle = theme.labelBox;
      ctx.fillRect(box.left, box.top, box.right - box.left, box.bottom - box.top);
      ctx.fillStyle = theme.referenceText;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(label, area.right - 4, top + FONT.size + 1);
      chart.$referenceBox = box;
      chart.$referenceLabel = label;
    } else {
      chart.$referenceBox = null;
    }
    ctx.restore();
  },
};
