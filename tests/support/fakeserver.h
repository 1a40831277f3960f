#pragma once

// An in-process civicdesk-server for sync tests, reached through a QNetworkAccessManager whose
// replies it makes itself (no sockets). It keeps an event log with global sequence numbers,
// de-duplicates pushes by event id, holds long polls, serves reference tables with keyset
// pages, and injects faults into chosen requests: refused, hanging, 500, 503 with Retry-After,
// truncated body, or accepted and then the connection dropped.

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <optional>

namespace civicdesk::test {

class FakeReply : public QNetworkReply
{
    Q_OBJECT

public:
    FakeReply(const QNetworkRequest &request, QNetworkAccessManager::Operation operation,
              const QByteArray &verb, QObject *parent);
    void respond(int status, const QByteArray &body, qsizetype deliverBytes = -1,
                 const QByteArray &retryAfter = {});
    void failNetwork(QNetworkReply::NetworkError error = QNetworkReply::ConnectionRefusedError);
    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

class FakeServer : public QObject
{
    Q_OBJECT

public:
    enum class Fault
    {
        Refuse,         // connection refused
        Hang,           // never answers (the client's timeout must fire)
        ServerError,    // 500, nothing done
        Truncate,       // a correct answer cut in half
        AcceptThenDrop, // the work is done, then the connection drops before the answer
        Unauthorized,   // 401
        Unavailable     // 503 with Retry-After: 2 (the store cannot be reached), nothing done
    };

    struct StoredEvent
    {
        QJsonObject json; // without seq
        qint64 seq = 0;
    };

    explicit FakeServer(QObject *parent = nullptr);
    ~FakeServer() override;

    QNetworkAccessManager &network() { return *m_network; }

    // The `nth` request (1 = the next one) whose "METHOD /path" starts with `prefix` gets
    // `fault`.
    void addFault(const QString &prefix, int nth, Fault fault);
    void setOnline(bool online);
    void addUser(const QString &name, const QString &password, const QString &role);
    // Tokens already handed out stop working (as if they had expired).
    void expireTokens();
    // Events for which this returns a reason are rejected.
    void setRejectRule(std::function<std::optional<QJsonObject>(const QJsonObject &)> rule)
    {
        m_rejectRule = std::move(rule);
    }
    void setReference(const QString &version, const QJsonObject &city);
    // `binaryColumns` are answered as the server's "binary_columns" (values in base64).
    void addReferenceTable(const QString &name, const QStringList &columns,
                           const QList<QJsonArray> &rows, const QStringList &binaryColumns = {});

    // An event written by another workstation or channel.
    qint64 inject(const QJsonObject &event);
    const QList<StoredEvent> &events() const { return m_events; }
    int countOf(const QString &eventId) const;

    // Every request seen, as "METHOD /path?query".
    const QStringList &log() const { return m_log; }
    const QList<int> &pushSizes() const { return m_pushSizes; }
    int heldPolls() const;

private:
    friend class FakeNetwork;
    QNetworkReply *handle(QNetworkAccessManager::Operation operation,
                          const QNetworkRequest &request, const QByteArray &verb,
                          const QByteArray &body);
    void route(FakeReply *reply, const QByteArray &verb, const QUrl &url, const QByteArray &body,
               const QByteArray &authorization, std::optional<Fault> fault);
    void answer(FakeReply *reply, int status, const QJsonObject &body, std::optional<Fault> fault);
    QJsonObject pullAnswer(qint64 after, int limit) const;
    void wakePolls();
    qint64 append(const QJsonObject &event);

    struct FaultRule
    {
        QString prefix;
        int remaining;
        Fault fault;
    };
    struct HeldPoll
    {
        QPointer<FakeReply> reply;
        qint64 after;
        int limit;
        QTimer *timer;
    };
    struct Table
    {
        QStringList columns;
        QList<QJsonArray> rows;
        QStringList binaryColumns;
    };

    QNetworkAccessManager *m_network;
    QList<FaultRule> m_faults;
    bool m_online = true;
    QHash<QString, std::pair<QString, QString>> m_users; // name -> password, role
    QHash<QString, QString> m_tokens;                    // token -> user
    std::function<std::optional<QJsonObject>(const QJsonObject &)> m_rejectRule;
    QList<StoredEvent> m_events;
    QHash<QString, qint64> m_seqById;
    QList<HeldPoll> m_polls;
    QString m_referenceVersion = QStringLiteral("1");
    QJsonObject m_city;
    QStringList m_tableOrder;
    QHash<QString, Table> m_tables;
    QStringList m_log;
    QList<int> m_pushSizes;
    int m_tokenCounter = 0;
};

} // namespace civicdesk::test
