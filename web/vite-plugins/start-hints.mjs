// Three changes to the built index.html so the page's start does not wait in line (see src/boot.js):
// the engine worker starts from a classic script in <head> (public/start-worker.js, told the worker
// chunk's name), while the document is parsed, not after its first layout as any module script
// runs; the entry script (boot.js's chunk) is `async`; and main.js's chunk is fetched and compiled
// from the start (`modulepreload`) instead of once boot.js asks for it.
export function startHints() {
  return {
    name: 'lrplay-start-hints',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const main = Object.values(bundle ?? {}).find(
          (c) => c.type === 'chunk' && c.isDynamicEntry && c.name === 'main',
        );
        if (!main) throw new Error('start-hints: the build has no main chunk');
        const workers = Object.keys(bundle).filter((f) => /^assets\/worker-[\w-]+\.js$/.test(f));
        if (workers.length !== 1) throw new Error(`start-hints: worker chunks ${workers}`);
        const entry = /<script type="module" crossorigin src="([^"]+)"><\/script>/;
        if (!entry.test(html)) throw new Error('start-hints: no entry script in index.html');
        return html.replace(
          entry,
          `<script src="./start-worker.js" data-worker="./${workers[0]}"></script>\n` +
            `    <script type="module" async crossorigin src="$1"></script>\n` +
            `    <link rel="modulepreload" crossorigin href="./${main.fileName}">`,
        );
      },
    },
  };
}
