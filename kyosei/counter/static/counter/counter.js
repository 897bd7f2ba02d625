// Consultation counter: the print button of the handoff card (no inline scripts under CSP).
document.addEventListener("click", (event) => {
  if (event.target.closest(".print-button")) window.print();
});
