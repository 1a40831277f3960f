// The requests of the CivicDesk map page (map.js): their payloads decoded, and their clusters.
//
// Clusters: the requests in and around the view are
// grouped by square cells of the screen at the current zoom, so the page draws one icon per cell
// (a few hundred at most) instead of clustering every request at every zoom the way
// Leaflet.markercluster does. A pass over 16,000 requests takes a few milliseconds; it runs again
// after each move or zoom.
//
// The cells are fixed to the world (the projection's pixel grid at that zoom), not to the view:
// panning does not regroup what stays on screen.

// The cell size in screen pixels at `zoom` (0: no grouping, every request on its own).
window.civicdeskCellSize = function (zoom) {
    'use strict';
    return zoom >= 19 ? 0 : zoom >= 17 ? 35 : 60;
};

// Groups `points` (an iterable of {x, y, s, ...}: x and y projected at zoom 0, s the status
// index 0..2) at a zoom whose scale from zoom 0 is `scale`, keeping those in the cells that meet
// `box` ({minX, minY, maxX, maxY}, pixels at that zoom). Each group:
//   {key, count, counts: [per status], lat, lon (their mean), south, west, north, east, first}
// where `key` names its cell (or its point, without grouping) at this zoom and `first` is the
// group's first point (the one drawn when count is 1).
window.civicdeskGroupRequests = function (points, scale, cellSize, box) {
    'use strict';
    const cell = cellSize > 0 ? cellSize : 1e-9;
    // Whole cells only: a cell half in the box is grouped with all of its points.
    const minX = Math.floor(box.minX / cell) * cell, maxX = Math.ceil(box.maxX / cell) * cell;
    const minY = Math.floor(box.minY / cell) * cell, maxY = Math.ceil(box.maxY / cell) * cell;
    const groups = new Map();
    const singles = [];
    for (const p of points) {
        const x = p.x * scale, y = p.y * scale;
        if (x < minX || x >= maxX || y < minY || y >= maxY)
            continue;
        let group;
        if (cellSize > 0) {
            const key = Math.floor(x / cell) * 67108864 + Math.floor(y / cell);
            group = groups.get(key);
            if (!group) {
                group = {key: key, count: 0, counts: [0, 0, 0], lat: 0, lon: 0, south: 90,
                         west: 180, north: -90, east: -180, first: p};
                groups.set(key, group);
            }
        } else {
            group = {key: 'p' + p.id, count: 0, counts: [0, 0, 0], lat: 0, lon: 0, south: 90,
                     west: 180, north: -90, east: -180, first: p};
            singles.push(group);
        }
        ++group.count;
        ++group.counts[p.s];
        group.lat += p.lat;
        group.lon += p.lon;
        group.south = Math.min(group.south, p.lat);
        group.north = Math.max(group.north, p.lat);
        group.west = Math.min(group.west, p.lon);
        group.east = Math.max(group.east, p.lon);
    }
    const all = cellSize > 0 ? Array.from(groups.values()) : singles;
    for (const group of all) {
        group.lat /= group.count;
        group.lon /= group.count;
    }
    return all;
};

// A binary payload of requests from the scheme handler (layout in ui/map/markerpayload.h) as
// typed arrays over the bytes as they came (little-endian, as every platform QtWebEngine runs
// on); an exception for a payload of another protocol `version` or of the wrong size.
window.civicdeskDecodeRequests = function (buffer, version) {
    'use strict';
    const header = new DataView(buffer, 0, 24);
    const magic = String.fromCharCode(header.getUint8(0), header.getUint8(1),
                                      header.getUint8(2), header.getUint8(3));
    if (magic !== 'CDMK' || header.getUint32(4, true) !== version)
        throw new Error('marker payload ' + magic + ' version ' + header.getUint32(4, true));
    const n = header.getUint32(12, true);
    const textBytes = header.getUint32(20, true);
    if (buffer.byteLength !== 24 + 19 * n + textBytes)
        throw new Error('marker payload of ' + buffer.byteLength + ' bytes for ' + n);
    const text = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 24 + 19 * n)));
    return {
        replace: (header.getUint32(8, true) & 1) === 1,
        total: header.getUint32(16, true),
        latitudes: new Float64Array(buffer, 24, n),
        longitudes: new Float64Array(buffer, 24 + 8 * n, n),
        types: new Uint16Array(buffer, 24 + 16 * n, n),
        statuses: new Uint8Array(buffer, 24 + 18 * n, n),
        text: text,
    };
};
