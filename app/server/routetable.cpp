#include "app/server/routetable.h"

#include "app/server/httpreply.h"

#include <QRegularExpression>
#include <array>

namespace civicdesk {

QByteArray allowedMethods(const QString &path)
{
    struct Route
    {
        const char *pattern;
        const char *methods;
    };
    static const std::array<Route, 24> routes = {{
        {"^/api/v1/login$", "POST"},
        {"^/api/v1/logout$", "POST"},
        {"^/api/v1/me$", "GET"},
        {"^/api/v1/events$", "GET, POST"},
        {"^/api/v1/requests$", "GET"},
        {"^/api/v1/requests/[^/]+$", "GET"},
        {"^/api/v1/reference$", "GET"},
        {"^/api/v1/reference/[^/]+$", "GET"},
        {"^/api/v1/reviews$", "GET"},
        {"^/api/v1/kpis$", "GET"},
        {"^/api/v1/users$", "GET, POST"},
        {"^/api/v1/users/[^/]+$", "PATCH"},
        {"^/api/v1/practice/sessions$", "POST"},
        {"^/api/v1/practice/join$", "POST"},
        {"^/api/v1/practice/messages$", "GET, POST"},
        {"^/api/v1/practice/close$", "POST"},
        {"^/api/v1/practice/scenarios$", "GET, POST, DELETE"},
        {"^/api/v1/practice/runs$", "GET, POST"},
        {"^/open311/[^/]+$", "GET"},
        {"^/open311/v2/requests\\.(json|xml)$", "GET, POST"},
        {"^/open311/v2/[^/]+$", "GET"},
        {"^/open311/v2/services/[^/]+$", "GET"},
        {"^/open311/v2/requests/[^/]+$", "GET"},
        {"^/open311/v2/tokens/[^/]+$", "GET"},
    }};
    for (const Route &route : routes) {
        const QRegularExpression expression(QString::fromLatin1(route.pattern));
        if (expression.match(path).hasMatch())
            return QByteArray(route.methods);
    }
    return {};
}

qint64 maxBodyBytes(QByteArrayView path)
{
    if (path == "/api/v1/login")
        return MaxSignInBodyBytes;
    if (path.startsWith("/open311/"))
        return MaxFormBodyBytes;
    if (path.startsWith("/api/v1/practice/"))
        return MaxPracticeBodyBytes;
    return http::MaxBodyBytes;
}

bool needsSignIn(QByteArrayView path)
{
    return path.startsWith("/api/v1/") && path != "/api/v1/login";
}

} // namespace civicdesk
