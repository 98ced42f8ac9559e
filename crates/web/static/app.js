// danvan staff UI: small progressive enhancements; every page works without this file.
"use strict";

// Vietnamese text folded for matching: NFD, no tone or vowel marks, đ → d, lower case.
function fold(s) {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

// A unit picker: a search box above each <select data-unit-picker> that keeps only the
// options whose name contains what was typed, with or without diacritics.
function enhanceUnitPicker(select) {
  const box = document.createElement("input");
  box.type = "search";
  box.className = "picker-search";
  box.placeholder = select.dataset.unitPicker || "";
  box.setAttribute("aria-label", select.dataset.unitPicker || "");
  box.setAttribute("aria-controls", select.id);
  select.parentNode.insertBefore(box, select);
  const options = Array.from(select.options).map((o) => ({ o, key: fold(o.textContent) }));
  box.addEventListener("input", () => {
    const q = fold(box.value.trim());
    let first = null;
    for (const { o, key } of options) {
      const show = q === "" || key.includes(q);
      o.hidden = !show;
      o.disabled = !show;
      if (show && first === null) first = o;
    }
    if (first && (select.selectedOptions.length === 0 || select.selectedOptions[0].hidden)) {
      select.value = first.value;
    }
  });
}

document.querySelectorAll("select[data-unit-picker]").forEach(enhanceUnitPicker);

// A form that has been sent once is not sent again by a second click (the server's
// idempotency key also catches it).
document.querySelectorAll("form[method=post]").forEach((form) => {
  form.addEventListener("submit", (e) => {
    if (form.dataset.sent === "1") {
      e.preventDefault();
      return;
    }
    form.dataset.sent = "1";
  });
});

// The print button of a printable document.
document.querySelectorAll("[data-print]").forEach((b) => b.addEventListener("click", () => window.print()));
