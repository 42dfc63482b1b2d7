// Covers the planned-rate preview while a practice exercise asks for a prediction the preview would
// give away (its chart and caption show every epoch's rate of a timetable scheduler). The learner can
// always uncover it; the exercise uncovers it once the prediction has been checked.

export class PreviewCover {
  /** figure: the preview's <figure>; may be missing (then covering does nothing). */
  constructor(figure) {
    this.figure = figure;
    this.note = null;
  }

  get covered() {
    return Boolean(this.figure?.classList.contains('covered'));
  }

  /** Hides the chart and caption behind a note naming `exercise`, with a button to show them. */
  cover(exercise) {
    if (!this.figure) return;
    this.uncover();
    const text = document.createElement('p');
    text.textContent = `Hidden while practice exercise \u201c${exercise}\u201d asks for your prediction.`;
    const show = document.createElement('button');
    show.type = 'button';
    show.className = 'btn btn-small';
    show.textContent = 'Show the plan anyway';
    show.dataset.testid = 'preview-uncover';
    show.addEventListener('click', () => this.uncover());
    this.note = document.createElement('div');
    this.note.className = 'preview-cover';
    this.note.dataset.testid = 'preview-cover';
    this.note.append(text, show);
    this.figure.classList.add('covered');
    this.figure.append(this.note);
  }

  uncover() {
    this.figure?.classList.remove('covered');
    this.note?.remove();
    this.note = null;
  }
}
