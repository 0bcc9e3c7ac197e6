/* Redaction page (back office): drag a rectangle on a page picture to fill the region form.
   Optional: without this script the form is filled by hand. No dependencies. */
(function () {
  "use strict";
  var form = document.getElementById("region-form");
  if (!form) return;
  function field(name) { return form.querySelector('[name="' + name + '"]'); }
  function round(v) { return Math.round(v * 10) / 10; }
  document.querySelectorAll(".redaction-page svg").forEach(function (svg) {
    var page = svg.closest(".redaction-page").getAttribute("data-page");
    var w = parseFloat(svg.getAttribute("data-width")), h = parseFloat(svg.getAttribute("data-height"));
    var start = null, draft = null;
    function point(event) {
      var box = svg.getBoundingClientRect();
      return {
        x: Math.min(Math.max((event.clientX - box.left) / box.width, 0), 1),
        y: Math.min(Math.max((event.clientY - box.top) / box.height, 0), 1)
      };
    }
    svg.addEventListener("pointerdown", function (event) {
      start = point(event);
      svg.setPointerCapture(event.pointerId);
      if (draft) draft.remove();
      draft = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      draft.setAttribute("class", "redaction-draft");
      svg.appendChild(draft);
      event.preventDefault();
    });
    svg.addEventListener("pointermove", function (event) {
      if (!start) return;
      var p = point(event);
      draft.setAttribute("x", Math.min(start.x, p.x) * w);
      draft.setAttribute("y", Math.min(start.y, p.y) * h);
      draft.setAttribute("width", Math.abs(p.x - start.x) * w);
      draft.setAttribute("height", Math.abs(p.y - start.y) * h);
    });
    svg.addEventListener("pointerup", function (event) {
      if (!start) return;
      var p = point(event);
      field("page").value = page;
      field("left").value = round(Math.min(start.x, p.x) * 100);
      field("top").value = round(Math.min(start.y, p.y) * 100);
      field("right").value = round(Math.max(start.x, p.x) * 100);
      field("bottom").value = round(Math.max(start.y, p.y) * 100);
      start = null;
      field("reason").focus();
    });
  });
})();
