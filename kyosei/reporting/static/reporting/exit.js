// Quick exit: leave for a neutral page and replace this page's history entry, so "Back" does
// not return here. Without JavaScript the button is an ordinary link to the same page.
(function () {
  function leave(href) {
    document.body.hidden = true;
    window.location.replace(href);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    leave(link.href);
  });
  document.addEventListener("keydown", function (event) {
    var link = document.querySelector("[data-quick-exit]");
    if (link && event.key === "Escape") leave(link.href);
  });
})();
