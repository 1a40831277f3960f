#include "models/practice/intakemirror.h"
#include "models/practice/practicechannel.h"
#include "ui/common/mainwindow.h"
#include "ui/intake/intakepanel.h"
#include "ui/practice/callerpanel.h"
#include "ui/practice/livetrainerwindow.h"
#include "ui/practice/practicemode.h"
#include "ui/practice/scenariopickerdialog.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QTimer>

// Practice mode's live calls: a trainer plays the caller from a second workstation through
// civicdesk-server's practice channel (issue 17, item 6).

namespace civicdesk {

void PracticeMode::refuseLive(QWidget *parent, const QString &reason)
{
    emit liveRefused(reason);
    if (!m_joinCodeAsker) // tests answer through the seam and read the signal
        QMessageBox::information(parent, tr("Live practice call"), reason);
}

void PracticeMode::chooseLiveTrainer()
{
    if (m_trainerWindow) {
        m_trainerWindow->raise();
        m_trainerWindow->activateWindow();
        return;
    }
    if (!mayLeadLivePractice(m_authorRole))
        return refuseLive(&m_live,
                          tr("Live practice calls are opened by trainers and admins; this "
                             "workstation works as %1. To take a live call from a trainer, "
                             "choose Practice ▸ Join a trainer's live call (Ctrl+Alt+J).")
                              .arg(agentRoleName(m_authorRole)));
    if (!m_channelFactory)
        return refuseLive(&m_live, tr("A live practice call goes through the central store: "
                                      "start CivicDesk with a server and sign in. Without one, "
                                      "practise with the scripted caller (Ctrl+Alt+P)."));
    ScenarioPickerDialog picker(scenarios(), &m_live);
    picker.setWindowTitle(tr("Play the caller live: choose the scenario"));
    if (picker.exec() != QDialog::Accepted || picker.chosen() < 0)
        return;
    QString error;
    if (!openLiveTrainer(scenarios().scenarios.at(picker.chosen()).id, &error))
        refuseLive(&m_live, error);
}

bool PracticeMode::openLiveTrainer(const QString &scenarioId, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!m_channelFactory)
        return fail(tr("A live practice call goes through the central store; this workstation "
                       "has none."));
    const QList<Scenario> &all = scenarios().scenarios;
    const auto it = std::find_if(all.cbegin(), all.cend(),
                                 [&](const Scenario &s) { return s.id == scenarioId; });
    if (it == all.cend())
        return fail(tr("There is no practice scenario \"%1\".").arg(scenarioId));
    if (m_trainerChannel)
        return fail(tr("A live practice call is open already; end it first (Ctrl+E)."));
    m_trainerChannel = m_channelFactory();
    const Scenario scenario = *it;
    m_trainerChannel->open(
        scenario.id, scenario.title, [this, scenario](Result<PracticeCallInfo> opened) {
            if (!opened) {
                m_trainerChannel.release()->deleteLater();
                return refuseLive(&m_live, tr("The live practice call could not be opened: %1")
                                               .arg(opened.error().message));
            }
            m_trainerWindow = new LiveTrainerWindow(*m_trainerChannel, scenario, &m_live);
            m_trainerWindow->setAttribute(Qt::WA_DeleteOnClose);
            connect(m_trainerWindow, &LiveTrainerWindow::endRequested, m_trainerWindow,
                    &QDialog::close);
            connect(m_trainerWindow, &QObject::destroyed, this, [this] {
                m_trainerWindow = nullptr;
                if (m_trainerChannel)
                    m_trainerChannel.release()->finish();
            });
            m_trainerWindow->show();
            m_trainerWindow->activateWindow();
            emit liveOpened(opened.value().code);
        });
    return true;
}

void PracticeMode::chooseJoinLive()
{
    if (!m_channelFactory)
        return refuseLive(&m_live, tr("A live practice call goes through the central store: "
                                      "start CivicDesk with a server and sign in. Without one, "
                                      "practise with the scripted caller (Ctrl+Alt+P)."));
    // The trainer may have chosen a scenario written on another workstation: the shared
    // scenarios are brought up to date first.
    refreshShared([this] { askJoinCode(); });
}

void PracticeMode::askJoinCode()
{
    bool ok = false;
    const QString code =
        m_joinCodeAsker
            ? m_joinCodeAsker()
            : QInputDialog::getText(m_window ? static_cast<QWidget *>(m_window) : &m_live,
                                    tr("Join a trainer's live call"),
                                    tr("The &join code on the trainer's screen:"),
                                    QLineEdit::Normal, QString(), &ok);
    if (code.trimmed().isEmpty())
        return;
    joinLive(code);
}

void PracticeMode::joinLive(const QString &code)
{
    QWidget *parent = m_window ? static_cast<QWidget *>(m_window) : &m_live;
    if (!m_channelFactory)
        return refuseLive(parent, tr("A live practice call goes through the central store; "
                                     "this workstation has none."));
    if (m_traineeChannel)
        return refuseLive(parent, tr("You are in a live practice call already; leave it first "
                                     "(Ctrl+Alt+X)."));
    m_traineeChannel = m_channelFactory();
    m_traineeChannel->join(code, [this](Result<PracticeCallInfo> joined) {
        // start() leaves any run before (and its channel): this one is kept aside meanwhile.
        std::unique_ptr<PracticeChannel> channel = std::move(m_traineeChannel);
        QWidget *shown = m_window ? static_cast<QWidget *>(m_window) : &m_live;
        if (!joined) {
            channel.release()->deleteLater();
            return refuseLive(shown,
                              tr("Could not join the live call: %1").arg(joined.error().message));
        }
        QString error;
        if (!start(joined.value().scenario, &error)) {
            channel.release()->finish();
            return refuseLive(shown, tr("The trainer chose a scenario this workstation cannot "
                                        "run: %1")
                                         .arg(error));
        }
        m_traineeChannel = std::move(channel);
        PracticeChannel *live = m_traineeChannel.get();
        m_window->setWindowTitle(
            tr("PRACTICE — live call with %1 — %2").arg(joined.value().trainer, m_scenario.title));
        m_caller->setLiveCaller([live](const QString &question) { live->ask(question); });
        connect(
            live, &PracticeChannel::lineReceived, m_caller,
            [caller = m_caller](const QString &line, const QString &) { caller->hearLine(line); });
        connect(live, &PracticeChannel::ended, m_caller, [caller = m_caller](const QString &) {
            caller->liveEnded(tr("The live call has ended; score it (Ctrl+Alt+S) or leave "
                                 "practice (Ctrl+Alt+X)."));
        });
        connect(live, &PracticeChannel::failed, m_caller,
                [caller = m_caller](const QString &message) { caller->liveNotice(message); });
        // The trainer sees the intake as it fills in (sent only when it changed).
        m_mirrorTimer = new QTimer(m_window);
        m_mirrorTimer->setInterval(500);
        connect(m_mirrorTimer, &QTimer::timeout, this, &PracticeMode::mirrorIntake);
        m_mirrorTimer->start();
        mirrorIntake();
        emit liveJoined(m_scenario.id);
    });
}

void PracticeMode::mirrorIntake()
{
    if (m_traineeChannel && m_window)
        m_traineeChannel->mirror(intakeMirror(m_window->intakePanel()->session()));
}

} // namespace civicdesk
