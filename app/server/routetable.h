#pragma once

#include <QByteArray>
#include <QString>

namespace civicdesk {

// The methods each endpoint answers, for the 405 of a known path asked with another method
// ("GET, POST"); empty for a path no endpoint serves (a 404). Kept beside the routes it mirrors:
// syncapi.cpp, queryapi.cpp, open311api.cpp.
QByteArray allowedMethods(const QString &path);
// Whether a path is answered only with a valid sign-in token: every sync API path but the
// sign-in itself. A request to such a path without one is refused before its body is read.
bool needsSignIn(QByteArrayView path);

// A sign-in is a name and a password; an Open311 POST a form.
constexpr qint64 MaxSignInBodyBytes = 16 * 1024;
constexpr qint64 MaxFormBodyBytes = 64 * 1024;
// A live practice call's message is a line of speech or one intake.
constexpr qint64 MaxPracticeBodyBytes = 32 * 1024;
// The largest body a path takes (http::MaxBodyBytes for the sync API's pushes), so that a client
// without a sign-in cannot make the server hold a megabyte per connection.
qint64 maxBodyBytes(QByteArrayView path);

} // namespace civicdesk
