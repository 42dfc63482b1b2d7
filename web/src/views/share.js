// Copy link and the notice naming a link's ignored entries. The URL hash is untrusted text: it
// reaches the page through textContent only.
import { describeIgnored } from '../model/links.js';
import { UPLOADED_DATA } from '../model/settings.js';

/** Whether the address's run is on an uploaded file, which a link cannot carry. */
const onUploadedFile = () =>
  new URLSearchParams(location.hash.replace(/^#/, '')).get('dataset') === UPLOADED_DATA;

export class ShareView {
  /** notice: the box for ignored link entries; button + note: Copy link and its confirmation. */
  constructor({ notice, button, note }) {
    Object.assign(this, { notice, button, note });
    this.noticeText = notice.querySelector('p');
    notice.querySelector('button').addEventListener('click', () => (notice.hidden = true));
    button.addEventListener('click', () => this.#copy());
  }

  /**
   * ignored: the entries the link's readers ignored; an empty list hides the notice. ending: its last
   * sentence, on what else the link gave (linkUse).
   */
  showIgnored(ignored, ending) {
    this.notice.hidden = ignored.length === 0;
    const held =
      ignored.length === 1
        ? 'a setting this page cannot use, so it was left at the lesson\u2019s default'
        : 'settings this page cannot use, so they were left at the lesson\u2019s defaults';
    this.noticeText.textContent = ignored.length
      ? `The link held ${held}: ${ignored.map(describeIgnored).join('; ')}. ${ending}`
      : '';
  }

  async #copy() {
    clearTimeout(this.timer);
    try {
      await navigator.clipboard.writeText(location.href);
      // The file stays in this tab: the link says so when opened, and so does this note.
      this.note.textContent = onUploadedFile()
        ? 'Copied. The link cannot carry your file: it opens on the default data set, with a notice.'
        : 'Copied';
      this.timer = setTimeout(() => (this.note.textContent = ''), onUploadedFile() ? 10000 : 4000);
    } catch {
      // No clipboard permission: show the address selected, ready for Ctrl+C.
      const address = document.createElement('code');
      address.textContent = location.href;
      const caveat = onUploadedFile()
        ? ' (it cannot carry your file: it opens on the default data)'
        : '';
      this.note.replaceChildren('Press Ctrl+C (\u2318C on a Mac) to copy ', address, caveat);
      window.getSelection().selectAllChildren(address);
    }
  }
}
