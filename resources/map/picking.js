// Picking a location on the CivicDesk map page (map.js): by a click, or from the keyboard with
// the crosshair (arrow keys move it, Shift for larger steps; Enter or Space picks; + and - zoom
// around it; Escape closes a popup). A pick goes to C++ (locationChosen); C++ also moves the view
// (setView) and gives the map the keyboard (focusMap).

// `page` is the page's context (pagetools.js).
window.civicdeskPicking = function (page) {
    'use strict';

    const {map, container, guarded, afterPaint} = page;

    const crosshair = document.getElementById('crosshair');
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
        page.bridge.locationChosen(latlng.lat, latlng.lng, how);
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

    function focusMap() {
        container.focus();
        showCrosshair();
        page.bridge.rendered('focus', document.activeElement === container ? 1 : 0, 0);
    }

    // The page as a whole gets the keyboard (the agent tabbed into the map): so does the map.
    window.addEventListener('focus', () => {
        if (document.activeElement === document.body)
            container.focus();
    });

    function setView(lat, lon, zoom) {
        page.viewTouched = true;
        map.setView([lat, lon], zoom > 0 ? zoom : map.getZoom(), {animate: false});
        cross = L.latLng(lat, lon);
        placeCrosshair();
        const zoomNow = Math.round(map.getZoom());
        afterPaint(() => page.bridge.rendered('view', zoomNow, 0));
    }

    return {setView: setView, focus: focusMap};
};
