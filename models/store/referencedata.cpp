#include "models/store/referencedata.h"

namespace civicdesk::referencedata {

const QList<Table> &tables()
{
    static const QList<Table> all = {
        {QStringLiteral("departments"), QStringLiteral("code"), false, {}},
        {QStringLiteral("service_types"), QStringLiteral("code"), false, {}},
        {QStringLiteral("service_attributes"),
         QStringLiteral("service_code || '|' || code"),
         false,
         {}},
        {QStringLiteral("slas"), QStringLiteral("service_code"), false, {}},
        {QStringLiteral("referrals"), QStringLiteral("id"), true, {}},
        {QStringLiteral("synonyms"), QStringLiteral("language || '|' || term"), false, {}},
        {QStringLiteral("map_layers"), QStringLiteral("id"), false, {}},
        {QStringLiteral("addresses"), QStringLiteral("id"), true, {}},
        {QStringLiteral("intersections"), QStringLiteral("id"), true, {}},
        {QStringLiteral("articles"), QStringLiteral("id"), false, {}},
        // The city's imported request history; new requests arrive as events.
        {QStringLiteral("requests"), QStringLiteral("id"), false,
         QStringLiteral("origin = 'import'")},
    };
    return all;
}

const QStringList &names()
{
    static const QStringList all = [] {
        QStringList list;
        for (const Table &t : tables())
            list.append(t.name);
        return list;
    }();
    return all;
}

} // namespace civicdesk::referencedata
