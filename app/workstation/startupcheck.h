#pragma once

class QElapsedTimer;

namespace civicdesk {

// --startup-check: once the window is up, types one key into the widget that has the keyboard
// focus (as the first key an agent types would go), erases it, prints
// "civicdesk: ready after N ms (focus: NAME)" with the time since `started`, and quits with 0
// when the key landed in that widget's text (or, in a control without text such as a choice
// list, the control took it), 1 when it did not or nothing took the focus within
// a minute. For the start-up benchmark and install checks. With CIVICDESK_STARTUP_CHECK_HOLD=1
// in the environment it stays up after the key instead, reading commands from its standard
// input ("map" brings the map's tab to the front; "prepared" waits until the map's page is ready,
// hidden or not) until that input ends (the memory benchmark).
void runStartupCheck(const QElapsedTimer &started);

} // namespace civicdesk
