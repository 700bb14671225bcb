// Small Leaflet maps without tiles: the vendored Natural Earth borders, then every
// GeoJSON URL named in the element's data-* attributes (data-fields, data-sites,
// data-routes, data-flights), fitted to what was loaded. Points are circle markers;
// an unregistered site (a candidate clandestine strip) is red, a registered one blue.
(function () {
  "use strict";
  const STYLE = { fields: "#047857", routes: "#6d28d9", flights: "#b45309" };
  function tooltip(p) {
    return Object.keys(p).filter(function (k) { return typeof p[k] !== "object"; })
      .map(function (k) { return k + ": " + p[k]; }).join("<br>");
  }
  function load(map, url, key, bounds, done) {
    fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    }).then(function (data) {
      const layer = L.geoJSON(data, {
        style: function () { return { color: STYLE[key] || "#0b5394", weight: 2 }; },
        pointToLayer: function (f, latlng) {
          const colour = f.properties.registered ? "#0b5394" : "#be123c";
          return L.circleMarker(latlng, { radius: 7, color: colour, fillOpacity: 0.8 });
        },
        onEachFeature: function (f, l) { l.bindTooltip(tooltip(f.properties)); },
      }).addTo(map);
      if (data.features.length) bounds.extend(layer.getBounds());
      done(key, data.features.length);
    });
  }
  function setup(el) {
    const map = L.map(el, { attributionControl: true }).setView([-15, -69], 5);
    map.attributionControl.addAttribution("Natural Earth");
    fetch(el.dataset.borders || "/static/map/borders.geojson").then(function (r) { return r.json(); })
      .then(function (data) {
        L.geoJSON(data, { style: { color: "#6b7280", weight: 1, fillOpacity: 0.05 }, interactive: false }).addTo(map);
      });
    const bounds = L.latLngBounds([]);
    const keys = ["fields", "sites", "routes", "flights"].filter(function (k) { return el.dataset[k]; });
    let pending = keys.length;
    keys.forEach(function (key) {
      load(map, el.dataset[key], key, bounds, function (name, count) {
        el.dataset["loaded" + name.charAt(0).toUpperCase() + name.slice(1)] = String(count);
        pending -= 1;
        if (pending === 0 && bounds.isValid()) map.fitBounds(bounds, { maxZoom: 11, padding: [20, 20] });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-fields], [data-sites]").forEach(function (el) {
      if (el.classList.contains("small-map")) setup(el);
    });
  });
})();
