// Everything that talks to the engine runs one after the other, in the order it was asked for, so a
// click acts on the settings applied before it.

export class TaskQueue {
  #tail = Promise.resolve();

  /** onError(error): a failed task's message goes to the status line. */
  constructor(onError) {
    this.onError = onError;
    this.pending = 0; // tasks queued or running
    // Counted for the tests: an action is acknowledged once a task issued at or after it has
    // completed and the page is idle (tests/web/browser.mjs, act()).
    this.requests = { issued: 0, completed: 0 };
  }

  /** Queues task; resolves or rejects as it does. */
  run(task) {
    this.pending += 1;
    this.requests.issued += 1;
    const done = this.#tail.then(task).finally(() => {
      this.pending -= 1;
      this.requests.completed += 1;
    });
    this.#tail = done.catch(this.onError);
    return done;
  }

  /** run() for a click: a failure is already in the status line, so nobody awaits it. */
  act(task) {
    this.run(task).catch(() => {});
  }
}
