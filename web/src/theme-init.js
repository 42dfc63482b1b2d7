// Runs before the first paint (a classic script inlined into index.html's <head> by
// vite-plugins/inline-scripts.mjs): the stored theme, or the system's. The page's own module
// (src/views/theme.js) owns the toggle; this only avoids a light flash.
(function () {
  var stored = null;
  try {
    stored = localStorage.getItem('lrplay.theme');
  } catch (e) {
    // storage blocked: follow the system
  }
  var dark = stored ? stored === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();
