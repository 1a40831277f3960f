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
// The page's parts, each in its own script (put together into page.js in this order by
// ui/map/mapschemehandler.cpp, this one last): pagetools.js (the shared context and helpers),
// basemap.js (the city's layers), requestgrid.js and requests.js (the request markers and their
// clusters), chosenplaces.js (selection, intake location, duplicates, picks), picking.js (click
// and keyboard crosshair), hotspots.js and clusterlayer.js (the supervisor's cluster alerts).
// This script makes the map, configures it and wires the parts to the bridge.

(function () {
    'use strict';

    const PROTOCOL_VERSION = 4;

    const page = window.civicdeskPageContext();
    const guarded = page.guarded;
    const escapeHtml = page.escapeHtml;

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
    page.rendererFor = function (pane) {
        if (!renderers[pane])
            renderers[pane] = L.canvas({pane: pane, padding: 0.3});
        return renderers[pane];
    };
    L.control.scale({imperial: true, metric: true}).addTo(map);
    page.map = map;
    page.container = container;
    page.status = document.getElementById('status');

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

    const basemap = window.civicdeskBasemap(page, KINDS, OTHER_KIND);
    const requests = window.civicdeskRequests(page, PROTOCOL_VERSION);
    const chosen = window.civicdeskChosenPlaces(page);
    const picking = window.civicdeskPicking(page);
    const hotspots = window.civicdeskHotspots(page);
    const clusterAreas =
        window.civicdeskClusterLayer(map, id => page.bridge.clusterActivated(id), picking.setView);

    // --- Configuration ---------------------------------------------------------------------

    let home = null;
    let homeCenter = [0, 0];
    let homeZoom = 12;

    function goHome() {
        if (home && map.getSize().x > 50 && map.getSize().y > 50)
            map.fitBounds(home, {animate: false});
        else
            map.setView(homeCenter, homeZoom, {animate: false});
    }

    function configure(json) {
        const config = JSON.parse(json);
        page.labels = config.labels || {};
        const labels = page.labels;
        map.attributionControl.addAttribution(escapeHtml(config.attribution || ''));
        if (config.tileUrl) {
            L.tileLayer(config.tileUrl, {
                maxZoom: 19, attribution: escapeHtml(config.tileAttribution || '')}).addTo(map);
            container.classList.add('with-tiles');
            basemap.underTiles();
        }
        home = config.bounds ? L.latLngBounds(config.bounds) : null;
        homeCenter = config.center;
        homeZoom = config.zoom || 12;
        goHome();
        // Until someone moves the map, it keeps the whole city in view as its size changes (it
        // may have started in a hidden or tiny panel).
        map.on('resize', () => {
            if (!page.viewTouched)
                goHome();
        });
        for (const type of ['mousedown', 'wheel', 'keydown', 'touchstart'])
            container.addEventListener(type, () => { page.viewTouched = true; }, {passive: true});
        const layersControl = L.control.layers(null, null, {collapsed: true, position: 'topright'});
        layersControl.addTo(map);
        layersControl.addOverlay(requests.layer, escapeHtml(labels.requests || 'Requests'));
        layersControl.addOverlay(hotspots.layer, escapeHtml(labels.hotspots || 'Hot spots'));
        basemap.setControl(layersControl);
        requests.showLegend(makeLegend('bottomleft', 'legend status-legend'));
        hotspots.setLegend(makeLegend('bottomright', 'legend heat-legend'));
        container.setAttribute('aria-label', labels.mapName || 'Map');
        page.status.textContent = '';
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

    // --- Shown ------------------------------------------------------------------------------

    // The view came on screen: what the agent waits for is the next frame painted with the
    // layers shown at first and every marker payload announced so far.
    function viewShown() {
        const t0 = performance.now();
        Promise.all([basemap.built() || Promise.resolve(), requests.whenIdle()]).then(
            () => page.afterPaint(() => page.bridge.rendered('shown', requests.count(),
                                                             performance.now() - t0)));
    }

    // For tests and benchmarks: whether the page has built everything it was given so far
    // (the basemap shown at first, the last marker payload) and only has to paint it; true in
    // a page prepared in the background before it was ever shown.
    window.civicdeskPrepared = () => basemap.ready() && requests.idle();

    // For tests: the view, [zoom, lat, lon].
    window.civicdeskView = () => [map.getZoom(), map.getCenter().lat, map.getCenter().lng];

    function showClusters(json) {
        const count = clusterAreas.show(json);
        page.afterPaint(() => page.bridge.rendered('clusters', count, 0));
    }

    // --- Wiring ----------------------------------------------------------------------------

    if (typeof qt === 'undefined' || !qt.webChannelTransport) {
        page.reportError('no Qt WebChannel transport: the page must be opened by CivicDesk', '', 0);
        return;
    }
    new QWebChannel(qt.webChannelTransport, channel => {
        const bridge = channel.objects.mapBridge;
        if (!bridge) {
            console.error('mapBridge is missing from the web channel');
            return;
        }
        page.bridge = bridge;
        if (bridge.protocolVersion !== PROTOCOL_VERSION) {
            page.reportError('bridge protocol ' + bridge.protocolVersion + ', page protocol ' +
                             PROTOCOL_VERSION, 'map.js', 0);
        }
        bridge.configured.connect(guarded('configure', configure));
        bridge.layerAdded.connect(guarded('layer', basemap.add));
        bridge.basemapComplete.connect(guarded('basemap', basemap.complete));
        bridge.markersChanged.connect(guarded('markers', requests.changed));
        bridge.selectionChanged.connect(guarded('selection', chosen.selection));
        bridge.intakeLocationChanged.connect(guarded('intake location', chosen.intake));
        bridge.duplicatesChanged.connect(guarded('duplicates', chosen.duplicates));
        bridge.pickResolved.connect(guarded('pick', chosen.pick));
        bridge.hotspotsChanged.connect(guarded('hot spots', hotspots.show));
        bridge.clustersChanged.connect(guarded('clusters', showClusters));
        bridge.viewRequested.connect(guarded('view', picking.setView));
        bridge.focusRequested.connect(guarded('focus', picking.focus));
        bridge.viewShown.connect(guarded('shown', viewShown));
        bridge.hello(PROTOCOL_VERSION);
    });
})();
