// The print view (?print=1): a button that opens the browser's print dialogue. Without scripts the button stays
// hidden and the page is printed from the browser's menu.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("print-now");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
