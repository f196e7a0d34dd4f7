// A re-roster's page while it waits or solves: its state brought up to date in place every
// two seconds, the page reloaded once, when the re-roster has ended (a page reloaded every
// two seconds sent a keyboard's focus and a screen reader's reading back to its top each
// time). The seconds and the progress bar change quietly; the sentence a screen reader
// announces (role="status") only when it says something new: solving, or a new place in
// the queue.
(function () {
  "use strict";
  const EVERY = 2000;
  const said = (card) => card.querySelector("[role=status]").textContent;

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
        if (said(fresh) !== said(card)) {
          card.replaceChildren(...fresh.childNodes);
        } else {
          const now = fresh.querySelectorAll("[data-tick]");
          card.querySelectorAll("[data-tick]").forEach((el, i) => {
            if (!now[i]) return;
            if (el.tagName === "PROGRESS") {
              el.value = now[i].value;
              el.textContent = now[i].textContent;
            } else {
              el.textContent = now[i].textContent;
            }
          });
        }
        setTimeout(poll, EVERY);
      })
      .catch(() => setTimeout(poll, EVERY * 2)); // the server restarting: ask again later
  }

  setTimeout(poll, EVERY);
})();
