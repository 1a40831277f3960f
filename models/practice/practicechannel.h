#pragma once

#include "models/domain/result.h"
#include "models/practice/practicehttp.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace civicdesk {

// What a live practice call is: its id, the scenario the trainer chose and who takes part.
struct PracticeCallInfo
{
    QString session;
    QString code; // the trainer's only: the join code to read out
    QString scenario;
    QString title;
    QString trainer;
    QString trainee;
};

// The one client of civicdesk-server's practice channel (API.md, "Live practice calls"): a
// narrowly scoped object that can only speak /api/v1/practice/ — every URL it asks is built from
// that prefix, so it cannot push, pull or read anything of the live store. It is made only when
// a trainer opens a live call or a trainee joins one; the practice workspace itself still has no
// sync engine and no network access manager. As trainer it says the caller's lines and receives
// the trainee's questions and intake; as trainee it asks and mirrors the intake and receives the
// lines. Messages arrive by long-poll until the call ends or the object is destroyed.
class PracticeChannel : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *Prefix = PracticeHttp::Prefix;
    static constexpr int WaitSeconds = 25;

    // `network` is the channel's own (or a test's); `token` a sign-in of the central store.
    PracticeChannel(QNetworkAccessManager &network, QUrl server, QString token,
                    QObject *parent = nullptr);
    // With a network access manager of its own (the workstation's live calls).
    PracticeChannel(QUrl server, QString token, QObject *parent = nullptr);
    ~PracticeChannel() override;

    template <typename T> using Callback = std::function<void(Result<T>)>;
    // The trainer opens a call for a scenario; messages start arriving.
    void open(const QString &scenario, const QString &title, Callback<PracticeCallInfo> done);
    // The trainee joins with the trainer's code; messages start arriving.
    void join(const QString &code, Callback<PracticeCallInfo> done);
    // The trainer's line as the caller.
    void say(const QString &line);
    // The trainee's question to the caller.
    void ask(const QString &question);
    // The trainee's intake as it stands (sent only when it changed).
    void mirror(const QJsonObject &intake);
    // Ends the call for both (the trainer) or leaves it (the trainee).
    void close();
    // Closes the call and deletes this object once the server has answered (or at once when
    // no call is open): what the owner does when it lets go of the channel.
    void finish();
    const PracticeCallInfo &info() const { return m_info; }
    bool isOpen() const { return !m_info.session.isEmpty() && !m_closed; }
    // The URL of a channel path ("messages" -> <server>/api/v1/practice/messages).
    QUrl url(const QString &path) const;

signals:
    void lineReceived(const QString &line, const QString &from);
    void questionReceived(const QString &question, const QString &from);
    void intakeReceived(const QJsonObject &intake);
    void traineeJoined(const QString &trainee);
    void ended(const QString &by);
    // A message could not be sent or the call could not be followed (the text says why).
    void failed(const QString &message);

private:
    using JsonCallback = std::function<void(Result<QJsonObject>)>;
    void send(const QByteArray &method, const QString &path, const QJsonObject *body,
              const QString &query, int timeoutMs, JsonCallback done);
    void post(const QJsonObject &message);
    void sendNext();
    void started(const QJsonObject &answer, bool trainer);
    void poll();

    std::unique_ptr<QNetworkAccessManager> m_ownNetwork;
    PracticeHttp m_http;
    PracticeCallInfo m_info;
    bool m_trainer = false;
    bool m_closed = false;
    qint64 m_after = 0;
    QJsonObject m_lastIntake;
    QList<QJsonObject> m_outbox; // messages not sent yet, in order
    bool m_sending = false;
    QPointer<QNetworkReply> m_poll;
    int m_failures = 0;
};

} // namespace civicdesk
