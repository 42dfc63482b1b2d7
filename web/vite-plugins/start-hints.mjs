// Two changes to the built index.html so the page's start does not wait in line (see src/boot.js):
// the entry script (boot.js's chunk, which starts the engine worker) is `async`, so it need not wait
// for the document's parse to end; and main.js's chunk is fetched and compiled from the start
// (`modulepreload`) instead of once boot.js asks for it.
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
        const entry = /<script type="module" crossorigin src="([^"]+)"><\/script>/;
        if (!entry.test(html)) throw new Error('start-hints: no entry script in index.html');
        return html.replace(
          entry,
          `<script type="module" async crossorigin src="$1"></script>\n` +
            `    <link rel="modulepreload" crossorigin href="./${main.fileName}">`,
        );
      },
    },
  };
}
