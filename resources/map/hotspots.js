// The hot spots of the CivicDesk map page (map.js): hexagon cells of requests (ui/map/hexbin.h)
// coloured by their count, with a legend of the colours.

// `page` is the page's context (pagetools.js) with its rendererFor(pane).
window.civicdeskHotspots = function (page) {
    'use strict';

    const HEAT = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
    const {map, escapeHtml, afterPaint} = page;
    let heatLegend = null;

    const hotspots = L.layerGroup().addTo(map);

    // {"cells":[{"ring":[lat, lon, ...], "count"}], "max", "total", "title"}
    function showHotspots(json) {
        const t0 = performance.now();
        const data = JSON.parse(json);
        hotspots.clearLayers();
        const cells = data.cells || [];
        const max = Math.max(1, data.max || 1);
        const renderer = page.rendererFor('hotspots');
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
                        '"></span>' + from.toLocaleString(page.labels.locale || undefined) +
                        '+</div>';
            }
            legend.innerHTML = html;
            legend.hidden = false;
            if (!map.hasLayer(hotspots))
                hotspots.addTo(map);
        }
        afterPaint(() => page.bridge.rendered('hotspots', cells.length, performance.now() - t0));
    }

    return {
        layer: hotspots,
        show: showHotspots,
        // Shows the legend in `control` (a control of map.js's makeLegend).
        setLegend: control => { heatLegend = control; },
    };
};
