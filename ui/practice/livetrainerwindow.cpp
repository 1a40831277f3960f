#include "ui/practice/livetrainerwindow.h"

#include "models/practice/intakemirror.h"
#include "models/practice/practicechannel.h"
#include "ui/common/shortcutguard.h"

#include <QBoxLayout>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>

namespace civicdesk {

LiveTrainerWindow::LiveTrainerWindow(PracticeChannel &channel, const Scenario &scenario,
                                     QWidget *parent)
    : QDialog(parent), m_channel(channel), m_scenario(scenario), m_code(new QLabel(this)),
      m_status(new QLabel(this)), m_scriptLabel(new QLabel(this)),
      m_script(new QPlainTextEdit(this)), m_transcriptLabel(new QLabel(this)),
      m_transcript(new QListWidget(this)), m_lineLabel(new QLabel(this)),
      m_line(new QLineEdit(this)), m_say(new QPushButton(this)), m_intakeLabel(new QLabel(this)),
      m_intake(new QPlainTextEdit(this)), m_end(new QPushButton(this))
{
    setObjectName(QStringLiteral("liveTrainerWindow"));
    m_code->setObjectName(QStringLiteral("joinCodeLabel"));
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_code->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: bold;"));
    m_status->setObjectName(QStringLiteral("liveStatusLabel"));
    m_status->setWordWrap(true);
    m_script->setObjectName(QStringLiteral("scenarioScriptView"));
    m_script->setReadOnly(true);
    m_script->setPlainText(script());
    m_transcript->setObjectName(QStringLiteral("liveTranscriptList"));
    m_transcript->setWordWrap(true);
    m_line->setObjectName(QStringLiteral("callerLineEdit"));
    m_line->setMaxLength(1000);
    m_say->setObjectName(QStringLiteral("sayLineButton"));
    m_intake->setObjectName(QStringLiteral("traineeIntakeView"));
    m_intake->setReadOnly(true);
    m_end->setObjectName(QStringLiteral("endLiveCallButton"));
    m_lineLabel->setBuddy(m_line);
    m_transcriptLabel->setBuddy(m_transcript);
    m_intakeLabel->setBuddy(m_intake);
    m_scriptLabel->setBuddy(m_script);

    auto *layout = new QGridLayout(this);
    layout->addWidget(m_code, 0, 0, 1, 2);
    layout->addWidget(m_status, 1, 0, 1, 2);
    auto *left = new QVBoxLayout;
    left->addWidget(m_transcriptLabel);
    left->addWidget(m_transcript, 3);
    left->addWidget(m_lineLabel);
    auto *say = new QHBoxLayout;
    say->addWidget(m_line, 1);
    say->addWidget(m_say);
    left->addLayout(say);
    left->addWidget(m_scriptLabel);
    left->addWidget(m_script, 2);
    auto *right = new QVBoxLayout;
    right->addWidget(m_intakeLabel);
    right->addWidget(m_intake, 1);
    right->addWidget(m_end);
    layout->addLayout(left, 2, 0);
    layout->addLayout(right, 2, 1);
    layout->setColumnStretch(0, 3);
    layout->setColumnStretch(1, 2);
    setTabOrder(m_line, m_say);
    setTabOrder(m_say, m_transcript);
    setTabOrder(m_transcript, m_script);
    setTabOrder(m_script, m_intake);
    setTabOrder(m_intake, m_end);

    connect(m_line, &QLineEdit::returnPressed, this, &LiveTrainerWindow::sendLine);
    connect(m_say, &QPushButton::clicked, this, &LiveTrainerWindow::sendLine);
    connect(m_end, &QPushButton::clicked, this, &LiveTrainerWindow::endRequested);
    // Ctrl+E works in the line too (a text field would take it as "end of line" on X11).
    new ShortcutGuard(this);
    auto *end = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_E), this);
    connect(end, &QShortcut::activated, this, &LiveTrainerWindow::endRequested);

    connect(&m_channel, &PracticeChannel::lineReceived, this,
            [this](const QString &line, const QString &) { add(tr("Caller (you)"), line); });
    connect(&m_channel, &PracticeChannel::questionReceived, this,
            [this](const QString &question, const QString &from) {
                add(tr("%1 asks").arg(from), question);
            });
    connect(&m_channel, &PracticeChannel::traineeJoined, this, [this](const QString &trainee) {
        m_trainee = trainee;
        add(tr("Practice"), tr("%1 joined; say the caller's opening line.").arg(trainee));
        retranslate();
    });
    connect(&m_channel, &PracticeChannel::intakeReceived, this, [this](const QJsonObject &intake) {
        m_lastIntake = intake;
        m_intake->setPlainText(intakeMirrorLines(intake).join(u'\n'));
    });
    connect(&m_channel, &PracticeChannel::ended, this, [this](const QString &) {
        m_ended = true;
        m_line->setEnabled(false);
        m_say->setEnabled(false);
        add(tr("Practice"), tr("The live call has ended."));
        retranslate();
    });
    connect(&m_channel, &PracticeChannel::failed, this,
            [this](const QString &message) { add(tr("Problem"), message); });
    retranslate();
    m_line->setText(m_scenario.opening); // the opening line, ready to say or change
    m_line->selectAll();
    m_line->setFocus(Qt::OtherFocusReason);
    resize(900, 600);
}

QString LiveTrainerWindow::script() const
{
    QStringList lines;
    lines << tr("Opening: %1").arg(m_scenario.opening)
          << tr("Where (F5): %1").arg(m_scenario.location)
          << tr("What happened (F6): %1").arg(m_scenario.details)
          << tr("Who is calling (F7): %1")
                 .arg(m_scenario.callerLine.isEmpty()
                          ? (m_scenario.caller.anonymous
                                 ? tr("anonymous")
                                 : QString(m_scenario.caller.name + u' ' + m_scenario.caller.phone))
                          : m_scenario.callerLine);
    for (const ScenarioAnswer &answer : m_scenario.answers)
        lines << tr("Answer (F8): %1").arg(answer.say);
    return lines.join(u'\n');
}

void LiveTrainerWindow::sendLine()
{
    const QString line = m_line->text().trimmed();
    if (line.isEmpty() || m_ended)
        return;
    m_channel.say(line); // shown when the server echoes it, in the call's order
    m_line->clear();
}

void LiveTrainerWindow::add(const QString &who, const QString &text)
{
    auto *item = new QListWidgetItem(who + u": " + text, m_transcript);
    item->setData(Qt::UserRole, text);
    m_transcript->scrollToItem(item);
}

void LiveTrainerWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void LiveTrainerWindow::retranslate()
{
    setWindowTitle(tr("PRACTICE — live call: %1").arg(m_scenario.title));
    m_code->setText(tr("Join code: %1").arg(m_channel.info().code));
    m_code->setAccessibleName(m_code->text());
    m_status->setText(
        m_ended ? tr("The live call has ended; close this window.")
        : m_trainee.isEmpty()
            ? tr("Waiting for the trainee: on their workstation, Practice ▸ Join a trainer's live "
                 "call (Ctrl+Alt+J), then this code.")
            : tr("%1 takes the call. Type what the caller says and press Enter.").arg(m_trainee));
    m_transcriptLabel->setText(tr("&Transcript"));
    m_transcript->setAccessibleName(tr("Transcript of the live call"));
    m_lineLabel->setText(tr("&Say as the caller:"));
    m_line->setAccessibleName(tr("Say as the caller"));
    m_say->setText(tr("Sa&y"));
    m_say->setAccessibleName(tr("Say the line"));
    m_scriptLabel->setText(tr("Scenario s&cript"));
    m_script->setAccessibleName(tr("Scenario script"));
    m_intakeLabel->setText(tr("Trainee's &intake (read only)"));
    m_intake->setAccessibleName(tr("Trainee's intake, read only"));
    m_end->setText(tr("&End the call (Ctrl+E)"));
    m_end->setAccessibleName(tr("End the live call"));
}

} // namespace civicdesk
