// The preview server's reload script (never part of a built page): listens to
// the server's build events and reloads the page once a build other than the
// one it was read from has finished, whether that build worked or failed.
(function () {
  "use strict";
  var tag = document.querySelector("script[data-preview-build]");
  if (!tag || !window.EventSource) {
    return;
  }
  var shown = tag.getAttribute("data-preview-build");
  var events = new EventSource("/__preview__/events");
  events.addEventListener("build", function (event) {
    var build = JSON.parse(event.data);
    if (build.id !== shown) {
      events.close();
      window.location.reload();
    }
  });
  // Closed before the page goes, so the server is not left writing to a
  // connection the browser has dropped.
  window.addEventListener("pagehide", function () {
    events.close();
  });
})();
