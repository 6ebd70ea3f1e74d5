/* plansite: this month on the intranet site's schedule charts.
   A Gantt chart is drawn at build time and is the same bytes whenever it is built; it carries
   a hidden frame over January and its plan year (data-year).  When the reader's year is the
   plan year, this moves the frame to the reader's month and shows it.  It reads nothing but
   the reader's clock and shows nothing but that frame and its key; without it nothing is marked. */
(function () {
  "use strict";
  var now = new Date();
  var charts = document.querySelectorAll("svg.ps-gantt[data-year]");
  for (var i = 0; i < charts.length; i++) {
    var chart = charts[i];
    if (Number(chart.getAttribute("data-year")) !== now.getFullYear()) continue;
    var frame = chart.querySelector(".ps-today");
    if (!frame) continue;
    var step = Number(frame.getAttribute("data-step"));
    frame.setAttribute("transform", "translate(" + (now.getMonth() * step).toFixed(1) + " 0)");
    frame.removeAttribute("visibility");
    var key = chart.querySelector(".ps-today-key");
    if (key) key.removeAttribute("visibility");
    chart.classList.add("ps-today-shown");
  }
})();
