// The supervisor's cluster alerts on the CivicDesk map page (map.js): each cluster of requests
// (models/alerts/clusterdetector.h) drawn as its area, a circle of the rule's radius around its
// centre, with its count in the middle and a tooltip saying what it is. A click on either
// selects the cluster: the page tells C++ (mapBridge.clusterActivated), which opens it in the
// supervisor workspace. The selected cluster is drawn thicker, and the view moves to it when
// C++ asks. The clusters are few (tens), so they are SVG: only the shapes take the mouse, and
// the request markers (above) and the map's own clicks (below) keep theirs.
//
// clustersChanged JSON (ui/map/clusteroverlay.h):
//   {"clusters": [{"id", "lat", "lon", "metres", "count", "label"}], "selected": id, "pan": bool}

// `setView(lat, lon, zoom)` is the page's own move (map.js: it also places the keyboard
// crosshair, and keeps the first fit of the basemap from moving the view away again).
window.civicdeskClusterLayer = function (map, activate, setView) {
    'use strict';
    const PANE = 'clusterAreas';
    map.createPane(PANE).style.zIndex = 395; // above the hot spots and labels, below markers
    const renderer = L.svg({pane: PANE});
    const group = L.layerGroup().addTo(map);
    let drawn = [];

    // The zoom at which a circle of `metres` at `lat` is about 200 pixels wide (the view may be
    // hidden, without a size, when the page is prepared in the background).
    function zoomFor(lat, metres) {
        const metresPerPixel = (metres * 2) / 200;
        const zoom = Math.log2((156543.03 * Math.cos((lat * Math.PI) / 180)) / metresPerPixel);
        return Math.max(12, Math.min(18, Math.floor(zoom)));
    }

    function show(json) {
        const data = JSON.parse(json || '{}');
        group.clearLayers();
        drawn = [];
        for (const c of data.clusters || []) {
            const selected = c.id === data.selected;
            const area = L.circle([c.lat, c.lon], {
                radius: c.metres, pane: PANE, renderer: renderer, bubblingMouseEvents: false,
                className: 'cluster-area' + (selected ? ' selected' : ''),
                color: selected ? '#5f3dc4' : '#c2255c', weight: selected ? 4 : 2,
                dashArray: selected ? null : '6 4', fillColor: selected ? '#7048e8' : '#e64980',
                fillOpacity: selected ? 0.25 : 0.12});
            area.bindTooltip(c.label, {direction: 'top', sticky: true});
            area.on('click', () => activate(c.id));
            const count = L.marker([c.lat, c.lon], {
                pane: PANE, keyboard: false, title: c.label, alt: c.label,
                icon: L.divIcon({className: 'cluster-count' + (selected ? ' selected' : ''),
                                 html: String(c.count), iconSize: [30, 30]})});
            count.on('click', () => activate(c.id));
            group.addLayer(area);
            group.addLayer(count);
            drawn.push({id: c.id, lat: c.lat, lon: c.lon, metres: c.metres, count: c.count,
                        label: c.label, selected: selected, area: area});
            if (selected && data.pan)
                setView(c.lat, c.lon, zoomFor(c.lat, c.metres));
        }
        return drawn.length;
    }

    // For tests: what is drawn (the area's radius as Leaflet holds it), and a click on one.
    window.civicdeskClusterAreas = () => drawn.map(d => ({
        id: d.id, lat: d.lat, lon: d.lon, radius: d.area.getRadius(), count: d.count,
        label: d.label, selected: d.selected, onMap: map.hasLayer(d.area),
        inView: map.getBounds().contains([d.lat, d.lon])}));
    window.civicdeskClickCluster = id => {
        const d = drawn.find(x => x.id === id);
        if (d)
            d.area.fire('click');
        return !!d;
    };

    return {show: show};
};
