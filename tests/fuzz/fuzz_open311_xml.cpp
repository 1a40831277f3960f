// Open311 XML as the server writes it from the JSON form of a response: any JSON whose member
// names are XML names (as the server's always are) becomes a well-formed document whose text
// a GeoReport client reads back.

#include "models/open311/georeportxml.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace {

bool xmlNames(const QJsonValue &value)
{
    static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]*$"));
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!name.match(it.key()).hasMatch() ||
                it.key().startsWith(u"xml", Qt::CaseInsensitive) || !xmlNames(it.value()))
                return false;
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            if (!xmlNames(item))
                return false;
        }
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument document = QJsonDocument::fromJson(civicdesk::fuzz::bytes(data, size));
    if (document.isNull())
        return 0;
    const QJsonValue json =
        document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    const QByteArray xml = civicdesk::open311::toXml(json, QStringLiteral("service_requests"),
                                                     QStringLiteral("request"));
    FUZZ_CHECK(xml.startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    if (!xmlNames(json))
        return 0;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd())
        reader.readNext();
    if (reader.hasError())
        std::fprintf(stderr, "%s\n", qPrintable(reader.errorString()));
    FUZZ_CHECK(!reader.hasError());
    return 0;
}
