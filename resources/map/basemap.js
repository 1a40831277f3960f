// The basemap of the CivicDesk map page (map.js): the city pack's layers, announced by C++
// (layerAdded, basemapComplete) and fetched from the scheme handler the first time a shown layer
// needs them, layers/<id>/overview.json below zoom 15 and layers/<id>/street.json from there on;
// streets restyled with the zoom, street and area names as labels.

// `page` is the page's context (pagetools.js) with its map and rendererFor(pane); `KINDS` how
// each kind of layer is drawn (map.js), and `OTHER_KIND` any other.
window.civicdeskBasemap = function (page, KINDS, OTHER_KIND) {
    'use strict';

    const STREET_ZOOM = 15; // from here on layers are drawn in street detail
    const {map, container, guarded, escapeHtml, afterPaint, reportError, fetchData} = page;
    const rendererFor = page.rendererFor;

    const basemap = []; // {id, kind, title, nameProperty, data, level, drawn, casing, fill, group}
    let layersControl = null;

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
            () => page.bridge.rendered('basemap', basemap.length, performance.now() - t0)));
    }

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

    return {
        // The layers control the layers are listed in (made when the page is configured).
        setControl: control => { layersControl = control; },
        // Tiles are drawn under the layers: the city's land lets them show through.
        underTiles: () => {
            KINDS.boundary.style = Object.assign({}, KINDS.boundary.style, {fillOpacity: 0});
        },
        add: addLayer,
        complete: basemapComplete,
        // Settles once the layers shown at first are built (null before basemapComplete).
        built: () => basemapBuilt,
        ready: () => basemapReady,
    };
};
