#pragma once

namespace civicdesk {

// On Linux Qt announces a combo box by its current value ("— choose —") and leaves its name to
// a label relation; screen readers and the accessibility walk then hear the value, not the
// question, and the name changes with every choice. This factory gives every combo box its
// accessible name (or its buddy label's text) as name and its current text as value.
// Installed once, by the main window.
void installAccessibleComboBox();

} // namespace civicdesk
