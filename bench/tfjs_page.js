// Runs in bench/tfjs.html (bench/tfjs_bench.mjs drives it): the lesson's model trained by TF.js 4.22
// in the idioms a web developer would write, on the core's data, split and initial weights, beside
// the wasm core's epoch as the page's worker runs it. `tf` is the global of TF.js's UMD bundles.
/* global tf */
import { lessonRun } from './page_epoch.js';

const lines = async (url) =>
  (await (await fetch(url)).text())
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('#'));
const numbers = (line) => line.split(',').map(Number);

// PyTorch's reference for the check: train_test_split's indices (test, then train) and
// torch.manual_seed(0)'s initial parameters, which the core's golden tests hold it to, and the
// lesson's run from those weights (train loss, validation loss and accuracy per epoch).
const SPLIT = '/tests/golden/split_seed42.csv';
const INIT = '/tests/golden/init_seed0.csv';
const TRACE = '/tests/golden/train_plateau_seed0.csv';

/**
 * The lesson's settings as the core fills them in (its text values, read as numbers): lr, betas,
 * eps, hidden sizes, standardize.
 */
async function lessonSettings() {
  const run = await lessonRun();
  const s = run.settings;
  run.dispose();
  if (s.test_size !== '0.2' || s.split_seed !== '42')
    throw new Error(`the split in ${SPLIT} is not the settings' (${s.test_size}, ${s.split_seed})`);
  return {
    lr: Number(s.lr),
    betas: numbers(s.betas),
    eps: Number(s.adam_eps),
    hidden: numbers(s.hidden),
    standardize: s.standardize === 'true',
  };
}

/**
 * Wine split as the core splits it, standardized (StandardScaler on the training rows, as the core's
 * trainer does) when `standardize`: { xTrain, yTrain (one-hot), xVal, yVal, labelsVal, features,
 * classes, trainSize }.
 */
async function wineTensors(standardize) {
  const [header, ...rows] = await lines('/data/wine.csv');
  const classes = header.split(',').length - 2; // "n_samples,n_features,class names..."
  const samples = rows.map(numbers);
  const features = samples[0].length - 1;
  const [testIndices, trainIndices] = (await lines(SPLIT)).map(numbers);
  const mean = new Array(features).fill(0);
  const scale = new Array(features).fill(1);
  if (standardize) {
    for (let j = 0; j < features; j++) {
      const column = trainIndices.map((i) => samples[i][j]);
      mean[j] = column.reduce((a, b) => a + b, 0) / column.length;
      const variance = column.reduce((a, v) => a + (v - mean[j]) ** 2, 0) / column.length;
      scale[j] = variance === 0 ? 1 : Math.sqrt(variance);
    }
  }
  const x = (indices) =>
    tf.tensor2d(
      Float32Array.from(
        indices.flatMap((i) =>
          samples[i].slice(0, features).map((v, j) => (v - mean[j]) / scale[j]),
        ),
      ),
      [indices.length, features],
    );
  const labels = (indices) =>
    tf.tensor1d(
      indices.map((i) => samples[i][features]),
      'int32',
    );
  const labelsTrain = labels(trainIndices);
  const labelsVal = labels(testIndices);
  return {
    xTrain: x(trainIndices),
    yTrain: tf.tidy(() => tf.cast(tf.oneHot(labelsTrain, classes), 'float32')),
    xVal: x(testIndices),
    yVal: tf.tidy(() => tf.cast(tf.oneHot(labelsVal, classes), 'float32')),
    labelsVal,
    features,
    classes,
    trainSize: trainIndices.length,
    dispose() {
      tf.dispose([this.xTrain, this.yTrain, this.xVal, this.yVal, this.labelsVal, labelsTrain]);
    },
  };
}

/**
 * PyTorch's initial parameters (model.parameters() order: each Linear's weight [out, in], then its
 * bias) as TF.js's [kernel [in, out], bias] per layer.
 */
async function initialWeights(sizes) {
  const values = (await lines(INIT)).map(Number);
  const weights = [];
  let at = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [inputs, outputs] = [sizes[l], sizes[l + 1]];
    const w = tf.tensor2d(values.slice(at, (at += inputs * outputs)), [outputs, inputs]);
    weights.push(tf.transpose(w), tf.tensor1d(values.slice(at, (at += outputs))));
    w.dispose();
  }
  if (at !== values.length)
    throw new Error(`${INIT} has ${values.length} parameters, the model ${at}`);
  return weights;
}

// nn.CrossEntropyLoss on logits (mean over the batch), as the lesson's model has no softmax layer.
const crossEntropy = (oneHot, logits) => tf.losses.softmaxCrossEntropy(oneHot, logits);
const adam = (s) => tf.train.adam(s.lr, s.betas[0], s.betas[1], s.eps);

/** tf.sequential of Dense layers with ReLU between them, from `weights`. */
function layersModel(sizes, weights) {
  const model = tf.sequential();
  for (let l = 1; l < sizes.length; l++)
    model.add(
      tf.layers.dense({
        units: sizes[l],
        inputShape: l === 1 ? [sizes[0]] : undefined,
        activation: l + 1 < sizes.length ? 'relu' : 'linear',
      }),
    );
  model.setWeights(weights);
  return model;
}

/** The same, compiled with Adam and the loss above (for fit, trainOnBatch and evaluate). */
function compiledModel(s, sizes, weights) {
  const model = layersModel(sizes, weights);
  model.compile({ optimizer: adam(s), loss: crossEntropy, metrics: ['accuracy'] });
  return model;
}

/**
 * The epoch's record from the training step's loss `cost` and a validation pass of `predict` (its
 * loss and accuracy), read back with dataSync.
 */
function readBack(cost, d, predict) {
  const [valLoss, valAcc] = tf.tidy(() => {
    const logits = predict(d.xVal);
    return [
      crossEntropy(d.yVal, logits),
      tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), d.labelsVal), 'float32')),
    ];
  });
  const record = {
    trainLoss: cost.dataSync()[0],
    valLoss: valLoss.dataSync()[0],
    valAcc: valAcc.dataSync()[0],
  };
  tf.dispose([cost, valLoss, valAcc]);
  return record;
}

/**
 * The idioms, each as make(settings, sizes, weights, data) -> { epoch() -> record (or a promise
 * of one), dispose() }: one full-batch Adam step on the training rows, then a validation pass, the
 * epoch's train loss, validation loss and accuracy read back into a JS record (as the core's are).
 */
export const IDIOMS = {
  // Keras's way: compile, then fit one epoch with the validation data (fit reads the numbers back).
  'LayersModel.fit (1 epoch, validationData)': (s, sizes, weights, d) => {
    const model = compiledModel(s, sizes, weights);
    return {
      async epoch() {
        const { history } = await model.fit(d.xTrain, d.yTrain, {
          epochs: 1,
          batchSize: d.trainSize,
          shuffle: false,
          verbose: 0,
          validationData: [d.xVal, d.yVal],
        });
        return {
          trainLoss: history.loss[0],
          valLoss: history.val_loss[0],
          valAcc: history.val_acc[0],
        };
      },
      dispose() {
        model.optimizer.dispose(); // the model does not own an optimizer it was given
        model.dispose();
      },
    };
  },
  // A hand-written epoch loop over the compiled model.
  'LayersModel.trainOnBatch + evaluate': (s, sizes, weights, d) => {
    const model = compiledModel(s, sizes, weights);
    return {
      async epoch() {
        const [trainLoss] = await model.trainOnBatch(d.xTrain, d.yTrain);
        const val = model.evaluate(d.xVal, d.yVal, { batchSize: d.xVal.shape[0] });
        const [valLoss, valAcc] = await Promise.all(val.map(async (t) => (await t.data())[0]));
        tf.dispose(val);
        return { trainLoss, valLoss, valAcc };
      },
      dispose() {
        model.optimizer.dispose(); // the model does not own an optimizer it was given
        model.dispose();
      },
    };
  },
  // A custom training loop around a LayersModel, as TF.js's guides write one: the step and the
  // validation forward each in a tf.tidy.
  'LayersModel, optimizer.minimize + predict': (s, sizes, weights, d) => {
    const model = layersModel(sizes, weights);
    const optimizer = adam(s);
    return {
      epoch() {
        const cost = tf.tidy(() =>
          optimizer.minimize(() => crossEntropy(d.yTrain, model.predict(d.xTrain)), true),
        );
        return readBack(cost, d, (x) => model.predict(x));
      },
      dispose() {
        optimizer.dispose();
        model.dispose();
      },
    };
  },
  // The functional model: the weights as tf.variable, ops by hand; the same tidy loop.
  'tf.variable weights, optimizer.minimize': (s, sizes, weights, d) => {
    const params = weights.map((w) => tf.variable(w));
    const forward = (x) => {
      let h = x;
      for (let l = 0; l < params.length; l += 2) {
        h = tf.add(tf.matMul(h, params[l]), params[l + 1]);
        if (l + 2 < params.length) h = tf.relu(h);
      }
      return h;
    };
    const optimizer = adam(s);
    return {
      epoch() {
        const cost = tf.tidy(() =>
          optimizer.minimize(() => crossEntropy(d.yTrain, forward(d.xTrain)), true, params),
        );
        return readBack(cost, d, forward);
      },
      dispose() {
        tf.dispose(params);
        optimizer.dispose();
      },
    };
  },
};

/**
 * A fresh model of `idiom` from PyTorch's initial weights; run(n) trains n epochs and returns their
 * records.
 */
async function trainer(idiom, settings, standardize) {
  const data = await wineTensors(standardize);
  const sizes = [data.features, ...settings.hidden, data.classes];
  const weights = await initialWeights(sizes);
  const model = IDIOMS[idiom](settings, sizes, weights, data);
  tf.dispose(weights);
  return {
    async run(n) {
      const records = [];
      for (let i = 0; i < n; i++) records.push(await model.epoch());
      return records;
    },
    dispose() {
      model.dispose();
      data.dispose();
    },
  };
}

/** tf.setBackend(name) (the wasm binaries from node_modules) and what the backend runs with. */
export async function useBackend(name) {
  tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  if (!(await tf.setBackend(name))) throw new Error(`TF.js could not start its ${name} backend`);
  await tf.ready();
  const flags = {
    backend: tf.getBackend(),
    crossOriginIsolated: self.crossOriginIsolated,
  };
  if (name === 'wasm') {
    flags.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    flags.threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  }
  return flags;
}

/**
 * The fairness check of an idiom on the current backend. From PyTorch's seed-0 weights on the raw
 * features, its first `epochs` epochs against PyTorch's own (the rate stays at the lesson's lr until
 * then): the largest relative difference of the losses, and whether every accuracy matches. Then
 * 100 epochs on standardized features (the run the lesson recommends): the last validation accuracy.
 */
export async function check(idiom, epochs = 10) {
  const settings = await lessonSettings();
  const [, ...rows] = await lines(TRACE); // epoch,train_loss,val_loss,val_acc,lr
  const reference = rows.slice(0, epochs).map(numbers);
  if (reference.some((r) => r[4] !== settings.lr))
    throw new Error(`${TRACE} changes the rate before epoch ${epochs}`);
  const raw = await trainer(idiom, settings, false);
  const records = await raw.run(epochs);
  raw.dispose();
  let maxLossDiff = 0;
  let accuraciesMatch = true;
  records.forEach((r, i) => {
    const [, trainLoss, valLoss, valAcc] = reference[i];
    maxLossDiff = Math.max(
      maxLossDiff,
      Math.abs(r.trainLoss - trainLoss) / trainLoss,
      Math.abs(r.valLoss - valLoss) / valLoss,
    );
    accuraciesMatch &&= Math.abs(r.valAcc - valAcc) < 1e-6;
  });
  const standardized = await trainer(idiom, settings, true);
  const learned = await standardized.run(100);
  standardized.dispose();
  return {
    epochs,
    maxLossDiff,
    accuraciesMatch,
    standardizedValAcc: learned[learned.length - 1].valAcc,
  };
}

// The timed pair: the page's epoch (the wasm core stepped as the page's worker steps it, with
// engine/lrplay.js's Run.run) and `idiom`'s, both on the lesson's settings (raw features; TF.js
// from PyTorch's weights). tfjs_bench.mjs alternates their blocks and reads the thread time around each.
let pair = null;

/** Makes the pair for `idiom` on the current backend and warms both up. */
export async function prepare(idiom) {
  const settings = await lessonSettings();
  const tfjs = await trainer(idiom, settings, settings.standardize);
  const run = await lessonRun({ epochs: 10000 }); // never reaches its end in a block
  run.run(200); // the engine tiers the wasm code up
  run.reset();
  await tfjs.run(50); // TF.js: kernels set up, Adam's moments made
  pair = { run, tfjs, tensors: tf.memory().numTensors };
}

/** n of the page's epochs from the run's start: wall ms. */
export function coreBlock(n) {
  pair.run.reset();
  const t0 = performance.now();
  pair.run.run(n);
  return performance.now() - t0;
}

/** n more TF.js epochs: wall ms. */
export async function tfjsBlock(n) {
  const t0 = performance.now();
  await pair.tfjs.run(n);
  return performance.now() - t0;
}

/** Disposes the pair: the tensors alive after its warm-up and now (equal when the idiom leaks nothing). */
export function finish() {
  const tensors = [pair.tensors, tf.memory().numTensors];
  pair.run.dispose();
  pair.tfjs.dispose();
  pair = null;
  return tensors;
}
