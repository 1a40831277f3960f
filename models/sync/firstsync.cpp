#include "models/sync/firstsync.h"

#include "models/sync/referenceloader.h"
#include "models/sync/synclogging.h"

#include <QCoreApplication>

namespace civicdesk {

FirstSync::FirstSync(Database &database, SyncClient &client, QObject *parent)
    : QObject(parent), m_database(database), m_client(client)
{
    m_retry.setSingleShot(true);
}

FirstSync::~FirstSync()
{
    cancel();
}

bool FirstSync::isNeeded(Database &database)
{
    return !ReferenceLoader(database).isComplete();
}

void FirstSync::start()
{
    m_running = true;
    m_table = 0;
    m_backoff.reset();
    fetchIndex();
}

void FirstSync::cancel()
{
    if (!m_running)
        return;
    m_running = false;
    m_retry.stop();
    m_retry.disconnect(this);
    dropCalls();
}

void FirstSync::dropCalls()
{
    const QSet<quint64> calls = std::exchange(m_calls, {});
    for (quint64 call : calls)
        m_client.cancel(call);
}

void FirstSync::fail(const Error &error, void (FirstSync::*retry)())
{
    if (!syncerror::isTransient(error)) {
        m_running = false;
        emit finished(false, error.message);
        return;
    }
    const int delay = m_backoff.next();
    qCInfo(lcSync) << "first sync:" << error.message << "- retry in" << delay << "ms";
    emit retrying(error.message, delay);
    m_retry.disconnect(this);
    connect(&m_retry, &QTimer::timeout, this, retry);
    m_retry.start(delay);
}

void FirstSync::emitProgress(const QString &table)
{
    ReferenceLoader loader(m_database);
    qint64 loaded = 0;
    qint64 total = 0;
    for (const RemoteReferenceTable &t : std::as_const(m_index.tables)) {
        total += t.rows;
        loaded += std::min(t.rows, loader.rowsLoaded(t.name));
    }
    emit progress(loaded, total, table);
}

void FirstSync::fetchIndex()
{
    auto call = std::make_shared<quint64>(0);
    *call = m_client.reference([this, call](Result<RemoteReferenceIndex> r) {
        m_calls.remove(*call);
        if (!m_running)
            return;
        if (!r)
            return fail(r.error(), &FirstSync::fetchIndex);
        m_backoff.reset();
        m_index = r.value();
        for (const RemoteReferenceTable &t : std::as_const(m_index.tables)) {
            if (!ReferenceLoader::isKnownTable(t.name)) {
                m_running = false;
                emit finished(false, QCoreApplication::translate(
                                         "Sync", "The server offers a reference table "
                                                 "\"%1\" this CivicDesk does not know.")
                                         .arg(t.name));
                return;
            }
        }
        emitProgress(QString());
        nextPage();
    });
    m_calls.insert(*call);
}

void FirstSync::nextPage()
{
    ReferenceLoader loader(m_database);
    while (m_table < m_index.tables.size() && loader.isTableDone(m_index.tables.at(m_table).name))
        ++m_table;
    if (m_table >= m_index.tables.size()) {
        m_running = false;
        if (auto s = loader.finish(m_index.version, m_index.city); !s) {
            emit finished(false, s.error().message);
            return;
        }
        qCInfo(lcSync) << "first sync complete: reference version" << m_index.version;
        emit finished(true, QString());
        return;
    }
    const QString table = m_index.tables.at(m_table).name;
    requestPage(table, loader.resumeAfter(table));
}

void FirstSync::requestPage(const QString &table, const QString &after)
{
    auto call = std::make_shared<quint64>(0);
    *call = m_client.referencePage(
        table, after, m_pageSize, [this, table, call](Result<RemoteReferencePage> r) {
            m_calls.remove(*call);
            if (!m_running)
                return;
            if (!r) {
                // Ask again from the last page stored (any page still on its way is dropped).
                dropCalls();
                return fail(r.error(), &FirstSync::nextPage);
            }
            m_backoff.reset();
            const QJsonValue next = r.value().next;
            const bool last = next.isNull() || next.isUndefined();
            // Ask for the next page now, so the server makes it while this one is stored.
            if (!last)
                requestPage(table, next.isString()
                                       ? next.toString()
                                       : QString::number(next.toVariant().toLongLong()));
            ReferenceLoader pageLoader(m_database);
            if (auto s = pageLoader.loadPage(table, r.value().columns, r.value().binaryColumns,
                                             r.value().rows, next);
                !s) {
                m_running = false;
                dropCalls();
                emit finished(false, s.error().message);
                return;
            }
            emitProgress(table);
            if (last)
                nextPage();
        });
    m_calls.insert(*call);
}

} // namespace civicdesk
