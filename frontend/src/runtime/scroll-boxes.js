// @ts-check
/*
 * Tables wider than their box (exercises/core/render.py scroll_box): the box scrolls sideways. Here a
 * box whose table is really wider than it gets `cx-scrolls`, which shows the hint "Slide the table
 * sideways…" (coop.css), and the hint becomes the scrolling region's description, so a screen reader
 * says it too. Done again after new results and when the window changes size (a phone turned).
 */

/** @param {ParentNode} element  marks every box inside it */
export function markScrolling(element) {
  for (const wrap of element.querySelectorAll(".cx-scroll-wrap")) {
    const box = /** @type {HTMLElement} */ (wrap.parentElement)
    const hint = box.querySelector(".cx-scroll-hint")
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1
    box.classList.toggle("cx-scrolls", scrolls)
    if (scrolls && hint) wrap.setAttribute("aria-describedby", hint.id)
    else wrap.removeAttribute("aria-describedby")
  }
}
