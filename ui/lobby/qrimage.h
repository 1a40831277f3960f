#pragma once

#include <QImage>
#include <QString>

namespace civicdesk {

// A QR code of `text` (libqrencode, error correction M), black on white with the standard
// four-module quiet zone, `moduleSize` pixels a module. A null image when it cannot be encoded.
QImage qrImage(const QString &text, int moduleSize = 8);

} // namespace civicdesk
