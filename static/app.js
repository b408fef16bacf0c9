// quotesearch: speaker autocomplete (an ARIA combobox usable with the keyboard) and the "/"
// shortcut to the search box. Everything works without this script; it only helps.
"use strict";

function setUpAutocomplete(input) {
  const list = document.getElementById(input.getAttribute("aria-controls"));
  const url = input.dataset.autocomplete;
  let options = [];
  let active = -1;
  let timer = null;
  let asked = 0;

  function close() {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    options = [];
    active = -1;
  }

  function highlight(index) {
    active = index;
    options.forEach((option, i) => option.setAttribute("aria-selected", i === index ? "true" : "false"));
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({block: "nearest"});
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function pick(option) {
    input.value = option.dataset.name;
    close();
    if (input.form) {
      input.form.requestSubmit();
    }
  }

  function show(speakers) {
    list.replaceChildren();
    options = speakers.map((speaker, i) => {
      const option = document.createElement("li");
      option.id = `${list.id}-${i}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.name = speaker.name;
      option.dataset.key = speaker.key;
      const name = document.createElement("span");
      name.textContent = speaker.name;
      const count = document.createElement("span");
      count.className = "n";
      count.textContent = `${speaker.count} quote${speaker.count === 1 ? "" : "s"}`;
      option.append(name, " ", count);
      option.addEventListener("mousedown", (event) => {
        event.preventDefault();
        pick(option);
      });
      list.append(option);
      return option;
    });
    active = -1;
    list.hidden = options.length === 0;
    input.setAttribute("aria-expanded", options.length ? "true" : "false");
  }

  async function lookUp() {
    const prefix = input.value.trim();
    if (!prefix) {
      close();
      return;
    }
    const ticket = ++asked;
    try {
      const response = await fetch(`${url}?${new URLSearchParams({prefix, limit: "8"})}`);
      if (!response.ok || ticket !== asked) {
        return;
      }
      const body = await response.json();
      if (ticket === asked && document.activeElement === input) {
        show(body.speakers);
      }
    } catch (error) {
      close();
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 120);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden) {
      if (event.key === "ArrowDown" && input.value.trim()) {
        lookUp();
        event.preventDefault();
      }
      return;
    }
    if (event.key === "ArrowDown") {
      highlight((active + 1) % options.length);
      event.preventDefault();
    } else if (event.key === "ArrowUp") {
      highlight(active <= 0 ? options.length - 1 : active - 1);
      event.preventDefault();
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === "Escape") {
      close();
      event.preventDefault();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-autocomplete]").forEach(setUpAutocomplete);
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    const box = document.getElementById("q");
    if (event.key === "/" && !typing && box && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });
});
