// @ts-check
// The run's history as `lrplay train` prints it (cpp/format.cpp): the same header and C's %.9g for the
// float32 losses and accuracy, %.17g for the double learning rate. Pure text; no DOM.

export const CSV_HEADER = 'epoch,train_loss,val_loss,val_acc,lr';

/** x = mantissa * 2^exponent exactly, for a finite x > 0 (BigInt mantissa). */
function binaryParts(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  return biased === 0
    ? { mantissa: fraction, exponent: -1074 }
    : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** round(x * 10^shift) for x > 0, ties to even as printf rounds them, as a digit string. */
function scaledDigits(x, shift) {
  const { mantissa, exponent } = binaryParts(x);
  let num = mantissa * (shift >= 0 ? 10n ** BigInt(shift) : 1n);
  let den = shift < 0 ? 10n ** BigInt(-shift) : 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  let q = num / den;
  const twice = 2n * (num % den);
  if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  return q.toString();
}

/**
 * printf's %.<digits>g, exactly: `digits` significant digits rounded half to even from the double's
 * exact value, exponent form when the exponent is below -4 or at least `digits`, trailing zeros
 * dropped, at least two exponent digits (1e-05, 2.77762212e+36).
 */
export function formatG(value, digits) {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value < 0 ? '-inf' : 'inf';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (value === 0) return `${sign}0`;
  const x = Math.abs(value);
  let exponent = Math.floor(Math.log10(x)); // may be off by one near powers of ten: fixed below
  let text = scaledDigits(x, digits - 1 - exponent);
  while (text.length !== digits) {
    exponent += text.length > digits ? 1 : -1;
    text = scaledDigits(x, digits - 1 - exponent);
  }
  const trim = (t) => (t.includes('.') ? t.replace(/\.?0*$/, '') : t);
  if (exponent < -4 || exponent >= digits) {
    const e = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
    return `${sign}${trim(`${text[0]}.${text.slice(1)}`)}e${e}`;
  }
  const body =
    exponent < 0
      ? `0.${'0'.repeat(-exponent - 1)}${text}`
      : `${text.slice(0, exponent + 1)}.${text.slice(exponent + 1)}`;
  return sign + trim(body);
}

/**
 * One CSV line per record (epoch, trainLoss, valLoss, valAcc, lr), header first.
 * @param {import('./records.js').EpochRecord[]} records
 */
export function historyCsv(records) {
  const rows = records.map((r) =>
    [
      r.epoch,
      formatG(r.trainLoss, 9),
      formatG(r.valLoss, 9),
      formatG(r.valAcc, 9),
      formatG(r.lr, 17),
    ].join(','),
  );
  return [CSV_HEADER, ...rows].join('\n') + '\n';
}

/** "lrplay-plateau-seed5" from the engine's normalized settings. */
export function fileStem(settings) {
  return `lrplay-${settings.scheduler}-seed${settings.seed}`;
}
