// Consultation counter: behaviour without inline scripts (CSP).

// The print button of the handoff card.
document.addEventListener("click", (event) => {
  if (event.target.closest(".print-button")) window.print();
});

// A form is sent once: the second click of a double click, or Enter pressed again while the
// page is loading, does nothing. The server also creates once per form token.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("form[data-submit-once]")) return;
  if (form.dataset.submitting === "1") {
    event.preventDefault();
    return;
  }
  form.dataset.submitting = "1";
  // Disabled after this event: the clicked button's name (add_another) is still sent.
  setTimeout(() => {
    for (const button of form.querySelectorAll("button[type=submit]")) {
      button.disabled = true;
    }
  }, 0);
});

// Back/forward cache: a page restored after submitting must be usable again.
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) return;
  for (const form of document.querySelectorAll("form[data-submit-once]")) {
    delete form.dataset.submitting;
    for (const button of form.querySelectorAll("button[type=submit]")) {
      button.disabled = false;
    }
  }
});

// Character counter for long notes. It counts as the server does: a line break is one
// character (the browser sends CR LF, the server normalises it), and characters are code
// points, not UTF-16 units (an emoji is one). Nothing is cut: over the limit it only warns.
function countChars(text) {
  return Array.from(text.replace(/\r\n?/g, "\n").trim()).length;
}

for (const area of document.querySelectorAll("textarea[data-max-chars]")) {
  const limit = Number(area.dataset.maxChars);
  const output = document.createElement("p");
  output.className = "char-count subtle";
  output.id = `${area.id}-count`;
  output.setAttribute("aria-live", "polite");
  area.after(output);
  area.setAttribute(
    "aria-describedby",
    [area.getAttribute("aria-describedby"), output.id].filter(Boolean).join(" "),
  );
  const update = () => {
    const count = countChars(area.value);
    const locale = document.documentElement.lang || undefined;
    output.textContent = area.dataset.countLabel
      .replace("{count}", count.toLocaleString(locale))
      .replace("{limit}", limit.toLocaleString(locale));
    output.classList.toggle("over-limit", count > limit);
  };
  area.addEventListener("input", update);
  update();
}
