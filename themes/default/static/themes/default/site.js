/* Progressive enhancement of the page frame (base.html); everything works without it.
   - the main navigation's submenus become disclosures (button + aria-expanded), Escape
     closes the open one and returns focus to its button, and a click outside or focus
     leaving its menu item closes it;
   - on narrow screens a "Menu" button shows and hides the navigation;
   - the light/dark switch applies the choice at once instead of reloading the page. */
(function () {
  "use strict";

  function setExpanded(button, expanded) {
    button.setAttribute("aria-expanded", expanded ? "true" : "false");
  }

  function initMenu(nav) {
    var toggles = Array.prototype.slice.call(nav.querySelectorAll(".main-menu__toggle"));
    function closeAll(except) {
      toggles.forEach(function (toggle) {
        if (toggle !== except) setExpanded(toggle, false);
      });
    }
    toggles.forEach(function (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") === "true";
        closeAll(toggle);
        setExpanded(toggle, !open);
      });
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var open = toggles.filter(function (t) { return t.getAttribute("aria-expanded") === "true"; });
      if (!open.length) return;
      closeAll();
      open[0].focus();
      event.preventDefault();
    });
    document.addEventListener("click", function (event) {
      if (!nav.contains(event.target)) closeAll();
    });
    nav.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (!next) return;
      toggles.forEach(function (toggle) {
        if (!toggle.parentNode.contains(next)) setExpanded(toggle, false);
      });
    });
    nav.classList.add("is-enhanced");
  }

  function initMenuToggle(button) {
    var list = document.getElementById(button.getAttribute("aria-controls"));
    if (!list) return;
    button.hidden = false;
    list.classList.add("is-collapsible");
    button.addEventListener("click", function () {
      setExpanded(button, button.getAttribute("aria-expanded") !== "true");
    });
    list.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true"
          && !list.querySelector('.main-menu__toggle[aria-expanded="true"]')) {
        setExpanded(button, false);
        button.focus();
      }
    });
  }

  function initSchemeSwitch(form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !window.fetch || !window.FormData) return;
      event.preventDefault();
      var data = new FormData(form);
      data.append(button.name, button.value);
      fetch(form.action, { method: "POST", body: data, credentials: "same-origin", redirect: "manual" })
        .then(function () {
          var root = document.documentElement;
          var scheme = button.value;
          var meta = document.querySelector('meta[name="color-scheme"]');
          if (scheme === "auto") root.removeAttribute("data-color-scheme");
          else root.setAttribute("data-color-scheme", scheme);
          if (meta) meta.setAttribute("content", scheme === "auto" ? "light dark" : scheme);
          form.querySelectorAll("button[aria-pressed]").forEach(function (other) {
            other.setAttribute("aria-pressed", other === button ? "true" : "false");
          });
        })
        .catch(function () {
          var field = document.createElement("input");
          field.type = "hidden";
          field.name = button.name;
          field.value = button.value;
          form.appendChild(field);
          form.submit();
        });
    });
  }

  document.querySelectorAll(".main-nav").forEach(initMenu);
  document.querySelectorAll(".menu-toggle").forEach(initMenuToggle);
  document.querySelectorAll(".scheme-switch").forEach(initSchemeSwitch);
})();
