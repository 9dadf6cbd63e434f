// @ts-check
// Screen-reader announcements through two ARIA live regions: polite for new prompts, assertive
// for urgent ones and critical alerts. What arrives within one frame is said together; the text
// is replaced, not appended, so a reader says each announcement once.

export class Announcer {
  /** @param {HTMLElement} polite @param {HTMLElement} assertive */
  constructor(polite, assertive) {
    this.regions = { polite, assertive };
    /** @type {{ polite: string[], assertive: string[] }} */
    this.queue = { polite: [], assertive: [] };
    this.queued = false;
  }

  /** @param {string} text @param {boolean} [urgent] */
  say(text, urgent = false) {
    this.queue[urgent ? 'assertive' : 'polite'].push(text);
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      for (const kind of /** @type {const} */ (['polite', 'assertive'])) {
        if (this.queue[kind].length === 0) continue;
        this.regions[kind].textContent = this.queue[kind].join(' ');
        this.queue[kind] = [];
      }
    });
  }
}
