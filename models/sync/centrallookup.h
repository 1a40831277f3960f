#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <functional>

namespace civicdesk {

class Database;
class SyncClient;

// History queries beyond the local replica: asked of the central store when signed in and
// reachable, answered from this workstation's store otherwise, with a note saying so.
class CentralLookup : public QObject
{
    Q_OBJECT

public:
    enum class Key
    {
        Number,
        Phone,
        Address
    };

    struct Row
    {
        QString id;
        QString number;
        QString typeName;
        QString status;
        QString address;
        QString description;
        QDateTime openedAt;
    };

    struct Answer
    {
        QList<Row> rows;
        bool central = false; // from the central store (else this workstation's store)
        QString note;         // why the answer is local, when it is
    };

    // `client` may be null (standalone).
    CentralLookup(Database &database, SyncClient *client, QObject *parent = nullptr);

    void find(Key key, const QString &value, std::function<void(const Answer &)> done);

private:
    Answer local(Key key, const QString &value, const QString &note) const;

    Database &m_database;
    SyncClient *m_client;
};

} // namespace civicdesk
