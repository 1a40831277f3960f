#pragma once

#include "models/practice/scenarios/scenario.h"

#include <QDialog>
#include <QJsonObject>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace civicdesk {

class PracticeChannel;

// The trainer's side of a live practice call: the join code to read out, the scenario's script
// to play from, the transcript (the trainer's lines as the caller, the trainee's questions), a
// line to type what the caller says (Enter sends it), and the trainee's intake as it fills in,
// read only. Ending the call (Ctrl+E) ends it for the trainee too.
class LiveTrainerWindow : public QDialog
{
    Q_OBJECT

public:
    // `channel` has been opened for `scenario`; it outlives this window.
    LiveTrainerWindow(PracticeChannel &channel, const Scenario &scenario,
                      QWidget *parent = nullptr);

    QLineEdit *lineEdit() const { return m_line; }
    QListWidget *transcript() const { return m_transcript; }
    QPlainTextEdit *intakeView() const { return m_intake; }
    QLabel *codeLabel() const { return m_code; }
    // What the intake view shows, the last mirror received.
    const QJsonObject &lastIntake() const { return m_lastIntake; }

signals:
    void endRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void sendLine();
    void add(const QString &who, const QString &text);
    void retranslate();
    QString script() const;

    PracticeChannel &m_channel;
    Scenario m_scenario;
    QString m_trainee;
    bool m_ended = false;
    QJsonObject m_lastIntake;
    QLabel *m_code;
    QLabel *m_status;
    QLabel *m_scriptLabel;
    QPlainTextEdit *m_script;
    QLabel *m_transcriptLabel;
    QListWidget *m_transcript;
    QLabel *m_lineLabel;
    QLineEdit *m_line;
    QPushButton *m_say;
    QLabel *m_intakeLabel;
    QPlainTextEdit *m_intake;
    QPushButton *m_end;
};

} // namespace civicdesk
