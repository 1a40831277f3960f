// What every part of the CivicDesk map page (map.js) shares: the page's state that C++ sets
// (the bridge, the translated labels, whether the agent moved the view), error reporting, and
// small helpers. map.js makes one with civicdeskPageContext() and hands it to each part
// (basemap.js, requests.js, chosenplaces.js, picking.js, hotspots.js).

window.civicdeskPageContext = function () {
    'use strict';

    const page = {
        bridge: null,        // the QWebChannel object "mapBridge", once the channel is up
        labels: {},          // translated labels (configured)
        viewTouched: false,  // someone moved the view: it no longer refits the city on resize
    };

    page.reportError = function (message, source, line) {
        const text = String(message);
        if (page.bridge)
            page.bridge.reportError(text, String(source || ''), Number(line) || 0);
        else
            console.error(text);
    };
    window.addEventListener('error', ev => {
        // Errors of scripts without an origin (muted as "Script error.") reach the console,
        // and through it the log, with their real message: don't report them twice.
        if (ev.filename)
            page.reportError(ev.message, ev.filename, ev.lineno);
    });
    window.addEventListener('unhandledrejection',
                            ev => page.reportError('unhandled rejection: ' + ev.reason, '', 0));

    // Every entry point from C++ runs through this: an exception is reported, never lost.
    page.guarded = function (name, fn) {
        return function (...args) {
            try {
                return fn.apply(this, args);
            } catch (e) {
                page.reportError(name + ': ' + ((e && e.stack) || e), 'map.js', 0);
            }
        };
    };

    page.escapeHtml = function (text) {
        return String(text).replace(/[&<>"']/g, c => ({
            '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'
        })[c]);
    };

    page.afterPaint = function (fn) {
        requestAnimationFrame(() => requestAnimationFrame(fn));
    };

    // What the scheme handler serves at `url`, as `type` ('json', 'arraybuffer').
    // XMLHttpRequest: QtWebEngine 6.4 lets the page fetch() nothing from a custom scheme, but
    // XMLHttpRequest from its own origin.
    page.fetchData = function (url, type) {
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
    };

    return page;
};
