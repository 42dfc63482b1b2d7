// The page's one DOM helper: builds elements. Views use it instead of their own copies.

/** An element `tag` with `props` assigned (className, textContent, type, …) and `children` appended. */
export function make(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** The element with this id. */
export const byId = (id) => document.getElementById(id);
