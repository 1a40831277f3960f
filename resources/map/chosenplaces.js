// The places the CivicDesk map page (map.js) marks for the agent: the selected request, the
// location being entered in intake, the duplicate candidates near it and the address found for
// a pick, each drawn above the requests and acknowledged to C++ (rendered).

// `page` is the page's context (pagetools.js).
window.civicdeskChosenPlaces = function (page) {
    'use strict';

    const {map, escapeHtml} = page;

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
            page.bridge.rendered('selection', 0, 0);
            return;
        }
        selectionMarker = L.marker([s.lat, s.lon], {
            icon: tag('selected', '', [34, 34]), pane: 'chosen', keyboard: false,
            zIndexOffset: 1000});
        selectionMarker.bindTooltip(escapeHtml(s.label), {permanent: true, direction: 'right',
                                                          offset: [16, 0]});
        selectionMarker.on('click', () => page.bridge.markerActivated(s.id));
        chosen.addLayer(selectionMarker);
        if (s.pan) {
            page.viewTouched = true;
            map.setView([s.lat, s.lon], Math.max(map.getZoom(), 17), {animate: false});
        }
        page.bridge.rendered('selection', 1, 0);
    }

    function showIntake(json) {
        const s = JSON.parse(json);
        if (intakeMarker)
            chosen.removeLayer(intakeMarker);
        intakeMarker = null;
        if (s.lat === undefined) {
            page.bridge.rendered('intake', 0, 0);
            return;
        }
        intakeMarker = L.marker([s.lat, s.lon], {
            icon: tag('intake', '<span></span>', [28, 40], [14, 38]), pane: 'chosen',
            keyboard: false, interactive: false, zIndexOffset: 900});
        intakeMarker.bindTooltip(escapeHtml(s.label || page.labels.intakeLocation || ''),
                                 {permanent: true, direction: 'top', offset: [0, -38]});
        chosen.addLayer(intakeMarker);
        page.viewTouched = true;
        if (!map.getBounds().pad(-0.1).contains([s.lat, s.lon]))
            map.setView([s.lat, s.lon], Math.max(map.getZoom(), 16), {animate: false});
        page.bridge.rendered('intake', 1, 0);
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
            marker.on('click', () => page.bridge.markerActivated(d.id));
            duplicates.addLayer(marker);
            bounds.push([d.lat, d.lon]);
        }
        if (intakeMarker)
            bounds.push(intakeMarker.getLatLng());
        if (bounds.length > 1) {
            page.viewTouched = true;
            map.fitBounds(bounds, {padding: [60, 60], maxZoom: 18, animate: false});
        }
        page.bridge.rendered('duplicates', list.length, 0);
    }

    function showPick(json) {
        const p = JSON.parse(json);
        if (pickMarker)
            chosen.removeLayer(pickMarker);
        pickMarker = null;
        if (p.lat === undefined) {
            page.bridge.rendered('pick', 0, 0);
            return;
        }
        pickMarker = L.marker([p.lat, p.lon], {
            icon: tag('picked', '', [22, 22]), pane: 'chosen', keyboard: false,
            zIndexOffset: 950});
        const html = p.found
            ? '<b>' + escapeHtml(p.label) + '</b><br>' + escapeHtml(p.detail)
            : escapeHtml(page.labels.noAddress || '');
        chosen.addLayer(pickMarker);
        pickMarker.bindPopup(html, {autoPan: true, closeButton: true}).openPopup();
        page.status.textContent = p.found ? p.label : (page.labels.noAddress || '');
        page.bridge.rendered('pick', p.found ? 1 : 0, 0);
    }

    return {
        selection: showSelection,
        intake: showIntake,
        duplicates: showDuplicates,
        pick: showPick,
    };
};
