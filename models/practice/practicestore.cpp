#include "models/practice/practicestore.h"

#include "models/city/cataloguerepository.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/referencedata.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace civicdesk {

namespace {
class Text
{
    Q_DECLARE_TR_FUNCTIONS(PracticeStore)
};
} // namespace

const QStringList &PracticeStore::referenceTables()
{
    // The whole reference tables (not the imported request history: a practice store has
    // only its scenarios' seeded requests), and the address points' R*Tree with them.
    static const QStringList tables = [] {
        QStringList list;
        for (const referencedata::Table &t : referencedata::tables()) {
            if (t.filter.isEmpty())
                list.append(t.name);
        }
        list.insert(list.indexOf(QStringLiteral("addresses")) + 1,
                    QStringLiteral("addresses_rtree"));
        return list;
    }();
    return tables;
}

Result<std::unique_ptr<Database>> PracticeStore::create(const Database &live, const QString &path)
{
    if (live.dialect() != Dialect::Sqlite || live.path() == u":memory:")
        return makeError(QStringLiteral("practice.store"),
                         Text::tr("Practice needs the workstation's own store file."));
    if (QFileInfo::exists(path))
        return makeError(QStringLiteral("practice.store"),
                         Text::tr("The practice store %1 exists already.").arg(path));
    auto opened = Database::open(path);
    if (!opened)
        return opened.error();
    std::unique_ptr<Database> practice = std::move(opened.value());
    QSqlDatabase db = QSqlDatabase::database(practice->connectionName());
    QSqlQuery query(db);
    // The live file is attached to the practice connection and only read from.
    if (auto s = sql::exec(query, QStringLiteral("ATTACH DATABASE ? AS live"), {live.path()}); !s)
        return s.error();
    Status copied = [&]() -> Status {
        sql::Transaction transaction(db);
        if (auto s = transaction.begin(); !s)
            return s;
        for (const QString &table : referenceTables()) {
            // `table` is one of the fixed names above.
            if (auto s = sql::exec(query,
                                   u"INSERT INTO main." + table + u" SELECT * FROM live." + table);
                !s)
                return s;
        }
        if (auto s = sql::exec(query, QStringLiteral("INSERT OR REPLACE INTO main.meta(key, value) "
                                                     "SELECT key, value FROM live.meta WHERE key "
                                                     "LIKE 'city\\_%' ESCAPE '\\'"));
            !s)
            return s;
        return transaction.commit();
    }();
    static_cast<void>(sql::exec(query, QStringLiteral("DETACH DATABASE live")));
    if (!copied)
        return copied.error();
    return practice;
}

Result<QHash<QString, QString>> PracticeStore::seed(Database &practice, EventStore &events,
                                                    const Scenario &scenario, const Clock &clock)
{
    const CatalogueRepository catalogue(practice);
    auto device = practice.deviceCode();
    if (!device)
        return device.error();
    QHash<QString, QString> numbers;
    for (const ScenarioSeed &seed : scenario.seeds) {
        const auto type = catalogue.serviceType(seed.serviceCode);
        if (!type)
            return makeError(QStringLiteral("practice.seed"),
                             Text::tr("The seeded request type %1 is not in the catalogue.")
                                 .arg(seed.serviceCode));
        auto number = events.allocateRequestNumber();
        if (!number)
            return number.error();
        const QDateTime opened = clock.now().addDays(-seed.daysAgo);
        QJsonObject payload{{QStringLiteral("number"), number.value().compact()},
                            {QStringLiteral("service_code"), type->code},
                            {QStringLiteral("type_name"), type->name},
                            {QStringLiteral("description"), seed.description},
                            {QStringLiteral("address"), seed.address},
                            {QStringLiteral("channel"), QStringLiteral("phone")},
                            {QStringLiteral("department_code"), type->departmentCode},
                            {QStringLiteral("opened_at"), opened.toString(Qt::ISODate)},
                            {QStringLiteral("latitude"), seed.latitude},
                            {QStringLiteral("longitude"), seed.longitude}};
        if (type->sla)
            payload.insert(QStringLiteral("due_at"),
                           type->sla->dueFrom(opened).toString(Qt::ISODate));
        const Event event = Event::make(QStringLiteral("request"), Event::newId(),
                                        QStringLiteral("request.created"), payload,
                                        QStringLiteral("practice"), device.value(), opened);
        if (auto r = events.append(event); !r)
            return r.error();
        numbers.insert(seed.ref, number.value().display());
    }
    return numbers;
}

} // namespace civicdesk
