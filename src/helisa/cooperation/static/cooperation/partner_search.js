// A project's partners found by name: the search shows only with JavaScript, and choosing a
// match fills the number field it sits by, which alone still works without it.
document.querySelectorAll("[data-partner-search]").forEach((search) => {
  search.hidden = false;
});

document.addEventListener("click", (event) => {
  const choice = event.target.closest("[data-partner-fill]");
  if (!choice) return;
  const number = document.getElementById(choice.dataset.partnerFill);
  if (!number) return;
  number.value = choice.dataset.partnerNumber;
  number.dispatchEvent(new Event("change", { bubbles: true }));
  const search = document.getElementById(`${number.id}-find`);
  if (search) {
    search.value = choice.dataset.partnerLabel;
    search.focus();
  }
  const matches = document.getElementById(`${number.id}-matches`);
  if (matches) matches.replaceChildren();
});

// Enter in a partner search searches; it does not submit the project form around it.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || !event.target.matches("[data-partner-search] input[type=search]")) {
    return;
  }
  event.preventDefault();
  if (window.htmx) window.htmx.trigger(event.target, "search");
});
