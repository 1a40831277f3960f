#pragma once

#include <QLoggingCategory>

// The map's logging category: bridge traffic, page console messages and JavaScript errors.
Q_DECLARE_LOGGING_CATEGORY(lcMap)
