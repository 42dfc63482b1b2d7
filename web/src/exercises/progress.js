// Practice progress in localStorage: which exercises are done, and the answers typed so far. Whatever
// the stored text is (edited by hand, from an older page, cut short), loading never throws: anything
// that does not fit falls back to empty progress. No DOM here apart from the Storage passed in.

export const STORAGE_KEY = 'lrplay.practice.v1';
const MAX_ANSWER = 100;

const empty = () => ({ done: new Set(), answers: {} });

/** { done: Set of ids, answers: { id: text } } for the exercise ids `ids`. */
export function loadProgress(storage, ids) {
  let data;
  try {
    data = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return empty(); // not JSON, or storage is blocked
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return empty();
  const progress = empty();
  if (Array.isArray(data.done)) {
    for (const id of data.done) if (ids.includes(id)) progress.done.add(id);
  }
  if (data.answers && typeof data.answers === 'object') {
    for (const id of ids) {
      const text = data.answers[id];
      if (typeof text === 'string' && text.length <= MAX_ANSWER) progress.answers[id] = text;
    }
  }
  return progress;
}

/** Stores `progress`; false when storage is full or blocked (progress then lasts this visit). */
export function saveProgress(storage, progress) {
  try {
    const answers = Object.fromEntries(
      Object.entries(progress.answers).map(([id, t]) => [id, t.slice(0, MAX_ANSWER)]),
    );
    storage.setItem(STORAGE_KEY, JSON.stringify({ done: [...progress.done], answers }));
    return true;
  } catch {
    return false;
  }
}
