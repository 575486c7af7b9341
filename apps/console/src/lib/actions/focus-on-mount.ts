/**
 * `use:focusOnMount` on the heading of a view that replaces the one the user acted in (the
 * credentials after Create): the button they pressed is gone, and focus would fall to <body>.
 */
export function focusOnMount(node: HTMLElement): void {
  if (!node.hasAttribute('tabindex')) node.setAttribute('tabindex', '-1');
  node.focus();
}
