// The map of learning: opportunities of the page's search, clustered, fetched from the GeoJSON
// API for the map's view only (bbox) each time it moves. The list of results under the map says
// the same in text, for screen readers and without script; the map, hidden until this script
// runs, only adds to it.
(function () {
  "use strict";

  // Marker images named through {% static %} (hashed names in production), as on place maps.
  function markerIcon(container) {
    return L.icon({
      iconUrl: container.dataset.markerIcon,
      iconRetinaUrl: container.dataset.markerIcon2x,
      shadowUrl: container.dataset.markerShadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41],
    });
  }

  function clamp(value, limit) {
    return Math.max(-limit, Math.min(limit, value)).toFixed(6);
  }

  // The view as the API's bbox: west, south, east, north, within the world's limits.
  function bbox(map) {
    var bounds = map.getBounds();
    return [
      clamp(bounds.getWest(), 180),
      clamp(bounds.getSouth(), 90),
      clamp(bounds.getEast(), 180),
      clamp(bounds.getNorth(), 90),
    ].join(",");
  }

  // A popup's content built as elements, so no name is ever read as HTML.
  function popup(feature) {
    return function () {
      var link = document.createElement("a");
      link.href = feature.properties.url;
      link.textContent = feature.properties.name;
      var place = document.createElement("p");
      place.textContent = feature.properties.location || feature.properties.organization;
      var content = document.createElement("div");
      content.append(link, place);
      return content;
    };
  }

  function setUp(container) {
    var lat = parseFloat(container.dataset.lat);
    var lon = parseFloat(container.dataset.lon);
    if (typeof L === "undefined" || !L.markerClusterGroup || isNaN(lat) || isNaN(lon)) {
      return;
    }
    container.hidden = false;
    // The clusters need the map's own maxZoom: a map without tiles (tests) has none from them.
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
    map.setView([lat, lon], Number(container.dataset.zoom));
    var icon = markerIcon(container);
    var clusters = L.markerClusterGroup({ chunkedLoading: true });
    map.addLayer(clusters);
    var pending = null;

    function load() {
      var url = new URL(container.dataset.source, window.location.href);
      url.searchParams.set("bbox", bbox(map));
      url.searchParams.set("lang", container.dataset.lang);
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      container.setAttribute("aria-busy", "true");
      fetch(url, { signal: pending.signal, headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("The map's data answered " + response.status);
          }
          return response.json();
        })
        .then(function (collection) {
          var markers = collection.features.map(function (feature) {
            var position = feature.geometry.coordinates;
            return L.marker([position[1], position[0]], {
              icon: icon,
              alt: feature.properties.name,
              title: feature.properties.name,
              keyboard: false,
            }).bindPopup(popup(feature));
          });
          clusters.clearLayers();
          clusters.addLayers(markers);
          container.dataset.shown = String(markers.length);
          container.removeAttribute("aria-busy");
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            container.removeAttribute("aria-busy");
          }
        });
    }

    map.on("moveend", load);
    load();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-provision-map]").forEach(setUp);
  });
})();
