// A small map to place a point: a click fills the latitude and longitude fields, and
// typing in the fields moves the marker. The fields stay the accessible way in.
(function () {
  "use strict";
  const el = document.getElementById("pick-map");
  const lat = document.getElementById("latitude");
  const lon = document.getElementById("longitude");
  if (!el || !lat || !lon || typeof L === "undefined") return;
  const map = L.map(el).setView([-17.5, -69.5], 6);
  fetch("/static/map/borders.geojson").then(function (r) { return r.json(); }).then(function (data) {
    L.geoJSON(data, { style: { color: "#1f2937", weight: 1, fillColor: "#f3f4f6", fillOpacity: 1 } })
      .addTo(map).bringToBack();
  });
  let marker = null;
  function place(latlng) {
    if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng, { keyboard: false }).addTo(map);
  }
  map.on("click", function (e) {
    lat.value = e.latlng.lat.toFixed(5);
    lon.value = e.latlng.lng.toFixed(5);
    place(e.latlng);
  });
  function typed() {
    const a = parseFloat(lat.value), b = parseFloat(lon.value);
    if (!isNaN(a) && !isNaN(b)) place([a, b]);
  }
  lat.addEventListener("change", typed);
  lon.addEventListener("change", typed);
  typed();
})();
