// Shows one place (an organisation, an event's venue, a learning space) on a small map. The address
// is on the page as text; the map, hidden until this script runs, only adds to it, so nothing is lost
// without script or without sight.
(function () {
  "use strict";

  // Leaflet guesses its marker images' folder from its stylesheet, which fails once the file
  // names carry a hash (DEBUG=0): the template names each image through {% static %} instead.
  function markerIcon(container) {
    return L.icon({
      iconUrl: container.dataset.markerIcon,
      iconRetinaUrl: container.dataset.markerIcon2x,
      shadowUrl: container.dataset.markerShadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      shadowSize: [41, 41],
    });
  }

  function setUp(container) {
    var lat = parseFloat(container.dataset.lat);
    var lon = parseFloat(container.dataset.lon);
    if (typeof L === "undefined" || isNaN(lat) || isNaN(lon)) {
      return;
    }
    // Leaflet measures its container when it starts: show it first.
    container.hidden = false;
    var map = L.map(container, { scrollWheelZoom: false, keyboard: false, zoomControl: false });
    L.control
      .zoom({ zoomInTitle: container.dataset.zoomIn, zoomOutTitle: container.dataset.zoomOut })
      .addTo(map);
    if (container.dataset.tiles) {
      L.tileLayer(container.dataset.tiles, {
        attribution: container.dataset.attribution,
        maxZoom: 19,
      }).addTo(map);
    }
    map.setView([lat, lon], Number(container.dataset.zoom));
    L.marker([lat, lon], {
      keyboard: false,
      icon: markerIcon(container),
      alt: container.dataset.markerAlt,
    }).addTo(map);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-place-map]").forEach(setUp);
  });
})();
