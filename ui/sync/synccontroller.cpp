#include "ui/sync/synccontroller.h"

#include "models/sync/centrallookup.h"
#include "models/sync/syncclient.h"
#include "models/sync/syncengine.h"
#include "models/sync/syncstore.h"
#include "ui/common/settings.h"
#include "ui/sync/centrallookupdialog.h"
#include "ui/sync/logindialog.h"
#include "ui/sync/refusedchangesdialog.h"
#include "ui/sync/syncsettingsdialog.h"

#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

namespace civicdesk {

SyncController::SyncController(QMainWindow &window, Settings &settings, SyncStore &journal,
                               CentralLookup &lookup, EventStore &events, SyncEngine *engine,
                               SyncClient *client, QString agent, QObject *parent)
    : QObject(parent), m_window(window), m_settings(settings), m_journal(journal), m_lookup(lookup),
      m_events(events), m_engine(engine), m_client(client), m_agent(std::move(agent))
{
    m_prompt = [this](const QString &reason) { return promptForLogin(reason); };
    m_label = window.findChild<QLabel *>(QStringLiteral("syncStatusLabel"));
    if (!m_label) {
        m_label = new QLabel(&window);
        m_label->setObjectName(QStringLiteral("syncStatusLabel"));
        window.statusBar()->addWidget(m_label);
    }
    if (m_engine) {
        connect(m_engine, &SyncEngine::statusChanged, this, &SyncController::updateStatus);
        connect(m_engine, &SyncEngine::authenticationRequired, this, [this] {
            // Asked from the event loop, not inside the failing network callback.
            QTimer::singleShot(0, this, [this] {
                if (m_prompting)
                    return;
                m_prompting = true;
                const bool ok =
                    m_prompt(tr("Your session with the central store has ended. Enter your "
                                "password again; the work not yet synced is kept on this "
                                "workstation."));
                m_prompting = false;
                if (ok)
                    signedIn();
            });
        });
    }
    createMenu();
    updateStatus();
}

void SyncController::createMenu()
{
    QMenu *menu = m_window.menuBar()->addMenu(tr("S&ync"));
    menu->setObjectName(QStringLiteral("syncMenu"));
    m_signIn = menu->addAction(tr("&Sign in…"), this, [this] {
        if (m_prompt(QString()))
            signedIn();
    });
    m_signIn->setObjectName(QStringLiteral("syncSignInAction"));
    m_signOut = menu->addAction(tr("Sign &out"), this, &SyncController::signOut);
    m_signOut->setObjectName(QStringLiteral("syncSignOutAction"));
    QAction *lookup = menu->addAction(tr("&Find requests in the central store…"), this,
                                      &SyncController::showCentralLookup);
    lookup->setObjectName(QStringLiteral("syncLookupAction"));
    QAction *refused =
        menu->addAction(tr("&Refused changes…"), this, &SyncController::showRefusedChanges);
    refused->setObjectName(QStringLiteral("syncRefusedAction"));
    menu->addSeparator();
    QAction *server =
        menu->addAction(tr("Central store &settings…"), this, &SyncController::showServerSettings);
    server->setObjectName(QStringLiteral("syncSettingsAction"));
    m_signIn->setEnabled(m_engine != nullptr);
    m_signOut->setEnabled(m_engine != nullptr);
}

bool SyncController::promptForLogin(const QString &reason)
{
    if (!m_client)
        return false;
    LoginDialog dialog(
        m_client->server().toString(), m_agent, reason,
        [this](const QString &user, const QString &password,
               std::function<void(const QString &)> done) {
            if (!m_agent.isEmpty() && user != m_agent) {
                done(tr("This window works for %1. To sign in as %2, restart CivicDesk.")
                         .arg(m_agent, user));
                return;
            }
            const QString device = m_journal.deviceCode();
            m_client->login(user, password, device, [done](Result<LoginResult> r) {
                done(r ? QString() : r.error().message);
            });
        },
        &m_window);
    return dialog.exec() == QDialog::Accepted;
}

void SyncController::signedIn()
{
    if (m_engine) {
        m_engine->start();
        updateStatus();
    }
}

void SyncController::signOut()
{
    if (!m_engine || !m_client)
        return;
    m_engine->stop();
    // The server forgets the token; ours is dropped at once either way.
    const QString token = m_client->token();
    if (!token.isEmpty())
        m_client->logout([](Result<Ok>) {});
    m_client->setToken(QString());
    updateStatus();
}

void SyncController::showRefusedChanges()
{
    RefusedChangesDialog dialog(m_journal, m_events, &m_window);
    dialog.exec();
    updateStatus();
}

void SyncController::showCentralLookup()
{
    CentralLookupDialog dialog(m_lookup, &m_window);
    dialog.exec();
}

CentralQuery SyncController::centralQuery()
{
    QPointer<CentralLookup> lookup(&m_lookup);
    return [lookup](CentralKey key, const QString &value,
                    std::function<void(const CentralAnswer &)> done) {
        if (!lookup)
            return;
        lookup->find(
            key == CentralKey::Phone ? CentralLookup::Key::Phone : CentralLookup::Key::Address,
            value, [done](const CentralLookup::Answer &answer) {
                CentralAnswer converted;
                converted.central = answer.central;
                converted.note = answer.note;
                for (const CentralLookup::Row &row : answer.rows) {
                    ServiceRequest r;
                    r.id = row.id;
                    r.number = row.number;
                    r.typeName = row.typeName;
                    r.status = requestStatusFromName(row.status).value_or(RequestStatus::Open);
                    r.address = row.address;
                    r.description = row.description;
                    r.openedAt = row.openedAt;
                    converted.requests.append(r);
                }
                done(converted);
            });
    };
}

void SyncController::showServerSettings()
{
    SyncSettingsDialog dialog(m_settings.serverUrl(), &m_window);
    if (dialog.exec() == QDialog::Accepted) {
        m_settings.setServerUrl(dialog.serverUrl());
        QMessageBox::information(
            &m_window, tr("Central store"),
            dialog.serverUrl().isEmpty()
                ? tr("CivicDesk will run standalone from the next start.")
                : tr("CivicDesk will sync with %1 from the next start.").arg(dialog.serverUrl()));
    }
}

QString SyncController::statusText() const
{
    if (!m_engine)
        return tr("Standalone: working on this workstation's store (no server configured)");
    const SyncStatus status = m_engine->status();
    const QLocale locale;
    QString last = tr("never");
    if (status.lastSuccess.isValid()) {
        const QDateTime local = status.lastSuccess.toLocalTime();
        last = local.date() == QDate::currentDate()
                   ? locale.toString(local.time(), QLocale::LongFormat)
                   : locale.toString(local, QLocale::ShortFormat);
    }
    const QString waiting = status.waiting == 1
                                ? tr("1 change waiting")
                                : tr("%1 changes waiting").arg(locale.toString(status.waiting));
    QString text;
    switch (status.connection) {
    case SyncStatus::Connection::Connecting:
        text = m_client && m_client->token().isEmpty()
                   ? tr("Signed out: working on this workstation · %1").arg(waiting)
                   : tr("Connecting… · %1 · last sync %2").arg(waiting, last);
        break;
    case SyncStatus::Connection::Online:
        text = tr("Online · %1 · last sync %2").arg(waiting, last);
        break;
    case SyncStatus::Connection::Offline:
        text = tr("Offline: working on this workstation · %1 · last sync %2").arg(waiting, last);
        break;
    case SyncStatus::Connection::SignedOut:
        text = tr("Signed out: sign in to sync · %1 kept on this workstation").arg(waiting);
        break;
    }
    if (!m_engine->isRunning() && status.connection != SyncStatus::Connection::SignedOut &&
        status.connection != SyncStatus::Connection::Connecting)
        text = tr("Signed out: working on this workstation · %1").arg(waiting);
    if (status.rejected > 0)
        text += u" · " + (status.rejected == 1 ? tr("1 change refused (Sync ▸ Refused changes)")
                                               : tr("%1 changes refused (Sync ▸ Refused changes)")
                                                     .arg(locale.toString(status.rejected)));
    return text;
}

void SyncController::updateStatus()
{
    if (m_label) {
        m_label->setText(statusText());
        // The last problem, for the agent or IT to read out (the line stays short).
        const QString error = m_engine ? m_engine->status().lastError : QString();
        m_label->setToolTip(error.isEmpty() ? QString() : tr("Last problem: %1").arg(error));
    }
    if (m_signIn && m_engine)
        m_signIn->setEnabled(!m_engine->isRunning());
    if (m_signOut && m_engine)
        m_signOut->setEnabled(m_engine->isRunning());
}

} // namespace civicdesk
