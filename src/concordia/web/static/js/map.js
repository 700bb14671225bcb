// The border map: Natural Earth borders (no tiles), then one layer group per entry of
// the page's config (dashboard/layers.py). A group with a URL loads its GeoJSON; the
// others stay empty in the layer control until their endpoint exists.
(function () {
  "use strict";
  const el = document.getElementById("map");
  if (!el) return;
  const config = JSON.parse(el.dataset.config);
  const text = config.text;
  const map = L.map(el, { zoomControl: true, attributionControl: true });
  map.attributionControl.addAttribution("Natural Earth");
  map.setView([-17.5, -68.5], 6);
  const STATUS_COLOR = { open: "#1d7a3a", closed: "#b42318", closed_hours: "#6b7280", restricted: "#b45309" };

  function label(status) { return text[status] || status; }

  function postLayer(data, group) {
    const rows = document.querySelector("#post-list tbody");
    L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        const p = feature.properties;
        return L.circleMarker(latlng, {
          radius: 7 + Math.min(18, Math.sqrt(p.today)), color: "#111827", weight: 2,
          fillColor: STATUS_COLOR[p.status] || "#0b5394", fillOpacity: 0.85,
        });
      },
      onEachFeature: function (feature, layer) {
        const p = feature.properties;
        const summary = p.name + " — " + label(p.status) + " · " + p.today + " " + text.today +
          " · " + p.pending + " " + text.pending;
        layer.bindTooltip(summary);
        layer.options.title = p.name;
        if (rows) {
          const tr = document.createElement("tr");
          tr.dataset.post = p.code;
          [p.name, label(p.status), String(p.today), String(p.pending)].forEach(function (value) {
            const td = document.createElement("td");
            td.textContent = value;
            tr.appendChild(td);
          });
          rows.appendChild(tr);
        }
      },
    }).eachLayer(function (layer) { group.addLayer(layer); });
  }

  // A popup with the layer's key facts (labels and code values translated by the page).
  function popup(feature, facts) {
    const p = feature.properties || {};
    const box = document.createElement("div");
    const title = document.createElement("strong");
    title.textContent = String(p.name || p.title || config.values[p.kind] || p.kind || p.code || "");
    box.appendChild(title);
    const list = document.createElement("dl");
    (facts || []).forEach(function (key) {
      const value = p[key];
      if (value === null || value === undefined || value === "") return;
      const dt = document.createElement("dt");
      dt.textContent = config.facts[key] || key;
      const dd = document.createElement("dd");
      const shown = Array.isArray(value) ? value.join(", ") : String(value);
      dd.textContent = config.values[shown] || shown.replace("T", " ").slice(0, 60);
      list.appendChild(dt);
      list.appendChild(dd);
    });
    box.appendChild(list);
    return box;
  }

  function genericLayer(data, group, layer) {
    L.geoJSON(data, {
      style: function (feature) {
        const own = feature.properties && feature.properties.colour;
        return { color: own || layer.color, weight: layer.key === "sections" ? 5 : 3 };
      },
      pointToLayer: function (feature, latlng) {
        const own = feature.properties && feature.properties.colour;
        return L.circleMarker(latlng, { radius: 7, color: "#111827", weight: 1,
          fillColor: own || layer.color, fillOpacity: 0.9 });
      },
      onEachFeature: function (feature, item) {
        const p = feature.properties || {};
        const name = p.name || p.title || config.values[p.kind] || p.code;
        if (name) item.bindTooltip(String(name));
        item.bindPopup(popup(feature, layer.facts));
      },
    }).eachLayer(function (item) { group.addLayer(item); });
    el.dataset["count" + layer.key] = String((data.features || []).length);
  }

  fetch(config.borders).then(function (r) { return r.json(); }).then(function (data) {
    const borders = L.geoJSON(data, {
      style: function (feature) {
        const main = feature.properties.role === "border";
        return { color: main ? "#1f2937" : "#9ca3af", weight: main ? 2 : 1,
          fillColor: main ? "#f3f4f6" : "#ffffff", fillOpacity: 1 };
      },
      onEachFeature: function (feature, layer) { layer.bindTooltip(feature.properties.name); },
    }).addTo(map);
    borders.bringToBack();
    // The tri-national frontier, not the countries' whole extent (Chile's Pacific
    // islands would shrink the mainland to a sliver).
    map.fitBounds([[-22.5, -74.5], [-13.0, -64.0]]);
    el.dataset.borders = String(data.features.length);
  });

  const overlays = {};
  let pending = 0;
  config.layers.forEach(function (layer) {
    const group = L.layerGroup();
    const name = layer.url ? layer.label : layer.label + " (" + text.empty + ")";
    overlays[name] = group;
    if (layer.shown) group.addTo(map);
    if (!layer.url) return;
    pending += 1;
    fetch(layer.url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(layer.url + ": " + r.status);
      return r.json();
    }).then(function (data) {
      if (layer.key === "posts") postLayer(data, group); else genericLayer(data, group, layer);
    }).catch(function (error) {
      // Shown on the page (and left out of the console): the other layers still load.
      el.dataset.failed = (el.dataset.failed ? el.dataset.failed + " " : "") + layer.key;
      const note = document.createElement("p");
      note.className = "notice warn";
      note.setAttribute("role", "status");
      note.textContent = name + ": " + text.failed;
      el.insertAdjacentElement("afterend", note);
    }).finally(function () {
      pending -= 1;
      if (pending === 0) el.dataset.loaded = "true";
    });
  });
  if (pending === 0) el.dataset.loaded = "true";
  L.control.layers(null, overlays, { collapsed: false }).addTo(map);
})();
