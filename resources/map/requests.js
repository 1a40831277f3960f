// The requests of the CivicDesk map page (map.js): the marker payloads C++ announces
// (markersChanged) applied in order, each once, and drawn as the clusters of requestgrid.js for
// the view and around it; the legend of the requests' statuses and their count.

// `page` is the page's context (pagetools.js); `protocolVersion` the page's (map.js).
window.civicdeskRequests = function (page, protocolVersion) {
    'use strict';

    const STATUS = ['open', 'in_progress', 'closed']; // indexes used by the packed requests
    const STATUS_COLOURS = ['#d9480f', '#1971c2', '#868e96'];
    const {map, guarded, escapeHtml, afterPaint, reportError, fetchData} = page;

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
            page.bridge.markerActivated(marker.options.rid);
        else if (marker && marker.options.group) {
            const g = marker.options.group;
            page.viewTouched = true;
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
        const statusName = [page.labels.open, page.labels.inProgress, page.labels.closed][marker.options.s];
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

    // (lat, lon, out) -> out.x, out.y: the point at zoom 0 as map.project(latlng, 0) has it,
    // without the two objects that makes per request (16,000 of them for a replacement). The
    // map's own projection for a CRS other than Leaflet's default (Web Mercator).
    function projectAtZoom0() {
        if (map.options.crs !== L.CRS.EPSG3857) {
            return (lat, lon, out) => {
                const p = map.project([lat, lon], 0);
                out.x = p.x;
                out.y = p.y;
            };
        }
        // L.Projection.SphericalMercator and EPSG3857's transformation, at a scale of 256.
        const limit = L.Projection.SphericalMercator.MAX_LATITUDE;
        const radians = Math.PI / 180;
        return (lat, lon, out) => {
            const sin = Math.sin(Math.max(Math.min(limit, lat), -limit) * radians);
            out.x = 256 * (lon / 360 + 0.5);
            out.y = 256 * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI));
        };
    }

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
        const project = projectAtZoom0();
        const at = {x: 0, y: 0};
        for (let i = 0; i < ids.length; ++i) {
            project(lat[i], lon[i], at);
            requests.set(ids[i], {id: ids[i], lat: lat[i], lon: lon[i], x: at.x, y: at.y, s: s[i],
                                  t: t[i], num: numbers[i]});
        }
        const count = requests.size;
        if (count !== payload.total)
            reportError('markers: ' + count + ' on the map, ' + payload.total + ' expected',
                        'map.js', 0);
        drawRequests();
        updateLegend(count);
        // The next payload need not wait for a paint: a hidden page (prepared in the
        // background) paints nothing until it is shown, and applies every change meanwhile.
        markersBusy = false;
        afterPaint(() => page.bridge.rendered('requests', count, performance.now() - t0));
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

    // The bytes of a payload that came inline, in base64.
    function bytesOf(base64) {
        const binary = atob(base64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; ++i)
            bytes[i] = binary.charCodeAt(i);
        return bytes.buffer;
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
            ? new Promise(resolve => resolve(bytesOf(item.inlined)))
            : fetchData('markers/' + item.sequence + '.bin', 'arraybuffer');
        payload
            .then(buffer => applyMarkers(
                window.civicdeskDecodeRequests(buffer, protocolVersion), t0))
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

    window.civicdeskRequestIcons = () => {
        const icons = [];
        clusters.eachLayer(marker => {
            const p = map.latLngToContainerPoint(marker.getLatLng());
            icons.push([marker.options.group ? marker.options.group.count : 1, p.x, p.y]);
        });
        return icons;
    };

    // For tests: where the page placed a request, [x, y] at zoom 0.
    window.civicdeskMarkerPoint = id => {
        const p = requests.get(id);
        return p ? [p.x, p.y] : null;
    };

    // For tests: the marker of a request as the page has it, [lat, lon, status, mark, number].
    window.civicdeskMarker = id => {
        const p = requests.get(id);
        if (!p)
            return null;
        const type = types[p.t] || {mark: '?'};
        return [p.lat, p.lon, p.s, type.mark, p.num];
    };

    // --- The legend: each status's colour and the count of requests ----------------------

    let legend = null;

    function updateLegend(count) {
        if (!legend)
            return;
        const names = [page.labels.open, page.labels.inProgress, page.labels.closed];
        let html = '';
        for (let i = 0; i < STATUS.length; ++i)
            html += '<div><span class="swatch" style="background:' + STATUS_COLOURS[i] +
                    '"></span>' + escapeHtml(names[i] || STATUS[i]) + '</div>';
        html += '<div class="count">' +
                escapeHtml((page.labels.requestCount || '%1 requests').replace('%1',
                           count.toLocaleString(page.labels.locale || undefined))) + '</div>';
        legend.getContainer().innerHTML = html;
    }

    return {
        layer: clusters,
        changed: markersChanged,
        // Resolves once every payload announced so far is applied.
        whenIdle: whenMarkersIdle,
        idle: () => !markerQueue.length && !markersBusy,
        count: () => requests.size,
        // Shows the legend in `control` (a control of map.js's makeLegend).
        showLegend: control => {
            legend = control;
            updateLegend(requests.size);
        },
    };
};
