// The learner's own CSV, in the data-set setting's place: a file picker and a drop zone, the uploaded
// file as one more choice of the data-set select, what the data in use holds (`dataset-info`), and
// the core's message when a file is refused. Reading the file is all that happens here; the core's
// loader parses it in the worker (engine/client.js upload()). The file name is untrusted text: it
// reaches the page through textContent only.
import { formatCount, shortened, shownClassName } from '../model/format.js';
import { UPLOADED_LOADER } from '../model/script.js';
import { UPLOADED_DATA } from '../model/settings.js';
import { make } from './dom.js';

// Characters of a file name shown in the select, which a native select cuts where it does not fit
// (about 18 fit the 1440 px settings grid's column, 30 a 320 px screen's): a longer name keeps its
// start and its end (the extension) around an ellipsis; the help line and the title have it whole.
// The option sits in a group 'Your file', so it needs no ' (your file)' of its own.
const SHOWN = 16;
const END = 8;
const shortName = (name) => shortened(name, SHOWN, END);

// A file's class names shown in full up to this many; a longer list shows its first NAMES_SHOWN
// and how many more (the core allows 100), each as shownClassName cuts it.
const NAMES_LISTED = 6;
const NAMES_SHOWN = 5;

/** "setosa, versicolor, virginica"; "a, b, c, d, e and 7 more": the core's classNames, in order. */
export function listClassNames(names) {
  const shown = names.length > NAMES_LISTED ? names.slice(0, NAMES_SHOWN) : names;
  const more = names.length - shown.length;
  return shown.map(shownClassName).join(', ') + (more ? ` and ${formatCount(more)} more` : '');
}

/**
 * "150 rows, 4 features, 3 classes"; "1,797 rows" (a count: formatCount); classes the core names
 * (a class column of names, or scikit-learn's header) are named: "3 classes (setosa, versicolor,
 * virginica)".
 */
export const describeData = ({ rows, features, classes, classNames = [] }) =>
  [
    [rows, 'row'],
    [features, 'feature'],
    [classes, 'class'],
  ]
    .map(
      ([n, word]) => `${formatCount(n)} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`,
    )
    .join(', ') + (classNames.length ? ` (${listClassNames(classNames)})` : '');

export class UploadView {
  /**
   * field: the data-set setting's field (views/form.js); maxBytes: the core's limit (a file is read
   * up to one byte past it, so the core can refuse it without the page reading all of it);
   * onText(name, text): the file's text, to hand to the engine.
   */
  constructor(field, { maxBytes, onText }) {
    Object.assign(this, { maxBytes, onText });
    this.select = field.querySelector('select');
    this.input = make('input', { type: 'file', accept: '.csv,text/csv,text/plain' });
    this.input.dataset.testid = 'upload';
    this.input.setAttribute('aria-describedby', 'upload-error dataset-info');
    this.error = make('p', { className: 'field-error', id: 'upload-error', hidden: true });
    this.error.dataset.testid = 'upload-error';
    this.error.setAttribute('role', 'alert');
    this.info = make('p', { className: 'help', id: 'dataset-info' });
    this.info.dataset.testid = 'dataset-info';
    this.info.setAttribute('aria-live', 'polite');
    const label = make('label', { className: 'upload-label' }, [
      make('span', { textContent: 'Your own CSV ' }),
      this.input,
    ]);
    const hint = make('span', {
      className: 'help',
      textContent:
        'or drop it here: a header row, the class (0, 1, … or names) in the last column. It stays in this tab.',
    });
    this.zone = make('div', { className: 'upload-zone' }, [label, hint]);
    this.zone.dataset.upload = '';
    this.zone.dataset.testid = 'upload-zone';
    // The setting's help names the scikit-learn sets; on the learner's file it says what the
    // core's loader read instead (show), in place of the info line.
    this.help = field.querySelector('.help');
    this.builtInHelp = this.help.textContent;
    // The label's code names scikit-learn's loaders; the learner's file is read as the script
    // reads it (model/script.js).
    this.code = field.querySelector('label code');
    this.builtInCode = this.code?.textContent;
    this.help.before(this.info);
    this.help.parentElement.append(this.zone, this.error);

    this.input.addEventListener('change', () => {
      const [file] = this.input.files;
      this.input.value = ''; // choosing the same file again is a new upload
      if (file) this.#read(file);
    });
    this.zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      this.zone.classList.add('over');
    });
    this.zone.addEventListener('dragleave', () => this.zone.classList.remove('over'));
    this.zone.addEventListener('drop', (e) => {
      e.preventDefault();
      this.zone.classList.remove('over');
      const [file] = e.dataTransfer.files;
      if (file) this.#read(file);
    });
  }

  async #read(file) {
    const text = await file.slice(0, this.maxBytes + 1).text();
    this.onText(file.name, text);
  }

  /** The core refused the file: its message; the data in use stays. */
  refuse(message) {
    this.error.hidden = false;
    this.error.textContent = `${message}. The previous data stay in use.`;
  }

  /** The file `name` was accepted: it becomes the select's extra choice. */
  accept(name) {
    this.error.hidden = true;
    this.error.textContent = '';
    let option = this.select.querySelector(`option[value="${UPLOADED_DATA}"]`);
    if (!option) {
      option = make('option', { value: UPLOADED_DATA });
      this.select.append(make('optgroup', { label: 'Your file' }, [option]));
    }
    option.textContent = shortName(name);
    option.title = name;
  }

  /**
   * data: the run's { name, uploaded } and the core's datasetInfo of it (RunHandle.data).
   */
  show(data) {
    const whose = data.uploaded ? `your file ${data.name}` : data.name;
    this.info.textContent = `${whose}: ${describeData(data)}.`;
    this.info.hidden = data.uploaded;
    if (this.code) this.code.textContent = data.uploaded ? UPLOADED_LOADER : this.builtInCode;
    // The core's note on a class column that mixes integers and names (most often a typo).
    const note = data.classNote ? `; ${data.classNote}` : '';
    this.help.textContent = data.uploaded
      ? `The model learns your file ${data.name}: ${describeData(data)}, as the core\u2019s loader read it${note}. The scikit-learn sets stay in the list.`
      : this.builtInHelp;
  }
}
