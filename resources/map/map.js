// The CivicDesk map page: an offline Leaflet map driven by one QWebChannel object, "mapBridge".
// It is served by ui/map/mapschemehandler.cpp from civicdesk-map://map/, which also serves the
// layers' geometry: layers/<id>/overview.json (simplified for zoom < 15) and
// layers/<id>/street.json (closer), each fetched the first time a shown layer needs it, and the
// request markers as packed binary payloads, markers/<sequence>.bin.
//
// Protocol version 4 (keep in step with ui/map/mapprotocol.h):
//   C++ -> page (signals of mapBridge)
//     configured(configJson)            centre, bounds, attribution, tile URL, translated labels
//     layerAdded(id, kind, title, nameProperty)     one basemap layer of the city pack
//     basemapComplete()                 every layer has been announced
//     markersChanged(sequence, replace, total, inlined)  the request markers changed: the page
//                                       fetches markers/<sequence>.bin (ui/map/markerpayload.h),
//                                       all of them or the change since the previous payload,
//                                       unless `inlined` has that payload in base64 (small ones)
//     selectionChanged(selectionJson)   the selected request ({} for none), panned to if asked
//     intakeLocationChanged(json)       the location being entered in intake ({} for none)
//     duplicatesChanged(json)           duplicate candidates: [{id, lat, lon, label}]
//     pickResolved(json)                the address found for a pick
//     hotspotsChanged(json)             hexagon cells and their counts ({} to clear)
//     clustersChanged(json)             the supervisor's cluster alerts (clusterlayer.js)
//     viewRequested(lat, lon, zoom)     centre the map (and the keyboard crosshair) there
//     focusRequested()                  give the map keyboard focus and show the crosshair
//     viewShown()                       the view came on screen (its tab brought to the front,
//                                       or the page ready while shown): answered by
//                                       rendered('shown') once the basemap and markers are
//                                       painted
//   page -> C++ (invokable methods of mapBridge)
//     hello(version)                    the page is ready and speaks `version`
//     markerActivated(id)               a request marker (or duplicate) was clicked
//     clusterActivated(id)              a cluster alert's area was clicked (its parent's id)
//     locationChosen(lat, lon, how)     a location was picked by "click" or "keyboard"
//     rendered(what, count, ms)         "basemap" / "requests" / "hotspots" are on screen,
//                                       "shown": all of them after viewShown (count: requests);
//                                       "view", "focus", "selection", "intake", "duplicates",
//                                       "pick" acknowledge the matching signal
//     reportError(message, source, line)
//
// The page loads it as the last part of page.js (ui/map/mapschemehandler.cpp).

(function () {
    'use strict';

    const PROTOCOL_VERSION = 4;
    const STREET_ZOOM = 15; // from here on layers are drawn in street detail
    const STATUS = ['open', 'in_progress', 'closed']; // indexes used by the packed requests
    const STATUS_COLOURS = ['#d9480f', '#1971c2', '#868e96'];
    const HEAT = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];

    let bridge = null;
    let labels = {};

    function reportError(message, source, line) {
        const text = String(message);
        if (bridge)
            bridge.reportError(text, String(source || ''), Number(line) || 0);
        else
            console.error(text);
    }
    window.addEventListener('error', ev => {
        // Errors of scripts without an origin (muted as "Script error.") reach the console,
        // and through it the log, with their real message: don't report them twice.
        if (ev.filename)
            reportError(ev.message, ev.filename, ev.lineno);
    });
    window.addEventListener('unhandledrejection',
                            ev => reportError('unhandled rejection: ' + ev.reason, '', 0));

    // Every entry point from C++ runs through this: an exception is reported, never lost.
    function guarded(name, fn) {
        return function (...args) {
            try {
                return fn.apply(this, args);
            } catch (e) {
                reportError(name + ': ' + ((e && e.stack) || e), 'map.js', 0);
            }
        };
    }

    function escapeHtml(text) {
        return String(text).replace(/[&<>"']/g, c => ({
            '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'
        })[c]);
    }

    function afterPaint(fn) {
        requestAnimationFrame(() => requestAnimationFrame(fn));
    }

    // --- The map and its panes -------------------------------------------------------------

    const container = document.getElementById('map');
    const map = L.map(container, {
        preferCanvas: true,
        keyboard: false, // the crosshair handles the arrow keys
        zoomSnap: 0.5,
        minZoom: 9,
        maxZoom: 19,
        attributionControl: true,
        center: [0, 0],
        zoom: 2,
    });
    map.attributionControl.setPrefix(false);
    const panes = [['land', 210], ['parks', 220], ['districts', 300], ['streets', 320],
                   ['hotspots', 380], ['labels', 390], ['places', 610], ['chosen', 620]];
    for (const [name, z] of panes)
        map.createPane(name).style.zIndex = z;
    map.getPane('labels').style.pointerEvents = 'none';
    map.getPane('hotspots').style.pointerEvents = 'none';
    const renderers = {};
    function rendererFor(pane) {
        if (!renderers[pane])
            renderers[pane] = L.canvas({pane: pane, padding: 0.3});
        return renderers[pane];
    }
    L.control.scale({imperial: true, metric: true}).addTo(map);

    // --- Basemap from the city pack's layers ----------------------------------------------

    // How each kind of layer is drawn, and whether it shows at first (the C++ side makes those
    // layers' views first: keep `visible` in step with mapprotocol::isShownAtFirst).
    const KINDS = {
        boundary: {pane: 'land', visible: true,
                   style: {color: '#7d7463', weight: 1.5, fillColor: '#f8f6f0', fillOpacity: 1}},
        open_space: {pane: 'parks', visible: true,
                     style: {stroke: false, fillColor: '#c5e3b3', fillOpacity: 1}},
        neighborhood: {pane: 'districts', visible: true, labelled: true,
                       style: {color: '#8174b0', weight: 1.5, dashArray: '6 4', fill: false}},
        ward: {pane: 'districts', visible: false, labelled: true,
               style: {color: '#b86e3c', weight: 1.2, dashArray: '2 4', fill: false}},
        precinct: {pane: 'districts', visible: false,
                   style: {color: '#a0866c', weight: 0.8, dashArray: '1 3', fill: false}},
        zip: {pane: 'districts', visible: false, labelled: true,
              style: {color: '#3d8a8a', weight: 1.2, dashArray: '8 3', fill: false}},
        street: {pane: 'streets', visible: true, street: true,
                 style: {color: '#ffffff', weight: 2}},
        point: {pane: 'places', visible: false, point: true,
                style: {radius: 4, color: '#ffffff', weight: 1, fillColor: '#364fc7',
                        fillOpacity: 1}},
    };
    const OTHER_KIND = {pane: 'districts', visible: false,
                        style: {color: '#666666', weight: 1, fill: false}};

    const basemap = []; // {id, kind, title, nameProperty, data, level, drawn, casing, fill, group}
    let layersControl = null;
    let tileLayer = null;

    function streetWidth(zoom) {
        return zoom < 13 ? 0.8 : Math.min(9, Math.max(2, (zoom - 12) * 1.6));
    }

    function restyleStreets() {
        const zoom = map.getZoom();
        const w = streetWidth(zoom);
        for (const layer of basemap) {
            if (!layer.fill)
                continue;
            layer.fill.setStyle(zoom < 13 ? {color: '#aaa192', weight: w}
                                           : {color: '#ffffff', weight: w});
            if (zoom < 13)
                layer.group.removeLayer(layer.casing);
            else {
                layer.casing.setStyle({color: '#bcb29f', weight: w + 2});
                if (!layer.group.hasLayer(layer.casing)) {
                    layer.group.addLayer(layer.casing);
                    layer.fill.bringToFront();
                }
            }
        }
    }

    // Street names at street zoom: one label per street and screen cell, for what is in view.
    const streetLabels = L.layerGroup().addTo(map);
    function labelStreets() {
        streetLabels.clearLayers();
        if (map.getZoom() < 16)
            return;
        const view = map.getBounds();
        const seen = new Set();
        let count = 0;
        for (const entry of basemap) {
            if (!entry.fill || !entry.nameProperty || !map.hasLayer(entry.group))
                continue;
            entry.fill.eachLayer(line => {
                if (count >= 150 || !line.getBounds || !view.intersects(line.getBounds()))
                    return;
                const props = line.feature && line.feature.properties;
                const name = props && props[entry.nameProperty];
                if (!name)
                    return;
                let points = line.getLatLngs();
                while (points.length && Array.isArray(points[0]))
                    points = points[0];
                if (points.length < 2)
                    return;
                const mid = points[Math.floor(points.length / 2)];
                if (!view.contains(mid))
                    return;
                const p = map.latLngToContainerPoint(mid);
                const key = name + '|' + Math.floor(p.x / 260) + '|' + Math.floor(p.y / 160);
                if (seen.has(key))
                    return;
                seen.add(key);
                ++count;
                streetLabels.addLayer(L.marker(mid, {
                    icon: L.divIcon({className: 'street-label', html: escapeHtml(name),
                                     iconSize: null}),
                    pane: 'labels', interactive: false, keyboard: false}));
            });
        }
    }

    function centreOf(layer) {
        // A polygon's label goes at the centre of its largest ring's bounds, a point of its own.
        if (layer.getLatLng)
            return layer.getLatLng();
        return layer.getBounds().getCenter();
    }

    function levelFor(zoom) {
        return zoom >= STREET_ZOOM ? 'street' : 'overview';
    }

    // What the scheme handler serves at `url`, as `type` ('json', 'arraybuffer').
    // XMLHttpRequest: QtWebEngine 6.4 lets the page fetch() nothing from a custom scheme, but
    // XMLHttpRequest from its own origin.
    function fetchData(url, type) {
        return new Promise((resolve, reject) => {
            const request = new XMLHttpRequest();
            request.open('GET', url);
            request.responseType = type;
            request.onload = () => {
                if (request.status === 200 && request.response)
                    resolve(request.response);
                else
                    reject(new Error(url + ': ' + request.status));
            };
            request.onerror = () => reject(new Error(url + ': not served'));
            request.send();
        });
    }

    // The layer's GeoJSON at `level`, fetched once.
    function fetchLayer(entry, level) {
        if (!entry.data[level]) {
            entry.data[level] = fetchData('layers/' + encodeURIComponent(entry.id) + '/' + level +
                                          '.json', 'json');
        }
        return entry.data[level];
    }

    // Draws a shown layer at the level of the current zoom, fetching it the first time; the
    // promise settles when it is drawn.
    function build(entry) {
        const level = levelFor(map.getZoom());
        if (entry.level === level)
            return entry.drawn;
        entry.level = level;
        entry.drawn = fetchLayer(entry, level).then(data => {
            if (entry.level === level)
                draw(entry, data);
        }).catch(e => reportError('layer ' + entry.id + ': ' + ((e && e.stack) || e), 'map.js', 0));
        return entry.drawn;
    }

    function draw(entry, data) {
        entry.group.clearLayers();
        entry.casing = entry.fill = null;
        const spec = KINDS[entry.kind] || OTHER_KIND;
        const renderer = rendererFor(spec.pane);
        const options = {
            pane: spec.pane,
            renderer: renderer,
            interactive: false,
            style: () => spec.style,
            pointToLayer: (feature, latlng) => L.circleMarker(latlng, Object.assign(
                {pane: spec.pane, renderer: renderer, interactive: false}, spec.style)),
        };
        if (spec.street) {
            entry.casing = L.geoJSON(data, Object.assign({}, options,
                                     {style: () => ({color: '#bcb29f', weight: 4})}));
            entry.fill = L.geoJSON(data, options);
            entry.group.addLayer(entry.fill);
            restyleStreets();
        } else {
            const layer = L.geoJSON(data, options);
            entry.group.addLayer(layer);
            if (spec.labelled && entry.nameProperty) {
                layer.eachLayer(feature => {
                    const name = feature.feature && feature.feature.properties &&
                                 feature.feature.properties[entry.nameProperty];
                    if (name === undefined || name === null || String(name).trim() === '')
                        return;
                    const icon = L.divIcon({className: 'area-label kind-' + entry.kind,
                                            html: escapeHtml(name), iconSize: null});
                    entry.group.addLayer(L.marker(centreOf(feature), {
                        icon: icon, pane: 'labels', interactive: false, keyboard: false}));
                });
            }
        }
    }

    function addLayer(id, kind, title, nameProperty) {
        const spec = KINDS[kind] || OTHER_KIND;
        const entry = {id: id, kind: kind, title: title, nameProperty: nameProperty, data: {},
                       level: null, drawn: null, casing: null, fill: null,
                       group: L.layerGroup()};
        entry.group.on('add', guarded('build layer', () => build(entry)));
        basemap.push(entry);
        layersControl.addOverlay(entry.group, escapeHtml(title));
        if (spec.visible)
            entry.group.addTo(map);
    }

    // Settles once the layers shown at first are built (drawn at the next paint): a page
    // prepared in the background has them before it is ever shown.
    let basemapBuilt = null;
    let basemapReady = false;

    function basemapComplete() {
        // Layers are drawn in the order of their panes; within a pane, in arrival order. A pack
        // without any layer shown at first (only wards, say) shows its first layer.
        const t0 = performance.now();
        if (basemap.length && !basemap.some(entry => map.hasLayer(entry.group)))
            basemap[0].group.addTo(map);
        const shown = basemap.filter(entry => map.hasLayer(entry.group));
        basemapBuilt = Promise.all(shown.map(entry => entry.drawn)).then(() => {
            basemapReady = true;
        });
        basemapBuilt.then(() => afterPaint(
            () => bridge.rendered('basemap', basemap.length, performance.now() - t0)));
    }

    // --- Configuration ---------------------------------------------------------------------

    let statusLegend = null;
    let home = null;
    let homeCenter = [0, 0];
    let homeZoom = 12;
    let viewTouched = false;

    function goHome() {
        if (home && map.getSize().x > 50 && map.getSize().y > 50)
            map.fitBounds(home, {animate: false});
        else
            map.setView(homeCenter, homeZoom, {animate: false});
    }
    let heatLegend = null;

    function configure(json) {
        const config = JSON.parse(json);
        labels = config.labels || {};
        map.attributionControl.addAttribution(escapeHtml(config.attribution || ''));
        if (config.tileUrl) {
            tileLayer = L.tileLayer(config.tileUrl, {
                maxZoom: 19, attribution: escapeHtml(config.tileAttribution || '')});
            tileLayer.addTo(map);
            container.classList.add('with-tiles');
            KINDS.boundary.style = Object.assign({}, KINDS.boundary.style, {fillOpacity: 0});
        }
        home = config.bounds ? L.latLngBounds(config.bounds) : null;
        homeCenter = config.center;
        homeZoom = config.zoom || 12;
        goHome();
        // Until someone moves the map, it keeps the whole city in view as its size changes (it
        // may have started in a hidden or tiny panel).
        map.on('resize', () => {
            if (!viewTouched)
                goHome();
        });
        for (const type of ['mousedown', 'wheel', 'keydown', 'touchstart'])
            container.addEventListener(type, () => { viewTouched = true; }, {passive: true});
        layersControl = L.control.layers(null, null, {collapsed: true, position: 'topright'});
        layersControl.addTo(map);
        layersControl.addOverlay(clusters, escapeHtml(labels.requests || 'Requests'));
        layersControl.addOverlay(hotspots, escapeHtml(labels.hotspots || 'Hot spots'));
        statusLegend = makeLegend('bottomleft', 'legend status-legend');
        heatLegend = makeLegend('bottomright', 'legend heat-legend');
        updateStatusLegend(0);
        container.setAttribute('aria-label', labels.mapName || 'Map');
        status.textContent = '';
    }

    function makeLegend(position, className) {
        const control = L.control({position: position});
        control.onAdd = () => {
            const div = L.DomUtil.create('div', className);
            L.DomEvent.disableClickPropagation(div);
            return div;
        };
        control.addTo(map);
        return control;
    }

    function updateStatusLegend(count) {
        const names = [labels.open, labels.inProgress, labels.closed];
        let html = '';
        for (let i = 0; i < STATUS.length; ++i)
            html += '<div><span class="swatch" style="background:' + STATUS_COLOURS[i] +
                    '"></span>' + escapeHtml(names[i] || STATUS[i]) + '</div>';
        html += '<div class="count">' +
                escapeHtml((labels.requestCount || '%1 requests').replace('%1',
                           count.toLocaleString(labels.locale || undefined))) + '</div>';
        statusLegend.getContainer().innerHTML = html;
    }

    // --- Requests ---------------------------------------------------------------------------

    let types = [];
    const iconCache = new Map();
    function requestIcon(statusIndex, typeIndex) {
        const key = statusIndex * 65536 + typeIndex;
        let icon = iconCache.get(key);
        if (!icon) {
            const type = types[typeIndex] || {mark: '?'};
            icon = L.divIcon({className: 'request s' + statusIndex,
                              html: escapeHtml(type.mark), iconSize: [20, 20]});
            iconCache.set(key, icon);
        }
        return icon;
    }

    function clusterIcon(group) {
        const counts = group.counts;
        const n = group.count;
        const a = 100 * counts[0] / n;
        const b = a + 100 * counts[1] / n;
        const size = n < 100 ? 30 : n < 1000 ? 36 : n < 10000 ? 42 : 48;
        const text = n < 10000 ? String(n) : Math.round(n / 1000) + 'k';
        const ring = 'conic-gradient(' + STATUS_COLOURS[0] + ' 0 ' + a + '%,' +
                     STATUS_COLOURS[1] + ' ' + a + '% ' + b + '%,' +
                     STATUS_COLOURS[2] + ' ' + b + '% 100%)';
        return L.divIcon({html: '<div style="background:' + ring + '"><span>' + text +
                                '</span></div>',
                          className: 'cluster', iconSize: [size, size]});
    }

    const markerQueue = [];    // {sequence, replace, total, inlined} announced, not applied yet
    let markersBusy = false;   // a payload is being fetched or applied
    const markersIdle = [];    // resolved once nothing is queued or being applied
    // Every request the page has: id -> {lat, lon, x, y (projected at zoom 0), s, t, num}.
    const requests = new Map();

    // What is drawn: one marker per group of requestgrid.js for the view and around it.
    const clusters = L.featureGroup().addTo(map);
    clusters.on('click', guarded('marker click', ev => {
        const marker = ev.layer;
        if (marker && marker.options.rid)
            bridge.markerActivated(marker.options.rid);
        else if (marker && marker.options.group) {
            const g = marker.options.group;
            viewTouched = true;
            if (g.south === g.north && g.west === g.east)
                map.setView([g.lat, g.lon], map.getMaxZoom(), {animate: false});
            else
                map.fitBounds([[g.south, g.west], [g.north, g.east]],
                              {padding: [40, 40], animate: false});
        }
    }));
    clusters.on('mouseover', guarded('marker hover', ev => {
        const marker = ev.layer;
        if (!marker || !marker.options.rid || marker.getTooltip())
            return;
        const type = types[marker.options.t] || {name: ''};
        const statusName = [labels.open, labels.inProgress, labels.closed][marker.options.s];
        marker.bindTooltip('<b>' + escapeHtml(marker.options.num) + '</b><br>' +
                           escapeHtml(type.name) + '<br>' + escapeHtml(statusName || ''),
                           {direction: 'top', offset: [0, -8]}).openTooltip();
    }));

    // The icons drawn, by the group's key at this zoom: {marker, look}. A redraw keeps every
    // icon whose group looks the same, so a change of a few requests (a sync) or a pan touches
    // only the icons of the cells it changed, not the few hundred on screen.
    const drawn = new Map();

    function lookOf(g) {
        if (g.count === 1) {
            const p = g.first;
            return 'r' + p.id + '|' + p.s + '|' + p.t + '|' + p.lat + '|' + p.lon + '|' + p.num;
        }
        return 'g' + g.count + '|' + g.counts.join(',') + '|' + g.lat + '|' + g.lon + '|' +
               g.south + '|' + g.west + '|' + g.north + '|' + g.east;
    }

    // Draws the groups of the view and half a view around it (so a pan shows them at once).
    function drawRequests() {
        if (!map.hasLayer(clusters) || !requests.size) {
            clusters.clearLayers();
            drawn.clear();
            return;
        }
        const zoom = map.getZoom();
        const box = map.getPixelBounds();
        const size = box.getSize();
        const groups = window.civicdeskGroupRequests(
            requests.values(), map.getZoomScale(zoom, 0), window.civicdeskCellSize(zoom),
            {minX: box.min.x - size.x / 2, minY: box.min.y - size.y / 2,
             maxX: box.max.x + size.x / 2, maxY: box.max.y + size.y / 2});
        const seen = new Set();
        for (const g of groups) {
            const key = zoom + ':' + g.key;
            const look = lookOf(g);
            seen.add(key);
            const old = drawn.get(key);
            if (old && old.look === look) {
                if (old.marker.options.group)
                    old.marker.options.group = g; // the same look, its newest members
                continue;
            }
            if (old)
                clusters.removeLayer(old.marker);
            let marker;
            if (g.count === 1) {
                const p = g.first;
                marker = L.marker([p.lat, p.lon], {
                    icon: requestIcon(p.s, p.t), keyboard: false, rid: p.id, num: p.num,
                    s: p.s, t: p.t});
            } else {
                marker = L.marker([g.lat, g.lon], {
                    icon: clusterIcon(g), keyboard: false, group: g});
            }
            clusters.addLayer(marker);
            drawn.set(key, {marker: marker, look: look});
        }
        for (const [key, old] of drawn) {
            if (!seen.has(key)) {
                clusters.removeLayer(old.marker);
                drawn.delete(key);
            }
        }
    }
    map.on('moveend', guarded('requests', drawRequests));
    clusters.on('add', guarded('requests', drawRequests));

    // Applies one payload: a replacement clears the requests; a change removes the requests
    // gone and sets the new and changed ones. Then the view's groups are drawn again.
    function applyMarkers(payload, t0) {
        const text = payload.text;
        types = text.types;
        if (payload.replace) {
            iconCache.clear();
            requests.clear();
            clusters.clearLayers(); // their icons may name types by old indexes
            drawn.clear();
        } else {
            for (const id of text.removed)
                requests.delete(id);
        }
        const ids = text.ids, numbers = text.numbers;
        const lat = payload.latitudes, lon = payload.longitudes;
        const s = payload.statuses, t = payload.types;
        for (let i = 0; i < ids.length; ++i) {
            const p = map.project([lat[i], lon[i]], 0);
            requests.set(ids[i], {id: ids[i], lat: lat[i], lon: lon[i], x: p.x, y: p.y, s: s[i],
                                  t: t[i], num: numbers[i]});
        }
        const count = requests.size;
        if (count !== payload.total)
            reportError('markers: ' + count + ' on the map, ' + payload.total + ' expected',
                        'map.js', 0);
        drawRequests();
        updateStatusLegend(count);
        // The next payload need not wait for a paint: a hidden page (prepared in the
        // background) paints nothing until it is shown, and applies every change meanwhile.
        markersBusy = false;
        afterPaint(() => bridge.rendered('requests', count, performance.now() - t0));
        nextMarkers();
    }

    // The payloads are applied in order, each once; a replacement makes those queued before it
    // moot.
    function markersChanged(sequence, replace, total, inlined) {
        if (replace)
            markerQueue.length = 0;
        markerQueue.push({sequence: sequence, replace: replace, total: total, inlined: inlined});
        nextMarkers();
    }

    function nextMarkers() {
        if (markersBusy)
            return;
        if (!markerQueue.length) {
            while (markersIdle.length)
                markersIdle.shift()();
            return;
        }
        const item = markerQueue.shift();
        markersBusy = true;
        const t0 = performance.now();
        const payload = item.inlined
            ? new Promise(resolve => resolve(
                  Uint8Array.from(atob(item.inlined), c => c.charCodeAt(0)).buffer))
            : fetchData('markers/' + item.sequence + '.bin', 'arraybuffer');
        payload
            .then(buffer => applyMarkers(
                window.civicdeskDecodeRequests(buffer, PROTOCOL_VERSION), t0))
            .catch(e => {
                reportError('markers ' + item.sequence + ': ' + ((e && e.stack) || e), 'map.js', 0);
                markersBusy = false;
                nextMarkers();
            });
    }

    function whenMarkersIdle() {
        if (!markersBusy && !markerQueue.length)
            return Promise.resolve();
        return new Promise(resolve => markersIdle.push(resolve));
    }

    // The view came on screen: what the agent waits for is the next frame painted with the
    // layers shown at first and every marker payload announced so far.
    function viewShown() {
        const t0 = performance.now();
        Promise.all([basemapBuilt || Promise.resolve(), whenMarkersIdle()]).then(() => afterPaint(
            () => bridge.rendered('shown', requests.size, performance.now() - t0)));
    }

    // For tests and benchmarks: whether the page has built everything it was given so far
    // (the basemap shown at first, the last marker payload) and only has to paint it; true in
    // a page prepared in the background before it was ever shown.
    window.civicdeskPrepared = () => basemapReady && !markerQueue.length && !markersBusy;

    // For tests: the view, [zoom, lat, lon], and the request icons drawn, [[requests, x, y]]
    // (1 for a request's own marker; x and y the icon's centre in the map's pixels).
    window.civicdeskView = () => [map.getZoom(), map.getCenter().lat, map.getCenter().lng];
    window.civicdeskRequestIcons = () => {
        const icons = [];
        clusters.eachLayer(marker => {
            const p = map.latLngToContainerPoint(marker.getLatLng());
            icons.push([marker.options.group ? marker.options.group.count : 1, p.x, p.y]);
        });
        return icons;
    };

    // For tests: the marker of a request as the page has it, [lat, lon, status, mark, number].
    window.civicdeskMarker = id => {
        const p = requests.get(id);
        if (!p)
            return null;
        const type = types[p.t] || {mark: '?'};
        return [p.lat, p.lon, p.s, type.mark, p.num];
    };

    // --- Selection, intake location, duplicates, picks -----------------------------------

    const chosen = L.layerGroup().addTo(map);
    let selectionMarker = null;
    let intakeMarker = null;
    let pickMarker = null;
    const duplicates = L.layerGroup().addTo(map);

    function tag(className, html, size, anchor) {
        return L.divIcon({className: className, html: html || '', iconSize: size || [26, 26],
                          iconAnchor: anchor});
    }

    function showSelection(json) {
        const s = JSON.parse(json);
        if (selectionMarker)
            chosen.removeLayer(selectionMarker);
        selectionMarker = null;
        if (!s.id) {
            bridge.rendered('selection', 0, 0);
            return;
        }
        selectionMarker = L.marker([s.lat, s.lon], {
            icon: tag('selected', '', [34, 34]), pane: 'chosen', keyboard: false,
            zIndexOffset: 1000});
        selectionMarker.bindTooltip(escapeHtml(s.label), {permanent: true, direction: 'right',
                                                          offset: [16, 0]});
        selectionMarker.on('click', () => bridge.markerActivated(s.id));
        chosen.addLayer(selectionMarker);
        if (s.pan) {
            viewTouched = true;
            map.setView([s.lat, s.lon], Math.max(map.getZoom(), 17), {animate: false});
        }
        bridge.rendered('selection', 1, 0);
    }

    function showIntake(json) {
        const s = JSON.parse(json);
        if (intakeMarker)
            chosen.removeLayer(intakeMarker);
        intakeMarker = null;
        if (s.lat === undefined) {
            bridge.rendered('intake', 0, 0);
            return;
        }
        intakeMarker = L.marker([s.lat, s.lon], {
            icon: tag('intake', '<span></span>', [28, 40], [14, 38]), pane: 'chosen',
            keyboard: false, interactive: false, zIndexOffset: 900});
        intakeMarker.bindTooltip(escapeHtml(s.label || labels.intakeLocation || ''),
                                 {permanent: true, direction: 'top', offset: [0, -38]});
        chosen.addLayer(intakeMarker);
        viewTouched = true;
        if (!map.getBounds().pad(-0.1).contains([s.lat, s.lon]))
            map.setView([s.lat, s.lon], Math.max(map.getZoom(), 16), {animate: false});
        bridge.rendered('intake', 1, 0);
    }

    function showDuplicates(json) {
        const list = JSON.parse(json);
        duplicates.clearLayers();
        const bounds = [];
        for (const d of list) {
            const marker = L.marker([d.lat, d.lon], {
                icon: tag('duplicate', '!', [26, 26]), pane: 'chosen', keyboard: false,
                zIndexOffset: 800});
            marker.bindTooltip(escapeHtml(d.label), {direction: 'top', offset: [0, -12]});
            marker.on('click', () => bridge.markerActivated(d.id));
            duplicates.addLayer(marker);
            bounds.push([d.lat, d.lon]);
        }
        if (intakeMarker)
            bounds.push(intakeMarker.getLatLng());
        if (bounds.length > 1) {
            viewTouched = true;
            map.fitBounds(bounds, {padding: [60, 60], maxZoom: 18, animate: false});
        }
        bridge.rendered('duplicates', list.length, 0);
    }

    function showPick(json) {
        const p = JSON.parse(json);
        if (pickMarker)
            chosen.removeLayer(pickMarker);
        pickMarker = null;
        if (p.lat === undefined) {
            bridge.rendered('pick', 0, 0);
            return;
        }
        pickMarker = L.marker([p.lat, p.lon], {
            icon: tag('picked', '', [22, 22]), pane: 'chosen', keyboard: false,
            zIndexOffset: 950});
        const html = p.found
            ? '<b>' + escapeHtml(p.label) + '</b><br>' + escapeHtml(p.detail)
            : escapeHtml(labels.noAddress || '');
        chosen.addLayer(pickMarker);
        pickMarker.bindPopup(html, {autoPan: true, closeButton: true}).openPopup();
        status.textContent = p.found ? p.label : (labels.noAddress || '');
        bridge.rendered('pick', p.found ? 1 : 0, 0);
    }

    // --- Picking: click, or the keyboard crosshair ---------------------------------------

    const crosshair = document.getElementById('crosshair');
    const status = document.getElementById('status');
    let cross = null; // L.LatLng

    function placeCrosshair() {
        if (!cross || crosshair.hidden)
            return;
        const p = map.latLngToContainerPoint(cross);
        crosshair.style.transform = 'translate(' + Math.round(p.x) + 'px,' + Math.round(p.y) +
                                    'px)';
    }

    function showCrosshair() {
        if (!cross || !map.getBounds().contains(cross))
            cross = map.getCenter();
        crosshair.hidden = false;
        placeCrosshair();
    }

    function moveCrosshair(dx, dy) {
        showCrosshair();
        const size = map.getSize();
        const margin = 40;
        const p = map.latLngToContainerPoint(cross).add([dx, dy]);
        const pan = L.point(0, 0);
        if (p.x < margin)
            pan.x = p.x - margin;
        else if (p.x > size.x - margin)
            pan.x = p.x - (size.x - margin);
        if (p.y < margin)
            pan.y = p.y - margin;
        else if (p.y > size.y - margin)
            pan.y = p.y - (size.y - margin);
        cross = map.containerPointToLatLng(p);
        if (pan.x || pan.y)
            map.panBy(pan, {animate: false});
        placeCrosshair();
    }

    function pick(latlng, how) {
        cross = latlng;
        bridge.locationChosen(latlng.lat, latlng.lng, how);
    }

    // The crosshair is for the keyboard: a click focuses the map without showing it.
    let pointerDown = false;
    container.addEventListener('mousedown', () => {
        pointerDown = true;
        crosshair.hidden = true;
    });
    container.addEventListener('mouseup', () => { pointerDown = false; });
    container.addEventListener('focus', () => {
        if (!pointerDown)
            showCrosshair();
    });
    container.addEventListener('blur', () => { crosshair.hidden = true; });
    container.addEventListener('keydown', guarded('keyboard', ev => {
        const step = ev.shiftKey ? 64 : 12;
        switch (ev.key) {
        case 'ArrowLeft': moveCrosshair(-step, 0); break;
        case 'ArrowRight': moveCrosshair(step, 0); break;
        case 'ArrowUp': moveCrosshair(0, -step); break;
        case 'ArrowDown': moveCrosshair(0, step); break;
        case 'Enter':
        case ' ':
            showCrosshair();
            pick(cross, 'keyboard');
            break;
        case '+':
        case '=':
            showCrosshair();
            map.setZoomAround(map.latLngToContainerPoint(cross), map.getZoom() + 1);
            break;
        case '-':
            showCrosshair();
            map.setZoomAround(map.latLngToContainerPoint(cross), map.getZoom() - 1);
            break;
        case 'Escape':
            map.closePopup();
            break;
        default:
            return;
        }
        ev.preventDefault();
    }));
    map.on('move zoom viewreset resize', placeCrosshair);
    map.on('click', guarded('map click', ev => pick(ev.latlng, 'click')));
    map.on('moveend', guarded('street labels', labelStreets));
    map.on('zoomend', guarded('zoom', () => {
        for (const entry of basemap) {
            if (map.hasLayer(entry.group))
                build(entry);
        }
        restyleStreets();
        container.classList.toggle('far', map.getZoom() < 11.5);
        container.classList.toggle('mid', map.getZoom() < 13);
        container.classList.toggle('near', map.getZoom() >= 15);
    }));

    function focusMap() {
        container.focus();
        showCrosshair();
        bridge.rendered('focus', document.activeElement === container ? 1 : 0, 0);
    }

    // The page as a whole gets the keyboard (the agent tabbed into the map): so does the map.
    window.addEventListener('focus', () => {
        if (document.activeElement === document.body)
            container.focus();
    });

    function setView(lat, lon, zoom) {
        viewTouched = true;
        map.setView([lat, lon], zoom > 0 ? zoom : map.getZoom(), {animate: false});
        cross = L.latLng(lat, lon);
        placeCrosshair();
        const zoomNow = Math.round(map.getZoom());
        afterPaint(() => bridge.rendered('view', zoomNow, 0));
    }

    // --- Hot spots -------------------------------------------------------------------------

    const hotspots = L.layerGroup().addTo(map);

    // {"cells":[{"ring":[lat, lon, ...], "count"}], "max", "total", "title"}
    function showHotspots(json) {
        const t0 = performance.now();
        const data = JSON.parse(json);
        hotspots.clearLayers();
        const cells = data.cells || [];
        const max = Math.max(1, data.max || 1);
        const renderer = rendererFor('hotspots');
        for (const cell of cells) {
            const ring = [];
            for (let i = 0; i < cell.ring.length; i += 2)
                ring.push([cell.ring[i], cell.ring[i + 1]]);
            const k = Math.min(HEAT.length - 1,
                               Math.floor(HEAT.length * Math.sqrt(cell.count / max)));
            hotspots.addLayer(L.polygon(ring, {
                pane: 'hotspots', renderer: renderer, interactive: false, color: HEAT[k],
                weight: 0.5, opacity: 0.9, fillColor: HEAT[k], fillOpacity: 0.6}));
        }
        const legend = heatLegend.getContainer();
        if (!cells.length) {
            legend.innerHTML = '';
            legend.hidden = true;
        } else {
            let html = '<div class="title">' + escapeHtml(data.title || '') + '</div>';
            let previous = 0;
            for (let i = 0; i < HEAT.length; ++i) {
                // The smallest count drawn in this colour (classes by the square root).
                const from = Math.max(1, Math.floor(max * (i / HEAT.length) ** 2) + 1);
                if (from <= previous || from > max)
                    continue;
                previous = from;
                html += '<div><span class="swatch" style="background:' + HEAT[i] +
                        '"></span>' + from.toLocaleString(labels.locale || undefined) +
                        '+</div>';
            }
            legend.innerHTML = html;
            legend.hidden = false;
            if (!map.hasLayer(hotspots))
                hotspots.addTo(map);
        }
        afterPaint(() => bridge.rendered('hotspots', cells.length, performance.now() - t0));
    }

    // --- Cluster alerts (clusterlayer.js) -----------------------------------------------------

    const clusterAreas =
        window.civicdeskClusterLayer(map, id => bridge.clusterActivated(id), setView);
    function showClusters(json) {
        const count = clusterAreas.show(json);
        afterPaint(() => bridge.rendered('clusters', count, 0));
    }

    // --- Wiring ----------------------------------------------------------------------------

    if (typeof qt === 'undefined' || !qt.webChannelTransport) {
        reportError('no Qt WebChannel transport: the page must be opened by CivicDesk', '', 0);
        return;
    }
    new QWebChannel(qt.webChannelTransport, channel => {
        bridge = channel.objects.mapBridge;
        if (!bridge) {
            console.error('mapBridge is missing from the web channel');
            return;
        }
        if (bridge.protocolVersion !== PROTOCOL_VERSION) {
            reportError('bridge protocol ' + bridge.protocolVersion + ', page protocol ' +
                        PROTOCOL_VERSION, 'map.js', 0);
        }
        bridge.configured.connect(guarded('configure', configure));
        bridge.layerAdded.connect(guarded('layer', addLayer));
        bridge.basemapComplete.connect(guarded('basemap', basemapComplete));
        bridge.markersChanged.connect(guarded('markers', markersChanged));
        bridge.selectionChanged.connect(guarded('selection', showSelection));
        bridge.intakeLocationChanged.connect(guarded('intake location', showIntake));
        bridge.duplicatesChanged.connect(guarded('duplicates', showDuplicates));
        bridge.pickResolved.connect(guarded('pick', showPick));
        bridge.hotspotsChanged.connect(guarded('hot spots', showHotspots));
        bridge.clustersChanged.connect(guarded('clusters', showClusters));
        bridge.viewRequested.connect(guarded('view', setView));
        bridge.focusRequested.connect(guarded('focus', focusMap));
        bridge.viewShown.connect(guarded('shown', viewShown));
        bridge.hello(PROTOCOL_VERSION);
    });
})();
