// The city layer of the directory maps: a Leaflet enhancement of the server-drawn state map.
// Without JavaScript, without Leaflet or offline, the page keeps its SVG map and tables and this does nothing.
// Data comes from <script type="application/json" id="city-map-data"> (allowed by our CSP; no inline JS).
(function () {
  "use strict";

  function start() {
    var box = document.getElementById("city-map");
    var data = document.getElementById("city-map-data");
    if (!box || !data || !window.L || navigator.onLine === false) { return; }
    var points;
    try { points = JSON.parse(data.textContent); } catch (e) { return; }
    if (!points.length) { return; }

    box.hidden = false;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", box.getAttribute("data-label") || "");
    var map = L.map(box, { scrollWheelZoom: false, worldCopyJump: true });
    var tiles = box.getAttribute("data-tiles-url");
    if (tiles) {
      // Tiles that fail to load (offline, blocked) leave an empty background; the markers still work.
      L.tileLayer(tiles, { maxZoom: 12, attribution: box.getAttribute("data-tiles-attribution") || "" }).addTo(map);
    }
    var max = points.reduce(function (m, p) { return Math.max(m, p.count); }, 1);
    // Give the map its view first: Leaflet draws markers only once the map has one.
    map.fitBounds(points.map(function (p) { return [p.lat, p.lng]; }), { padding: [24, 24], maxZoom: 9 });
    points.forEach(function (p) {
      // Size by count, never by person: one marker per city.
      var size = Math.round(26 + 22 * Math.sqrt(p.count / max));
      var icon = L.divIcon({
        className: "city-marker",
        html: "<span aria-hidden=\"true\"></span>",
        iconSize: [size, size]
      });
      var marker = L.marker([p.lat, p.lng], { icon: icon, title: p.label, alt: p.label, keyboard: true });
      marker.addTo(map);
      var el = marker.getElement();
      if (el) {
        el.firstChild.textContent = String(p.count);
        el.setAttribute("aria-label", p.label);
      }
      var popup = document.createElement("p");
      popup.textContent = p.label + " ";
      var link = document.createElement("a");
      link.href = p.href;
      link.textContent = box.getAttribute("data-link-text") || p.href;
      popup.appendChild(link);
      marker.bindPopup(popup);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
