// Lets a person pick a place on a map; the latitude and longitude inputs stay the source of truth,
// so keyboard and screen-reader users can type the coordinates instead.
(function () {
  "use strict";

  function number(value) {
    var parsed = parseFloat(value);
    return isNaN(parsed) ? null : parsed;
  }

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
    if (typeof L === "undefined") {
      return;
    }
    var latInput = document.getElementById(container.dataset.latInput);
    var lonInput = document.getElementById(container.dataset.lonInput);
    var bounds = JSON.parse(container.dataset.bounds);
    var centre = JSON.parse(container.dataset.centre);
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
    L.rectangle(bounds, { color: "#0172ad", weight: 1, fill: false, interactive: false }).addTo(map);
    var marker = null;

    function show(lat, lon) {
      if (lat === null || lon === null) {
        return;
      }
      if (marker) {
        marker.setLatLng([lat, lon]);
      } else {
        marker = L.marker([lat, lon], { keyboard: false, icon: markerIcon(container) }).addTo(map);
      }
    }

    var lat = number(latInput.value);
    var lon = number(lonInput.value);
    map.setView(lat !== null && lon !== null ? [lat, lon] : centre, Number(container.dataset.zoom));
    show(lat, lon);

    map.on("click", function (event) {
      latInput.value = event.latlng.lat.toFixed(6);
      lonInput.value = event.latlng.lng.toFixed(6);
      show(event.latlng.lat, event.latlng.lng);
    });
    [latInput, lonInput].forEach(function (input) {
      input.addEventListener("change", function () {
        show(number(latInput.value), number(lonInput.value));
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-location-picker]").forEach(setUp);
  });
})();
