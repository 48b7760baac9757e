// The "I want to learn" path: a map to pick the point distances are measured from. It fills the
// form's hidden latitude and longitude; the district list above it does the same job without
// script, and the status line says in words what a tap on the map did.
(function () {
  "use strict";

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
    var form = container.closest("form");
    var lat = form.querySelector("input[name=lat]");
    var lon = form.querySelector("input[name=lon]");
    var status = document.getElementById("guidance-point-status");
    var clear = form.querySelector("[data-guidance-clear]");
    var centre = [parseFloat(container.dataset.lat), parseFloat(container.dataset.lon)];
    if (typeof L === "undefined" || isNaN(centre[0]) || isNaN(centre[1])) {
      return;
    }
    container.hidden = false;
    var map = L.map(container, { scrollWheelZoom: false, zoomControl: false, maxZoom: 19 });
    L.control
      .zoom({ zoomInTitle: container.dataset.zoomIn, zoomOutTitle: container.dataset.zoomOut })
      .addTo(map);
    if (container.dataset.tiles) {
      L.tileLayer(container.dataset.tiles, {
        attribution: container.dataset.attribution,
        maxZoom: 19,
      }).addTo(map);
    }
    var marker = null;

    function choose(point) {
      lat.value = point.lat.toFixed(6);
      lon.value = point.lng.toFixed(6);
      if (marker) {
        marker.setLatLng(point);
      } else {
        marker = L.marker(point, {
          keyboard: false,
          icon: markerIcon(container),
          alt: container.dataset.markerAlt,
        }).addTo(map);
      }
      status.textContent = container.dataset.chosen;
      clear.hidden = false;
    }

    if (lat.value && lon.value) {
      var chosen = L.latLng(parseFloat(lat.value), parseFloat(lon.value));
      map.setView(chosen, 15);
      choose(chosen);
    } else {
      map.setView(centre, Number(container.dataset.zoom));
    }
    map.on("click", function (event) {
      choose(event.latlng);
    });
    clear.addEventListener("click", function () {
      lat.value = "";
      lon.value = "";
      if (marker) {
        map.removeLayer(marker);
        marker = null;
      }
      status.textContent = "";
      clear.hidden = true;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-guidance-map]").forEach(setUp);
  });
})();
