/* Progressive help on the application pages; everything works without it.
   - The organisation picker (/apply/): the filter field narrows the grouped list as one types (the form's GET
     filter does the same on the server without JavaScript).
   - The receipt: a "print" button (the browser's own print works without it). */
(function () {
  "use strict";

  function picker() {
    var input = document.querySelector("[data-picker-input]");
    if (!input) return;
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-picker-item]"));
    var groups = Array.prototype.slice.call(document.querySelectorAll("[data-picker-group]"));
    var count = document.querySelector("[data-picker-count]");
    var timer = null;

    function apply() {
      var needle = input.value.trim().toLowerCase();
      var shown = 0;
      items.forEach(function (item) {
        var match = !needle || (item.getAttribute("data-names") || "").toLowerCase().indexOf(needle) !== -1;
        item.hidden = !match;
        if (match) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-picker-item]:not([hidden])");
      });
      if (count) {
        count.textContent = needle ? "与“" + input.value.trim() + "”匹配的机关" + shown + "个。" : "共" + shown + "个机关，按层级排列。";
      }
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, 150);
    });
  }

  function printButtons() {
    Array.prototype.forEach.call(document.querySelectorAll(".js-print"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function start() { picker(); printButtons(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
