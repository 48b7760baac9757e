// The check-in desk: htmx swaps nothing when a check-in fails on the way (the connection drops,
// the server answers with an error), so the organiser at the door would tap and hear nothing.
// This says so in the desk's live region, in the page's language (the region's data-failed).
(function () {
  "use strict";

  document.addEventListener("htmx:afterRequest", function (event) {
    var news = document.getElementById("check-in-news");
    if (!news || event.detail.successful) {
      return;
    }
    var message = document.createElement("p");
    message.className = "message message-error";
    message.textContent = news.dataset.failed;
    news.replaceChildren(message);
  });
})();
