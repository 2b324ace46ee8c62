// Small progressive enhancements; every page works without them.
document.addEventListener("change", (event) => {
  const form = event.target.closest("form[data-autosubmit]");
  if (form) form.requestSubmit();
});

// Enter in a topic picker's search searches; it does not submit the form around it.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || !event.target.matches(".topic-picker input[type=search]")) return;
  event.preventDefault();
  if (window.htmx) window.htmx.trigger(event.target, "search");
});
