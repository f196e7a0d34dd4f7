// A re-roster's page while it waits or solves: its state brought up to date in place every
// two seconds, the page reloaded once, when the re-roster has ended (a page reloaded every
// two seconds sent a keyboard's focus and a screen reader's reading back to its top each
// time). The seconds and the progress bar change quietly; the sentence in the status
// region, which a screen reader announces, changes only when it says something new:
// solving, or a new place in the queue.
(function () {
  "use strict";
  const EVERY = 2000;
  const STATUS = "[role=status]";
  const rest = (card) => [...card.children].filter((el) => !el.matches(STATUS));

  function update(card, fresh) {
    const status = card.querySelector(STATUS);
    const said = fresh.querySelector(STATUS);
    if (status && said && status.innerHTML !== said.innerHTML) {
      status.innerHTML = said.innerHTML; // the region stays: its new words are announced
    }
    const mine = rest(card);
    const theirs = rest(fresh);
    if (mine.length !== theirs.length) {
      mine.forEach((el) => el.remove()); // waiting became solving: its seconds and bar
      card.append(...theirs);
      return;
    }
    const now = fresh.querySelectorAll("[data-tick]");
    card.querySelectorAll("[data-tick]").forEach((el, i) => {
      if (!now[i]) return;
      if (el.tagName === "PROGRESS") el.value = now[i].value;
      el.textContent = now[i].textContent;
    });
  }

  function poll() {
    const card = document.getElementById("job-state");
    if (!card) return;
    fetch(location.href, { credentials: "same-origin", cache: "no-store" })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then((text) => {
        const page = new DOMParser().parseFromString(text, "text/html");
        const fresh = page.getElementById("job-state");
        if (!fresh) {
          location.reload(); // ended: its outcome is a page of its own
          return;
        }
        update(card, fresh);
        setTimeout(poll, EVERY);
      })
      .catch(() => setTimeout(poll, EVERY * 2)); // the server restarting: ask again later
  }

  setTimeout(poll, EVERY);
})();
