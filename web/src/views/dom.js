// The page's one DOM helper: builds elements. Views use it instead of their own copies.

/** An element `tag` with `props` assigned (className, textContent, type, …) and `children` appended. */
export function make(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** The element with this id. */
export const byId = (id) => document.getElementById(id);

/**
 * Sets node's text unless it reads so already: writing the same text still replaces the node's
 * children, and the browser lays them out and paints them again.
 */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
